import { addDays } from '../../src/domain/insights/days';
import { movement, saleMovements, type Movement } from '../../src/domain/insights/movements';
import { buildRollups, itemPeriod, scopePeriod, seriesOf, updateRollups, type ItemDims } from '../../src/domain/insights/rollups';
import { kpisOf } from '../../src/domain/insights/kpis';
import { Rng } from '../../src/domain/demo/random';
import type { SaleRecord } from '../../src/domain/sale/types';
import { summarize, type Summary } from './stats';

/**
 * The Insights computation over two years and `lines` sale lines (§8: 500,000 in ≤ 500 ms), in
 * Node on the pure domain the screen runs: stored sales → movements → daily rollups from scratch →
 * the shop's KPIs and every item's; and one late-synced sale revised incrementally. What it does
 * NOT include: reading the sales out of IndexedDB, which the screen does on open (not measured).
 */
export interface InsightsResult {
  lines: number;
  items: number;
  movements: Summary;
  build: Summary;
  kpis: Summary;
  total: Summary;
  lateSale: Summary;
}

export function insightsBench(lines = 500_000, reps = 5, itemCount = 5_000): InsightsResult {
  const rng = new Rng(42);
  const items: ItemDims[] = Array.from({ length: itemCount }, (_, i) => ({
    itemId: `item${i}`,
    categoryId: `cat${i % 12}`,
    collectionId: i % 3 ? `col${i % 7}` : null,
    supplierId: `sup${i % 20}`,
  }));
  const from = '2025-01-01';
  const to = addDays(from, 729);
  const days = Array.from({ length: 730 }, (_, i) => addDays(from, i));
  const sales: SaleRecord[] = [];
  for (let s = 0; s < lines / 2; s += 1) {
    const sale = (j: number) => {
      const item = Math.floor(itemCount * rng.next() ** 2);
      return {
        lineId: `l${s}-${j}`,
        itemId: `item${item}`,
        pieceId: null,
        quantity: 1,
        unitPrice: 4000,
        net: 4000,
        tax: 330,
        total: 4330,
        cogs: 1500,
        costUnknownQty: 0,
        components: [],
        eventId: `e${s}-${j}`,
        giftCard: null,
      };
    };
    sales.push({
      id: `s${s}`,
      businessDay: days[Math.floor(rng.next() * days.length)]!,
      locationId: rng.chance(0.8) ? 'floor' : 'stall',
      taxMode: 'exclusive',
      lines: [sale(0), sale(1)],
    } as unknown as SaleRecord);
  }
  const receipts: Movement[] = items.map((i) =>
    movement({
      id: `rcv-${i.itemId}`,
      kind: 'receive',
      itemId: i.itemId,
      locationId: 'floor',
      day: from,
      units: 300,
      value: 450_000,
      received: 300,
      receivedValue: 450_000,
    }),
  );
  const t = { movements: [] as number[], build: [] as number[], kpis: [] as number[], total: [] as number[], lateSale: [] as number[] };
  for (let k = 0; k < reps; k += 1) {
    const t0 = performance.now();
    const all = receipts.concat(saleMovements(sales));
    const t1 = performance.now();
    const r = buildRollups({ movements: all, items, from, to });
    const t2 = performance.now();
    kpisOf(scopePeriod(r, seriesOf(r, 'shop', 'all'), from, to));
    for (const d of r.items.values()) kpisOf(itemPeriod(d, from, to));
    const t3 = performance.now();
    updateRollups(r, saleMovements([{ ...sales[0]!, id: `late-${k}`, businessDay: addDays(from, 31) }]));
    const t4 = performance.now();
    t.movements.push(t1 - t0);
    t.build.push(t2 - t1);
    t.kpis.push(t3 - t2);
    t.total.push(t3 - t0);
    t.lateSale.push(t4 - t3);
  }
  return {
    lines,
    items: itemCount,
    movements: summarize(t.movements),
    build: summarize(t.build),
    kpis: summarize(t.kpis),
    total: summarize(t.total),
    lateSale: summarize(t.lateSale),
  };
}
