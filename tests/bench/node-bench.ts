import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import 'fake-indexeddb/auto';
import { spawnServer, type ServerProcess } from '../server/helpers/child';
import { Hlc } from '../../src/domain/hlc';
import { loadAllMutations, prepare } from '../../src/domain/sync/registry';
import { BatchWriter } from '../../src/data/commands/batch-writer';
import { syncOnce } from '../../src/sync/client';
import { pairDevice } from '../../src/sync/pairing';
import { httpTransport } from '../../src/sync/http';
import { testEnv } from '../factories/env';
import { SCHEMA_VERSION } from '../../src/data/schema';
import { demoMutations } from './mutations';
import { summarize, timed, type Summary } from './stats';

// Back-office mutations load on first use (registry.ts); these use prepare()/the map directly.
await loadAllMutations();

export interface BenchServer {
  url: string;
  ownerCode: string;
  stop(): Promise<void>;
}

/** The real server (`npm start`'s entry) as a child process on a free port with a fresh data folder. */
export async function benchServer(databaseUrl?: string, staticDir?: string): Promise<BenchServer> {
  const dir = mkdtempSync(path.join(tmpdir(), 'trove-bench-'));
  const env: Record<string, string> = { PORT: '0', HOST: '127.0.0.1', TROVE_DATA_DIR: dir, TROVE_STATIC_DIR: staticDir ?? dir };
  if (databaseUrl) env['DATABASE_URL'] = databaseUrl;
  const child: ServerProcess = spawnServer(env);
  const [, url] = await child.waitForLine(/Trove listening on (\S+)/, 60_000);
  const [, code] = await child.waitForLine(/Pairing code: (\S+)/, 20_000);
  return {
    url: url!,
    ownerCode: code!,
    async stop() {
      child.kill();
      await child.exited(10_000).catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function post<T>(url: string, body: unknown, token?: string): Promise<T> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${url}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

export interface IngestResult {
  /** Mutations per second of each push request (one request = `batch` mutations). */
  perRequest: Summary;
  /** All mutations over the wall time of all requests. */
  overall: number;
  mutations: number;
  batch: number;
}

/**
 * Server ingest: a paired device pushes the demo shop's mutations straight over HTTP (no device
 * database in the way), `batch` per request, each applied by the server in one transaction.
 */
export async function ingestBench(server: BenchServer, count: number, batch = 250): Promise<IngestResult> {
  const { deviceId, token } = await post<{ deviceId: string; token: string }>(`${server.url}/v1/pair`, {
    code: server.ownerCode,
    deviceName: 'bench',
  });
  const mutations = demoMutations(count, 21);
  let hlc = Hlc.zero(deviceId);
  const rows = mutations.map((m, i) => {
    hlc = Hlc.tick(hlc, Date.now());
    return {
      id: i + 1,
      name: m.name,
      v: prepare(m.name, m.args).def.version,
      args: m.args,
      hlc: Hlc.format(hlc),
      occurredAt: new Date().toISOString(),
    };
  });
  const rates: number[] = [];
  let total = 0;
  for (let i = 0; i < rows.length; i += batch) {
    const slice = rows.slice(i, i + batch);
    const [ms, response] = await timed(() =>
      post<{ results: { status: string }[] }>(
        `${server.url}/v1/sync/push`,
        { deviceId, schemaVersion: SCHEMA_VERSION, mutations: slice },
        token,
      ),
    );
    const bad = response.results.filter((r) => r.status === 'rejected');
    if (bad.length > 0) throw new Error(`ingest: ${bad.length} mutations rejected: ${JSON.stringify(bad[0])}`);
    rates.push((slice.length / ms) * 1000);
    total += ms;
  }
  return { perRequest: summarize(rates), overall: (rows.length / total) * 1000, mutations: rows.length, batch };
}

export interface SyncResult {
  push: Summary;
  pull: Summary;
  total: Summary;
  mutations: number;
}

/**
 * Push + pull of `count` mutations between two devices through the real server, with the real
 * sync client (syncOnce) over HTTP; the devices' IndexedDB is fake-indexeddb in Node. Each
 * repetition uses a fresh server and fresh devices.
 */
export async function syncBench(count: number, reps: number, databaseUrl?: string): Promise<SyncResult> {
  const push: number[] = [];
  const pull: number[] = [];
  const total: number[] = [];
  const mutations = demoMutations(count, 33);
  for (let r = 0; r < reps; r += 1) {
    const server = await benchServer(databaseUrl);
    try {
      const transport = httpTransport(server.url);
      const a = testEnv();
      a.clock.set(Date.now());
      await pairDevice({ db: a.db, random: a.random, transport }, server.ownerCode, 'bench A');
      for (let i = 0; i < mutations.length; i += 500) await new BatchWriter(a).run(mutations.slice(i, i + 500), { ids: [], finds: [] });
      const [pushMs, pushed] = await timed(() => syncOnce({ ...a, transport }));
      if (pushed.pushed !== mutations.length) throw new Error(`pushed ${pushed.pushed} of ${mutations.length}`);
      const token = (await a.db.syncState.get('device'))!.token!;
      const { code } = await post<{ code: string }>(`${server.url}/v1/devices/pairing-codes`, { role: 'staff' }, token);
      const b = testEnv();
      b.clock.set(Date.now());
      await pairDevice({ db: b.db, random: b.random, transport }, code, 'bench B');
      const [pullMs, pulled] = await timed(() => syncOnce({ ...b, transport }));
      if (pulled.pulledRecords === 0) throw new Error('device B pulled nothing');
      push.push(pushMs);
      pull.push(pullMs);
      total.push(pushMs + pullMs);
      a.db.close();
      b.db.close();
    } finally {
      await server.stop();
    }
  }
  return { push: summarize(push), pull: summarize(pull), total: summarize(total), mutations: mutations.length };
}
