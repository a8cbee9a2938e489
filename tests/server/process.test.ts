import { writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import type { Server } from 'node:net';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { STORE_VARIANTS, createTestDatabase } from './helpers/databases';
import type { TestDatabase } from './helpers/databases';
import { spawnServer } from './helpers/child';
import type { ServerProcess } from './helpers/child';
import { request } from './helpers/http';
import { useTempDir, writeFakeBuild } from './helpers/temp';

// `npm start` as a real child process: the start-up line, clean shutdown and the one-line errors.

const LISTENING = /^Trove listening on (http:\/\/127\.0\.0\.1:(\d+))$/;
const running: ServerProcess[] = [];
afterEach(() => {
  for (const proc of running.splice(0)) proc.kill();
});

function start(env: Record<string, string>): ServerProcess {
  const proc = spawnServer(env);
  running.push(proc);
  return proc;
}

/** The process must fail with exit code 1 and exactly `message` as its only stderr line. */
async function expectStartupFailure(proc: ServerProcess, message: string | RegExp): Promise<void> {
  expect(await proc.exited()).toBe(1);
  const lines = proc.stderr().trimEnd().split('\n');
  expect(lines, proc.stderr()).toHaveLength(1);
  if (typeof message === 'string') expect(lines[0]).toBe(message);
  else expect(lines[0]).toMatch(message);
  expect(proc.stderr()).not.toMatch(/^\s+at /m);
  expect(proc.stdout()).not.toContain('Trove listening on');
}

for (const variant of STORE_VARIANTS) {
  describe.skipIf(variant.skip)(`npm start ${variant.tag}`, () => {
    const temp = useTempDir();
    let database: TestDatabase;
    let env: Record<string, string>;

    beforeAll(async () => {
      database = await createTestDatabase(variant.kind);
      env = { PORT: '0', TROVE_DATA_DIR: join(temp.path, 'data'), TROVE_STATIC_DIR: writeFakeBuild(temp.path) };
      if (database.databaseUrl !== undefined) env.DATABASE_URL = database.databaseUrl;
    });
    afterAll(async () => {
      await database.dispose();
    });

    it.each(['SIGTERM', 'SIGINT'] as const)(
      'prints "Trove listening on <url>" with the real port, serves, and exits 0 on %s',
      async (signal) => {
        const proc = start(env);
        const [line, url = '', port = ''] = await proc.waitForLine(LISTENING);
        expect(Number(port)).toBeGreaterThan(0);
        expect(
          proc
            .stdout()
            .split('\n')
            .filter((l) => l.startsWith('Trove listening on')),
        ).toEqual([line]);
        expect((await request(url, '/healthz')).json()).toEqual({ ok: true });

        proc.child.kill(signal);
        expect(await proc.exited()).toBe(0);
        expect(proc.stderr()).toBe('');
        await expect(request(url, '/healthz')).rejects.toThrow(/ECONNREFUSED/);
      },
    );
  });
}

describe('npm start errors', () => {
  const temp = useTempDir();
  let staticDir: string;
  let blocker: Server;
  let blockedPort: number;

  beforeAll(async () => {
    staticDir = writeFakeBuild(temp.path);
    blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const address = blocker.address();
    blockedPort = typeof address === 'object' && address !== null ? address.port : 0;
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => blocker.close(() => resolve()));
  });
  const base = (): Record<string, string> => ({ PORT: '0', TROVE_DATA_DIR: join(temp.path, 'data'), TROVE_STATIC_DIR: staticDir });

  it('port in use', async () => {
    await expectStartupFailure(
      start({ ...base(), PORT: String(blockedPort) }),
      `Port ${blockedPort} on 127.0.0.1 is already in use — stop the other process or set PORT`,
    );
  });

  it.each([
    ['abc', 'Invalid PORT "abc": expected a whole number from 0 to 65535'],
    ['70000', 'Invalid PORT "70000": expected a whole number from 0 to 65535'],
  ])('invalid PORT=%s', async (port, message) => {
    await expectStartupFailure(start({ ...base(), PORT: port }), message);
  });

  it('data folder that cannot be created', async () => {
    const file = join(temp.path, 'plain-file');
    writeFileSync(file, '');
    const dataDir = join(file, 'data');
    await expectStartupFailure(
      start({ ...base(), TROVE_DATA_DIR: dataDir }),
      `Cannot create the data folder ${dataDir} (TROVE_DATA_DIR): a part of the path is a file, not a folder — create it or set TROVE_DATA_DIR to a writable folder`,
    );
  });

  it('data folder path taken by a file', async () => {
    const file = join(temp.path, 'taken');
    writeFileSync(file, '');
    await expectStartupFailure(
      start({ ...base(), TROVE_DATA_DIR: file }),
      `Cannot create the data folder ${file} (TROVE_DATA_DIR): a file with that name is in the way — create it or set TROVE_DATA_DIR to a writable folder`,
    );
  });

  it('database unreachable: names host:port, never the password', async () => {
    const port = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, '127.0.0.1', () => {
        const address = probe.address();
        probe.close(() => resolve(typeof address === 'object' && address !== null ? address.port : 0));
      });
    });
    const proc = start({ ...base(), DATABASE_URL: `postgres://owner:sup3rsecret@127.0.0.1:${port}/trove` });
    await expectStartupFailure(
      proc,
      `Cannot connect to PostgreSQL at 127.0.0.1:${port} (DATABASE_URL): connection refused — is PostgreSQL running there?`,
    );
    expect(proc.stderr() + proc.stdout()).not.toContain('sup3rsecret');
  });

  it('TLS certificate file missing', async () => {
    const cert = join(temp.path, 'missing-cert.pem');
    const key = join(temp.path, 'missing-key.pem');
    await expectStartupFailure(
      start({ ...base(), TROVE_TLS_CERT: cert, TROVE_TLS_KEY: key }),
      `Cannot read the TLS certificate ${cert} (TROVE_TLS_CERT): it does not exist`,
    );
  });

  it('only one of the TLS variables set', async () => {
    await expectStartupFailure(
      start({ ...base(), TROVE_TLS_CERT: join(temp.path, 'cert.pem') }),
      'HTTPS needs both TROVE_TLS_CERT and TROVE_TLS_KEY, but TROVE_TLS_KEY is not set — set both, or neither for plain HTTP',
    );
  });
});
