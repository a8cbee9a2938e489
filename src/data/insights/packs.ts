import { popCount, type DayColumns } from '../../domain/insights/item-days';

/**
 * How the §10 item-day rows sit in `dailyRollups`: packed in a few hundred BUCKET records — items
 * (and locations) spread by a hash of their id — each holding one typed array; never one IndexedDB
 * record per item-day, nor per item.
 *
 * Why (measured in headless Chromium on a 2-core machine, tests/bench): two years of 500,000 sale
 * lines over 5,000 items are ~440,000 item-day rows; one record each, they took 6–8 s to read back;
 * one record per item (5,000 records) still 250–500 ms — Chromium spends ~0.1 ms per record on top
 * of the bytes (15 MB read raw: 768 records ~100 ms, 96 records ~75 ms, 24 records ~35 ms). 512
 * buckets keep each record small enough (~30 KB at 500,000 lines) for a sale to rewrite the two or
 * three it touches. Each item's whole history is ONE entry: opening the screen reads each item's
 * columns in place (views into the bucket, no copy). (It was one bucket per hash and year until
 * 2026-11: 768 records, and every item's years joined on every open.)
 *
 * Each item's entry is its day columns (`DayColumns`, item-days.ts): its day numbers, then one
 * column per flow that is not 0 on every row. Only the day FLOWS are stored (sums of movements); the
 * end-of-day stock is carried forward from zero when the screen opens (`joinDays`), exactly as the
 * item-day rows are defined (rollups.ts `ItemDayRow`) — so a change revises one entry of one bucket. Money is whole minor
 * units: an Int32Array when every value of the bucket fits, else a Float64Array (exact up to 2^53).
 */

export type BucketScope = 'items' | 'locations';

export type Bucket = {
  day: '';
  scope: BucketScope;
  key: string;
  /** The items (or locations) in the bucket. */
  ids: string[];
  /** Per id: its row count and its column mask. */
  shape: Int32Array;
  /** Per id, one after the other: its day numbers, then its columns. */
  data: Int32Array | Float64Array;
};

/** One item's (or location's) rows as stored: its day columns (domain/insights/item-days.ts). */
export type Entry = DayColumns;

export const BUCKETS = 512;

/** The bucket of an item's (or location's) rows: FNV-1a of its id. */
export function bucketKey(id: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) {
    h ^= id.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return ((h >>> 0) % BUCKETS).toString(16).padStart(3, '0');
}

/** The entries of a bucket (views into its data, no copy). */
export function bucketEntries(b: Bucket): Map<string, Entry> {
  const out = new Map<string, Entry>();
  let at = 0;
  b.ids.forEach((id, k) => {
    const n = b.shape[2 * k]!;
    const mask = b.shape[2 * k + 1]!;
    const length = n * (1 + popCount(mask));
    out.set(id, { n, mask, values: b.data.subarray(at, at + length) });
    at += length;
  });
  return out;
}

export function makeBucket(scope: BucketScope, key: string, entries: ReadonlyMap<string, Entry>): Bucket {
  const ids = [...entries.keys()];
  const shape = new Int32Array(2 * ids.length);
  let length = 0;
  for (const e of entries.values()) length += e.values.length;
  let small = true;
  for (const e of entries.values())
    for (let i = 0; i < e.values.length && small; i++) {
      const v = e.values[i]!;
      if (v !== (v | 0)) small = false;
    }
  const data = small ? new Int32Array(length) : new Float64Array(length);
  let at = 0;
  ids.forEach((id, k) => {
    const e = entries.get(id)!;
    shape[2 * k] = e.n;
    shape[2 * k + 1] = e.mask;
    data.set(e.values, at);
    at += e.values.length;
  });
  return { day: '', scope, key, ids, shape, data };
}

/** Whether a stored value is a bucket this version can read (a JSON round trip, as in a backup, turns typed arrays into objects). */
export function isBucket(value: unknown): value is Bucket {
  const b = value as Bucket | undefined;
  return (
    !!b &&
    Array.isArray(b.ids) &&
    b.shape instanceof Int32Array &&
    (b.data instanceof Int32Array || b.data instanceof Float64Array) &&
    b.shape.length === 2 * b.ids.length
  );
}
