import { describe, expect, it } from 'vitest';
import { loadDemoShop } from '../../src/data/commands/demo';
import { findByCode, searchItems } from '../../src/data/queries/catalog';
import { dumpDb, seededRandom, testEnv } from '../factories/env';
import type { SaleRecord, ShiftRecord } from '../../src/domain/sale/types';
import type { Lot, StockLevel } from '../../src/domain/inventory/ledger';
import type { ReturnRecord } from '../../src/domain/sale/types';
import type { CountRecord } from '../../src/domain/inventory/count';
import type { ItemRecord } from '../../src/domain/catalog/item';

describe('loadDemoShop', () => {
  it('writes the demo shop through the registry: items, lots, pieces, stock and one outbox row per mutation, with progress', async () => {
    const env = testEnv();
    const progress: number[] = [];
    const done = await loadDemoShop(env, { skus: 120, seed: 5, chunkProducts: 10 }, (p) => progress.push(p.skusDone));
    expect(done).toEqual({ skusDone: 120, skus: 120, daysDone: 0, days: 0 });
    expect(progress.at(-1)).toBe(120);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    expect(await env.db.items.count()).toBe(120);
    expect(await env.db.categories.count()).toBe(8);
    expect(await env.db.suppliers.count()).toBe(12);
    expect(await env.db.lots.count()).toBeGreaterThan(100);
    expect(await env.db.stockLevels.count()).toBeGreaterThan(100);
    const outbox = await env.db.outbox.toArray();
    expect(outbox.map((r) => r.id)).toEqual(outbox.map((_, i) => i + 1));
    expect(await env.db.cases.count()).toBe(0); // no duplicate codes
    const ring = await searchItems(env.db, 'ring');
    expect(ring.items.length).toBeGreaterThan(0);
    const first = (await env.db.items.toCollection().first()) as unknown as { sku: string; barcodes: string[] };
    expect((await findByCode(env.db, first.barcodes[0]!))?.sku).toBe(first.sku);
    // Seasonal collections end around this device's today (clock: 2026-11-27): the one ending in a
    // month is still on sale, the autumn one ended three months ago.
    const ends = new Map(
      ((await env.db.collections.toArray()) as unknown as { values: { name: string; seasonEnd: string | null } }[]).map((c) => [
        c.values.name,
        c.values.seasonEnd,
      ]),
    );
    expect(ends.get('Holiday Sparkle')).toBe('2026-12-27');
    expect(ends.get('Autumn Ember')).toBe('2026-08-27');
    expect(ends.get('Core')).toBeNull();
  });

  it('the batched path leaves the database exactly as perform() mutation by mutation', async () => {
    const [viaPerform, viaBatch] = [
      { ...testEnv(), random: seededRandom(3) },
      { ...testEnv(), random: seededRandom(3) },
    ];
    await loadDemoShop(viaPerform, { skus: 60, seed: 9, chunkProducts: 4, via: 'perform' });
    await loadDemoShop(viaBatch, { skus: 60, seed: 9, chunkProducts: 4 });
    const [a, b] = [await dumpDb(viaPerform), await dumpDb(viaBatch)];
    expect(a['outbox']!.length).toBeGreaterThan(60);
    expect(b).toEqual(a);
  });

  it('with history: days of closed shifts, sales, returns and a cycle count, each dated in its own past day, the catalogue the day before, the ledger consistent', async () => {
    const env = testEnv(); // clock: 2026-11-27 09:00 UTC
    const seen: number[] = [];
    const done = await loadDemoShop(env, { skus: 80, seed: 4, chunkProducts: 10, historyDays: 30 }, (p) => seen.push(p.daysDone));
    expect(done).toMatchObject({ skusDone: 80, days: 30, daysDone: 30 });
    expect(seen.at(-1)).toBe(30);
    const shifts = (await env.db.shifts.toArray()) as unknown as ShiftRecord[];
    expect(shifts).toHaveLength(30);
    expect(shifts.every((s) => s.status === 'closed')).toBe(true);
    expect(await env.db.zReports.count()).toBe(30);
    const days = shifts.map((s) => s.businessDay).sort();
    expect([days[0], days.at(-1)]).toEqual(['2026-10-28', '2026-11-26']);
    const sales = (await env.db.sales.toArray()) as unknown as SaleRecord[];
    expect(sales.length).toBeGreaterThan(300);
    // Each sale happened on its shift's day, during opening hours; the catalogue arrived before.
    for (const sale of sales) expect(sale.occurredAt.slice(0, 10)).toBe(sale.businessDay);
    const receipts = ((await env.db.stockEvents.where('type').equals('receive').toArray()) as unknown as { occurredAt: string }[])
      .map((e) => e.occurredAt)
      .sort();
    expect(receipts[0]! < '2026-10-28').toBe(true);
    const levels = (await env.db.stockLevels.toArray()) as unknown as StockLevel[];
    expect(levels.every((l) => l.onHand >= 0)).toBe(true);
    // Restocks kept best sellers available: some items were received more than once.
    expect(await env.db.lots.count()).toBeGreaterThan(await env.db.items.count());
    // A few sales came back later, never more than was sold; the stock went back to the floor.
    const returns = (await env.db.returns.toArray()) as unknown as ReturnRecord[];
    expect(returns.length).toBeGreaterThan(0);
    expect(returns.length).toBeLessThan(sales.length * 0.1);
    for (const r of returns) {
      const sale = sales.find((s) => s.id === r.saleId)!;
      expect(r.businessDay > sale.businessDay).toBe(true);
      for (const line of r.lines) expect(line.quantity).toBeLessThanOrEqual(sale.lines.find((l) => l.lineId === line.saleLineId)!.quantity);
      expect(r.refunds.reduce((s, x) => s + x.amount, 0)).toBe(r.total);
    }
    expect(await env.db.stockEvents.where('type').equals('return').count()).toBe(returns.reduce((n, r) => n + r.lines.length, 0));
    // One cycle count (day 28 of 30), applied; its differences are count events in the ledger.
    const counts = (await env.db.counts.toArray()) as unknown as CountRecord[];
    expect(counts.map((c) => c.status)).toEqual(['applied']);
    expect(counts[0]!.applied!.length).toBeGreaterThan(0);
    const varied = counts[0]!.applied!.filter((l) => l.variance !== 0);
    expect(await env.db.stockEvents.where('type').equals('count').count()).toBe(varied.length);
    // Nothing for a person to settle: no piece sold twice, no credit overspent, no late count movement.
    expect(await env.db.cases.count()).toBe(0);
    // The ledger adds up: per quantity item, the units left in its FIFO layers are the units on hand.
    const lots = (await env.db.lots.toArray()) as unknown as Lot[];
    const items = (await env.db.items.toArray()) as unknown as ItemRecord[];
    for (const item of items.filter((i) => i.values.tracking === 'quantity')) {
      const layered = lots.filter((l) => l.itemId === item.id).reduce((s, l) => s + l.qtyRemaining, 0);
      const onHand = levels.filter((l) => l.itemId === item.id).reduce((s, l) => s + l.onHand, 0);
      expect(layered, item.values.sku).toBe(onHand);
    }
  }, 120_000);
});
