import { Money } from '../money';
import type { Lot } from '../inventory/ledger';
import { addDays, daysBetween } from './days';

/**
 * Slow movers, dead stock and seasonal markdowns (the seed article: FIFO "sell what's oldest",
 * and "if an item is a slow mover … plan a strategic markdown … while it's still relevant").
 * All ages are in business days counted from `today`, which the caller passes in.
 */

export const AGE_BUCKETS = ['0-30', '31-90', '91-180', '181-365', '365+'] as const;
export type AgeBucket = (typeof AGE_BUCKETS)[number];

export function ageBucket(ageDays: number): AgeBucket {
  if (ageDays <= 30) return '0-30';
  if (ageDays <= 90) return '31-90';
  if (ageDays <= 180) return '91-180';
  if (ageDays <= 365) return '181-365';
  return '365+';
}

export type AgingRow = { bucket: AgeBucket; units: number; value: number; costUnknownUnits: number };

/**
 * Stock on the shelf by the age of its FIFO layer (what is left of each receipt, valued at that
 * receipt's cost). Layers with an unknown cost count their units apart.
 */
export function stockAging(
  lots: readonly Pick<Lot, 'receivedAt' | 'qtyRemaining' | 'unitCost'>[],
  today: string,
  dayOf: (instant: string) => string,
): AgingRow[] {
  const rows = new Map<AgeBucket, AgingRow>(AGE_BUCKETS.map((b) => [b, { bucket: b, units: 0, value: 0, costUnknownUnits: 0 }]));
  for (const lot of lots) {
    if (lot.qtyRemaining <= 0) continue;
    const row = rows.get(ageBucket(daysBetween(dayOf(lot.receivedAt), today)))!;
    row.units += lot.qtyRemaining;
    if (lot.unitCost === null) row.costUnknownUnits += lot.qtyRemaining;
    else row.value += lot.qtyRemaining * lot.unitCost;
  }
  return [...rows.values()];
}

export type ItemActivity = {
  itemId: string;
  /** First receipt (business day); null = never received. */
  arrival: string | null;
  /** Units received and sold (net of returns) since that arrival. */
  received: number;
  sold: number;
  lastSale: string | null;
  onHand: number;
  /** Stock value at cost of what is on hand (known costs). */
  stockValue: number;
  price: number;
};

export type SlowMoverSettings = { weeks: number; targetPct: number };
export const DEFAULT_SLOW: SlowMoverSettings = { weeks: 8, targetPct: 50 };

/**
 * Slow movers: items that arrived at least `weeks` weeks ago and whose sell-through since then
 * (sold / received × 100) is still under `targetPct`, with stock left. Slowest first.
 */
export function slowMovers(
  items: readonly ItemActivity[],
  today: string,
  settings: SlowMoverSettings = DEFAULT_SLOW,
): (ItemActivity & { sellThroughPct: number })[] {
  const out: (ItemActivity & { sellThroughPct: number })[] = [];
  for (const i of items) {
    if (i.arrival === null || i.onHand <= 0 || i.received <= 0) continue;
    if (addDays(i.arrival, settings.weeks * 7) > today) continue;
    const pct = (i.sold / i.received) * 100;
    if (pct < settings.targetPct) out.push({ ...i, sellThroughPct: pct });
  }
  return out.sort((a, b) => a.sellThroughPct - b.sellThroughPct || b.stockValue - a.stockValue || (a.itemId < b.itemId ? -1 : 1));
}

/**
 * Dead stock: stock on hand with no sale in the last `days` days (counting from the last sale, or
 * from arrival for an item never sold). Biggest value tied up first.
 */
export function deadStock(items: readonly ItemActivity[], today: string, days = 180): (ItemActivity & { idleDays: number })[] {
  const out: (ItemActivity & { idleDays: number })[] = [];
  for (const i of items) {
    if (i.onHand <= 0) continue;
    const since = i.lastSale ?? i.arrival;
    if (since === null) continue;
    const idle = daysBetween(since, today);
    if (idle >= days) out.push({ ...i, idleDays: idle });
  }
  return out.sort((a, b) => b.stockValue - a.stockValue || b.idleDays - a.idleDays || (a.itemId < b.itemId ? -1 : 1));
}

export type Markdown = {
  itemId: string;
  /** Percent off in basis points (30 % = 3000). */
  offBp: number;
  price: number;
  newPrice: number;
  onHand: number;
  /** The cash tied up at cost that selling the rest would free. */
  valueAtCost: number;
  /** What the rest would bring in at the marked-down price. */
  valueAtNewRetail: number;
  /** valueAtNewRetail − valueAtCost: negative means selling below cost. */
  marginAtNewPrice: number;
};

/**
 * A markdown suggestion: the new price (price − price × off, rounded once half away from zero —
 * `Money.percent`), and the cash it would free if the rest sold: the stock value at cost tied up
 * now, and the money it would bring at the new retail price.
 */
export function markdown(item: Pick<ItemActivity, 'itemId' | 'onHand' | 'stockValue' | 'price'>, offBp: number): Markdown {
  const newPrice = Money.subtract(Money.of(item.price), Money.percent(Money.of(item.price), offBp));
  const units = Math.max(0, item.onHand);
  const valueAtNewRetail = units * newPrice;
  return {
    itemId: item.itemId,
    offBp,
    price: item.price,
    newPrice,
    onHand: units,
    valueAtCost: item.stockValue,
    valueAtNewRetail,
    marginAtNewPrice: valueAtNewRetail - item.stockValue,
  };
}

export type CollectionStock = { collectionId: string; name: string; seasonEnd: string | null; units: number; value: number };

/**
 * Collections whose season ends within `withinDays` days from today (or has ended) and still have
 * stock: the time to mark them down is before the season is over. Soonest end first.
 */
export function nearSeasonEnd(
  collections: readonly CollectionStock[],
  today: string,
  withinDays = 30,
): (CollectionStock & { daysLeft: number })[] {
  const out: (CollectionStock & { daysLeft: number })[] = [];
  for (const c of collections) {
    if (c.seasonEnd === null || c.units <= 0) continue;
    const left = daysBetween(today, c.seasonEnd);
    if (left <= withinDays) out.push({ ...c, daysLeft: left });
  }
  return out.sort((a, b) => a.daysLeft - b.daysLeft || b.value - a.value || (a.collectionId < b.collectionId ? -1 : 1));
}
