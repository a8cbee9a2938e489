import type { TroveDb } from './db';

/**
 * This device's recent wrong PINs, for the lockout (domain/staff.ts `lockout`). Local only: a
 * lockout locks this register, and wrong guesses on one tablet say nothing about another. Kept in
 * IndexedDB (the local-only `syncState` table, row 'pin-failures') rather than localStorage so a
 * reload does not reset the count, the data layer stays the one place that stores things, and
 * tests run it on fake-indexeddb like every other write.
 */
interface PinFailuresRow {
  id: 'pin-failures';
  /** ISO instants, oldest first, since the last correct PIN. */
  failures: string[];
}

const ID = 'pin-failures';
/** Enough for the longest lock (the policy caps after a few rounds); older entries only cost space. */
const KEEP = 50;

const table = (db: TroveDb) => db.table<PinFailuresRow, string>('syncState');

export async function readPinFailures(db: TroveDb): Promise<string[]> {
  return (await table(db).get(ID))?.failures ?? [];
}

/** Appends a wrong PIN at `atMs` and returns the updated list. */
export async function recordPinFailure(db: TroveDb, atMs: number): Promise<string[]> {
  return db.transaction('rw', 'syncState', async () => {
    const failures = [...(await readPinFailures(db)), new Date(atMs).toISOString()].slice(-KEEP);
    await table(db).put({ id: ID, failures });
    return failures;
  });
}

/** A correct PIN ends the streak. */
export async function clearPinFailures(db: TroveDb): Promise<void> {
  await table(db).delete(ID);
}
