import { Hlc } from '../../domain/hlc';
import { prepare } from '../../domain/sync/registry';
import type { Clock } from '../../domain/clock';
import type { RandomSource } from '../../domain/ids';
import type { RecordStore, StoredRecord } from '../../domain/sync/mutation';
import type { TroveDb } from '../db';
import type { OutboxRow, SyncState } from '../records';
import { itemsOfTouchedEvents, projectStock } from '../projections/stock';

export interface Env {
  db: TroveDb;
  clock: Clock;
  /** Makes the random part of new ids; the page passes crypto.getRandomValues. */
  random: RandomSource;
  /** Called after each committed write (the sync scheduler listens). */
  onWrite?: () => void;
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

/**
 * A store that also remembers which records were written, and saves each one's confirmed state
 * as a shadow before its first pending change (no shadow yet = no pending change yet, so the live
 * row IS the confirmed state).
 */
function trackingStore(db: TroveDb, touches: Set<string>): RecordStore {
  const live = dexieStore(db);
  return {
    get: live.get,
    find: live.find,
    put: async (table, record) => {
      const key = recordKey(table, record.id);
      if (!touches.has(key)) {
        touches.add(key);
        if (!(await db.shadows.get([table, record.id]))) {
          await db.shadows.put({ table, id: record.id, data: (await live.get(table, record.id)) ?? null });
        }
      }
      await live.put(table, record);
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
  const tables = def.tables.includes('stockEvents') ? [...def.tables, 'stockLevels'] : def.tables;
  const row = await db.transaction('rw', [...tables, 'outbox', 'syncState', 'shadows'], async () => {
    const state = (await db.syncState.get('device')) ?? freshSyncState(env.random);
    const now = clock.now();
    const node = state.deviceId ?? state.installId;
    const hlc = Hlc.format(Hlc.tick({ ...Hlc.parse(state.hlc), node }, now));
    const occurredAt = new Date(now).toISOString();
    const touches = new Set<string>();
    await def.apply(trackingStore(db, touches), parsed, { hlc, occurredAt, deviceId: node });
    if (def.tables.includes('stockEvents')) await projectStock(db, await itemsOfTouchedEvents(db, touches));
    const queued: OutboxRow = {
      id: state.nextMutationId,
      name,
      v: def.version,
      args: parsed,
      hlc,
      occurredAt,
      origin: state.deviceId,
      touches: [...touches],
    };
    await db.outbox.add(queued);
    await db.syncState.put({ ...state, nextMutationId: queued.id + 1, hlc });
    return queued;
  });
  env.onWrite?.();
  return row;
}
