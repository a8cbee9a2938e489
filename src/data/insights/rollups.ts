import Dexie from 'dexie';
import type { TroveDb } from '../db';
import type { Shadow } from '../records';
import { recordKey } from '../commands/write-env';
import {
  eventMovements,
  FLOW_FIELDS,
  returnMovements,
  saleMovements,
  shopDay,
  type Movement,
  type StoredEvent,
} from '../../domain/insights/movements';
import {
  addColumns,
  buildRollups,
  reviseColumns,
  seriesFor,
  type ItemDims,
  type Rollups,
  type ScopeKind,
} from '../../domain/insights/rollups';
import { addDays, dayNumber, daysIn } from '../../domain/insights/days';
import type { StoredRecord } from '../../domain/sync/mutation';
import type { ReturnRecord, SaleRecord } from '../../domain/sale/types';
import type { ItemRecord } from '../../domain/catalog/item';
import type { ProductRecord } from '../../domain/catalog/product';
import type { Lot } from '../../domain/inventory/ledger';
import { columnsOf, withStock, type DayColumns, type ItemDays } from '../../domain/insights/item-days';
import { bucketEntries, bucketKey, isBucket, makeBucket, type Bucket, type BucketScope, type Entry } from './packs';
import { registerRollupRevision, ROLLUP_MARKER, ROLLUP_TABLES, type RollupWatch, type Tables } from './hook';

/**
 * The device side of the §10 daily rollups: the item-day rows (and location-day rows) stored in
 * `dailyRollups`, kept current by every write and every pull, read when the Insights screen opens.
 *
 * - Storage: the rows packed in a few hundred bucket records (packs.ts: one record per item-day
 *   would take seconds to read back in Chromium). A marker row says the stored rows are COMPLETE (a from-scratch build wrote them) and which time zone
 *   dated the stock events. No marker (fresh install, an upgrade from the lazy version, a restore
 *   or reset, a time zone change, anything this code could not revise exactly): the screen builds
 *   them from scratch once (`refreshRollups`), and writes skip the revision until then.
 * - Each device write (the batch writer, which perform and the register's completeSale go
 *   through) revises the rows of the items and locations its sales, returns and stock events
 *   changed, in the write's own transaction (`reviseRollupsOfBatch`): the movements of each
 *   record's previous version (its shadow, or the stored row) come out, the new ones go in
 *   (`reviseItemRows` of the domain, proven equal to a rebuild by fast-check).
 * - Each pull page and each rejected mutation does the same for the records whose live row or
 *   pending state it changed (`watchRollups`: before and after, in the pull's transaction).
 * - Opening the screen reads the buckets and derives the dense shop, category, collection, supplier
 *   and location series from them with the items' CURRENT dimensions (`loadRollups`): an item
 *   moved to another category is right at once, nothing stored depends on dimensions.
 *
 * "Pending" (a provisional day, §10) is: the record has a shadow, i.e. unsynced local changes —
 * the same as being in an outbox row's touches, which the from-scratch build reads.
 */

const MARKER_KEY = '__built__';
/** The stored layout; a marker of another format means "build again". */
const FORMAT = 3;

type Meta = { day: ''; scope: 'meta'; key: string; format: number; timeZone: string; mark: string };
const META_KEY = ROLLUP_MARKER;

async function readMeta(tx: Tables): Promise<Meta | undefined> {
  const meta = (await tx.table('dailyRollups').get(META_KEY)) as Meta | undefined;
  return meta?.format === FORMAT ? meta : undefined;
}

/** Drops the marker: the next time the screen opens builds from scratch (the fallback for anything not revised exactly). */
async function invalidate(tx: Tables): Promise<void> {
  await tx.table('dailyRollups').delete(META_KEY);
}

/** Every movement on this device, with the unsynced ones marked provisional. */
export async function readMovements(db: TroveDb, timeZone: string): Promise<Movement[]> {
  const [sales, returns, events, outbox] = await db.transaction('r', [db.sales, db.returns, db.stockEvents, db.outbox], () =>
    Promise.all([db.sales.toArray(), db.returns.toArray(), db.stockEvents.toArray(), db.outbox.toArray()]),
  );
  const pending = new Set(outbox.flatMap((row) => row.touches ?? []));
  return [
    ...saleMovements(sales as unknown as SaleRecord[], (id) => pending.has(recordKey('sales', id))),
    ...returnMovements(returns as unknown as ReturnRecord[], (id) => pending.has(recordKey('returns', id))),
    ...eventMovements(events as unknown as StoredEvent[], shopDay(timeZone), (id) => pending.has(recordKey('stockEvents', id))),
  ];
}

/** Category, collection and supplier of every item (the product holds category and collection). */
export async function readDims(db: TroveDb): Promise<ItemDims[]> {
  const [items, products, lots] = await Promise.all([db.items.toArray(), db.products.toArray(), db.lots.toArray()]);
  const byId = new Map((products as unknown as ProductRecord[]).map((p) => [p.id, p]));
  const lotSupplier = supplierOfLots(lots as unknown as Lot[]);
  return (items as unknown as ItemRecord[]).map((i) => {
    const p = byId.get(i.productId);
    return {
      itemId: i.id,
      categoryId: p?.values.categoryId ?? null,
      collectionId: p?.values.collectionId ?? null,
      supplierId: i.values.supplierId ?? lotSupplier.get(i.id) ?? null,
    };
  });
}

/** The same dimensions from the catalogue the Insights screen reads anyway (report.ts `readCatalogue`). */
export function dimsOf(c: {
  items: ReadonlyMap<string, { categoryId: string | null; collectionId: string | null; supplierId: string | null }>;
}): ItemDims[] {
  return [...c.items].map(([itemId, i]) => ({ itemId, categoryId: i.categoryId, collectionId: i.collectionId, supplierId: i.supplierId }));
}

/** The supplier of each item's newest layer: the item's supplier when none is set on the item. */
export function supplierOfLots(lots: readonly Lot[]): Map<string, string> {
  const newest = new Map<string, Lot>();
  for (const l of lots) {
    if (!l.supplierId) continue;
    const seen = newest.get(l.itemId);
    if (!seen || l.receivedAt > seen.receivedAt) newest.set(l.itemId, l);
  }
  return new Map([...newest].map(([id, l]) => [id, l.supplierId!]));
}

/** The period the rollups cover: from the first movement (at most 3 years back, at least 1 year) to today. */
export function rollupPeriod(movements: readonly Movement[], today: string): { from: string; to: string } {
  let first = addDays(today, -365);
  const floor = addDays(today, -3 * 365);
  for (const m of movements) if (m.day < first && m.day >= floor) first = m.day;
  return { from: first, to: today };
}

/** What identifies the data a build was made from: the outbox head and the pull cursor. */
async function sourceMark(db: TroveDb): Promise<string> {
  const [last, state] = await Promise.all([db.outbox.orderBy('seq').last(), db.syncState.get('device')]);
  return JSON.stringify([last?.seq ?? 0, state?.cursor ?? null]);
}

/** Whether the stored rows are NOT complete (never built, an older layout, or given up on): the screen will build them. */
export async function rollupsStale(db: TroveDb): Promise<boolean> {
  return (await readMeta(db)) === undefined;
}

/** Each location's day flows (sums of its movements, by day): what its dense series is made of. */
function locationDays(movements: readonly Movement[]): Map<string, DayColumns> {
  const byLocation = new Map<string, Movement[]>();
  for (const m of movements) {
    const list = byLocation.get(m.locationId);
    if (list) list.push(m);
    else byLocation.set(m.locationId, [m]);
  }
  const out = new Map<string, DayColumns>();
  for (const [id, list] of byLocation) {
    list.sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0));
    out.set(id, columnsOf(list));
  }
  return out;
}

/**
 * Builds the rollups from scratch (every sale, return and stock event on the device) and stores
 * them, replacing whatever was stored, with the marker that says they are complete. The marker is
 * written only if nothing was written or pulled while the build read (else the next open builds
 * again). Returns the in-memory rollups the screen reads.
 */
export async function refreshRollups(db: TroveDb, today: string, timeZone: string): Promise<Rollups> {
  const mark = await sourceMark(db);
  const [movements, dims] = await Promise.all([readMovements(db, timeZone), readDims(db)]);
  const { from, to } = rollupPeriod(movements, today);
  const r = buildRollups({ movements, items: dims, from, to });
  const packs = [...bucketsOf('items', r.items), ...bucketsOf('locations', locationDays(movements))];
  await db.transaction('rw', [db.dailyRollups, db.outbox, db.syncState], async () => {
    if ((await sourceMark(db)) !== mark) return; // a write or a pull came in meanwhile: built again next time
    await db.dailyRollups.clear();
    await db.dailyRollups.bulkPut(packs as never[]);
    const meta: Meta = { day: '', scope: 'meta', key: MARKER_KEY, format: FORMAT, timeZone, mark };
    await db.dailyRollups.put(meta as never);
  });
  return r;
}

/** Days by id packed into their buckets: each id's rows are one entry of its bucket. */
function bucketsOf(scope: BucketScope, daysById: ReadonlyMap<string, DayColumns>): Bucket[] {
  const byKey = new Map<string, Map<string, Entry>>();
  for (const [id, d] of daysById) {
    if (d.n === 0) continue;
    const key = bucketKey(id);
    let entries = byKey.get(key);
    if (!entries) byKey.set(key, (entries = new Map()));
    entries.set(id, d);
  }
  return [...byKey].map(([key, entries]) => makeBucket(scope, key, entries));
}

/** Each id's entry over the buckets. */
function entriesOf(buckets: readonly Bucket[]): Map<string, Entry> {
  const out = new Map<string, Entry>();
  for (const b of buckets) for (const [id, e] of bucketEntries(b)) out.set(id, e);
  return out;
}

/** Every stored bucket of a scope, or undefined when one is not readable (then the caller builds again). */
async function readBuckets(db: TroveDb, scope: BucketScope): Promise<Bucket[] | undefined> {
  const buckets = (await db.dailyRollups
    .where('[day+scope+key]')
    .between(['', scope, Dexie.minKey], ['', scope, Dexie.maxKey])
    .toArray()) as unknown[];
  return buckets.every(isBucket) ? buckets : undefined;
}

/** The stored item-day rows, by item, sorted by day (with the stock carried, as the screen reads them). */
export async function storedItemDays(db: TroveDb): Promise<Map<string, ItemDays>> {
  return new Map([...entriesOf((await readBuckets(db, 'items')) ?? [])].map(([id, e]) => [id, withStock(id, e)]));
}

/**
 * What the Insights screen opens with: the stored rows when they are complete (one read of the
 * buckets, then the dense series derived with the items' current dimensions), else a build from
 * scratch that stores them for next time. `byItem` (movements) is left empty here: the reports read
 * rows and series only; `updateRollups` needs rollups from `buildRollups`.
 */
export async function loadRollups(
  db: TroveDb,
  today: string,
  timeZone: string,
  knownDims?: readonly ItemDims[] | Promise<readonly ItemDims[]>,
): Promise<Rollups> {
  const stored = await readStoredRollups(db, timeZone);
  if (!stored) return refreshRollups(db, today, timeZone);
  return rollupsFromBuckets(stored.items, stored.locations, await (knownDims ?? readDims(db)), today);
}

/**
 * The stored buckets, read in one transaction, or undefined when none are complete (no marker, a
 * time-zone change, unreadable rows): then the screen builds from scratch (`refreshRollups`). Read
 * on its own, so the screen reads the catalogue meanwhile (the dims come last).
 */
async function readStoredRollups(db: TroveDb, timeZone: string): Promise<{ items: Bucket[]; locations: Bucket[] } | undefined> {
  const [meta, items, locations] = await db.transaction('r', db.dailyRollups, () =>
    Promise.all([readMeta(db), readBuckets(db, 'items'), readBuckets(db, 'locations')]),
  );
  return meta && meta.timeZone === timeZone && items && locations ? { items, locations } : undefined;
}

/**
 * The rollups from stored buckets: item rows unpacked; the dense series summed from them exactly as
 * `buildRollups` sums item rows (shop, category, collection, supplier by the item's dimensions) and
 * location rows (location); rows before the period go into the opening stock, rows after it nowhere.
 */
export function rollupsFromBuckets(
  itemBuckets: readonly Bucket[],
  locationBuckets: readonly Bucket[],
  dims: readonly ItemDims[],
  today: string,
): Rollups {
  const items = entriesOf(itemBuckets);
  const locations = entriesOf(locationBuckets);
  // The period (as rollupPeriod): from the first day with movement (at most 3 years back, at least 1 year) to today.
  const todayN = dayNumber(today);
  const floorN = todayN - 3 * 365;
  let fromN = todayN - 365;
  for (const e of items.values()) for (let i = 0; i < e.n; i++) if (e.values[i]! < fromN && e.values[i]! >= floorN) fromN = e.values[i]!;
  const from = addDays(today, fromN - todayN);
  const to = today;
  const days = daysIn(from, to);
  const r: Rollups = { from, to, dims: new Map(dims.map((d) => [d.itemId, d])), byItem: new Map(), items: new Map(), scopes: new Map() };
  const series = (scope: ScopeKind, key: string | null) => seriesFor(r, scope, key);
  for (const [id, e] of locations) addColumns([series('location', id)], e, fromN, days);
  for (const [id, e] of items) {
    const d = withStock(id, e);
    r.items.set(id, d);
    const dims = r.dims.get(id);
    addColumns(
      [
        series('category', dims?.categoryId ?? null),
        series('collection', dims?.collectionId ?? null),
        series('supplier', dims?.supplierId ?? null),
      ],
      d,
      fromN,
      days,
    );
  }
  // The shop is every category together (each item is in exactly one, '-' for none): whole numbers, so exact in any order.
  if (items.size > 0) {
    const shop = series('shop', 'all');
    for (const s of [...r.scopes.values()].filter((x) => x.scope === 'category')) {
      for (const f of FLOW_FIELDS) {
        const to = shop.flows[f];
        const from = s.flows[f];
        for (let i = 0; i < days; i++) to[i]! += from[i]!;
      }
      shop.opening.units += s.opening.units;
      shop.opening.value += s.opening.value;
      shop.opening.costUnknownUnits += s.opening.costUnknownUnits;
    }
  }
  return r;
}

/** The movements of one stored record of a rollup table (none for no record). */
function movementsOf(
  table: string,
  record: StoredRecord | null | undefined,
  pending: boolean,
  dayOf: (instant: string) => string,
): Movement[] {
  if (!record) return [];
  const p = () => pending;
  if (table === 'sales') return saleMovements([record as unknown as SaleRecord], p);
  if (table === 'returns') return returnMovements([record as unknown as ReturnRecord], p);
  if (table === 'stockEvents') return eventMovements([record as unknown as StoredEvent], dayOf, p);
  return [];
}

type Change = { table: string; before: StoredRecord | null; beforePending: boolean; after: StoredRecord | null; afterPending: boolean };

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/**
 * Revises the stored buckets for changed records: per item (and per location) the movements of the
 * previous versions come out and the new ones go in (`reviseItemRows`); an entry left with no row
 * goes, and a bucket left with no entry. A bucket this version cannot read drops the marker
 * instead (built again on next open).
 */
async function reviseStored(tx: Tables, known: Meta | undefined, changes: readonly Change[]): Promise<void> {
  let meta = known;
  // A stock event's day depends on the shop's time zone (in the marker); a sale's and a return's
  // is on the record, so a sale reads the marker together with its buckets (one round trip).
  if (!meta && changes.some((c) => c.table === 'stockEvents')) {
    meta = await readMeta(tx);
    if (!meta) return;
  }
  const dayOf = shopDay(meta?.timeZone ?? 'UTC');
  const work = new Map<string, { scope: BucketScope; id: string; key: string; before: Movement[]; after: Movement[] }>();
  const entry = (scope: BucketScope, id: string) => {
    const key = bucketKey(id);
    const k = `${scope}/${key}/${id}`;
    let w = work.get(k);
    if (!w) work.set(k, (w = { scope, id, key, before: [], after: [] }));
    return w;
  };
  for (const c of changes) {
    for (const m of movementsOf(c.table, c.before, c.beforePending, dayOf)) {
      entry('items', m.itemId).before.push(m);
      entry('locations', m.locationId).before.push(m);
    }
    for (const m of movementsOf(c.table, c.after, c.afterPending, dayOf)) {
      entry('items', m.itemId).after.push(m);
      entry('locations', m.locationId).after.push(m);
    }
  }
  if (work.size === 0) return;
  const wanted = new Map<string, [BucketScope, string]>();
  for (const w of work.values()) wanted.set(`${w.scope}/${w.key}`, [w.scope, w.key]);
  const table = tx.table('dailyRollups');
  const keys = [...wanted.values()];
  const read = (await table.bulkGet([...(meta ? [] : [META_KEY]), ...keys.map(([scope, key]) => ['', scope, key])])) as unknown[];
  if (!meta) {
    const marker = read.shift() as Meta | undefined;
    if (marker?.format !== FORMAT) return;
  }
  const buckets = new Map<string, { scope: BucketScope; key: string; entries: Map<string, Entry>; changed: boolean }>();
  for (const [i, [scope, key]] of keys.entries()) {
    const b = read[i];
    if (b !== undefined && !isBucket(b)) return invalidate(tx);
    buckets.set(`${scope}/${key}`, { scope, key, entries: b ? bucketEntries(b) : new Map(), changed: false });
  }
  for (const w of work.values()) {
    const b = buckets.get(`${w.scope}/${w.key}`)!;
    const next = reviseColumns(w.id, b.entries.get(w.id), w.before, w.after);
    if (!next) continue;
    b.changed = true;
    if (next.n === 0) b.entries.delete(w.id);
    else b.entries.set(w.id, next);
  }
  const puts: Bucket[] = [];
  const deletes: [string, string, string][] = [];
  for (const b of buckets.values()) {
    if (!b.changed) continue;
    if (b.entries.size === 0) deletes.push(['', b.scope, b.key]);
    else puts.push(makeBucket(b.scope, b.key, b.entries));
  }
  if (puts.length > 0) await table.bulkPut(puts);
  if (deletes.length > 0) await table.bulkDelete(deletes);
}

/**
 * The batch writer's hook (perform and completeSale go through it), called in its transaction
 * before it writes: `dirty` holds the new version of every record the batch put, `shadows` the
 * shadows it is about to create — for a record with no pending change before, its live version
 * before the batch. A record that already had a shadow (pending) is read as stored (the batch's
 * writes have not reached the table yet). After the batch every record it put is pending.
 */
export async function reviseRollupsOfBatch(
  tx: Tables,
  dirty: ReadonlyMap<string, ReadonlyMap<string, StoredRecord>>,
  shadows: readonly Shadow[],
): Promise<void> {
  const tables = ROLLUP_TABLES.filter((t) => (dirty.get(t)?.size ?? 0) > 0);
  if (tables.length === 0) return;
  const fresh = new Map(shadows.map((s) => [recordKey(s.table, s.id), s.data]));
  const unread = tables.map((t) => [...dirty.get(t)!.keys()].filter((id) => !fresh.has(recordKey(t, id))));
  // A new sale has nothing to read here (its records are new: their shadows say so): the marker is read with the buckets.
  const reads = unread.some((ids) => ids.length > 0);
  const [meta, ...olds] = await Promise.all([
    reads ? readMeta(tx) : undefined,
    ...tables.map((t, i) =>
      unread[i]!.length > 0 ? (tx.table(t).bulkGet(unread[i]!) as Promise<(StoredRecord | undefined)[]>) : Promise.resolve([]),
    ),
  ]);
  if (reads && !meta) return;
  const changes: Change[] = [];
  tables.forEach((t, i) => {
    const old = new Map(unread[i]!.map((id, k) => [id, olds[i]![k] ?? null]));
    for (const [id, record] of dirty.get(t)!) {
      const key = recordKey(t, id);
      const isFresh = fresh.has(key);
      changes.push({
        table: t,
        before: isFresh ? fresh.get(key)! : old.get(id)!,
        beforePending: !isFresh,
        after: record,
        afterPending: true,
      });
    }
  });
  await reviseStored(tx, meta, changes);
}

/** Records of the rollup tables with a shadow (pending local changes), as `table/id`. */
async function pendingKeys(db: TroveDb): Promise<Set<string>> {
  const out = new Set<string>();
  for (const t of ROLLUP_TABLES) {
    const keys = (await db.shadows.where('[table+id]').between([t, Dexie.minKey], [t, Dexie.maxKey]).primaryKeys()) as unknown as [
      string,
      string,
    ][];
    for (const [, id] of keys) out.add(recordKey(t, id));
  }
  return out;
}

type Live = { record: StoredRecord | null; pending: boolean };

async function readLive(db: TroveDb, keys: readonly string[]): Promise<Map<string, Live>> {
  const byTable = new Map<string, string[]>();
  for (const key of keys) push(byTable, key.slice(0, key.indexOf('/')), key.slice(key.indexOf('/') + 1));
  const out = new Map<string, Live>();
  for (const [table, ids] of byTable) {
    const [records, shadows] = await Promise.all([
      db.table<StoredRecord, string>(table).bulkGet(ids),
      db.shadows.bulkGet(ids.map((id) => [table, id] as [string, string])),
    ]);
    ids.forEach((id, i) => out.set(recordKey(table, id), { record: records[i] ?? null, pending: shadows[i] !== undefined }));
  }
  return out;
}

/**
 * A pull page or a rejection, inside its transaction: call before it writes, with the keys
 * (`table/id`) it will write straight to their tables, and `replays` when it will replay pending
 * mutations (then every pending record of the rollup tables may change: all are watched).
 * `finish()` after the writes revises the stored rows for every watched record whose live version
 * or pending state changed. A record that became pending without being watched (a replay reaching
 * a record it did not touch before) cannot be revised exactly: the marker is dropped instead.
 * Null when the rows are not complete (nothing to keep current).
 */
export async function watchRollups(db: TroveDb, keys: Iterable<string>, replays: boolean): Promise<RollupWatch | null> {
  const meta = await readMeta(db);
  if (!meta) return null;
  const watched = new Set<string>();
  for (const key of keys) if (ROLLUP_TABLES.includes(key.slice(0, key.indexOf('/')))) watched.add(key);
  if (replays) for (const key of await pendingKeys(db)) watched.add(key);
  const list = [...watched];
  const before = await readLive(db, list);
  return {
    async finish() {
      if (replays) for (const key of await pendingKeys(db)) if (!watched.has(key)) return invalidate(db);
      const after = await readLive(db, list);
      const changes: Change[] = [];
      for (const key of list) {
        const b = before.get(key)!;
        const a = after.get(key)!;
        if (b.pending === a.pending && JSON.stringify(b.record) === JSON.stringify(a.record)) continue;
        changes.push({
          table: key.slice(0, key.indexOf('/')),
          before: b.record,
          beforePending: b.pending,
          after: a.record,
          afterPending: a.pending,
        });
      }
      if (changes.length > 0) await reviseStored(db, meta, changes);
    },
  };
}

registerRollupRevision({ reviseRollupsOfBatch, watchRollups });
