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
