import { Hlc } from '../../domain/hlc';
import { prepare } from '../../domain/sync/registry';
import type { Clock } from '../../domain/clock';
import type { RandomSource } from '../../domain/ids';
import type { RecordStore, StoredRecord } from '../../domain/sync/mutation';
import type { TroveDb } from '../db';
import type { OutboxRow, SyncState } from '../records';

export interface Env {
  db: TroveDb;
  clock: Clock;
  /** Makes the random part of new ids; the page passes crypto.getRandomValues. */
  random: RandomSource;
}

function freshSyncState(env: Env): SyncState {
  const bytes = env.random(new Uint8Array(8));
  const installId = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  return { id: 'device', installId, nextMutationId: 1, hlc: Hlc.format(Hlc.zero(installId)), cursor: 0 };
}

/** RecordStore over Dexie tables, for use inside an open transaction. */
export function dexieStore(db: TroveDb): RecordStore {
  return {
    get: (table, id) => db.table<StoredRecord, string>(table).get(id),
    put: async (table, record) => {
      await db.table<StoredRecord, string>(table).put(record);
    },
  };
}

/**
 * Every write on the device goes through here: ONE read-write transaction that validates the
 * arguments, applies the mutation to the local tables and appends it to the outbox with the next
 * per-device id and a fresh HLC. Either all of it is stored or none of it is.
 */
export async function perform(env: Env, name: string, args: unknown): Promise<OutboxRow> {
  const { db, clock } = env;
  const { def, args: parsed } = prepare(name, args);
  return db.transaction('rw', [...def.tables, 'outbox', 'syncState'], async () => {
    const state = (await db.syncState.get('device')) ?? freshSyncState(env);
    const now = clock.now();
    const previous = Hlc.parse(state.hlc);
    const hlc = Hlc.format(Hlc.tick({ ...previous, node: state.deviceId ?? state.installId }, now));
    const occurredAt = new Date(now).toISOString();
    await def.apply(dexieStore(db), parsed, { hlc, occurredAt, deviceId: state.deviceId ?? state.installId });
    const row: OutboxRow = { id: state.nextMutationId, name, v: def.version, args: parsed, hlc, occurredAt };
    await db.outbox.add(row);
    await db.syncState.put({ ...state, nextMutationId: row.id + 1, hlc });
    return row;
  });
}
