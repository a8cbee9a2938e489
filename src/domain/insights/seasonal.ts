import { markdown, nearSeasonEnd, type CollectionStock } from './aging';
import { addDays, dayNumber, dayOfNumber } from './days';
import { columnOf, columnsOf, emptyRow, type DayColumns, type ItemDays } from './item-days';
import { lotSellThrough, sellThrough, type Kpi } from './kpis';
import { itemActivity } from './report';
import type { ItemDayRow } from './rollups';

/**
 * Seasonal collections (issue 9 points 1 and 4; the seed article: "the whole game is about selling
 * through the last piece right as the season is winding down" and "watch your sell-through rate
 * like a hawk"):
 *
 * - how a collection sells week by week since it first arrived (units sold ÷ units received, both
 *   counted from its first receipt), so the owner sees whether a new collection is taking off;
 * - the collections whose season ends within a few weeks (or has ended) with stock still on hand,
 *   and a one-step markdown of what is left.
 *
 * Pure: `today` is a business day passed in; the catalogue is a plain description of the items.
 */

/** What this module needs to know about the catalogue (the data layer's Catalogue fits). */
export type SeasonCatalogue = {
  items: ReadonlyMap<string, { collectionId: string | null; price: number }>;
  collections: ReadonlyMap<string, { name: string; seasonEnd: string | null }>;
  /** The price before each item's latest price change (what "Revert" puts back). */
  previousPrice: ReadonlyMap<string, number>;
};

export type WeekPoint = {
  /** 1 = the week of the first receipt (its day and the 6 after it). */
  week: number;
  /** Last day of the week. */
  until: string;
  /** The week is not over yet (`until` is after today): its figure is "so far". */
  partial: boolean;
  /** Units received and sold (net of returns) from the first receipt to the end of the week. */
  received: number;
  sold: number;
  /** sold × 100 ÷ received; null when nothing was received (never a division by zero). */
  kpi: Kpi;
};

/**
 * Sell-through week by week since the first receipt in `rows` (the day rows of one item, any
 * order). Week w runs to day `arrival + 7w − 1`; the figures are cumulative. Weeks up to the one
 * holding `today`, at most `maxWeeks`. No receipt: no arrival, no weeks.
 */
export function weeksSinceArrival(
  rows: readonly Pick<ItemDayRow, 'day' | 'sold' | 'returned' | 'received'>[],
  today: string,
  maxWeeks = 52,
): { arrival: string | null; weeks: WeekPoint[] } {
  const full = rows.map((r) => ({ ...emptyRow('', r.day), sold: r.sold, returned: r.returned, received: r.received }));
  return weeksOf([columnsOf(full)], today, maxWeeks);
}

/**
 * The same over the day columns of several items (a collection's), in one pass and without
 * sorting: each row is added to its week (found by comparing days with the weeks' last days), then
 * the weeks are summed up. Same figures as `sellThroughByWeek` (kpis.ts) on the rows since arrival
 * (a test checks it).
 */
export function weeksOf(lists: readonly DayColumns[], today: string, maxWeeks: number): { arrival: string | null; weeks: WeekPoint[] } {
  const todayN = dayNumber(today);
  const column = (d: DayColumns, f: 'sold' | 'returned' | 'received') => {
    const at = columnOf(d, f);
    return (i: number) => (at < 0 ? 0 : d.values[at + i]!);
  };
  let arrivalN = Infinity;
  for (const d of lists) {
    const received = column(d, 'received');
    for (let i = 0; i < d.n; i++) {
      const day = d.values[i]!;
      if (received(i) > 0 && day <= todayN && day < arrivalN) arrivalN = day;
    }
  }
  if (arrivalN === Infinity) return { arrival: null, weeks: [] };
  const count = Math.min(maxWeeks, Math.floor((todayN - arrivalN) / 7) + 1);
  const untils = Array.from({ length: count }, (_, w) => arrivalN + 7 * (w + 1) - 1);
  const received = new Float64Array(count);
  const sold = new Float64Array(count);
  for (const d of lists) {
    const [got, gone, back] = [column(d, 'received'), column(d, 'sold'), column(d, 'returned')];
    // Rows come in day order (an item's rollup rows do): the week only moves forward. Out of order: start again.
    let w = 0;
    let previous = -Infinity;
    for (let i = 0; i < d.n; i++) {
      const day = d.values[i]!;
      if (day < previous) w = 0;
      previous = day;
      if (day < arrivalN || day > todayN) continue;
      while (w < count && day > untils[w]!) w++;
      if (w >= count) continue;
      received[w]! += got(i);
      sold[w]! += gone(i) - back(i);
    }
  }
  const weeks: WeekPoint[] = [];
  let rec = 0;
  let net = 0;
  for (let w = 0; w < count; w++) {
    rec += received[w]!;
    net += sold[w]!;
    const until = untils[w]!;
    weeks.push({
      week: w + 1,
      until: dayOfNumber(until),
      partial: until > todayN,
      received: rec,
      sold: net,
      kpi: sellThrough({ sold: net, received: rec }),
    });
  }
  return { arrival: dayOfNumber(arrivalN), weeks };
}

export type CollectionWeeks = {
  collectionId: string;
  name: string;
  seasonEnd: string | null;
  arrival: string;
  /** Weeks since arrival, the current (maybe partial) week included. */
  weeksOnSale: number;
  /** Sell-through from the first receipt to today. */
  now: Kpi;
  weeks: WeekPoint[];
};

/** Every item's days grouped by collection (items without one are left out). */
function daysByCollection(items: ReadonlyMap<string, ItemDays>, c: SeasonCatalogue): Map<string, ItemDays[]> {
  const out = new Map<string, ItemDays[]>();
  for (const [itemId, d] of items) {
    const id = c.items.get(itemId)?.collectionId;
    if (!id || !c.collections.has(id)) continue;
    const list = out.get(id) ?? [];
    list.push(d);
    out.set(id, list);
  }
  return out;
}

/**
 * Each collection's sell-through by weeks since its first receipt, newest arrival first. A
 * collection that never received anything is left out (it has no "since arrival").
 */
export function collectionWeeks(items: ReadonlyMap<string, ItemDays>, c: SeasonCatalogue, today: string, maxWeeks = 52): CollectionWeeks[] {
  const out: CollectionWeeks[] = [];
  for (const [collectionId, lists] of daysByCollection(items, c)) {
    const { arrival, weeks } = weeksOf(lists, today, Number.MAX_SAFE_INTEGER);
    if (arrival === null) continue;
    const last = weeks[weeks.length - 1]!;
    const info = c.collections.get(collectionId)!;
    out.push({
      collectionId,
      name: info.name,
      seasonEnd: info.seasonEnd,
      arrival,
      weeksOnSale: weeks.length,
      now: sellThrough({ sold: last.sold, received: last.received }),
      weeks: weeks.slice(0, maxWeeks),
    });
  }
  return out.sort((a, b) => (a.arrival > b.arrival ? -1 : a.arrival < b.arrival ? 1 : a.name.localeCompare(b.name)));
}

/** The sell-through of a week (null when the collection has not had that many weeks, or received nothing by then). */
export function weekPct(w: Pick<CollectionWeeks, 'weeks'>, week: number): number | null {
  return w.weeks[week - 1]?.kpi.value ?? null;
}

export type SeasonSettings = {
  /** A collection shows from this many weeks before its season ends. */
  weeks: number;
  /** The one-step markdown, in basis points (30 % = 3000). */
  offBp: number;
};
export const DEFAULT_SEASON: SeasonSettings = { weeks: 4, offBp: 3000 };

export type PriceChange = { itemId: string; price: number };

export type SeasonEndRow = CollectionStock & {
  /** Days until the season ends: 0 = today, negative = ended that many days ago. */
  daysLeft: number;
  /** Sell-through since the collection's first receipt (sold net of returns ÷ received). */
  sellThrough: Kpi;
  /** Items with stock on hand. */
  pieces: number;
  /** Units on hand × today's price. */
  valueAtRetail: number;
  /** What is left would bring in at the marked-down prices. */
  valueAtNewRetail: number;
  /** The markdown: each item with stock that is not already marked down, at its new price. */
  markdowns: PriceChange[];
  /** The revert: each item of the collection whose latest price change lowered it, back to its old price. */
  reverts: PriceChange[];
};

/**
 * Collections whose season ends within `weeks` weeks of today, or has ended, that still have stock
 * on hand (units and value at cost at the end of today), with their sell-through so far and a
 * one-step markdown of what is left: `offBp` off each item's price (`markdown` in aging.ts, rounded
 * once). Items already marked down (their latest price change lowered the price) are not marked
 * down again; they are the ones "Revert" puts back. A collection with no season end never shows.
 */
export function seasonEnds(
  items: ReadonlyMap<string, ItemDays>,
  c: SeasonCatalogue,
  today: string,
  settings: SeasonSettings = DEFAULT_SEASON,
): SeasonEndRow[] {
  type Acc = {
    stock: CollectionStock;
    received: number;
    sold: number;
    pieces: number;
    retail: number;
    newRetail: number;
    markdowns: PriceChange[];
    reverts: PriceChange[];
  };
  const acc = new Map<string, Acc>();
  for (const [collectionId, info] of c.collections) {
    if (info.seasonEnd === null) continue;
    acc.set(collectionId, {
      stock: { collectionId, name: info.name, seasonEnd: info.seasonEnd, units: 0, value: 0 },
      received: 0,
      sold: 0,
      pieces: 0,
      retail: 0,
      newRetail: 0,
      markdowns: [],
      reverts: [],
    });
  }
  for (const [itemId, d] of items) {
    const info = c.items.get(itemId);
    const a = info?.collectionId ? acc.get(info.collectionId) : undefined;
    if (!info || !a) continue;
    const act = itemActivity(itemId, d, info.price, today);
    a.received += act.received;
    a.sold += act.sold;
    const previous = c.previousPrice.get(itemId);
    const markedDown = previous !== undefined && previous > info.price;
    if (markedDown) a.reverts.push({ itemId, price: previous });
    if (act.onHand <= 0) continue;
    a.stock.units += act.onHand;
    a.stock.value += act.stockValue;
    a.pieces++;
    a.retail += act.onHand * info.price;
    if (markedDown) {
      a.newRetail += act.onHand * info.price;
      continue;
    }
    const m = markdown(act, settings.offBp);
    a.newRetail += m.valueAtNewRetail;
    if (m.newPrice !== info.price) a.markdowns.push({ itemId, price: m.newPrice });
  }
  return nearSeasonEnd(
    [...acc.values()].map((a) => a.stock),
    today,
    settings.weeks * 7,
  ).map((s) => {
    const a = acc.get(s.collectionId)!;
    return {
      ...s,
      sellThrough: sellThrough({ sold: a.sold, received: a.received }),
      pieces: a.pieces,
      valueAtRetail: a.retail,
      valueAtNewRetail: a.newRetail,
      markdowns: a.markdowns,
      reverts: a.reverts,
    };
  });
}

export type LotRow = { lotId: string; itemId: string; receivedOn: string; qtyReceived: number; qtyRemaining: number; kpi: Kpi };

/**
 * Sell-through of each receipt lot (FIFO layer) of a set of items: the share of the delivery that
 * has left the shelf (`lotSellThrough`). Newest delivery first.
 */
export function lotRows(
  lots: readonly { id: string; itemId: string; receivedAt: string; qtyReceived: number; qtyRemaining: number }[],
  itemIds: ReadonlySet<string>,
  dayOf: (instant: string) => string,
): LotRow[] {
  return lots
    .filter((l) => itemIds.has(l.itemId) && l.qtyReceived > 0)
    .map((l) => ({
      lotId: l.id,
      itemId: l.itemId,
      receivedOn: dayOf(l.receivedAt),
      qtyReceived: l.qtyReceived,
      qtyRemaining: l.qtyRemaining,
      kpi: lotSellThrough(l),
    }))
    .sort((a, b) => (a.receivedOn > b.receivedOn ? -1 : a.receivedOn < b.receivedOn ? 1 : a.lotId < b.lotId ? -1 : 1));
}

/** The day a week ends, for a week number and an arrival (for labels). */
export function weekEnd(arrival: string, week: number): string {
  return addDays(arrival, 7 * week - 1);
}
