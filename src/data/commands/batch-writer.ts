import Dexie, { type Table, type Transaction } from 'dexie';
import { Hlc } from '../../domain/hlc';
import { loadMutations, missingMutations, prepare } from '../../domain/sync/registry';
import { levelsOf, type StockEvent, type StockLevel } from '../../domain/inventory/ledger';
import type { RecordStore, StoredRecord } from '../../domain/sync/mutation';
import type { OutboxRow, Shadow, SyncState } from '../records';
import { freshSyncState, recordKey, type Env } from './write-env';
import { guardedWrite } from '../storage-pressure';
import { reviseRollupsOfBatch, withRollupTables } from '../insights/hook';

/** One mutation of a batch; `at` (ms) dates it in the past — the demo shop's history — instead of now. */
export interface BatchMutation {
  name: string;
  args: unknown;
  at?: number;
}

export interface BatchHints {
  /** Records the mutations will look up by id (new ids: known absent after one bulk read). */
  ids: [table: string, ids: string[]][];
  /** Index lookups the mutations will make (`store.find`), read in one query per field. */
  finds: [table: string, field: string, values: string[]][];
}

const matches = (record: StoredRecord, field: string, value: string): boolean => {
  const v = record[field];
  return Array.isArray(v) ? v.includes(value) : v === value;
};

/**
 * perform() for many mutations in one transaction: the same validation, HLC ticks, shadows,
 * outbox rows, touches and stock projection, but reads come from one bulk read per table and
 * writes go out in one bulkPut per table at the end. In Chromium every IndexedDB request costs
 * ~0.1–0.3 ms, and perform makes ~17 per mutation: 10,000 rows took nearly two minutes that way.
 * tests/data/import-catalog.test.ts checks it leaves the database exactly as perform() does.
 * perform() is its one-mutation case; the CSV import and the demo shop use it in batches.
 */
export class BatchWriter {
  #cache = new Map<string, StoredRecord | undefined>();
  #dirty = new Map<string, Map<string, StoredRecord>>();
  #shadowKnown = new Map<string, boolean>();
  #shadows: Shadow[] = [];
  #found = new Map<string, string[]>();
  #tx: Transaction | undefined;

  constructor(private readonly env: Env) {}

  /**
   * Applies the mutations in order, all or none; `onMutation` hears which one is being handled (to name a failure).
   * A write of its own frees synced photos and retries once when the device is out of space, then
   * fails as `storage-full` (storage-pressure.ts); joined to an outer transaction (a sale), the outer one does that.
   */
  async run(mutations: BatchMutation[], hints: BatchHints, onMutation?: (index: number) => void): Promise<OutboxRow[]> {
    return guardedWrite(this.env, 'this change', () => this.#run(mutations, hints, onMutation));
  }

  async #run(mutations: BatchMutation[], hints: BatchHints, onMutation?: (index: number) => void): Promise<OutboxRow[]> {
    const { db, clock } = this.env;
    // Back-office mutations load on first use — before the transaction, which an import would end.
    // (Nothing is awaited when all are loaded: a sale inside the register's outer transaction.)
    const missing = missingMutations(mutations.map((m) => m.name));
    if (missing.length > 0) await loadMutations(missing);
    const prepared = mutations.map((m, i) => {
      onMutation?.(i);
      return { name: m.name, at: m.at, ...prepare(m.name, m.args) };
    });
    const tables = new Set(['outbox', 'syncState', 'shadows']);
    for (const { def } of prepared)
      for (const t of [...def.tables, ...(def.tables.includes('stockEvents') ? ['stockLevels'] : [])]) tables.add(t);
    withRollupTables(tables); // sales, returns, stock events: their rollups are revised in the same transaction
    hints = {
      ids: hints.ids.filter(([t, ids]) => ids.length > 0 && tables.has(t)),
      finds: hints.finds.filter(([t, , values]) => values.length > 0 && tables.has(t)),
    };
    const rows = await db.transaction('rw', [...tables], async () => {
      this.#reset();
      // Every read and write names this transaction: mutations that only hit the cache await many
      // plain promises in a row, which can outrun Dexie's implicit transaction zone.
      this.#tx = Dexie.currentTransaction;
      await this.#prefetch(hints);
      let state: SyncState = (await this.#table<SyncState>('syncState').get('device')) ?? freshSyncState(this.env.random);
      // Who is signed in now records every mutation of the batch (the server checks their role).
      const staffId = this.env.staffId?.() ?? null;
      const queued: OutboxRow[] = [];
      for (const [i, { name, def, args: given, at }] of prepared.entries()) {
        onMutation?.(i);
        const now = at ?? clock.now();
        const node = state.deviceId ?? state.installId;
        const hlc = Hlc.format(Hlc.tick({ ...Hlc.parse(state.hlc), node }, now));
        const touches = new Set<string>();
        const args = def.stamp ? await def.stamp(this.#store(touches), given) : given;
        await def.apply(this.#store(touches), args, { hlc, occurredAt: new Date(now).toISOString(), deviceId: node, staffId });
        queued.push({
          id: state.nextMutationId,
          name,
          v: def.version,
          args,
          hlc,
          occurredAt: new Date(now).toISOString(),
          staffId,
          origin: state.deviceId,
          touches: [...touches],
        });
        state = { ...state, nextMutationId: state.nextMutationId + 1, hlc };
      }
      await this.#flush(queued, state);
      return queued;
    });
    this.#reset();
    this.env.onWrite?.();
    return rows;
  }

  #table<T = StoredRecord>(name: string): Table<T, string> {
    return this.#tx!.table<T, string>(name);
  }

  #reset(): void {
    for (const m of [this.#cache, this.#dirty, this.#shadowKnown, this.#found]) m.clear();
    this.#shadows = [];
    this.#tx = undefined;
  }

  async #prefetch({ ids, finds }: BatchHints): Promise<void> {
    const shadowTable = this.#tx!.table<Shadow, [string, string]>('shadows');
    for (const [table, list] of ids) {
      const [rows, shadows] = await Promise.all([
        this.#table(table).bulkGet(list),
        shadowTable.bulkGet(list.map((id) => [table, id] as [string, string])),
      ]);
      list.forEach((id, i) => {
        this.#cache.set(recordKey(table, id), rows[i]);
        this.#shadowKnown.set(recordKey(table, id), Boolean(shadows[i]));
      });
    }
    for (const [table, field, values] of finds) {
      const rows = await this.#table(table).where(field).anyOf(values).toArray();
      for (const value of values)
        this.#found.set(
          `${table}|${field}|${value}`,
          rows.filter((r) => matches(r, field, value)).map((r) => r.id),
        );
      for (const row of rows) if (!this.#cache.has(recordKey(table, row.id))) this.#cache.set(recordKey(table, row.id), row);
    }
  }

  async #get(table: string, id: string): Promise<StoredRecord | undefined> {
    const key = recordKey(table, id);
    if (!this.#cache.has(key)) this.#cache.set(key, await this.#table(table).get(id));
    const record = this.#cache.get(key);
    // A copy, as IndexedDB would give: a mutation that edits what it read cannot edit the cache.
    return record && structuredClone(record);
  }

  async #find(table: string, field: string, value: string): Promise<string[]> {
    const cacheKey = `${table}|${field}|${value}`;
    let stored = this.#found.get(cacheKey);
    if (!stored) {
      stored = (await this.#table(table).where(field).equals(value).primaryKeys()).map(String);
      this.#found.set(cacheKey, stored);
    }
    const dirty = this.#dirty.get(table);
    const out = new Set(stored.filter((id) => !dirty?.has(id) || matches(dirty.get(id)!, field, value)));
    for (const record of dirty?.values() ?? []) if (matches(record, field, value)) out.add(record.id);
    return [...out].sort();
  }

  #store(touches: Set<string>): RecordStore {
    return {
      get: (table, id) => this.#get(table, id),
      find: (table, field, value) => this.#find(table, field, value),
      put: async (table, record) => {
        const key = recordKey(table, record.id);
        if (!touches.has(key)) {
          touches.add(key);
          if (!this.#shadowKnown.has(key))
            this.#shadowKnown.set(key, Boolean(await this.#tx!.table<Shadow, [string, string]>('shadows').get([table, record.id])));
          if (!this.#shadowKnown.get(key)) {
            this.#shadows.push({ table, id: record.id, data: (await this.#get(table, record.id)) ?? null });
            this.#shadowKnown.set(key, true);
          }
        }
        const copy = structuredClone(record);
        this.#cache.set(key, copy);
        const dirty = this.#dirty.get(table) ?? new Map<string, StoredRecord>();
        dirty.set(record.id, copy);
        this.#dirty.set(table, dirty);
      },
    };
  }

  /**
   * Writes everything at once, and moves the stock levels by what the batch's events changed: the
   * new events' quantities less those of the versions they replace, per item and location. A sale
   * of a best-seller with thousands of events no longer re-reads them all. (A pull still rebuilds
   * the levels of the items it touched from their whole ledger: projections/stock.ts; the
   * convergence property test checks every device's levels against a fresh sum.)
   */
  async #flush(queued: OutboxRow[], state: SyncState): Promise<void> {
    await reviseRollupsOfBatch(this.#tx!, this.#dirty, this.#shadows); // reads the previous versions: before the writes
    const events = [...(this.#dirty.get('stockEvents')?.values() ?? [])] as unknown as StockEvent[];
    const replaced = events.length > 0 ? await this.#table<StockEvent>('stockEvents').bulkGet(events.map((e) => e.id)) : [];
    for (const [table, records] of this.#dirty) await this.#table(table).bulkPut([...records.values()]);
    await this.#tx!.table<Shadow, [string, string]>('shadows').bulkPut(this.#shadows);
    await this.#tx!.table<OutboxRow, number>('outbox').bulkAdd(queued);
    await this.#table<SyncState>('syncState').put(state);
    if (events.length === 0) return;
    const moves = new Map<string, StockLevel>();
    const add = (list: StockLevel[], sign: 1 | -1) => {
      for (const l of list) {
        const key = `${l.itemId}\u0000${l.locationId}`;
        const move = moves.get(key) ?? { itemId: l.itemId, locationId: l.locationId, onHand: 0 };
        move.onHand += sign * l.onHand;
        moves.set(key, move);
      }
    };
    add(levelsOf(events), 1);
    add(levelsOf(replaced.filter((e): e is StockEvent => e !== undefined)), -1);
    const levels = this.#tx!.table<StockLevel, [string, string]>('stockLevels');
    const changed = [...moves.values()];
    const stored = await levels.bulkGet(changed.map((m) => [m.itemId, m.locationId] as [string, string]));
    await levels.bulkPut(changed.map((m, i) => ({ ...m, onHand: (stored[i]?.onHand ?? 0) + m.onHand })));
  }
}
