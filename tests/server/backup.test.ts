import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import type { PairResponse, PullResponse } from '../../src/domain/sync/protocol';
import { backupFileName } from '../../src/server/backup';
import { spawnServer, type ServerProcess } from './helpers/child';
import { api, saveLocation } from './helpers/sync';
import { useTempDir, writeFakeBuild } from './helpers/temp';

// The server backup command (issue 8 point 3): `npm run backup` copies the live SQLite database.

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const LISTENING = /^Trove listening on (http:\/\/127\.0\.0\.1:\d+)$/m;
const running: ServerProcess[] = [];
afterEach(() => {
  for (const proc of running.splice(0)) proc.kill();
});

function runBackup(env: Record<string, string>, args: string[] = []): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('npm', ['run', '--silent', 'backup', '--', ...args], {
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

async function start(env: Record<string, string>): Promise<{ url: string; code: string }> {
  const proc = spawnServer(env);
  running.push(proc);
  const [, url = ''] = await proc.waitForLine(LISTENING);
  const [, code = ''] = (await proc.waitForLine(/^Pairing code: (\S+)$/m).catch(() => [])) ?? [];
  return { url, code };
}

async function locationNames(url: string, device: PairResponse): Promise<string[]> {
  const page = (await api(url, 'POST', '/v1/sync/pull', { token: device.token, body: { cursor: 0, limit: 5000 } })).json() as PullResponse;
  return page.records.filter((r) => r.table === 'locations').map((r) => (r.data as unknown as { values: { name: string } }).values.name);
}

describe('server backup', () => {
  const temp = useTempDir();

  it('names backups by UTC time, safe as a file name', () => {
    expect(backupFileName(new Date('2026-11-27T10:53:01.123Z'))).toBe('trove-2026-11-27T10-53-01Z.sqlite');
  });

  it('copies the live SQLite database; a server started on the copy has every record', async () => {
    const live = { PORT: '0', TROVE_DATA_DIR: join(temp.path, 'live'), TROVE_STATIC_DIR: writeFakeBuild(temp.path) };
    const { url, code } = await start(live);
    const device = (await api(url, 'POST', '/v1/pair', { body: { code, deviceName: 'Owner tablet' } })).json() as PairResponse;
    const push = await api(url, 'POST', '/v1/sync/push', {
      token: device.token,
      body: {
        deviceId: device.deviceId,
        schemaVersion: 1,
        mutations: [saveLocation(1, 'Shop floor', randomUUID()), saveLocation(2, 'Stall', randomUUID())],
      },
    });
    expect(push.status).toBe(200);

    // Taken while the server runs; a second run refuses to overwrite the file.
    const target = join(temp.path, 'copies', 'before-upgrade.sqlite');
    const result = await runBackup(live, [target]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/^Backup written: .*before-upgrade\.sqlite \(\d+ records\)/);
    const again = await runBackup(live, [target]);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('already exists');

    // Restore = put the copy where a server looks for its database.
    const restoredDir = join(temp.path, 'restored');
    const { mkdirSync, copyFileSync } = await import('node:fs');
    mkdirSync(restoredDir);
    copyFileSync(target, join(restoredDir, 'trove.sqlite'));
    const restored = await start({ ...live, TROVE_DATA_DIR: restoredDir });
    expect((await locationNames(restored.url, device)).sort()).toEqual(['Shop floor', 'Stall']);
  });

  it('without a file argument writes into the data folder’s backups/; with PostgreSQL it says to use pg_dump', async () => {
    const live = { TROVE_DATA_DIR: join(temp.path, 'live') };
    const result = await runBackup(live);
    expect(result.code, result.stderr).toBe(0);
    const [, path = ''] = /^Backup written: (\S+)/.exec(result.stdout) ?? [];
    expect(path.startsWith(join(temp.path, 'live', 'backups', 'trove-'))).toBe(true);
    expect(existsSync(path)).toBe(true);

    const pg = await runBackup({ ...live, DATABASE_URL: 'postgres://trove@127.0.0.1:1/trove' });
    expect(pg.code).toBe(0);
    expect(pg.stdout).toContain('pg_dump');

    const missing = await runBackup({ TROVE_DATA_DIR: join(temp.path, 'nothing-here') });
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('nothing to back up');
  });
});
