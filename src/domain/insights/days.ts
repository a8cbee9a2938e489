/**
 * Business days as `yyyy-MM-dd` strings (ARCHITECTURE.md §3): calendar dates in the shop's time
 * zone. Which day an instant falls on is decided outside (`businessDayOf` in sale/shift.ts, or a
 * precomputed day on the record); here days are only counted and stepped, as calendar dates, so
 * no time zone or clock is involved.
 */

const DAY_MS = 86_400_000;

/** Parsed days, remembered: a report over two years reads the same few hundred days again and again. */
const numbers = new Map<string, number>();

/** Days since 1970-01-01 of a `yyyy-MM-dd` calendar date (UTC arithmetic on the date itself). */
export function dayNumber(day: string): number {
  let n = numbers.get(day);
  if (n === undefined) {
    n = Math.round(Date.UTC(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1, Number(day.slice(8, 10))) / DAY_MS);
    if (numbers.size > 100_000) numbers.clear(); // bounded: never a leak
    numbers.set(day, n);
  }
  return n;
}

/** The `yyyy-MM-dd` date of a day number. */
export function dayOfNumber(n: number): string {
  return new Date(n * DAY_MS).toISOString().slice(0, 10);
}

/** The day `n` days after `day` (before it when `n` is negative). */
export function addDays(day: string, n: number): string {
  return dayOfNumber(dayNumber(day) + n);
}

/** Days from `from` to `to`, both included (a one-day period has 1 day). 0 when `to` is before `from`. */
export function daysIn(from: string, to: string): number {
  return Math.max(0, dayNumber(to) - dayNumber(from) + 1);
}

/** Every day from `from` to `to`, both included. */
export function eachDay(from: string, to: string): string[] {
  const start = dayNumber(from);
  const out: string[] = [];
  for (let n = start; n <= dayNumber(to); n++) out.push(dayOfNumber(n));
  return out;
}

/** Whole days from `a` to `b` (positive when `b` is later). */
export function daysBetween(a: string, b: string): number {
  return dayNumber(b) - dayNumber(a);
}
