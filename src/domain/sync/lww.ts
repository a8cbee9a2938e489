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
 * The field clocks an edit was made on: for each field it sets, the HLC of the value the editing
 * device had when it made the edit (null: it had none). Stamped once, by the device that records
 * the edit (`MutationDef.edits`), and carried with it, so wherever it is applied an edit can tell
 * a value it replaced knowingly from one it never saw.
 */
export type Bases = Record<string, string | null>;

export function basesOf(current: { clocks: FieldClocks } | undefined, fields: readonly string[]): Bases {
  return Object.fromEntries(fields.map((f) => [f, current?.clocks[f] ?? null]));
}

/**
 * The two edits of one field that were made without either seeing the other and set different
 * values, when `patch` (at `hlc`) meets the stored record: the value last writer by HLC keeps and
 * the one it loses. Both arrival orders report the same pair:
 * - the patch is OLDER than the stored value: it loses (applyLww does not write it);
 * - the patch is NEWER and its device had NOT seen the stored value (its base for the field is not
 *   the stored clock): it wins, and the stored value is the one lost. An edit without bases (an
 *   older app's) is taken as made on what is stored — a plain later edit.
 * Not counted: equal values, the same edit applied again (same HLC), and two edits from one device
 * (same HLC node: its own later edit replaces its earlier one).
 */
export function lostEdits<T extends object>(current: LwwRecord<T> | undefined, patch: Partial<T>, hlc: string, bases?: Bases): LostEdit[] {
  if (!current) return [];
  const lost: LostEdit[] = [];
  for (const [field, value] of Object.entries(patch)) {
    if (value === undefined) continue;
    const seen = current.clocks[field];
    if (seen === undefined || hlc === seen || hlcNode(hlc) === hlcNode(seen)) continue;
    const stored = (current.values as Record<string, unknown>)[field];
    if (same(value, stored)) continue;
    if (hlc < seen) lost.push({ field, lost: value, lostHlc: hlc, kept: stored, keptHlc: seen });
    else if (bases && field in bases && bases[field] !== seen) lost.push({ field, lost: stored, lostHlc: seen, kept: value, keptHlc: hlc });
  }
  return lost;
}
