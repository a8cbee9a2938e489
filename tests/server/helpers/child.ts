import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

export interface ServerProcess {
  readonly child: ChildProcess;
  stdout(): string;
  stderr(): string;
  /** Resolves with the first stdout line matching `pattern`; rejects if the process exits first. */
  waitForLine(pattern: RegExp, timeoutMs?: number): Promise<RegExpMatchArray>;
  /** Resolves with the exit code (or the signal name) once the process has ended. */
  exited(timeoutMs?: number): Promise<number | string>;
  /** SIGKILL by pid if still running; for cleanup in afterEach. */
  kill(): void;
}

/**
 * Starts `node --import tsx src/server/start.ts` exactly as `npm start` does, with `env` added to
 * a minimal environment (no inherited PORT/DATABASE_URL from the developer's shell).
 */
export function spawnServer(env: Record<string, string>): ServerProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/start.ts'], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (err += chunk));
  const exit = new Promise<number | string>((resolve) => {
    child.on('exit', (code, signal) => resolve(code ?? signal ?? 'unknown'));
  });

  const withTimeout = <T>(promise: Promise<T>, ms: number, what: string): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${what} timed out; stdout=${out} stderr=${err}`)), ms);
      promise.then(
        (value) => {
          clearTimeout(timer);
          resolve(value);
        },
        (error: unknown) => {
          clearTimeout(timer);
          reject(error instanceof Error ? error : new Error(String(error)));
        },
      );
    });

  return {
    child,
    stdout: () => out,
    stderr: () => err,
    waitForLine: (pattern, timeoutMs = 20_000) =>
      withTimeout(
        new Promise<RegExpMatchArray>((resolve, reject) => {
          const check = (): void => {
            const match = out
              .split('\n')
              .map((line) => line.match(pattern))
              .find((m) => m !== null);
            if (match) resolve(match);
          };
          child.stdout?.on('data', check);
          check();
          void exit.then((code) => reject(new Error(`server exited (${code}) before ${pattern}; stderr=${err}`)));
        }),
        timeoutMs,
        `waiting for ${pattern}`,
      ),
    exited: (timeoutMs = 20_000) => withTimeout(exit, timeoutMs, 'waiting for exit'),
    kill: () => {
      if (child.exitCode === null && child.signalCode === null && child.pid !== undefined) child.kill('SIGKILL');
    },
  };
}
