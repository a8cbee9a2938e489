import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { addDays, dayNumber, daysIn } from '../../../src/domain/insights/days';
import { columnsOf, daysOfRows, emptyRow, onHandAt, rowsOf, withStock } from '../../../src/domain/insights/item-days';
import { FLOW_FIELDS, zeroFlows } from '../../../src/domain/insights/movements';
import { itemPeriod, type ItemDayRow } from '../../../src/domain/insights/rollups';
import { demandOf, historyDays, itemActivity } from '../../../src/domain/insights/report';
import { dailyDemand } from '../../../src/domain/insights/replenishment';
import { movement, type Movement, type MovementKind } from '../../../src/domain/insights/movements';

/**
 * An item's rows as columns (item-days.ts) read to exactly what the rows say: the reports read the
 * columns, so each reader is checked here against a plain walk over the row objects.
 */

const START = '2025-12-20';
const KINDS: MovementKind[] = ['sale', 'return', 'receive', 'adjust'];

const ledger = fc.array(
  fc.record({
    offset: fc.integer({ min: 0, max: 40 }),
    kind: fc.constantFrom(...KINDS),
    quantity: fc.integer({ min: 1, max: 4 }),
    unit: fc.option(fc.integer({ min: 1, max: 90_000 }), { nil: null }),
  }),
  { maxLength: 40 },
);

/** Sales, returns, receipts and shrinkage, some of unknown cost, some not yet synced. */
type Drawn = { offset: number; kind: MovementKind; quantity: number; unit: number | null };

/** The drawn movements, sorted by day. */
function movementsFrom(list: Drawn[]): Movement[] {
  const ms: Movement[] = list.map((x, i) => {
    const q = x.quantity;
    const cost = (x.unit ?? 0) * q;
    const unknown = x.unit === null ? q : 0;
    const base = {
      id: `m${i}`,
      itemId: 'ring',
      locationId: 'shop',
      day: addDays(START, x.offset),
      kind: x.kind,
      provisional: i % 3 === 0 ? 1 : 0,
    };
    if (x.kind === 'sale')
      return movement({
        ...base,
        sold: q,
        revenue: 4_500 * q,
        cogs: cost,
        costUnknownSold: unknown,
        units: -q,
        value: -cost,
        costUnknownUnits: -unknown,
      });
    if (x.kind === 'return')
      return movement({
        ...base,
        returned: q,
        returnRevenue: 4_500 * q,
        returnCogs: cost,
        units: q,
        value: cost,
        costUnknownUnits: unknown,
      });
    if (x.kind === 'receive')
      return movement({
        ...base,
        received: q,
        receivedValue: cost,
        receivedCostUnknown: unknown,
        units: q,
        value: cost,
        costUnknownUnits: unknown,
      });
    return movement({ ...base, shrinkage: cost, shrinkageUnits: q, units: -q, value: -cost, costUnknownUnits: -unknown });
  });
  return ms.sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0));
}

function rowsFrom(list: Drawn[]): ItemDayRow[] {
  const ms = movementsFrom(list);
  // The rows by their definition (rollups.ts ItemDayRow): each day's flows summed, the stock carried from zero.
  const rows: ItemDayRow[] = [];
  for (const m of ms) {
    if (rows.at(-1)?.day !== m.day) rows.push(emptyRow('ring', m.day));
    for (const f of FLOW_FIELDS) rows.at(-1)![f] += m[f];
  }
  let [onHand, stockValue, unknown] = [0, 0, 0];
  for (const r of rows)
    [r.onHand, r.stockValue, r.costUnknownOnHand] = [(onHand += r.units), (stockValue += r.value), (unknown += r.costUnknownUnits)];
  return rows;
}

/** The period's figures walked row by row (the definition in rollups.ts). */
function naivePeriod(rows: readonly ItemDayRow[], from: string, to: string) {
  const flows = zeroFlows();
  let stockValueDaySum = 0;
  let onHandDaySum = 0;
  for (let day = from; day <= to; day = addDays(day, 1)) {
    const last = rows.filter((r) => r.day <= day).at(-1);
    stockValueDaySum += last?.stockValue ?? 0;
    onHandDaySum += last?.onHand ?? 0;
  }
  for (const r of rows) if (r.day >= from && r.day <= to) for (const f of FLOW_FIELDS) flows[f] += r[f];
  const closing = rows.filter((r) => r.day <= to).at(-1);
  return {
    ...flows,
    stockValueDaySum,
    onHandDaySum,
    closingValue: closing?.stockValue ?? 0,
    closingOnHand: closing?.onHand ?? 0,
  };
}

describe('item days: the rollup rows as columns', () => {
  it('keep every row, and read to the same period figures, activity, demand and history as the rows (fast-check)', () => {
    fc.assert(
      fc.property(ledger, fc.integer({ min: 0, max: 45 }), fc.integer({ min: 0, max: 45 }), (list, a, b) => {
        const rows = rowsFrom(list);
        const d = daysOfRows('ring', rows);
        expect(rowsOf(d)).toEqual(rows);
        // Straight from the movements (what a from-scratch build does), the same rows.
        expect(rowsOf(withStock('ring', columnsOf(movementsFrom(list))))).toEqual(rows);
        // As stored (flows only), the stock carried again from zero: the same rows.
        expect(rowsOf(withStock('ring', columnsOf(rows)))).toEqual(rows);

        const [from, to] = [addDays(START, Math.min(a, b)), addDays(START, Math.max(a, b))];
        const p = itemPeriod(d, from, to);
        expect(p.days).toBe(daysIn(from, to));
        expect(p).toMatchObject(naivePeriod(rows, from, to));
        expect(onHandAt(d, dayNumber(to))).toBe(p.closingOnHand);

        const seen = rows.filter((r) => r.day <= to);
        const arrival = seen.find((r) => r.received > 0)?.day ?? null;
        const since = seen.filter((r) => arrival !== null && r.day >= arrival);
        expect(itemActivity('ring', d, 4_500, to)).toEqual({
          itemId: 'ring',
          arrival,
          received: since.reduce((s, r) => s + r.received, 0),
          sold: since.reduce((s, r) => s + r.sold - r.returned, 0),
          lastSale: seen.filter((r) => r.sold > 0).at(-1)?.day ?? null,
          onHand: seen.at(-1)?.onHand ?? 0,
          stockValue: seen.at(-1)?.stockValue ?? 0,
          price: 4_500,
        });

        const window = Math.abs(a - b);
        const sales = rows.map((r) => ({ day: r.day, units: r.sold - r.returned }));
        expect(demandOf(d, to, window)).toEqual(dailyDemand(sales, addDays(to, -window), window));
        expect(historyDays(d, to)).toBe(rows.length === 0 ? 0 : Math.max(0, daysIn(rows[0]!.day, to) - 1));
      }),
      { numRuns: 300 },
    );
  });

  it('an item with no rows has zero figures', () => {
    expect(itemPeriod(undefined, START, START)).toMatchObject({ sold: 0, stockValueDaySum: 0, closingOnHand: 0 });
    expect(itemActivity('ring', undefined, 100, START)).toMatchObject({ arrival: null, lastSale: null, onHand: 0 });
    expect(demandOf(undefined, START, 30)).toEqual({ mean: 0, sd: 0, days: 30 });
    expect(historyDays(undefined, START)).toBe(0);
  });
});
