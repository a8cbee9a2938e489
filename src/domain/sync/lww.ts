/**
 * Last-writer-wins per field, decided by HLC strings (which sort in HLC order). A record keeps the
 * HLC of the write that set each field, so edits from different devices to different fields both
 * survive, and the result does not depend on the order the edits arrive in.
 */
export type FieldClocks = Record<string, string>;

export type LwwRecord<T extends object> = {
  id: string;
  values: T;
  clocks: FieldClocks;
};

export function applyLww<T extends object>(
  current: LwwRecord<T> | undefined,
  id: string,
  defaults: T,
  patch: Partial<T>,
  hlc: string,
): LwwRecord<T> {
  const record: LwwRecord<T> = current
    ? { id, values: { ...current.values }, clocks: { ...current.clocks } }
    : { id, values: { ...defaults }, clocks: {} };
  for (const [field, value] of Object.entries(patch) as [keyof T & string, T[keyof T & string] | undefined][]) {
    if (value === undefined) continue;
    const seen = record.clocks[field];
    if (seen === undefined || hlc > seen) {
      record.values[field] = value;
      record.clocks[field] = hlc;
    }
  }
  return record;
}

/** A field edit that lost to the stored value: the value it carried and the HLC of each side. */
export type LostEdit = { field: string; lost: unknown; lostHlc: string; kept: unknown; keptHlc: string };

const same = (a: unknown, b: unknown): boolean => a === b || JSON.stringify(a) === JSON.stringify(b);
/** The device part of an HLC string (`wall-counter-node`). */
export const hlcNode = (hlc: string): string => hlc.split('-').slice(2).join('-');

/**
 * The fields of `patch` that `applyLww` would NOT write because the stored value is newer, and whose
 * value differs from it — another person's edit the record silently drops. Not counted: equal
 * values, the same edit applied again (same HLC), and a device's own older edit arriving after its
 * own newer one (same HLC node). Only an older edit arriving second is seen; a newer edit arriving
 * second simply overwrites, as any later edit does (the overwritten value is not reported).
 */
export function lostEdits<T extends object>(current: LwwRecord<T> | undefined, patch: Partial<T>, hlc: string): LostEdit[] {
  if (!current) return [];
  const lost: LostEdit[] = [];
  for (const [field, value] of Object.entries(patch)) {
    if (value === undefined) continue;
    const seen = current.clocks[field];
    if (seen === undefined || hlc >= seen || hlcNode(hlc) === hlcNode(seen)) continue;
    const kept = (current.values as Record<string, unknown>)[field];
    if (same(value, kept)) continue;
    lost.push({ field, lost: value, lostHlc: hlc, kept, keptHlc: seen });
  }
  return lost;
}
