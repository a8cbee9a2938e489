import type { MutationMeta, RecordStore } from '../sync/mutation';
import { lostEdits, type LwwRecord } from '../sync/lww';
import type { CaseRecord, FieldEdit } from '../cases';

/**
 * A field edited to different values on two devices (issue 8): last writer by HLC wins, and the
 * other value is kept and shown in a case, `edit-overwritten:<table>/<id>/<field>` — derived from
 * what it concerns, so the server and every device open the same one case.
 *
 * Asymmetric by design: the case opens when the OLDER edit arrives second (it loses to the stored
 * value). When the newer edit arrives second it simply overwrites, as any later edit does, and no
 * case opens — on the server the later edit is most often the one that arrives second, and then
 * nothing was lost from the record's point of view that a normal edit would not also replace.
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

export const overwrittenCaseId = (table: string, id: string, field: string): string => `edit-overwritten:${table}/${id}/${field}`;

/**
 * Opens (or updates, or re-opens) one case per field of `patch` that loses to a newer stored value
 * of a different value. Applying the same mutation again changes nothing (the lost edit is already
 * listed under its HLC).
 */
export async function noteOverwrittenEdits(
  store: RecordStore,
  table: string,
  id: string,
  patch: Record<string, unknown>,
  meta: MutationMeta,
): Promise<void> {
  const current = (await store.get(table, id)) as LwwRecord<Record<string, unknown>> | undefined;
  for (const loss of lostEdits(current, patch, meta.hlc)) {
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
      const lost = [...existing.overwritten.lost, lostEdit].sort((a, b) => a.hlc.localeCompare(b.hlc));
      const next: CaseRecord = {
        ...existing,
        status: 'open',
        summary: summary(lost),
        overwritten: { ...existing.overwritten, label, kept, lost },
      };
      if (existing.status === 'resolved') {
        next.earlier = [
          ...(existing.earlier ?? []),
          {
            resolution: existing.resolution ?? '',
            resolvedAt: existing.resolvedAt ?? '',
            resolvedBy: existing.resolvedBy ?? null,
            note: existing.note ?? '',
            records: existing.records ?? [],
          },
        ];
        for (const key of ['resolution', 'resolvedAt', 'resolvedBy', 'note', 'records'] as const) delete next[key];
      }
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
