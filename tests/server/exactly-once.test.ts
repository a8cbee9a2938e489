import { request as httpRequest } from 'node:http';
import type { ClientRequest } from 'node:http';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Mutation } from '../../src/domain/sync/mutation';
import type { PairResponse, PullResponse, PushResponse } from '../../src/domain/sync/protocol';
import { spawnServer } from './helpers/child';
import type { ServerProcess } from './helpers/child';
import { STORE_VARIANTS, createTestDatabase } from './helpers/databases';
import type { TestDatabase } from './helpers/databases';
import { api, saveLocation, useSyncServer } from './helpers/sync';
import { useTempDir, writeFakeBuild } from './helpers/temp';

// A push is applied exactly once however it is interrupted: the answer lost on the way back, or
// the server killed while the push transaction runs.

/**
 * Sends a push with a raw request; `onWritten` runs once the whole body is out. Resolves with
 * whether an answer came back ('answered') or the connection broke first ('cut').
 */
function rawPush(
  url: string,
  token: string,
  body: string,
  onWritten: (req: ClientRequest) => void,
): Promise<{ outcome: 'answered' | 'cut'; ms: number; status?: number }> {
  const { hostname, port } = new URL(url);
  const started = Date.now();
  return new Promise((resolve) => {
    const req = httpRequest({
      host: hostname,
      port,
      path: '/v1/sync/push',
      method: 'POST',
      agent: false,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) },
    });
    req.on('response', (res) => {
      res.resume();
      res.on('end', () => resolve({ outcome: 'answered', ms: Date.now() - started, status: res.statusCode }));
    });
    req.on('error', () => resolve({ outcome: 'cut', ms: Date.now() - started }));
    req.end(body, () => onWritten(req));
  });
}

const pushBody = (deviceId: string, mutations: Mutation[]): string => JSON.stringify({ deviceId, schemaVersion: 1, mutations });
const range = (n: number): Mutation[] => Array.from({ length: n }, (_, i) => saveLocation(i + 1));

async function waitFor(check: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('timed out waiting for the server');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

for (const variant of STORE_VARIANTS) {
  describe.skipIf(variant.skip)(`lost push response ${variant.tag}`, () => {
    const sync = useSyncServer(variant);

    it('answers the resent push with duplicates (and the first outcome) and applies it once', async () => {
      const device = await sync.pair('owner');
      // Big enough that the server is still applying it when the socket goes, even on a busy machine.
      const mutations = [...range(1999), { ...saveLocation(2000), name: 'no.such.mutation' }];
      const before = await sync.shopVersion();
      // The socket is destroyed the moment the body is out: no answer is ever read.
      const first = await rawPush(sync.url, device.token, pushBody(device.deviceId, mutations), (req) => req.destroy());
      expect(first.outcome).toBe('cut');
      const lastId = async (): Promise<number> =>
        (
          await sync.server.store.db
            .selectFrom('devices')
            .select('last_mutation_id')
            .where('id', '=', device.deviceId)
            .executeTakeFirstOrThrow()
        ).last_mutation_id;
      await waitFor(async () => (await lastId()) === 2000);
      expect(await sync.shopVersion()).toBe(before + 1999);

      const resent = await sync.pushOk(device, mutations);
      expect(resent.lastMutationId).toBe(2000);
      expect(resent.results.slice(0, 1999).every((r) => r.status === 'duplicate' && r.original === 'applied')).toBe(true);
      expect(resent.results[1999]).toMatchObject({ status: 'duplicate', original: 'rejected', reason: 'unknown-mutation' });
      expect(await sync.shopVersion()).toBe(before + 1999);
      const locations = (await sync.pullAll(device)).flatMap((p) => p.records).filter((r) => r.table === 'locations');
      expect(locations).toHaveLength(1999);
    });
  });

  describe.skipIf(variant.skip)(`concurrent pushes ${variant.tag}`, () => {
    const sync = useSyncServer(variant);

    it('applies the same push sent twice at once exactly once (pushes take turns on the shop row)', async () => {
      const device = await sync.pair('owner');
      const mutations = range(200);
      const before = await sync.shopVersion();
      const [a, b] = await Promise.all([sync.push(device, mutations), sync.push(device, mutations)]);
      expect([a.status, b.status]).toEqual([200, 200]);
      const statuses = [a, b].map((res) => new Set((res.json() as PushResponse).results.map((r) => r.status)));
      expect(statuses.map((set) => [...set].join()).sort()).toEqual(['applied', 'duplicate']);
      expect(await sync.shopVersion()).toBe(before + 200);
    });
  });

  describe.skipIf(variant.skip)(`server killed mid-push ${variant.tag}`, () => {
    const temp = useTempDir();
    let database: TestDatabase;
    let env: Record<string, string>;
    const running: ServerProcess[] = [];

    beforeAll(async () => {
      database = await createTestDatabase(variant.kind);
      env = { PORT: '0', TROVE_DATA_DIR: join(temp.path, 'data'), TROVE_STATIC_DIR: writeFakeBuild(temp.path) };
      if (database.databaseUrl !== undefined) env.DATABASE_URL = database.databaseUrl;
    });
    afterEach(() => {
      for (const proc of running.splice(0)) proc.kill();
    });
    afterAll(async () => {
      await database.dispose();
    });

    const start = async (): Promise<{ proc: ServerProcess; url: string }> => {
      const proc = spawnServer(env);
      running.push(proc);
      const [, url = ''] = await proc.waitForLine(/^Trove listening on (http:\S+)$/);
      return { proc, url };
    };

    it('after SIGKILL during a 4,000-mutation push, holds all of it or none, and a resend applies each once', async () => {
      const N = 4000;
      const { proc, url } = await start();
      const [, code = ''] = await proc.waitForLine(/^Pairing code: (\S+)$/);
      const owner = (await api(url, 'POST', '/v1/pair', { body: { code, deviceName: 'Owner' } })).json() as PairResponse;

      // Time a push of the same size first, so the kill can land in the middle of the next one.
      const warmUp = await rawPush(url, owner.token, pushBody(owner.deviceId, range(N)), () => undefined);
      expect(warmUp.outcome).toBe('answered');
      // On a busy machine the server may finish before the kill: then try again, killing sooner,
      // with a fresh device and fresh locations (the answered push is complete and proves nothing
      // about a kill; reusing its locations would let the resend overwrite them — 8,000 ≠ 12,000).
      let device: PairResponse | undefined;
      let body = '';
      let answered = 0;
      for (const fraction of [0.5, 0.25, 0.1, 0.02]) {
        const issued = (await api(url, 'POST', '/v1/devices/pairing-codes', { token: owner.token })).json() as { code: string };
        device = (await api(url, 'POST', '/v1/pair', { body: { code: issued.code, deviceName: 'Counter' } })).json() as PairResponse;
        body = pushBody(device.deviceId, range(N));
        let timer: ReturnType<typeof setTimeout> | undefined;
        const killed = await rawPush(url, device.token, body, () => (timer = setTimeout(() => proc.child.kill('SIGKILL'), warmUp.ms * fraction)));
        if (killed.outcome === 'cut') break;
        clearTimeout(timer);
        // Only a push the server accepted wrote its rows (a refusal — e.g. the database busy on a
        // loaded machine — wrote none, all or nothing).
        if (killed.status === 200) answered += 1;
      }
      expect(await proc.exited()).toBe('SIGKILL');
      if (!device) throw new Error('no device');

      const again = await start();
      const pull = async (): Promise<PullResponse[]> => {
        const pages: PullResponse[] = [];
        for (let cursor = 0, more = true; more;) {
          const page = (
            await api(again.url, 'POST', '/v1/sync/pull', { token: device.token, body: { cursor, limit: 5000 } })
          ).json() as PullResponse;
          pages.push(page);
          ({ cursor, hasMore: more } = page);
        }
        return pages;
      };
      const afterKill = (await pull()).at(-1)?.lastMutationIds[device.deviceId];
      expect([0, N]).toContain(afterKill);

      const resent = await api(again.url, 'POST', '/v1/sync/push', { token: device.token, body: JSON.parse(body) as unknown });
      expect(resent.status).toBe(200);
      const results = (resent.json() as PushResponse).results;
      expect(results).toHaveLength(N);
      expect(new Set(results.map((r) => r.status))).toEqual(new Set([afterKill === 0 ? 'applied' : 'duplicate']));

      const pages = await pull();
      expect(pages.at(-1)?.lastMutationIds[device.deviceId]).toBe(N);
      // Every mutation wrote one location at its own version: the warm-up, any push that finished
      // before its kill, and the killed one — each N rows, versions 1..total, none twice.
      const total = (2 + answered) * N;
      const versions = pages
        .flatMap((p) => p.records)
        .filter((r) => r.table === 'locations')
        .map((r) => r.version);
      expect(versions).toHaveLength(total);
      expect(new Set(versions).size).toBe(total);
      expect(pages.at(-1)?.cursor).toBe(total);
    });
  });
}
