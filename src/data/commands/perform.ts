import { BatchWriter } from './batch-writer';
import type { Env } from './write-env';
import type { OutboxRow } from '../records';

export { dexieStore, freshSyncState, recordKey, type Env } from './write-env';

/**
 * Every write on the device goes through here: ONE read-write transaction that validates the
 * arguments, applies the mutation to the local tables (saving the confirmed state of each record
 * it touches as a shadow first), re-projects stock the ledger changed, and appends the mutation
 * to the outbox with the next per-device id and a fresh HLC. Either all of it is stored or none.
 * It is the one-mutation case of the batch writer, so bulk imports and single edits share one path.
 */
export async function perform(env: Env, name: string, args: unknown): Promise<OutboxRow> {
  const [row] = await new BatchWriter(env).run([{ name, args }], { ids: [], finds: [] });
  return row!;
}
