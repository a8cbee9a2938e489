import type { TroveDb } from '../db';
import { recordKey } from '../commands/write-env';

/**
 * Which of these receipt e-mail requests still wait in the outbox (not yet acknowledged by the
 * server). A request that has left the outbox is on the server, which sends it.
 */
export async function pendingReceiptEmails(db: TroveDb, ids: readonly string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const keys = ids.map((id) => recordKey('receiptEmails', id));
  const rows = await db.outbox.where('touches').anyOf(keys).toArray();
  const waiting = new Set(rows.flatMap((row) => row.touches));
  return new Set(ids.filter((id) => waiting.has(recordKey('receiptEmails', id))));
}
