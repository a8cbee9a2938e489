import { Money } from '../money';
import { addDays, daysBetween } from './days';

/**
 * ABC analysis (the seed article's "ABC Analysis: Focusing on What Really Matters"): rank the
 * items by what they bring in, then A = the few that make the first 80 % of it, B = the next
 * 15 %, C = the long tail of the last 5 %. By revenue by default, or by gross margin.
 *
 * Shares are integer basis points (1 % = 100 bp) split from 10,000 with the largest-remainder
 * rule (`Money.allocate`), so they always add up to exactly 100.00 % — no float drift.
 */
export type AbcClass = 'A' | 'B' | 'C';

/** Thresholds in percent of the total; A + B + C = 100. */
export type AbcSettings = { a: number; b: number; c: number; by: 'revenue' | 'margin' };

export const DEFAULT_ABC: AbcSettings = { a: 80, b: 15, c: 5, by: 'revenue' };

export type AbcInput = { itemId: string; revenue: number; margin: number };

export type AbcRow = {
  itemId: string;
  rank: number;
  /** The figure ranked (revenue or margin, minor units); negative margins count as 0. */
  value: number;
  /** This item's share of the total, in basis points. */
  shareBp: number;
  /** Running total of the shares down to and including this item, in basis points (the Pareto line). */
  cumulativeBp: number;
  class: AbcClass;
};

/**
 * Ranks and classes items. Order: value descending, then item id ascending, so equal values
 * always land in the same order. An item is A when the items ranked above it make less than
 * `a` % (so the item that crosses 80 % is still A, and the top item is always A), B when they make
 * less than `a + b` %, C otherwise. Items with nothing (value 0) are C.
 */
export function abcClasses(items: readonly AbcInput[], settings: AbcSettings = DEFAULT_ABC): AbcRow[] {
  const ranked = items
    .map((i) => ({ itemId: i.itemId, value: Math.max(0, settings.by === 'margin' ? i.margin : i.revenue) }))
    .sort((x, y) => y.value - x.value || (x.itemId < y.itemId ? -1 : x.itemId > y.itemId ? 1 : 0));
  if (ranked.length === 0) return [];
  const total = ranked.reduce((s, r) => s + r.value, 0);
  const shares =
    total === 0
      ? ranked.map(() => 0)
      : Money.allocate(
          Money.of(10_000),
          ranked.map((r) => r.value),
        );
  const aBp = settings.a * 100;
  const abBp = (settings.a + settings.b) * 100;
  let cumulative = 0;
  return ranked.map((r, i) => {
    const before = cumulative;
    const shareBp = shares[i]!;
    cumulative += shareBp;
    const cls: AbcClass = r.value === 0 ? 'C' : before < aBp ? 'A' : before < abBp ? 'B' : 'C';
    return { itemId: r.itemId, rank: i + 1, value: r.value, shareBp, cumulativeBp: cumulative, class: cls };
  });
}

/** Totals per class for the chart legend: items, value and share (basis points, summing to 10,000). */
export function abcSummary(rows: readonly AbcRow[]): Record<AbcClass, { items: number; value: number; shareBp: number }> {
  const out = { A: { items: 0, value: 0, shareBp: 0 }, B: { items: 0, value: 0, shareBp: 0 }, C: { items: 0, value: 0, shareBp: 0 } };
  for (const r of rows) {
    out[r.class].items += 1;
    out[r.class].value += r.value;
    out[r.class].shareBp += r.shareBp;
  }
  return out;
}

/** How often each class is counted, in days (A monthly, B quarterly, C twice a year by default). */
export type CountSchedule = Record<AbcClass, number>;
export const DEFAULT_COUNT_SCHEDULE: CountSchedule = { A: 30, B: 90, C: 182 };

export type CountDue = { itemId: string; class: AbcClass; lastCounted: string | null; due: string | null; overdueDays: number };

/**
 * Cycle counts planned by ABC class (the seed article: count high-value pieces often, the rest
 * less): each item is due `schedule[class]` days after its last count; never counted = due now.
 * Returns the items due on or before `today`, most overdue first (never counted first of all).
 */
export function countsDue(
  items: readonly { itemId: string; class: AbcClass; lastCounted: string | null }[],
  today: string,
  schedule: CountSchedule = DEFAULT_COUNT_SCHEDULE,
): CountDue[] {
  const out: CountDue[] = [];
  for (const i of items) {
    if (i.lastCounted === null) {
      out.push({ ...i, due: null, overdueDays: Number.MAX_SAFE_INTEGER });
      continue;
    }
    const due = addDays(i.lastCounted, schedule[i.class]);
    const overdue = daysBetween(due, today);
    if (overdue >= 0) out.push({ ...i, due, overdueDays: overdue });
  }
  const rank: Record<AbcClass, number> = { A: 0, B: 1, C: 2 };
  return out.sort((a, b) => b.overdueDays - a.overdueDays || rank[a.class] - rank[b.class] || (a.itemId < b.itemId ? -1 : 1));
}
