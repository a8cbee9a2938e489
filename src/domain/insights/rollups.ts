import { dayNumber, dayOfNumber, daysIn } from './days';
import { addFlows, addFlowsAt, FLOW_FIELDS, zeroFlows, type Flows, type Movement } from './movements';
import {
  columnsOf,
  concatColumns,
  daysOfRows,
  emptyRow,
  firstAtOrAfter,
  rowsOf,
  sliceColumns,
  withStock,
  type DayColumns,
  type ItemDays,
} from './item-days';

/**
 * Daily rollups (ARCHITECTURE.md §10 "Rollups"): what the Insights screen reads instead of
 * 500,000 sale lines.
 *
 * - Item-day rows exist only for days on which the item moved. Each holds that day's flows
 *   (units sold, revenue net of tax, COGS, receipts, shrinkage, marketing, returns) and the stock
 *   at the END of the day: units on hand, stock value at cost, and units whose cost is unknown.
 * - Shop, category, collection, supplier and location rows are dense: one per day of the period,
 *   so charts and averages need no gap-filling. Location rows carry units but no value: FIFO
 *   layers are per item and shared by every location (§10), so a location has no cost of its own.
 * - Between two rows the stock does not change: the stock value is a step function of the day,
 *   and the average inventory of a period is the mean of its end-of-day values (`itemPeriod`).
 *
 * Every figure is a sum of movements (movements.ts), so a late-synced or re-costed fact is taken
 * into account by removing its old version and adding the new one: `updateRollups` does exactly
 * that and recomputes only the touched items from the earliest touched day.
 */

/** One item on one day with movement: the day's flows and the stock at the end of the day. */
export type ItemDayRow = Flows & {
  itemId: string;
  day: string;
  onHand: number;
  stockValue: number;
  costUnknownOnHand: number;
};

/** What an item belongs to, for the category, collection and supplier rollups. */
export type ItemDims = { itemId: string; categoryId: string | null; collectionId: string | null; supplierId: string | null };

export type ScopeKind = 'shop' | 'category' | 'collection' | 'supplier' | 'location';

/** A dense series: one slot per day of the period for every flow, plus the stock before the period. */
export type ScopeSeries = {
  scope: ScopeKind;
  /** The category/collection/supplier/location id; `-` for items without one; `all` for the shop. */
  key: string;
  /** Per flow, per day index (0 = `from`). */
  flows: Record<keyof Flows, Float64Array>;
  /** Stock at the end of the day before `from`. */
  opening: { units: number; value: number; costUnknownUnits: number };
};

/** A dense row as the screen reads it. */
export type ScopeDayRow = Flows & {
  day: string;
  onHand: number;
  /** Null for a location (no cost of its own, see above). */
  stockValue: number | null;
  costUnknownOnHand: number;
};

/**
 * The rollup state. `updateRollups` changes it in place (it is the device's cache of the figures,
 * and copying a million-entry map on every sale would defeat the point); everything else only reads.
 * An item moved to another category, collection or supplier needs a rebuild (`buildRollups`):
 * the dense series follow the item's dimensions as they were when its rows were added.
 */
export type Rollups = {
  from: string;
  to: string;
  dims: Map<string, ItemDims>;
  /** Each item's movements, sorted by day. */
  byItem: Map<string, Movement[]>;
  /** Each item's rows, as columns (item-days.ts). */
  items: Map<string, ItemDays>;
  /** Keyed `scope:key` (see `scopeKey`). */
  scopes: Map<string, ScopeSeries>;
};

export type RollupInput = {
  /** The current version of every fact, each id once. */
  movements: readonly Movement[];
  items: readonly ItemDims[];
  /** The dense period, business days included. Item rows cover every day with movement. */
  from: string;
  to: string;
};

const NONE = '-';

export function scopeKey(scope: ScopeKind, key: string | null): string {
  return `${scope}:${key ?? NONE}`;
}

function newSeries(scope: ScopeKind, key: string, days: number): ScopeSeries {
  const flows = {} as Record<keyof Flows, Float64Array>;
  for (const f of FLOW_FIELDS) flows[f] = new Float64Array(days);
  return { scope, key, flows, opening: { units: 0, value: 0, costUnknownUnits: 0 } };
}

/** The series of a scope, made (all zeros) and kept in `r` when it has none yet. */
export function seriesFor(r: Rollups, scope: ScopeKind, key: string | null): ScopeSeries {
  const k = scopeKey(scope, key);
  let s = r.scopes.get(k);
  if (!s) {
    s = newSeries(scope, key ?? NONE, daysIn(r.from, r.to));
    r.scopes.set(k, s);
  }
  return s;
}

/** The series of a scope, or an empty one when nothing ever moved in it. */
export function seriesOf(r: Rollups, scope: ScopeKind, key: string | null): ScopeSeries {
  return r.scopes.get(scopeKey(scope, key)) ?? newSeries(scope, key ?? NONE, daysIn(r.from, r.to));
}

/** The dense series an item's rows add into: the shop, its category, collection and supplier. */
function itemTargets(r: Rollups, itemId: string): ScopeSeries[] {
  const d = r.dims.get(itemId);
  return [
    seriesFor(r, 'shop', 'all'),
    seriesFor(r, 'category', d?.categoryId ?? null),
    seriesFor(r, 'collection', d?.collectionId ?? null),
    seriesFor(r, 'supplier', d?.supplierId ?? null),
  ];
}

/** Adds (`sign` 1) or removes (−1) day flows at `index` (before the period: only the opening stock). */
function addAt(targets: readonly ScopeSeries[], index: number, days: number, flows: Flows, sign: number): void {
  if (index >= days) return; // after the period: no effect on it
  for (const s of targets) {
    if (index < 0) {
      s.opening.units += sign * flows.units;
      s.opening.value += sign * flows.value;
      s.opening.costUnknownUnits += sign * flows.costUnknownUnits;
    } else addFlowsAt(s.flows, index, flows, sign);
  }
}

const byDay = (a: Movement, b: Movement) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0);

/**
 * Builds every rollup from scratch: each item's movements are put in day order (by numeric day
 * index, never comparing strings), its rows are summed and carried, and the rows are added into
 * the dense series of their shop, category, collection and supplier; the movements themselves
 * into their location's.
 */
export function buildRollups(input: RollupInput): Rollups {
  const r: Rollups = {
    from: input.from,
    to: input.to,
    dims: new Map(input.items.map((d) => [d.itemId, d])),
    byItem: new Map(),
    items: new Map(),
    scopes: new Map(),
  };
  const fromN = dayNumber(input.from);
  const days = daysIn(input.from, input.to);
  // One pass in input order (the movements are read in the order they sit in memory): the day
  // index of each, its location series, and the positions of each item's movements.
  const dayIndex = new Map<string, number>();
  const n = input.movements.length;
  const indexOf = new Int32Array(n);
  const locations = new Map<string, ScopeSeries[]>();
  const positions = new Map<string, number[]>();
  let lo = 0;
  for (let i = 0; i < n; i++) {
    const m = input.movements[i]!;
    let d = dayIndex.get(m.day);
    if (d === undefined) dayIndex.set(m.day, (d = dayNumber(m.day) - fromN));
    indexOf[i] = d;
    if (d < lo) lo = d;
    let loc = locations.get(m.locationId);
    if (!loc) locations.set(m.locationId, (loc = [seriesFor(r, 'location', m.locationId)]));
    addAt(loc, d, days, m, 1);
    let mine = positions.get(m.itemId);
    if (!mine) positions.set(m.itemId, (mine = []));
    mine.push(i);
  }
  // Each item's movements in day order: sort numeric keys (day × n + position) natively.
  for (const [itemId, list] of positions) {
    const keys = new Float64Array(list.length);
    for (let k = 0; k < list.length; k++) keys[k] = (indexOf[list[k]!]! - lo) * n + list[k]!;
    keys.sort();
    const mine: Movement[] = new Array<Movement>(list.length);
    for (let k = 0; k < keys.length; k++) mine[k] = input.movements[keys[k]! % n]!;
    r.byItem.set(itemId, mine);
  }
  // Each item's day columns straight from its movements (no row object per day), then into its series.
  for (const [itemId, mine] of r.byItem) {
    const d = withStock(itemId, columnsOf(mine));
    r.items.set(itemId, d);
    addColumns(itemTargets(r, itemId), d, fromN, days);
  }
  return r;
}

/**
 * Adds day columns into dense series (day index = day number − `fromN`; `days` slots): each day's
 * flows into its slot of every target; the stock change of days before the period into the
 * opening; days after it nowhere.
 */
export function addColumns(targets: readonly ScopeSeries[], e: DayColumns, fromN: number, days: number): void {
  const { n, mask, values } = e;
  const lo = firstAtOrAfter(e, fromN);
  const hi = firstAtOrAfter(e, fromN + days);
  let at = n;
  for (let bit = 0; bit < FLOW_FIELDS.length; bit++) {
    if (!(mask & (1 << bit))) continue;
    const f = FLOW_FIELDS[bit]!;
    const opening = f === 'units' || f === 'value' || f === 'costUnknownUnits' ? f : null;
    for (const s of targets) {
      const slots = s.flows[f];
      for (let i = lo; i < hi; i++) slots[values[i]! - fromN]! += values[at + i]!;
      if (opening) for (let i = 0; i < lo; i++) s.opening[opening] += values[at + i]!;
    }
    at += n;
  }
}

function sameRow(a: ItemDayRow, b: ItemDayRow): boolean {
  if (a.onHand !== b.onHand || a.stockValue !== b.stockValue || a.costUnknownOnHand !== b.costUnknownOnHand) return false;
  return FLOW_FIELDS.every((f) => a[f] === b[f]);
}

/** What an update wrote: the item-day rows to store and the ones to delete (a day with no movement left). */
export type RollupChanges = { put: ItemDayRow[]; deleted: { itemId: string; day: string }[] };

/**
 * Takes new or changed movements (a late-synced event, a sale whose COGS the server re-ordered,
 * a re-costed layer) and removed ones (a mutation the server rejected) into the rollups held in
 * memory. A fact keeps its item: the same id always names the same item; the last version of an
 * id in `changed` wins.
 *
 * The old version of each fact is looked up in the item's movements, then `reviseItemRows` and
 * `reviseScopes` do the work: for each touched item the rows before its earliest touched day are
 * kept as they are, the rows from that day on get the old versions taken out, the new ones added
 * and the stock carried forward (a change on one day moves the end-of-day stock of every later row
 * of that item, and nothing of any other item); the dense series get the same subtraction and
 * addition — exact, because every figure is an integer sum.
 */
export function updateRollups(
  r: Rollups,
  changed: readonly Movement[],
  removed: readonly { id: string; itemId: string }[] = [],
): RollupChanges {
  const after = [...new Map(changed.map((m) => [m.id, m])).values()];
  const perItem = new Map<string, { after: Movement[]; removed: string[] }>();
  const bucket = (itemId: string) => {
    let b = perItem.get(itemId);
    if (!b) perItem.set(itemId, (b = { after: [], removed: [] }));
    return b;
  };
  for (const x of removed) bucket(x.itemId).removed.push(x.id);
  for (const m of after) bucket(m.itemId).after.push(m);

  const changes: RollupChanges = { put: [], deleted: [] };
  const allBefore: Movement[] = [];
  for (const [itemId, work] of perItem) {
    const list = r.byItem.get(itemId) ?? [];
    const gone = new Set([...work.removed, ...work.after.map((m) => m.id)]);
    const before = list.filter((m) => gone.has(m.id));
    allBefore.push(...before);
    const next = list
      .filter((m) => !gone.has(m.id))
      .concat(work.after)
      .sort(byDay);
    if (next.length === 0) r.byItem.delete(itemId);
    else r.byItem.set(itemId, next);
    const out = reviseItemRows(itemId, rowsOf(r.items.get(itemId)), before, work.after);
    if (out.rows.length === 0) r.items.delete(itemId);
    else r.items.set(itemId, daysOfRows(itemId, out.rows));
    changes.put.push(...out.put);
    for (const day of out.deleted) changes.deleted.push({ itemId, day });
  }
  reviseScopes(r, allBefore, after);
  return changes;
}

/**
 * Rewrites one item's stored day rows for changed movements, knowing only the old version of each
 * changed or removed movement (`before`) and the new or added one (`after`) — not the item's
 * history. This is what a device does after a pull (§10: "the (item, day) rows touched by the new
 * events are recomputed in one transaction"): read the item's rows, take out what the old versions
 * put in, add the new versions, carry the end-of-day stock forward from the earliest touched day.
 * A day whose movement count drops to 0 loses its row. `rows` must be the item's rows sorted by
 * day; `before` exactly the versions counted in them, each fact once in `before` and in `after`.
 * The result is sorted too, and says which rows to write and which days to delete.
 */
export function reviseItemRows(
  itemId: string,
  rows: readonly ItemDayRow[],
  before: readonly Movement[],
  after: readonly Movement[],
): { rows: ItemDayRow[]; put: ItemDayRow[]; deleted: string[] } {
  const delta = new Map<string, ItemDayRow>();
  const apply = (m: Movement, sign: 1 | -1) => {
    let d = delta.get(m.day);
    if (!d) delta.set(m.day, (d = emptyRow(itemId, m.day)));
    for (const f of FLOW_FIELDS) d[f] += sign * m[f];
  };
  for (const m of before) apply(m, -1);
  for (const m of after) apply(m, 1);
  if (delta.size === 0) return { rows: [...rows], put: [], deleted: [] };
  const minDay = [...delta.keys()].reduce((a, b) => (b < a ? b : a));
  let cut = 0;
  while (cut < rows.length && rows[cut]!.day < minDay) cut++;
  const kept = rows.slice(0, cut);
  // The touched tail: old rows (copied) merged with the deltas, by day.
  const byDay = new Map<string, ItemDayRow>();
  for (const row of rows.slice(cut)) byDay.set(row.day, { ...row });
  for (const [day, d] of delta) {
    const row = byDay.get(day);
    if (row) addFlows(row, d);
    else byDay.set(day, d);
  }
  const tail = [...byDay.values()].filter((row) => row.count > 0).sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0));
  const last = kept[kept.length - 1];
  let onHand = last?.onHand ?? 0;
  let stockValue = last?.stockValue ?? 0;
  let costUnknownOnHand = last?.costUnknownOnHand ?? 0;
  for (const row of tail) {
    onHand += row.units;
    stockValue += row.value;
    costUnknownOnHand += row.costUnknownUnits;
    row.onHand = onHand;
    row.stockValue = stockValue;
    row.costUnknownOnHand = costUnknownOnHand;
  }
  const old = new Map(rows.slice(cut).map((row) => [row.day, row]));
  const put = tail.filter((row) => {
    const o = old.get(row.day);
    old.delete(row.day);
    return !o || !sameRow(o, row);
  });
  return { rows: kept.concat(tail), put, deleted: [...old.keys()] };
}

/**
 * `reviseItemRows` on stored day columns (flows only, stock carried from zero): only the rows from
 * the earliest touched day are made into objects and revised — a sale today touches the last row
 * of an item's two years. Null when nothing changed; columns of 0 rows when the item has none left.
 */
export function reviseColumns(
  itemId: string,
  stored: DayColumns | undefined,
  before: readonly Movement[],
  after: readonly Movement[],
): DayColumns | null {
  let first = Infinity;
  for (const m of [...before, ...after]) first = Math.min(first, dayNumber(m.day));
  if (first === Infinity) return null;
  const cut = stored ? firstAtOrAfter(stored, first) : 0;
  const tail = stored ? rowsOf(withStock(itemId, sliceColumns(stored, cut, stored.n))) : [];
  const out = reviseItemRows(itemId, tail, before, after);
  if (out.put.length === 0 && out.deleted.length === 0) return null;
  const revised = columnsOf(out.rows);
  return stored && cut > 0 ? concatColumns(sliceColumns(stored, 0, cut), revised) : revised;
}

/**
 * The dense series' side of the same revision: every figure is a sum, so taking out the old
 * versions and adding the new ones (movement by movement) gives exactly what a rebuild would.
 */
export function reviseScopes(r: Rollups, before: readonly Movement[], after: readonly Movement[]): void {
  const fromN = dayNumber(r.from);
  const days = daysIn(r.from, r.to);
  const apply = (m: Movement, sign: 1 | -1) => {
    const targets = [...itemTargets(r, m.itemId), seriesFor(r, 'location', m.locationId)];
    addAt(targets, dayNumber(m.day) - fromN, days, m, sign);
  };
  for (const m of before) apply(m, -1);
  for (const m of after) apply(m, 1);
}

/** The dense rows of one series, with the stock carried from the opening. */
export function scopeRows(r: Rollups, series: ScopeSeries): ScopeDayRow[] {
  const days = daysIn(r.from, r.to);
  const fromN = dayNumber(r.from);
  const out: ScopeDayRow[] = [];
  let onHand = series.opening.units;
  let value = series.opening.value;
  let unknown = series.opening.costUnknownUnits;
  for (let i = 0; i < days; i++) {
    const flows = zeroFlows();
    for (const f of FLOW_FIELDS) flows[f] = series.flows[f][i]! + 0; // + 0 turns −0 into 0
    onHand += flows.units;
    value += flows.value;
    unknown += flows.costUnknownUnits;
    out.push({
      ...flows,
      day: dayOfNumber(fromN + i),
      onHand,
      stockValue: series.scope === 'location' ? null : value,
      costUnknownOnHand: unknown,
    });
  }
  return out;
}

/**
 * A period's figures, ready for the KPIs: the flows summed over the period, and the stock-value
 * step function summarised as the sum of its end-of-day values (so the average inventory is
 * `stockValueDaySum / days`, exactly).
 */
export type PeriodFigures = Flows & {
  from: string;
  to: string;
  days: number;
  /** Σ over each day of the period of the stock value at cost at the end of that day. */
  stockValueDaySum: number;
  /** Σ over each day of the units on hand at the end of that day. */
  onHandDaySum: number;
  /** Stock at the end of the day before the period. */
  openingValue: number;
  openingOnHand: number;
  /** Stock at the end of the period. */
  closingValue: number;
  closingOnHand: number;
  closingCostUnknownOnHand: number;
};

function emptyPeriod(from: string, to: string): PeriodFigures {
  // One literal, the flows first in their usual order: every period object has the same shape.
  const p = zeroFlows() as PeriodFigures;
  p.from = from;
  p.to = to;
  p.days = daysIn(from, to);
  p.stockValueDaySum = 0;
  p.onHandDaySum = 0;
  p.openingValue = 0;
  p.openingOnHand = 0;
  p.closingValue = 0;
  p.closingOnHand = 0;
  p.closingCostUnknownOnHand = 0;
  return p;
}

/**
 * One item's figures for a period, from its sparse rows (sorted by day): the stock on a day with no
 * row is the stock at the end of the last row before it. Read from the columns, adding in row order
 * (each figure the same to the last bit as adding the rows one by one).
 */
export function itemPeriod(d: ItemDays | undefined, from: string, to: string): PeriodFigures {
  const p = emptyPeriod(from, to);
  const start = dayNumber(from);
  const end = dayNumber(to);
  if (!d) return p;
  const { n, mask, values, stock } = d;
  const lo = firstAtOrAfter(d, start);
  const hi = Math.max(lo, firstAtOrAfter(d, end + 1));
  let value = lo > 0 ? stock[3 * lo - 2]! : 0;
  let onHand = lo > 0 ? stock[3 * lo - 3]! : 0;
  let unknown = lo > 0 ? stock[3 * lo - 1]! : 0;
  p.openingValue = value;
  p.openingOnHand = onHand;
  let day = start;
  for (let i = lo; i < hi; i++) {
    const at = values[i]!;
    p.stockValueDaySum += value * (at - day); // days before this row hold the previous stock
    p.onHandDaySum += onHand * (at - day);
    onHand = stock[3 * i]!;
    value = stock[3 * i + 1]!;
    unknown = stock[3 * i + 2]!;
    day = at;
  }
  if (p.days > 0) {
    p.stockValueDaySum += value * (end - day + 1);
    p.onHandDaySum += onHand * (end - day + 1);
  }
  p.closingValue = value;
  p.closingOnHand = onHand;
  p.closingCostUnknownOnHand = unknown;
  const sums = p as unknown as Record<string, number>;
  let column = n;
  for (let bit = 0; bit < FLOW_FIELDS.length; bit++) {
    if (!(mask & (1 << bit))) continue;
    let sum = 0;
    for (let i = lo; i < hi; i++) sum += values[column + i]!;
    sums[FLOW_FIELDS[bit]!]! += sum;
    column += n;
  }
  return p;
}

/** A dense series' figures for a sub-period of the rollup's period. */
export function scopePeriod(r: Rollups, series: ScopeSeries, from: string, to: string): PeriodFigures {
  if (from < r.from || to > r.to) throw new RangeError(`${from}–${to} is outside the rollup period ${r.from}–${r.to}`);
  const p = emptyPeriod(from, to);
  // Straight from the dense columns, adding in the same order as `scopeRows` (the same figures to
  // the last bit) without making a row object for every day of the rollup period.
  const f = series.flows;
  const days = daysIn(r.from, r.to);
  const start = dayNumber(from) - dayNumber(r.from);
  const end = dayNumber(to) - dayNumber(r.from);
  const valued = series.scope !== 'location'; // a location's series has no stock value (scopeRows: null)
  let onHand = series.opening.units;
  let value = series.opening.value;
  let unknown = series.opening.costUnknownUnits;
  for (let i = 0; i < start && i < days; i++) {
    onHand += f.units[i]! + 0;
    value += f.value[i]! + 0;
    unknown += f.costUnknownUnits[i]! + 0;
  }
  p.openingValue = valued ? value : 0;
  p.openingOnHand = onHand;
  const sums = p as unknown as Record<string, number>;
  for (let i = Math.max(0, start); i <= end && i < days; i++) {
    for (const k of FLOW_FIELDS) sums[k]! += f[k][i]! + 0;
    onHand += f.units[i]! + 0;
    value += f.value[i]! + 0;
    unknown += f.costUnknownUnits[i]! + 0;
    p.stockValueDaySum += valued ? value : 0;
    p.onHandDaySum += onHand;
    p.closingValue = valued ? value : 0;
    p.closingOnHand = onHand;
    p.closingCostUnknownOnHand = unknown;
  }
  return p;
}
