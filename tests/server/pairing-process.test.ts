import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { PairResponse } from '../../src/domain/sync/protocol';
import { spawnServer } from './helpers/child';
import type { ServerProcess } from './helpers/child';
import { STORE_VARIANTS, createTestDatabase } from './helpers/databases';
import type { TestDatabase } from './helpers/databases';
import { request } from './helpers/http';
import { api } from './helpers/sync';
import { useTempDir, writeFakeBuild } from './helpers/temp';

// The operator's side of pairing (ARCHITECTURE §9): the start-up line and `npm run pairing-code`.

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const LISTENING = /^Trove listening on (http:\/\/127\.0\.0\.1:\d+)$/;
const PAIRING_LINE = /^Pairing code: ([A-Z2-9]{4}-[A-Z2-9]{4})$/;

const running: ServerProcess[] = [];
afterEach(() => {
  for (const proc of running.splice(0)) proc.kill();
});

/** `npm run pairing-code` with the server's environment; resolves with exit code and output. */
function runPairingCodeScript(env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('npm', ['run', 'pairing-code'], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

for (const variant of STORE_VARIANTS) {
  describe.skipIf(variant.skip)(`operator pairing codes ${variant.tag}`, () => {
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

    const start = async (): Promise<{ proc: ServerProcess; url: string }> => {
      const proc = spawnServer(env);
      running.push(proc);
      const [, url = ''] = await proc.waitForLine(LISTENING);
      return { proc, url };
    };
    const pairingLines = (proc: ServerProcess): string[] =>
      proc
        .stdout()
        .split('\n')
        .filter((line) => line.startsWith('Pairing code:'));

    it('prints an owner pairing code right after the listening line until an owner device is paired', async () => {
      const first = await start();
      const lines = first.proc.stdout().trimEnd().split('\n');
      expect(lines[0]).toMatch(LISTENING);
      const [, code = ''] = lines[1]?.match(PAIRING_LINE) ?? [];
      expect(code).not.toBe('');

      const paired = await api(first.url, 'POST', '/v1/pair', { body: { code, deviceName: 'Owner laptop' } });
      expect(paired.status).toBe(200);
      expect((paired.json() as PairResponse).role).toBe('owner');
      first.proc.child.kill('SIGTERM');
      expect(await first.proc.exited()).toBe(0);

      const second = await start();
      // The line is written together with the listening line, so it would be there by now.
      expect((await request(second.url, '/healthz')).status).toBe(200);
      expect(pairingLines(second.proc)).toEqual([]);

      // Revoking the only owner device brings the line back on the next start.
      const owner = paired.json() as PairResponse;
      expect((await api(second.url, 'DELETE', `/v1/devices/${owner.deviceId}`, { token: owner.token })).status).toBe(200);
      second.proc.child.kill('SIGTERM');
      expect(await second.proc.exited()).toBe(0);
      const third = await start();
      expect(third.proc.stdout().trimEnd().split('\n')[1]).toMatch(PAIRING_LINE);
    });

    it('`npm run pairing-code` prints a fresh owner code while the server runs', async () => {
      const { url } = await start();
      const result = await runPairingCodeScript(env);
      expect(result.code, result.stderr).toBe(0);
      const lines = result.stdout.split('\n').filter((line) => line.startsWith('Pairing code:'));
      expect(lines).toHaveLength(1);
      const [, code = ''] = lines[0]?.match(PAIRING_LINE) ?? [];
      expect(code).not.toBe('');
      expect(result.stderr).toBe('');

      const res = await api(url, 'POST', '/v1/pair', { body: { code, deviceName: 'Replacement laptop' } });
      expect(res.status).toBe(200);
      expect((res.json() as PairResponse).role).toBe('owner');
      // One-time: the same code never pairs twice.
      expect((await api(url, 'POST', '/v1/pair', { body: { code, deviceName: 'Again' } })).status).toBe(401);
    });
  });
}
