import { Hlc } from '../../domain/hlc';
import type { Clock } from '../../domain/clock';
import type { RandomSource } from '../../domain/ids';
import type { RecordStore, StoredRecord } from '../../domain/sync/mutation';
import type { TroveDb } from '../db';
import type { SyncState } from '../records';

/** What every write needs: the database, the clock and randomness (all injectable for tests). */
export interface Env {
  db: TroveDb;
  clock: Clock;
  /** Makes the random part of new ids; the page passes crypto.getRandomValues. */
  random: RandomSource;
  /** Called after each committed write (the sync scheduler listens). */
  onWrite?: () => void;
  /**
   * Who is signed in, stamped on every outbox row as it is written (null: nobody — a shop without
   * PINs). The staff session sets it on the page's env; the server checks it (ARCHITECTURE §10).
   */
  staffId?: () => string | null;
}

export function freshSyncState(random: RandomSource): SyncState {
  const installId = Array.from(random(new Uint8Array(8)), (b) => b.toString(16).padStart(2, '0')).join('');
  return { id: 'device', installId, nextMutationId: 1, hlc: Hlc.format(Hlc.zero(installId)), cursor: 0 };
}

export const recordKey = (table: string, id: string): string => `${table}/${id}`;

/** RecordStore over the live Dexie tables, for use inside an open transaction. */
export function dexieStore(db: TroveDb): RecordStore {
  return {
    get: (table, id) => db.table<StoredRecord, string>(table).get(id),
    put: async (table, record) => {
      await db.table<StoredRecord, string>(table).put(record);
    },
    find: async (table, field, value) => (await db.table<StoredRecord, string>(table).where(field).equals(value).primaryKeys()).map(String),
  };
}
