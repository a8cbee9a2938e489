import type { MutationMeta, RecordStore } from '../sync/mutation';
import * as v from 'valibot';
import { basesOf, lostEdits, type Bases, type LwwRecord } from '../sync/lww';
import { reopen, type CaseRecord, type FieldEdit } from '../cases';

/**
 * A field edited to different values on two devices (issue 8): last writer by HLC wins, and the
 * other value is kept and shown in a case, `edit-overwritten:<table>/<id>/<field>` — derived from
 * what it concerns, so the server and every device open the same one case.
 *
 * Whichever edit arrives second, the same case opens with the same kept and lost values: an older
 * edit arriving second loses to the stored value; a newer one arriving second overwrites it, and
 * it is the stored value that is lost when the editing device had not seen it (the edit's `bases`,
 * stamped where it was recorded — see lww.ts `lostEdits`). A later edit made on the value it
 * replaces is an ordinary edit, not a case.
 *
 * Call it BEFORE writing the patch (it reads the stored record). Pure and deterministic: the same
 * apply runs on the device and on the server.
 */

/** Fields whose loss is not a person's choice worth a case: photo lists, secrets, derived words. */
const SKIPPED = new Set(['photoIds', 'pinHash', 'pinSalt', 'tokens']);

/** What a record is called in the case: its SKU, name, title or serial, else its id. */
function labelOf(values: Record<string, unknown>, id: string): string {
  for (const key of ['sku', 'name', 'title', 'serial', 'code']) {
    const v = values[key];
    if (typeof v === 'string' && v.trim()) return v;
  }
  return id;
}

/** The optional `bases` argument of every field-by-field edit mutation (see lww.ts `Bases`). */
export const basesSchema = v.optional(
  v.pipe(v.record(v.pipe(v.string(), v.maxLength(64)), v.nullable(v.pipe(v.string(), v.maxLength(128)))), v.maxEntries(64)),
);

/**
 * `MutationDef.stamp` for an edit of `table`: the device that records it adds the clocks of the
 * fields it sets as it saw them (its `bases`).
 */
export function stampBases<A extends object>(table: string, target: (args: A) => { id: string; patch: object }) {
  return async (store: RecordStore, args: A): Promise<A> => {
    const { id, patch } = target(args);
    const current = (await store.get(table, id)) as LwwRecord<Record<string, unknown>> | undefined;
    const fields = Object.entries(patch).filter(([f, value]) => value !== undefined && f !== 'bases' && f !== 'id');
    return {
      ...args,
      bases: basesOf(
        current,
        fields.map(([f]) => f),
      ),
    };
  };
}

export const overwrittenCaseId = (table: string, id: string, field: string): string => `edit-overwritten:${table}/${id}/${field}`;

/**
 * Opens (or updates, or re-opens) one case per field where `patch` and the stored value are two
 * edits made without seeing each other (lostEdits). Applying the same mutation again changes
 * nothing (the lost edit is already listed under its HLC).
 */
export async function noteOverwrittenEdits(
  store: RecordStore,
  table: string,
  id: string,
  patch: Record<string, unknown>,
  meta: MutationMeta,
  bases?: Bases,
): Promise<void> {
  const current = (await store.get(table, id)) as LwwRecord<Record<string, unknown>> | undefined;
  for (const loss of lostEdits(current, patch, meta.hlc, bases)) {
    if (SKIPPED.has(loss.field)) continue;
    const caseId = overwrittenCaseId(table, id, loss.field);
    const existing = (await store.get('cases', caseId)) as CaseRecord | undefined;
    const lostEdit: FieldEdit = { value: loss.lost, hlc: loss.lostHlc };
    const kept: FieldEdit = { value: loss.kept, hlc: loss.keptHlc };
    const label = labelOf(current!.values, id);
    const summary = (lost: FieldEdit[]) =>
      `${label}: “${loss.field}” was edited to ${lost.length + 1} different values on different devices; the later edit was kept.`;
    if (existing?.overwritten) {
      if (existing.overwritten.lost.some((l) => l.hlc === lostEdit.hlc)) continue; // the same edit again
      const lost = [...existing.overwritten.lost, lostEdit].filter((l) => l.hlc !== kept.hlc).sort((a, b) => a.hlc.localeCompare(b.hlc));
      const next = reopen(existing, { summary: summary(lost), overwritten: { ...existing.overwritten, label, kept, lost } });
      await store.put('cases', next);
      continue;
    }
    const opened: CaseRecord = {
      id: caseId,
      type: 'edit-overwritten',
      concerns: [`${table}/${id}`],
      status: 'open',
      summary: summary([lostEdit]),
      openedAt: meta.occurredAt,
      overwritten: { table, id, field: loss.field, label, kept, lost: [lostEdit] },
    };
    await store.put('cases', opened);
  }
}
