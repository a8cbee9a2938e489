import type { TroveDb } from '../db';
import { recordKey } from '../commands/write-env';
import { eventMovements, returnMovements, saleMovements, shopDay, type Movement, type StoredEvent } from '../../domain/insights/movements';
import { buildRollups, type ItemDayRow, type ItemDims, type Rollups } from '../../domain/insights/rollups';
import { addDays } from '../../domain/insights/days';
import type { ReturnRecord, SaleRecord } from '../../domain/sale/types';
import type { ItemRecord } from '../../domain/catalog/item';
import type { ProductRecord } from '../../domain/catalog/product';
import type { Lot } from '../../domain/inventory/ledger';

/**
 * The device side of the §10 daily rollups.
 *
 * Choice (documented for the lead): the rollups are recomputed LAZILY, from scratch, when the
 * Insights screen opens (and after a write made from it), not at write time. Every write path
 * (perform, the batch writer, a pull in sync-store) would otherwise need a hook inside its own
 * Dexie transaction, and those files are shared by several people working right now; a wrong hook
 * there breaks the register. A from-scratch build is exact by construction (the domain proves
 * incremental == rebuild with fast-check), so the lazy path can never drift. The item-day rows
 * are written to `dailyRollups` (scope `item`, key = item id) in one transaction, replacing the
 * previous build, so the figures are on disk for later readers; `rollupsStale` says whether a
 * write or a pull happened since the stored build (the outbox or the pull cursor moved).
 *
 * Cost: one read of sales, returns and stock events. The domain's build of 500,000 lines takes
 * well under the §8 budget in Node; the read from IndexedDB is the larger part on a device.
 */

export const ITEM_SCOPE = 'item';
const MARKER_KEY = '__built__';

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

/** Whether a write or a pull happened since the stored build (or none was stored). */
export async function rollupsStale(db: TroveDb): Promise<boolean> {
  const marker = (await db.dailyRollups.get(['', 'meta', MARKER_KEY])) as { mark?: string } | undefined;
  return marker?.mark !== (await sourceMark(db));
}

/**
 * Builds the rollups from scratch and stores the item-day rows (replacing the previous build).
 * Returns the in-memory rollups the screen reads.
 */
export async function refreshRollups(db: TroveDb, today: string, timeZone: string): Promise<Rollups> {
  const [movements, dims] = await Promise.all([readMovements(db, timeZone), readDims(db)]);
  const { from, to } = rollupPeriod(movements, today);
  const r = buildRollups({ movements, items: dims, from, to });
  const mark = await sourceMark(db);
  const rows: Record<string, unknown>[] = [];
  for (const [itemId, list] of r.items) for (const row of list) rows.push({ ...row, scope: ITEM_SCOPE, key: itemId });
  await db.transaction('rw', db.dailyRollups, async () => {
    await db.dailyRollups.clear();
    await db.dailyRollups.bulkPut(rows as never[]);
    await db.dailyRollups.put({ day: '', scope: 'meta', key: MARKER_KEY, mark, from, to } as never);
  });
  return r;
}

/** The stored item-day rows, by item, sorted by day (what `refreshRollups` wrote). */
export async function storedItemRows(db: TroveDb): Promise<Map<string, ItemDayRow[]>> {
  const rows = (await db.dailyRollups
    .where('[scope+key+day]')
    .between([ITEM_SCOPE, '', ''], [ITEM_SCOPE, '\uffff', '\uffff'])
    .toArray()) as unknown as (ItemDayRow & {
    scope: string;
    key: string;
  })[];
  const out = new Map<string, ItemDayRow[]>();
  for (const { scope: _s, key: _k, ...row } of rows) {
    const list = out.get(row.itemId) ?? [];
    list.push(row);
    out.set(row.itemId, list);
  }
  return out;
}
