import type { AbcInput } from './abc';
import type { ItemActivity } from './aging';
import { addDays, daysBetween } from './days';
import { dailyDemand } from './replenishment';
import { itemPeriod, type ItemDayRow, type PeriodFigures, type Rollups } from './rollups';

/**
 * Glue between the rollups and the analyses: per-item figures read from the item-day rows, in the
 * shapes abc.ts, aging.ts and replenishment.ts take. `today` is a business day passed in.
 */

/** Every item's figures for a period (items with no row at all are left out). */
export function itemFigures(r: Rollups, from: string, to: string): Map<string, PeriodFigures> {
  const out = new Map<string, PeriodFigures>();
  for (const [itemId, rows] of r.items) out.set(itemId, itemPeriod(rows, from, to));
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
export function itemActivity(itemId: string, rows: readonly ItemDayRow[], price: number, today: string): ItemActivity {
  let arrival: string | null = null;
  let received = 0;
  let sold = 0;
  let lastSale: string | null = null;
  let onHand = 0;
  let stockValue = 0;
  for (const row of rows) {
    if (row.day > today) break;
    if (arrival === null && row.received > 0) arrival = row.day;
    if (arrival !== null) {
      received += row.received;
      sold += row.sold - row.returned;
    }
    if (row.sold > 0) lastSale = row.day;
    onHand = row.onHand;
    stockValue = row.stockValue;
  }
  return { itemId, arrival, received, sold, lastSale, onHand, stockValue, price };
}

/**
 * Daily demand of an item over the `days` days before `today` (today excluded: it is not over):
 * units sold net of returns each day, days without a row counting as zero.
 */
export function demandOf(rows: readonly ItemDayRow[], today: string, days: number): { mean: number; sd: number; days: number } {
  const from = addDays(today, -days);
  const sales: { day: string; units: number }[] = [];
  // Rows are sorted by day: start at the first one on or after `from` (binary search).
  let lo = 0;
  let hi = rows.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (rows[mid]!.day < from) lo = mid + 1;
    else hi = mid;
  }
  for (let i = lo; i < rows.length && rows[i]!.day < today; i++) {
    const row = rows[i]!;
    if (row.sold - row.returned !== 0) sales.push({ day: row.day, units: row.sold - row.returned });
  }
  return dailyDemand(sales, from, days);
}

/** Days of history an item has at `today`: since its first row (0 when it has none). */
export function historyDays(rows: readonly ItemDayRow[], today: string): number {
  const first = rows[0];
  return first === undefined ? 0 : Math.max(0, daysBetween(first.day, today));
}
