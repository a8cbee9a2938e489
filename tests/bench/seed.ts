// `npm run seed -- --url http://127.0.0.1:4173 --code <pairing code> [--skus 2000] [--days 730] [--seed 1]`
// Fills a running Trove server with the demo shop (issue #10): pairs as a device with the code
// (`npm run pairing-code` prints one) and pushes the generated mutations through the real sync
// API, 250 per push. Then the sales history (--days; 0 for none): one shift per day on the
// seeder's register (`shift.open`, and `shift.close` with the drawer counted exactly), the day's
// sales through `sale.complete` (1–3 lines, card or cash), which consume the FIFO layers the
// catalogue received; a best seller about to run out is restocked first (`stock.receive`, a new
// layer at a drifted cost), and a one-of-a-kind piece sells once (again if it was returned). A few %
// of sales come back within 30 days (`return.create`: to the card or cash, or onto store credit —
// some exchanged at once for another size), and every four weeks a category's display cases are
// counted before opening (`count.open`, `count.record`, `count.apply`: a little shrinkage, a little
// found). The catalogue is dated the day before the history starts, so counts and reports see the
// stock arrive first. The server applies each with the same code as a device. Devices that pair
// afterwards pull the shop and its history.
import { Hlc } from '../../src/domain/hlc';
import { loadAllMutations, prepare } from '../../src/domain/sync/registry';
import { demoSales, demoShop, type DemoMutation } from '../../src/domain/demo/shop';
import { historyMutations, learnCatalogue, newHistoryCounts, type HistoryCounts, type SellableItem } from '../../src/domain/demo/history';
import { SCHEMA_VERSION } from '../../src/data/schema';

// Back-office mutations load on first use (registry.ts); these use prepare()/the map directly.
await loadAllMutations();

export interface SeedOptions {
  url: string;
  code: string;
  skus: number;
  days: number;
  seed: number;
  log?: (line: string) => void;
}

export interface SeedResult extends HistoryCounts {
  /** All mutations pushed (catalogue and history). */
  mutations: number;
  skus: number;
  /** Sale lines the generator made for the period. */
  saleLines: number;
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

/** What the history needs to know of each item the catalogue made, in the order it made them. */

export async function seedServer(options: SeedOptions): Promise<SeedResult> {
  const log = options.log ?? (() => undefined);
  const base = options.url.replace(/\/$/, '');
  const { deviceId, token, registerCode } = await post<{ deviceId: string; token: string; registerCode: string }>(`${base}/v1/pair`, {
    code: options.code,
    deviceName: 'Demo shop seeder',
  });
  let hlc = Hlc.zero(deviceId);
  let id = 0;
  const push = async (list: (DemoMutation & { at?: string })[], dated?: string) => {
    const rows = list.map((m) => {
      hlc = Hlc.tick(hlc, Date.now());
      id += 1;
      return {
        id,
        name: m.name,
        v: prepare(m.name, m.args).def.version,
        args: m.args,
        hlc: Hlc.format(hlc),
        occurredAt: m.at ?? dated ?? new Date().toISOString(),
      };
    });
    for (let i = 0; i < rows.length; i += 250) {
      const { results } = await post<{ results: { status: string; reason?: string; message?: string }[] }>(
        `${base}/v1/sync/push`,
        { deviceId, schemaVersion: SCHEMA_VERSION, mutations: rows.slice(i, i + 250) },
        token,
      );
      const at = results.findIndex((r) => r.status === 'rejected');
      if (at >= 0) {
        const bad = rows[i + at]!;
        throw new Error(
          `the server rejected demo mutation ${bad.name}: ${results[at]!.reason ?? 'no reason'} ${results[at]!.message ?? ''}`,
        );
      }
    }
  };
  const result: SeedResult = { mutations: 0, skus: 0, saleLines: 0, ...newHistoryCounts() };
  // With a history, the shop opened the day before its first day of trading (08:00 UTC).
  let firstDay: string | undefined;
  for (const day of demoSales({ skus: options.skus, seed: options.seed, days: options.days })) {
    firstDay ??= day.day;
    result.saleLines += day.lines.length;
  }
  const opened = firstDay ? new Date(Date.parse(`${firstDay}T08:00:00Z`) - 24 * 60 * 60 * 1000).toISOString() : undefined;
  const items: SellableItem[] = [];
  const byId = new Map<string, SellableItem>();
  const floor: { id?: string } = {};
  for (const chunk of demoShop({ skus: options.skus, seed: options.seed })) {
    learnCatalogue(items, byId, chunk.mutations, floor);
    await push(chunk.mutations, opened);
    result.skus = chunk.skusDone;
    log(`  ${result.skus.toLocaleString('en')} / ${options.skus.toLocaleString('en')} SKUs (${id.toLocaleString('en')} mutations)`);
  }
  if (options.days > 0 && items.length > 0) {
    const history = historyMutations(
      items,
      { skus: options.skus, seed: options.seed, days: options.days, floorId: floor.id!, registerCode },
      result,
    );
    let batch: (DemoMutation & { at: string })[] = [];
    let days = 0;
    for (const m of history) {
      batch.push(m);
      if (m.name === 'shift.open') days += 1;
      if (batch.length >= 1000) {
        await push(batch);
        batch = [];
        log(
          `  sales history: day ${days} / ${options.days}, ${result.sales.toLocaleString('en')} sales (${id.toLocaleString('en')} mutations)`,
        );
      }
    }
    await push(batch);
  }
  result.mutations = id;
  return result;
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
    console.error(
      'Usage: npm run seed -- --code <pairing code> [--url http://127.0.0.1:4173] [--skus 2000] [--days 730] [--seed 1]\n(npm run pairing-code prints a code)',
    );
    process.exit(2);
  }
  const options: SeedOptions = {
    url,
    code,
    skus: Number(value('skus', '2000')),
    days: Number(value('days', '730')),
    seed: Number(value('seed', '1')),
    log: (l) => console.log(l),
  };
  const started = Date.now();
  const done = await seedServer(options);
  console.log(
    `Seeded ${url} in ${((Date.now() - started) / 1000).toFixed(0)} s: ${done.skus.toLocaleString('en')} SKUs and their history in ${done.mutations.toLocaleString('en')} mutations.`,
  );
  console.log(
    `Sales history over ${options.days} days: ${done.sales.toLocaleString('en')} sales with ${done.soldLines.toLocaleString('en')} lines in ${done.shifts.toLocaleString('en')} shifts, ` +
      `${done.restocks.toLocaleString('en')} restocks (${done.skippedPieceLines.toLocaleString('en')} generated lines dropped: their one-of-a-kind piece had sold); ` +
      `${done.returns.toLocaleString('en')} returns (${done.returnedUnits.toLocaleString('en')} units; ${done.storeCredits.toLocaleString('en')} onto store credit, ${done.exchanges.toLocaleString('en')} exchanged), ` +
      `${done.counts.toLocaleString('en')} cycle counts (${done.countedLines.toLocaleString('en')} lines: ${done.shrinkageUnits.toLocaleString('en')} units short, ${done.foundUnits.toLocaleString('en')} found).`,
  );
}
