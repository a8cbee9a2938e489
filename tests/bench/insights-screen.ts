// The Insights screen over a long sales history (issue #10, §8: 2 years, 500,000 sale lines in
// ≤ 500 ms), written once against an `Env` and a raw IndexedDB connection so the benchmark page
// (real Chromium IndexedDB) and the smoke test (fake-indexeddb in Node) run the same code.
// Never imported by the app.
import { dimsOf, loadRollups } from '../../src/data/insights/rollups';
import {
  abcReport,
  agingReport,
  kpiReport,
  movementReport,
  readCatalogue,
  reorderReport,
  supplierReport,
} from '../../src/data/insights/report';
import { isBucket, type Bucket } from '../../src/data/insights/packs';
import { ensureDefaultLocation } from '../../src/data/commands/locations';
import { readSettings } from '../../src/data/queries/settings';
import { businessDayOf } from '../../src/domain/sale/shift';
import { addDays } from '../../src/domain/insights/days';
import { Rng } from '../../src/domain/demo/random';
import type { Env } from '../../src/data/commands/perform';
import { completeSales, done, time, type SaleBenchResult } from './ops';

export interface InsightsScreenResult {
  lines: number;
  items: number;
  days: number;
  /** Writing the history straight into IndexedDB (bulk puts of sale records and their stock events). */
  fillMs: number;
  /** The first open: no stored rollups yet, so every sale, return and event is read and the rows built and stored. */
  firstBuildMs: number;
  itemDayRows: number;
  /** The records they are stored in (packs.ts). */
  buckets: number;
  packBytes: number;
  /** Opening the screen: the state's load (stored rollups + catalogue) and every report it shows. */
  open: number[];
  /** The parts, each timed on its own: reading the catalogue (names, prices, stock, layers: report.ts `readCatalogue`), */
  catalogue: number[];
  /** reading the stored rollups and deriving the dense series with the catalogue's dimensions (`loadRollups`), */
  rollups: number[];
  /** and computing every report the screen shows from them (KPIs of the shop, ABC, order-now, slow movers, aging, suppliers). */
  reports: number[];
  /** Floor: a raw IndexedDB getAll of the same stored rows (the item buckets). */
  floor: number[];
  /**
   * Waiting for IndexedDB to settle after writing the history and the first build (~750,000
   * records: Chromium's LevelDB compacts in the background for a minute or more, and every read
   * meanwhile takes up to 3× as long): until three raw reads of the stored rows in a row are
   * within 15 % of the fastest, at most 2 minutes. The sales after the build and the opens are
   * measured after it.
   */
  settleMs: number;
  /** The opens while it had not settled: the first open after a large sync or import is this slow. */
  openUnsettled: number[];
  /** completeSale before the first build (nothing to revise) and after it (each sale revises its items' rows). */
  salesBefore: SaleBenchResult;
  salesAfter: SaleBenchResult;
}

const CHUNK = 2_000;

/**
 * `lines` sale lines (2 per sale) over the `days` business days before today, on the items of the
 * device's catalogue (a few sell much more than the rest: item = ⌊n·u²⌋), each line with its sale
 * stock event, as a register writes them — straight into IndexedDB, as confirmed (pulled) records.
 */
export async function fillHistory(env: Env, lines: number, days: number, seed = 42): Promise<{ ms: number; items: number }> {
  const rng = new Rng(seed);
  const items = (await env.db.items.toArray()) as unknown as {
    id: string;
    values: { sku: string; price: number; cost: number | null; tracking: string };
  }[];
  const sellable = items.filter((i) => i.values.tracking === 'quantity' && i.values.price > 0);
  const settings = await readSettings(env.db);
  const locationId = await ensureDefaultLocation(env);
  const today = businessDayOf(env.clock.now(), settings.timeZone);
  const dayList = Array.from({ length: days }, (_, i) => addDays(today, i - days));
  const ms = await time(async () => {
    let sales: Record<string, unknown>[] = [];
    let events: Record<string, unknown>[] = [];
    const flush = async () => {
      await env.db.transaction('rw', env.db.sales, env.db.stockEvents, async () => {
        await env.db.sales.bulkPut(sales as never[]);
        await env.db.stockEvents.bulkPut(events as never[]);
      });
      sales = [];
      events = [];
    };
    for (let s = 0; s < lines / 2; s += 1) {
      const day = dayList[Math.floor(rng.next() * dayList.length)]!;
      const occurredAt = `${day}T${String(10 + (s % 8)).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}:00.000Z`;
      const id = `hist-${seed}-${s}`;
      const saleLines = [0, 1].map((j) => {
        const item = sellable[Math.floor(sellable.length * rng.next() ** 2)]!;
        const price = item.values.price;
        const tax = Math.round(price * 0.0825);
        const eventId = `${id}-e${j}`;
        events.push({
          id: eventId,
          type: 'sale',
          itemId: item.id,
          pieceId: null,
          locationId,
          quantity: -1,
          unitCost: item.values.cost,
          cost: item.values.cost,
          layers: [],
          occurredAt,
          hlc: `${String(Date.parse(occurredAt)).padStart(15, '0')}-0000-bench`,
          deviceId: 'bench',
          mutationId: `bench:${s}`,
          source: 'sale',
          ref: id,
        });
        return {
          lineId: `${id}-l${j}`,
          itemId: item.id,
          pieceId: null,
          title: item.values.sku,
          sku: item.values.sku,
          quantity: 1,
          unitPrice: price,
          gross: price,
          lineDiscount: 0,
          lineDiscountReason: null,
          saleDiscountShare: 0,
          net: price,
          taxRateBp: 825,
          tax,
          total: price + tax,
          cogs: item.values.cost,
          costUnknownQty: item.values.cost === null ? 1 : 0,
          priceOverridden: false,
          components: [],
          eventId,
          giftCard: null,
        };
      });
      const total = saleLines.reduce((n, l) => n + l.total, 0);
      sales.push({
        id,
        receiptNumber: `H-${s}`,
        shiftId: `shift-${day}`,
        businessDay: day,
        occurredAt,
        hlc: `${String(Date.parse(occurredAt)).padStart(15, '0')}-0000-bench`,
        deviceId: 'bench',
        locationId,
        staffId: null,
        approvedBy: null,
        flagged: null,
        customerId: null,
        taxMode: 'exclusive',
        lines: saleLines,
        saleDiscount: null,
        subtotal: total - saleLines.reduce((n, l) => n + l.tax, 0),
        discountTotal: 0,
        taxTotal: saleLines.reduce((n, l) => n + l.tax, 0),
        total,
        cashRounding: 0,
        tenders: [{ id: `${id}-t`, kind: 'card', amount: total, method: 'Visa', reference: null }],
        change: 0,
        taxByRate: [{ rateBp: 825, net: total, tax: 0 }],
        status: 'completed',
      });
      if (sales.length >= CHUNK) await flush();
    }
    if (sales.length > 0) await flush();
  });
  return { ms, items: sellable.length };
}

/**
 * On a device holding a catalogue and `fillHistory`'s sales: `sales` sales completed before the
 * first build, the first open (build and store), `sales` more (now revising the stored rows), then
 * `reps` opens of the screen (`openScreen`: the page passes the app's InsightsState, the smoke test
 * the same data calls), each beside `loadRollups` alone and the raw read of the stored rows.
 */
export async function insightsScreen(
  env: Env,
  raw: IDBDatabase,
  options: { reps: number; sales: number },
  openScreen: () => Promise<void>,
): Promise<Omit<InsightsScreenResult, 'lines' | 'items' | 'days' | 'fillMs'>> {
  const settings = await readSettings(env.db);
  const today = businessDayOf(env.clock.now(), settings.timeZone);
  const salesBefore = await completeSales(env, raw, options.sales);
  const firstBuildMs = await time(() => loadRollups(env.db, today, settings.timeZone));
  const rawBuckets = (): Promise<unknown[]> =>
    done(
      raw
        .transaction('dailyRollups')
        .objectStore('dailyRollups')
        .getAll(IDBKeyRange.bound(['', 'items', ''], ['', 'items', '\uffff'])),
    );
  const openUnsettled = [await time(openScreen)];
  const settleMs = await time(async () => {
    const reads: number[] = [];
    const start = performance.now();
    while (performance.now() - start < 120_000) {
      reads.push(await time(rawBuckets));
      const fastest = Math.min(...reads);
      if (reads.length >= 3 && reads.slice(-3).every((t) => t <= fastest * 1.15)) return;
      if (reads.length % 5 === 0) openUnsettled.push(await time(openScreen));
      await new Promise((r) => setTimeout(r, 1000));
    }
  });
  const salesAfter = await completeSales(env, raw, options.sales);
  const buckets = (await rawBuckets()).filter(isBucket) as Bucket[];
  let itemDayRows = 0;
  let packBytes = 0;
  for (const b of buckets) {
    for (let k = 0; k < b.ids.length; k++) itemDayRows += b.shape[2 * k]!;
    packBytes += b.data.byteLength + b.shape.byteLength;
  }
  const out = { open: [] as number[], catalogue: [] as number[], rollups: [] as number[], reports: [] as number[], floor: [] as number[] };
  for (let r = 0; r < options.reps; r += 1) {
    out.floor.push(await time(rawBuckets));
    let c: Awaited<ReturnType<typeof readCatalogue>> | undefined;
    out.catalogue.push(await time(async () => (c = await readCatalogue(env.db))));
    let rollups: Awaited<ReturnType<typeof loadRollups>> | undefined;
    out.rollups.push(await time(async () => (rollups = await loadRollups(env.db, today, settings.timeZone, dimsOf(c!)))));
    out.reports.push(
      await time(async () => {
        const from = addDays(today, -89);
        kpiReport(rollups!, c!, { kind: 'shop', key: 'all' }, from, today);
        abcReport(rollups!, c!, from, today);
        reorderReport(rollups!, c!, today);
        movementReport(rollups!, c!, today);
        agingReport(c!, today, settings.timeZone);
        supplierReport(rollups!, c!, from, today);
      }),
    );
    out.open.push(await time(openScreen));
  }
  return { firstBuildMs, settleMs, openUnsettled, itemDayRows, buckets: buckets.length, packBytes, salesBefore, salesAfter, ...out };
}
