import { dayNumber, dayOfNumber } from './days';
import { addFlowsInto, FLOW_FIELDS, flowMask, zeroFlows, type Flows } from './movements';
import type { ItemDayRow } from './rollups';

/**
 * One item's day rows (`ItemDayRow`, rollups.ts) as columns: what the reports read, and — the same
 * layout — what the device stores (data/insights/packs.ts). Two years of 500,000 sale lines are
 * ~440,000 item-day rows; as row objects they took ~120 ms to make and as much again to collect
 * every time the Insights screen opened, as columns they are a few thousand typed arrays.
 *
 * - `values`: the `n` day numbers (days.ts), ascending; then one column of `n` per flow that is not
 *   0 on every row, in FLOW_FIELDS order (bit k of `mask` = FLOW_FIELDS[k] has a column).
 * - `stock`: the end-of-day stock of each row, carried from zero: units on hand, stock value at
 *   cost, units of unknown cost at 3i, 3i + 1, 3i + 2.
 */
export type DayColumns = { n: number; mask: number; values: Int32Array | Float64Array };
export type ItemDays = DayColumns & { itemId: string; stock: Float64Array };

const BIT = new Map(FLOW_FIELDS.map((f, bit) => [f, bit]));

/** Where a flow's column starts in `values`, or −1 when the flow is 0 on every row. */
export function columnOf(d: DayColumns, f: keyof Flows): number {
  const bit = BIT.get(f)!;
  if (!(d.mask & (1 << bit))) return -1;
  return (1 + popCount(d.mask & ((1 << bit) - 1))) * d.n;
}

/** Where each flow's column starts in values of `n` rows under `mask` (−1: no column). */
function columnStarts(mask: number, n: number): Int32Array {
  const at = new Int32Array(FLOW_FIELDS.length).fill(-1);
  let next = n;
  for (let bit = 0; bit < FLOW_FIELDS.length; bit++)
    if (mask & (1 << bit)) {
      at[bit] = next;
      next += n;
    }
  return at;
}

/**
 * Day columns from flows sorted by day — rows (one per day), or movements (several a day, summed
 * per day: the `ItemDayRow`s of rollups.ts, without a row object per day). A flow gets a column when one of
 * them has it.
 */
export function columnsOf(sorted: readonly (Flows & { day: string })[]): DayColumns {
  let n = 0;
  let mask = 0;
  let last = '';
  for (const x of sorted) {
    if (x.day !== last) [n, last] = [n + 1, x.day];
    mask |= flowMask(x);
  }
  const values = new Float64Array(n * (1 + popCount(mask)));
  const at = columnStarts(mask, n);
  let i = -1;
  last = '';
  for (const x of sorted) {
    if (x.day !== last) {
      [i, last] = [i + 1, x.day];
      values[i] = dayNumber(x.day);
    }
    addFlowsInto(values, at, i, x);
  }
  return { n, mask, values };
}

/**
 * An item's days from its stored columns, with the stock carried from zero (as `ItemDayRow` defines
 * it). The columns are used as they are (no copy: views into the stored bucket).
 */
export function withStock(itemId: string, columns: DayColumns): ItemDays {
  const { n, mask, values } = columns;
  const stock = new Float64Array(3 * n);
  // One running sum per stock figure (each a tight loop); a flow with no column leaves its 0s.
  const carry = (flow: keyof Flows, slot: number) => {
    const at = columnOf(columns, flow);
    if (at < 0) return;
    let sum = 0;
    for (let i = 0; i < n; i++) stock[3 * i + slot] = sum += values[at + i]!;
  };
  carry('units', 0);
  carry('value', 1);
  carry('costUnknownUnits', 2);
  return { itemId, n, mask, values, stock };
}

/** The days of rows sorted by day, stock as the rows carry it. */
export function daysOfRows(itemId: string, rows: readonly ItemDayRow[]): ItemDays {
  const d = { itemId, ...columnsOf(rows), stock: new Float64Array(3 * rows.length) };
  rows.forEach((row, i) => {
    d.stock[3 * i] = row.onHand;
    d.stock[3 * i + 1] = row.stockValue;
    d.stock[3 * i + 2] = row.costUnknownOnHand;
  });
  return d;
}

/** Row `i` as an object. */
export function rowAt(d: ItemDays, i: number): ItemDayRow {
  const row = emptyRow(d.itemId, dayOfNumber(d.values[i]!));
  let at = d.n;
  for (let bit = 0; bit < FLOW_FIELDS.length; bit++) {
    if (!(d.mask & (1 << bit))) continue;
    row[FLOW_FIELDS[bit]!] = d.values[at + i]!;
    at += d.n;
  }
  row.onHand = d.stock[3 * i]!;
  row.stockValue = d.stock[3 * i + 1]!;
  row.costUnknownOnHand = d.stock[3 * i + 2]!;
  return row;
}

/** Every row as an object (for the few readers that want them, and tests). */
export function rowsOf(d: ItemDays | undefined): ItemDayRow[] {
  return d ? Array.from({ length: d.n }, (_, i) => rowAt(d, i)) : [];
}

/** The first row on or after day number `day` (binary search on the day column); `n` when none. */
export function firstAtOrAfter(d: DayColumns, day: number): number {
  let lo = 0;
  let hi = d.n;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (d.values[mid]! < day) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** A row of zeros (the flows in their FLOW_FIELDS order, then the stock: one shape for every row). */
export function emptyRow(itemId: string, day: string): ItemDayRow {
  return { itemId, day, ...zeroFlows(), onHand: 0, stockValue: 0, costUnknownOnHand: 0 };
}

/** Rows `start` to `end` (not included) of some columns, as columns of their own (only the flows not 0 on every one of them). */
export function sliceColumns(d: DayColumns, start: number, end: number): DayColumns {
  const n = end - start;
  let mask = 0;
  for (const f of FLOW_FIELDS) {
    const at = columnOf(d, f);
    if (at < 0) continue;
    for (let i = start; i < end; i++)
      if (d.values[at + i] !== 0) {
        mask |= 1 << BIT.get(f)!;
        break;
      }
  }
  const out: DayColumns = { n, mask, values: new Float64Array(n * (1 + popCount(mask))) };
  for (let i = 0; i < n; i++) out.values[i] = d.values[start + i]!;
  for (const f of FLOW_FIELDS) {
    const [from, to] = [columnOf(d, f), columnOf(out, f)];
    if (to >= 0) for (let i = 0; i < n; i++) out.values[to + i] = d.values[from + start + i]!;
  }
  return out;
}

/** Columns one after the other (each in day order, the earlier first), as one. */
export function concatColumns(a: DayColumns, b: DayColumns): DayColumns {
  const n = a.n + b.n;
  const out: DayColumns = { n, mask: a.mask | b.mask, values: new Float64Array(n * (1 + popCount(a.mask | b.mask))) };
  [a, b].forEach((p, k) => {
    const start = k === 0 ? 0 : a.n;
    for (let i = 0; i < p.n; i++) out.values[start + i] = p.values[i]!;
    for (const f of FLOW_FIELDS) {
      const [from, to] = [columnOf(p, f), columnOf(out, f)];
      if (from >= 0) for (let i = 0; i < p.n; i++) out.values[to + start + i] = p.values[from + i]!;
    }
  });
  return out;
}

/** How many flows have a column under `mask`. */
export function popCount(mask: number): number {
  let k = 0;
  for (let bit = 0; bit < FLOW_FIELDS.length; bit++) if (mask & (1 << bit)) k++;
  return k;
}

/** Units on hand at the end of day number `day` (0 before the first row). */
export function onHandAt(d: ItemDays | undefined, day: number): number {
  if (!d) return 0;
  const i = firstAtOrAfter(d, day + 1) - 1;
  return i < 0 ? 0 : d.stock[3 * i]!;
}
