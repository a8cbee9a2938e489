// `npm run seed -- --url http://127.0.0.1:4173 --code <pairing code> [--skus 2000] [--days 730] [--seed 1]`
// Fills a running Trove server with the demo shop (issue #10): pairs as a device with the code
// (`npm run pairing-code` prints one) and pushes the generated mutations through the real sync
// API, 250 per push. Devices that pair afterwards pull the shop. The sales history (--days) is
// generated as data only: the sale mutation has not landed, so it is counted, not written.
import { Hlc } from '../../src/domain/hlc';
import { prepare } from '../../src/domain/sync/registry';
import { demoSales, demoShop } from '../../src/domain/demo/shop';
import { SCHEMA_VERSION } from '../../src/data/schema';

export interface SeedOptions {
  url: string;
  code: string;
  skus: number;
  days: number;
  seed: number;
  log?: (line: string) => void;
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

export async function seedServer(options: SeedOptions): Promise<{ mutations: number; skus: number; saleLines: number }> {
  const log = options.log ?? (() => undefined);
  const base = options.url.replace(/\/$/, '');
  const { deviceId, token } = await post<{ deviceId: string; token: string }>(`${base}/v1/pair`, { code: options.code, deviceName: 'Demo shop seeder' });
  let hlc = Hlc.zero(deviceId);
  let id = 0;
  let skus = 0;
  for (const chunk of demoShop({ skus: options.skus, seed: options.seed })) {
    const rows = chunk.mutations.map((m) => {
      hlc = Hlc.tick(hlc, Date.now());
      id += 1;
      return { id, name: m.name, v: prepare(m.name, m.args).def.version, args: m.args, hlc: Hlc.format(hlc), occurredAt: new Date().toISOString() };
    });
    for (let i = 0; i < rows.length; i += 250) {
      const { results } = await post<{ results: { status: string; reason?: string }[] }>(`${base}/v1/sync/push`, { deviceId, schemaVersion: SCHEMA_VERSION, mutations: rows.slice(i, i + 250) }, token);
      const rejected = results.find((r) => r.status === 'rejected');
      if (rejected) throw new Error(`the server rejected a demo mutation: ${rejected.reason ?? 'no reason'}`);
    }
    skus = chunk.skusDone;
    log(`  ${skus.toLocaleString('en')} / ${options.skus.toLocaleString('en')} SKUs (${id.toLocaleString('en')} mutations)`);
  }
  let saleLines = 0;
  for (const day of demoSales({ skus: options.skus, seed: options.seed, days: options.days })) saleLines += day.lines.length;
  return { mutations: id, skus, saleLines };
}

if (process.argv[1]?.endsWith('seed.ts')) {
  const argv = process.argv.slice(2);
  const value = (name: string, fallback?: string) => {
    const i = argv.indexOf(`--${name}`);
    return i >= 0 ? argv[i + 1] : fallback;
  };
  const url = value('url', process.env['TROVE_URL'] ?? `http://127.0.0.1:${process.env['PORT'] ?? 4173}`)!;
  const code = value('code');
  if (!code) {
    console.error('Usage: npm run seed -- --code <pairing code> [--url http://127.0.0.1:4173] [--skus 2000] [--days 730] [--seed 1]\n(npm run pairing-code prints a code)');
    process.exit(2);
  }
  const options: SeedOptions = { url, code, skus: Number(value('skus', '2000')), days: Number(value('days', '730')), seed: Number(value('seed', '1')), log: (l) => console.log(l) };
  const done = await seedServer(options);
  console.log(`Seeded ${url}: ${done.skus.toLocaleString('en')} SKUs in ${done.mutations.toLocaleString('en')} mutations.`);
  console.log(`Sales history: ${done.saleLines.toLocaleString('en')} sale lines over ${options.days} days generated but not written — the sale mutation has not landed yet.`);
}
