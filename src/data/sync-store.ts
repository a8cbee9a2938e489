import { Hlc } from '../domain/hlc';
import { loadAllMutations, missingMutations, mutations } from '../domain/sync/registry';
import type { RecordStore, StoredRecord } from '../domain/sync/mutation';
import type { PullResponse, SyncedRecord } from '../domain/sync/protocol';
import type { TroveDb } from './db';
import { dexieStore, freshSyncState, recordKey } from './commands/perform';
import type { OutboxRow, Shadow, SyncState } from './records';
import type { RandomSource } from '../domain/ids';
import { itemsOfTouchedEvents, projectStock } from './projections/stock';
import { loadRollupRevision, watchRollups } from './insights/hook';

/** The device side of the sync protocol: what the sync client reads and writes, all in Dexie. */

/** Every table a pulled record can land in (the synced tables of the schema). */
export function syncedTables(db: TroveDb): string[] {
  const local = new Set(['outbox', 'syncState', 'shadows', 'stockLevels', 'dailyRollups', 'photos', 'parkedCarts', 'abcClasses']);
  return db.tables.map((t) => t.name).filter((name) => !local.has(name));
}

export async function readSyncState(db: TroveDb, random: RandomSource): Promise<SyncState> {
  return (await db.syncState.get('device')) ?? freshSyncState(random);
}

export async function updateSyncState(db: TroveDb, random: RandomSource, patch: Partial<SyncState>): Promise<void> {
  await db.transaction('rw', db.syncState, async () => {
    const state = await readSyncState(db, random);
    await db.syncState.put({ ...state, ...patch });
  });
}

/**
 * The oldest queued mutations of one origin device, as many as fit in `maxBytes` of JSON (always
 * at least one). Rows carried over from before a re-pairing come first, under their old device.
 */
export async function readOutboxBatch(db: TroveDb, maxBytes: number, afterSeq = 0): Promise<OutboxRow[]> {
  const batch: OutboxRow[] = [];
  let bytes = 0;
  let full = false;
  await db.outbox
    .where('seq')
    .above(afterSeq)
    .until(() => full)
    .each((row) => {
      const size = JSON.stringify(row).length;
      // A push holds one device's consecutive ids (the server refuses gaps): a row the server
      // refused is dropped at once while the applied one before it waits for its pull, so a gap
      // ends the batch rather than blocking the queue (found by the convergence property test).
      const last = batch.at(-1);
      if (last && (bytes + size > maxBytes || row.origin !== last.origin || row.id !== last.id + 1)) {
        full = true;
        return;
      }
      batch.push(row);
      bytes += size;
    });
  return batch;
}

/**
 * Records a (re-)pairing in one transaction. Rows queued before this install was ever paired
 * become the new device's; rows made under an earlier device id keep it and are relayed. A new
 * device id starts its own mutation ids at 1 (an id is never reused: the pair is (device, id)).
 */
export async function savePairing(
  db: TroveDb,
  random: RandomSource,
  pairing: { deviceId: string; token: string; registerCode: string; role: 'owner' | 'staff'; deviceName: string },
): Promise<void> {
  await db.transaction('rw', db.syncState, db.outbox, async () => {
    const state = await readSyncState(db, random);
    const repaired = state.deviceId !== undefined && state.deviceId !== pairing.deviceId;
    await db.outbox.filter((row) => row.origin === undefined).modify({ origin: pairing.deviceId });
    await db.syncState.put({
      ...state,
      ...pairing,
      nextMutationId: repaired ? 1 : state.nextMutationId,
      lastError: undefined,
    });
  });
}

/**
 * Replaying pending changes needs their definitions: with anything queued, every back-office
 * mutation module is loaded first (once; outside the transaction an import would end).
 */
async function loadPendingMutations(db: TroveDb): Promise<void> {
  await loadRollupRevision(); // the §10 rollups' revision code, awaited outside the transaction
  if ((await db.outbox.count()) > 0) await loadAllMutations();
}

/**
 * Rebuilds the live rows of `keys` as confirmed state (their shadow) plus every pending mutation
 * that touched them, replayed in outbox order with the same pure apply the server runs. A record
 * no pending mutation touches any more drops its shadow: its live row is the confirmed one.
 */
async function recompute(db: TroveDb, keys: Iterable<string>): Promise<void> {
  const live = dexieStore(db);
  const list = [...keys];
  // Items whose ledger changes: read before (an undone receipt disappears) and after.
  const before = new Map<string, string>();
  for (const id of await itemsOfTouchedEvents(db, list)) before.set(id, id);
  await recomputeRecords(db, live, list);
  await projectStock(db, await itemsOfTouchedEvents(db, list, before));
}

function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function splitKey(key: string): [table: string, id: string] {
  const slash = key.indexOf('/');
  return [key.slice(0, slash), key.slice(slash + 1)];
}

/**
 * Replays pending mutations over confirmed state. A mutation may read and write several records
 * (a sale reads and consumes FIFO layers), so the replay covers every record of every pending
 * mutation connected to the touched keys: all of them go back to their shadow, then those
 * mutations run again together in outbox order — the device's provisional view in its local order.
 */
async function recomputeRecords(db: TroveDb, live: RecordStore, keys: string[]): Promise<void> {
  if (keys.length === 0) return;
  // The closure: keys → pending rows touching them → the other keys those rows touch → …
  const all = new Set(keys);
  const rows = new Map<number, OutboxRow>();
  for (let frontier = keys; frontier.length > 0;) {
    const found = await db.outbox.where('touches').anyOf(frontier).toArray();
    const next: string[] = [];
    for (const row of found) {
      if (rows.has(row.seq!)) continue;
      rows.set(row.seq!, row);
      for (const key of row.touches) {
        if (all.has(key)) continue;
        all.add(key);
        next.push(key);
      }
    }
    frontier = next;
  }
  const list = [...all];
  // Bulk reads: a pull can touch tens of thousands of records, and each IndexedDB request costs.
  const shadows = await db.shadows.bulkGet(list.map(splitKey));
  const overlay = new Map<string, StoredRecord | null>();
  list.forEach((key, i) => {
    const shadow = shadows[i];
    if (shadow) overlay.set(key, shadow.data);
  });
  const newShadows: Shadow[] = [];
  const retouched = new Map<number, OutboxRow>();
  const pending = [...rows.values()].sort((a, b) => a.seq! - b.seq!);
  for (const row of pending) {
    const def = mutations.get(row.name);
    if (!def && missingMutations([row.name]).length > 0) throw new Error(`${row.name} replayed before it was loaded`);
    if (!def) continue;
    const store: RecordStore = {
      find: live.find,
      get: (t, id) => {
        const key = recordKey(t, id);
        return overlay.has(key) ? Promise.resolve(overlay.get(key) ?? undefined) : live.get(t, id);
      },
      put: async (t, record) => {
        const key = recordKey(t, record.id);
        if (!overlay.has(key)) {
          // A record this mutation did not touch before (a sale now reaching a newer layer): keep its confirmed state.
          const confirmed = (await live.get(t, record.id)) ?? null;
          newShadows.push({ table: t, id: record.id, data: confirmed });
        }
        overlay.set(key, record);
        if (!row.touches.includes(key)) retouched.set(row.seq!, { ...row, touches: [...(retouched.get(row.seq!) ?? row).touches, key] });
      },
    };
    try {
      await def.apply(store, row.args, {
        hlc: row.hlc,
        occurredAt: row.occurredAt,
        deviceId: row.origin ?? '',
        staffId: row.staffId ?? null,
      });
    } catch {
      // The confirmed state no longer allows it (e.g. resolved elsewhere): the server will say.
    }
  }
  const stillPending = new Set(pending.flatMap((r) => (retouched.get(r.seq!) ?? r).touches));
  const puts = new Map<string, StoredRecord[]>();
  const deletes = new Map<string, string[]>();
  for (const [key, record] of overlay) {
    const [table, id] = splitKey(key);
    if (record) pushTo(puts, table, record);
    else pushTo(deletes, table, id);
  }
  for (const [table, records] of puts) await db.table<StoredRecord, string>(table).bulkPut(records);
  for (const [table, ids] of deletes) await db.table(table).bulkDelete(ids);
  await db.shadows.bulkPut(newShadows);
  await db.outbox.bulkPut([...retouched.values()]);
  await db.shadows.bulkDelete(list.filter((key) => overlay.has(key) && !stillPending.has(key)).map(splitKey));
}

function allTables(db: TroveDb): string[] {
  return [...syncedTables(db), 'outbox', 'syncState', 'shadows', 'stockLevels', 'dailyRollups'];
}

/**
 * Stores one pull page in one transaction: records with pending local changes update their shadow
 * and are recomputed; others are written straight to their table. On the last page the server's
 * acknowledgement of this device's mutations drops them from the outbox.
 */
export async function applyPullPage(
  db: TroveDb,
  random: RandomSource,
  page: PullResponse,
  nowMs: number,
  /**
   * Records with pending local changes whose confirmed state a middle page updated: recomputed
   * once on the last page instead of on every page (their live rows keep showing the pending
   * change meanwhile, which is what they will show after anyway).
   */
  deferred?: Set<string>,
): Promise<void> {
  await loadPendingMutations(db);
  const known = new Set(syncedTables(db));
  await db.transaction('rw', allTables(db), async () => {
    const state = await readSyncState(db, random);
    const touched = new Set<string>();
    const ledgerItems = new Set<string>();
    // A table a newer app version knows is skipped: that version will pull it again.
    const records = ([...page.events, ...page.records] as SyncedRecord[]).filter((r) => known.has(r.table));
    // The §10 rollups of what this page changes (records written, pending ones replayed), revised below.
    const rollups = await watchRollups(
      db,
      records.map((r) => recordKey(r.table, r.id)),
      !page.hasMore || !deferred,
    );
    // One bulk read of shadows and one bulk write per table: a page is hundreds of records.
    const shadows = await db.shadows.bulkGet(records.map((r) => [r.table, r.id] as [string, string]));
    const direct = new Map<string, StoredRecord[]>();
    const shadowed: Shadow[] = [];
    records.forEach((record, i) => {
      if (record.table === 'stockEvents' && typeof record.data['itemId'] === 'string') ledgerItems.add(record.data['itemId']);
      if (shadows[i]) {
        shadowed.push({ table: record.table, id: record.id, data: record.data });
        touched.add(recordKey(record.table, record.id));
      } else {
        pushTo(direct, record.table, record.data);
      }
    });
    await db.shadows.bulkPut(shadowed);
    for (const [table, rows] of direct) await db.table<StoredRecord, string>(table).bulkPut(rows);
    const next: SyncState = { ...state, cursor: page.cursor };
    if (page.hasMore && deferred) {
      touched.forEach((key) => deferred.add(key));
      touched.clear();
    }
    if (!page.hasMore) {
      deferred?.forEach((key) => touched.add(key));
      deferred?.clear();
      // Only on the last page: the records those mutations wrote have all arrived by now.
      const done = await db.outbox.filter((row) => row.origin !== undefined && row.id <= (page.lastMutationIds[row.origin] ?? 0)).toArray();
      await db.outbox.bulkDelete(done.map((row) => row.seq!));
      done.forEach((row) => row.touches.forEach((key) => touched.add(key)));
    }
    await recompute(db, touched);
    await projectStock(db, ledgerItems);
    await rollups?.finish();
    // Clamp first: the server's HLC may run ahead of this device's clock by up to the drift limit.
    const remote = Hlc.clamp(Hlc.parse(page.hlc), nowMs).hlc;
    const merged = Hlc.receive(Hlc.parse(state.hlc), remote, nowMs);
    await db.syncState.put({ ...next, hlc: Hlc.format(merged) });
  });
}

/** The server refused these mutations: their local effects are undone and the queue moves on. */
export async function dropRejected(db: TroveDb, origin: string, ids: number[]): Promise<OutboxRow[]> {
  if (ids.length === 0) return [];
  await loadPendingMutations(db);
  return db.transaction('rw', allTables(db), async () => {
    const rows = await db.outbox
      .where('[origin+id]')
      .anyOf(ids.map((id) => [origin, id]))
      .toArray();
    const rollups = await watchRollups(db, [], true);
    await db.outbox.bulkDelete(rows.map((r) => r.seq!));
    await recompute(db, new Set(rows.flatMap((r) => r.touches)));
    await rollups?.finish();
    return rows;
  });
}
