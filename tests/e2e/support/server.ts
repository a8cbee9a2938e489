import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export interface RunningServer {
  url: string;
  /** This server's private copy of the built app (a spec may change it, e.g. a new sw.js). */
  staticDir: string;
  dataDir: string;
  /** Waits for the owner pairing code the server prints at start-up. */
  pairingCode(): Promise<string>;
  stop(): Promise<void>;
  /** Starts the server again on the same port with the same data. */
  restart(): Promise<void>;
}

const ROOT = path.resolve(import.meta.dirname, '../../..');
/** Where the global setup builds the app (default dist/; `TROVE_E2E_DIST` for a parallel run). */
export const E2E_DIST = path.resolve(ROOT, process.env['TROVE_E2E_DIST'] ?? 'dist');

interface Launched {
  child: ChildProcess;
  url: string;
  output: () => string;
}

function launch(env: NodeJS.ProcessEnv): Promise<Launched> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/start.ts'], {
      cwd: ROOT,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /Trove listening on (\S+)/.exec(output);
      if (match) resolve({ child, url: match[1]!, output: () => output });
    });
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('exit', (code) => reject(new Error(`server exited (${code}) before listening:\n${output}`)));
  });
}

/** Starts the real server (npm start's entry point) on a free port with a fresh data folder. */
export async function startServer(): Promise<RunningServer> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'trove-e2e-data-'));
  const staticDir = mkdtempSync(path.join(tmpdir(), 'trove-e2e-static-'));
  cpSync(E2E_DIST, staticDir, { recursive: true });
  const env = { PORT: '0', HOST: '127.0.0.1', TROVE_DATA_DIR: dataDir, TROVE_STATIC_DIR: staticDir, DATABASE_URL: '' };
  let current = await launch(env);
  const url = current.url;
  const port = new URL(url).port;

  const stop = () =>
    new Promise<void>((resolve) => {
      if (current.child.exitCode !== null || current.child.signalCode !== null) return resolve();
      current.child.once('exit', () => resolve());
      current.child.kill('SIGKILL');
    });

  return {
    url,
    staticDir,
    dataDir,
    async pairingCode() {
      for (let i = 0; i < 100; i += 1) {
        const match = /Pairing code: (\S+)/.exec(current.output());
        if (match) return match[1]!;
        await new Promise((r) => setTimeout(r, 50));
      }
      throw new Error(`no pairing code printed:\n${current.output()}`);
    },
    stop,
    async restart() {
      await stop();
      current = await launch({ ...env, PORT: port });
    },
  };
}

export async function disposeServer(server: RunningServer): Promise<void> {
  await server.stop();
  rmSync(server.dataDir, { recursive: true, force: true });
  rmSync(server.staticDir, { recursive: true, force: true });
}
