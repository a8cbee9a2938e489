// Proves the benchmark still runs (issue #10): tiny sizes, figures produced, never a timing asserted.
import { describe, expect, it } from 'vitest';
import { benchServer, ingestBench, syncBench } from './node-bench';
import { seedServer } from './seed';
import { demoMutations } from './mutations';
import { summarize } from './stats';
import { insightsBench } from './insights';
import { completeSales, scanToCart, type CartLike } from './ops';
import { shopifyCsv } from './shopify-csv';
import { fillHistory, insightsScreen } from './insights-screen';
import { loadRollups, storedItemDays } from '../../src/data/insights/rollups';
import { rowsOf } from '../../src/domain/insights/item-days';
import { abcReport, kpiReport, readCatalogue } from '../../src/data/insights/report';
import { testEnv } from '../factories/env';
import { loadDemoShop } from '../../src/data/commands/demo';
import { demoShop } from '../../src/domain/demo/shop';
import { importCatalog } from '../../src/data/commands/import-catalog';
import { importContext } from '../../src/data/queries/export-catalog';
import { readCatalogCsv } from '../../src/domain/catalog/csv/reader';
import { priceSale } from '../../src/domain/sale/pricing';
import type { CartCandidate } from '../../src/data/queries/register';

/**
 * The register's Cart uses Svelte runes, which do not compile in this Node project: the benchmark
 * page uses the real one; this stand-in adds and prices lines with the same priceSale.
 */
class PlainCart implements CartLike {
  lines: (CartCandidate & { quantity: number })[] = [];
  get pieceIds(): string[] {
    return this.lines.flatMap((l) => (l.pieceId ? [l.pieceId] : []));
  }
  get priced() {
    return priceSale(
      this.lines.map((l, i) => ({
        lineId: String(i),
        quantity: l.quantity,
        unitPrice: l.unitPrice,
        taxRateBp: l.taxRateBp,
        discount: null,
        components: l.components,
      })),
      null,
      'exclusive',
    );
  }
  add(c: CartCandidate): void {
    const same = c.pieceId ? undefined : this.lines.find((l) => l.itemId === c.itemId && !l.pieceId);
    if (same) same.quantity += 1;
    else this.lines.push({ ...c, quantity: 1 });
  }
  clear(): void {
    this.lines = [];
  }
}

describe('benchmark smoke (no timing assertions)', () => {
  it('the Insights computation runs over a small history and reports each stage', () => {
    const r = insightsBench(2_000, 1, 50);
    expect(r.lines).toBe(2_000);
    for (const s of [r.movements, r.build, r.kpis, r.total, r.lateSale]) expect(s.n).toBe(1);
  });

  it('summaries have p50 ≤ p95 over the samples', () => {
    expect(summarize([5, 1, 3, 2, 4])).toEqual({ p50: 3, p95: 5, n: 5 });
  });

  it('server ingest and push + pull produce figures on a ~200-SKU shop', async () => {
    expect(demoMutations(300)).toHaveLength(300);
    const server = await benchServer();
    try {
      const ingest = await ingestBench(server, 300, 100);
      expect(ingest.mutations).toBe(300);
      expect(ingest.overall).toBeGreaterThan(0);
      expect(ingest.perRequest.n).toBe(3);
    } finally {
      await server.stop();
    }
    const sync = await syncBench(200, 1);
    expect(sync.mutations).toBe(200);
    expect(sync.total.p50).toBeGreaterThan(0);
  });

  it('npm run seed fills a server through the sync API, sales history included (every mutation applied)', async () => {
    const server = await benchServer();
    try {
      const done = await seedServer({ url: server.url, code: server.ownerCode, skus: 200, days: 30, seed: 4 });
      expect(done.skus).toBe(200);
      expect(done.saleLines).toBeGreaterThan(0);
      expect(done.shifts).toBe(30);
      expect(done.sales).toBeGreaterThan(0);
      expect(done.soldLines).toBeGreaterThan(0);
      expect(done.mutations).toBeGreaterThan(200 + done.sales + done.shifts);
    } finally {
      await server.stop();
    }
  });

  it('scan → cart and completing sales run on a ~200-SKU demo shop (fake-indexeddb)', async () => {
    const env = testEnv();
    await loadDemoShop(env, { skus: 200, seed: 3 });
    const codes: string[] = [];
    for (const chunk of demoShop({ skus: 200, seed: 3 })) codes.push(...chunk.samples.map((s) => s.barcode));
    expect(codes.length).toBeGreaterThan(0);
    await env.db.open();
    const raw = env.db.backendDB();
    const scan = await scanToCart(env, raw, codes, 2, new PlainCart());
    expect(scan.missing).toBe(0);
    expect(scan.times).toHaveLength(codes.length * 2);
    expect(scan.floor).toHaveLength(codes.length * 2);
    const sales = await completeSales(env, raw, 4);
    expect(sales.times).toHaveLength(4);
    expect(sales.lines).toBe(2 + 3 + 2 + 3);
    expect(sales.linesFromLayers).toBe(sales.lines);
    expect(await env.db.sales.count()).toBe(5);
    env.db.close();
  });

  it('the Insights screen bench runs over a small stored history, and the stored rows count every line sold', async () => {
    const env = testEnv();
    await loadDemoShop(env, { skus: 200, seed: 3 });
    const fill = await fillHistory(env, 2_000, 60);
    expect(fill.items).toBeGreaterThan(0);
    await env.db.open();
    const raw = env.db.backendDB();
    const r = await insightsScreen(env, raw, { reps: 2, sales: 3 }, async () => {
      const rollups = await loadRollups(env.db, '2026-11-27', 'UTC');
      const c = await readCatalogue(env.db);
      kpiReport(rollups, c, { kind: 'shop', key: 'all' }, rollups.from, rollups.to);
      abcReport(rollups, c, rollups.from, rollups.to);
    });
    for (const list of [r.open, r.rollups, r.floor]) expect(list).toHaveLength(2);
    expect(r.salesBefore.times).toHaveLength(3);
    expect(r.salesAfter.times).toHaveLength(3);
    expect(r.itemDayRows).toBeGreaterThan(0);
    const sold = [...(await storedItemDays(env.db)).values()].flatMap(rowsOf).reduce((n, row) => n + row.sold, 0);
    // The history, and the 1 + 3 sales of each completeSales run (2 or 3 lines each, alternately).
    expect(sold).toBe(2_000 + 2 * (2 + 3 + 2 + 3));
    env.db.close();
  });

  it('the generated Shopify CSV is read and imported with no problem rows', async () => {
    const csv = shopifyCsv(300, 7);
    expect(csv.rows).toBe(300);
    // CRLF records; line breaks inside quoted descriptions are bare LF, as in Shopify's own file.
    expect(csv.text.split('\r\n').filter(Boolean)).toHaveLength(301);
    expect(csv.text).toMatch(/"<p>[^"]*\n/);
    const env = testEnv();
    const plan = await readCatalogCsv(csv.text, { ...(await importContext(env.db)), currencyDigits: 2 });
    expect(plan.problems).toEqual([]);
    expect(plan.counts.items).toBe(csv.variants);
    const summary = await importCatalog(env, plan);
    expect(summary.products).toBe(csv.products);
    expect(await env.db.items.count()).toBe(csv.variants);
    env.db.close();
  });
});
