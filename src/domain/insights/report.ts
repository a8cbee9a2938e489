import type { AbcInput } from './abc';
import type { ItemActivity } from './aging';
import { dayNumber, dayOfNumber } from './days';
import { columnOf, firstAtOrAfter, type ItemDays } from './item-days';
import { demandStats } from './replenishment';
import { itemPeriod, type PeriodFigures, type Rollups } from './rollups';

/**
 * Glue between the rollups and the analyses: per-item figures read from the item-day rows, in the
 * shapes abc.ts, aging.ts and replenishment.ts take. `today` is a business day passed in.
 */

/** Every item's figures for a period (items with no row at all are left out). */
export function itemFigures(r: Rollups, from: string, to: string): Map<string, PeriodFigures> {
  const out = new Map<string, PeriodFigures>();
  for (const [itemId, d] of r.items) out.set(itemId, itemPeriod(d, from, to));
  return out;
}

/** Revenue net of returns, and gross margin with cost-unknown sales left out, per item: the ABC input. */
export function abcInputs(figures: ReadonlyMap<string, PeriodFigures>): AbcInput[] {
  return [...figures].map(([itemId, p]) => ({
    itemId,
    revenue: p.revenue - p.returnRevenue,
    margin: p.revenue - p.costUnknownRevenue - (p.returnRevenue - p.returnCostUnknownRevenue) - (p.cogs - p.returnCogs),
  }));
}

/**
 * What aging needs per item: its first receipt, what it received and sold since (net of returns),
 * its last sale and its stock at the end of `today`.
 */
export function itemActivity(itemId: string, d: ItemDays | undefined, price: number, today: string): ItemActivity {
  let arrival = -1;
  let received = 0;
  let sold = 0;
  let lastSale = -1;
  let onHand = 0;
  let stockValue = 0;
  if (d) {
    const { values, stock } = d;
    const rec = columnOf(d, 'received');
    const out = columnOf(d, 'sold');
    const back = columnOf(d, 'returned');
    const end = firstAtOrAfter(d, dayNumber(today) + 1);
    for (let i = 0; i < end; i++) {
      const got = rec < 0 ? 0 : values[rec + i]!;
      const gone = out < 0 ? 0 : values[out + i]!;
      if (arrival < 0 && got > 0) arrival = i;
      if (arrival >= 0) {
        received += got;
        sold += gone - (back < 0 ? 0 : values[back + i]!);
      }
      if (gone > 0) lastSale = i;
    }
    if (end > 0) {
      onHand = stock[3 * end - 3]!;
      stockValue = stock[3 * end - 2]!;
    }
  }
  const day = (i: number) => (i < 0 ? null : dayOfNumber(d!.values[i]!));
  return { itemId, arrival: day(arrival), received, sold, lastSale: day(lastSale), onHand, stockValue, price };
}

/**
 * Daily demand of an item over the `days` days before `today` (today excluded: it is not over):
 * units sold net of returns each day, days without a row counting as zero (`demandStats`).
 */
export function demandOf(d: ItemDays | undefined, today: string, days: number): { mean: number; sd: number; days: number } {
  let sum = 0;
  let sumSq = 0;
  if (d) {
    const end = dayNumber(today);
    const out = columnOf(d, 'sold');
    const back = columnOf(d, 'returned');
    // Rows are sorted by day: from the first one on or after the window's first day.
    for (let i = firstAtOrAfter(d, end - days); i < d.n && d.values[i]! < end; i++) {
      const units = (out < 0 ? 0 : d.values[out + i]!) - (back < 0 ? 0 : d.values[back + i]!);
      sum += units;
      sumSq += units * units;
    }
  }
  return demandStats(sum, sumSq, days);
}

/** Days of history an item has at `today`: since its first row (0 when it has none). */
export function historyDays(d: ItemDays | undefined, today: string): number {
  return !d || d.n === 0 ? 0 : Math.max(0, dayNumber(today) - d.values[0]!);
}
