import type { TroveDb } from '../db';
import type { ItemRecord } from '../../domain/catalog/item';
import type { ProductRecord } from '../../domain/catalog/product';
import type { LocationRecord } from '../../domain/locations';
import type { SupplierRecord } from '../../domain/suppliers';
import type { Lot } from '../../domain/inventory/ledger';
import { lastCost } from '../../domain/inventory/fifo';

/**
 * Low stock: active quantity-tracked items (not one-of-a-kind pieces, not gift sets) whose on hand
 * across sellable locations is at or below their reorder point. Reads only items that have a
 * reorder point (the `reorderPoint` index) and their stock levels, so it stays cheap at 200k items.
 */

/** Stock at a repair location or one named "Damaged" cannot be sold, so it does not count. */
export function isSellable(location: { name: string; kind: string } | undefined): boolean {
  if (!location) return true;
  return location.kind !== 'repair' && location.name.trim().toLowerCase() !== 'damaged';
}

interface Candidate {
  item: ItemRecord;
  onHand: number;
  reorderPoint: number;
}

async function candidates(db: TroveDb): Promise<Candidate[]> {
  const items = (await db.items.where('reorderPoint').aboveOrEqual(0).toArray()) as unknown as ItemRecord[];
  const tracked = items.filter((i) => i.values.status === 'active' && i.values.tracking === 'quantity' && i.values.reorderPoint != null);
  if (tracked.length === 0) return [];
  const ids = tracked.map((i) => i.id);
  const bundles = await db.bundles.bulkGet(ids);
  const plain = tracked.filter((_, n) => !bundles[n]);
  const locations = new Map(((await db.locations.toArray()) as unknown as LocationRecord[]).map((l) => [l.id, l.values]));
  const onHand = new Map<string, number>();
  const levels = await db.stockLevels
    .where('itemId')
    .anyOf(plain.map((i) => i.id))
    .toArray();
  for (const l of levels) {
    if (!isSellable(locations.get(l['locationId'] as string))) continue;
    const id = l['itemId'] as string;
    onHand.set(id, (onHand.get(id) ?? 0) + (l['onHand'] as number));
  }
  return plain
    .map((item) => ({ item, onHand: onHand.get(item.id) ?? 0, reorderPoint: item.values.reorderPoint! }))
    .filter((c) => c.onHand <= c.reorderPoint);
}

/** How many items are low on stock (the Stock badge in the navigation). */
export async function countLowStock(db: TroveDb): Promise<number> {
  return (await candidates(db)).length;
}

export interface LowStockRow {
  itemId: string;
  productId: string;
  title: string;
  sku: string;
  onHand: number;
  reorderPoint: number;
  reorderQty: number | null;
  supplierId: string | null;
  supplier: string | null;
  supplierSku: string | null;
  /** The newest FIFO layer's unit cost, else the item's cost; null = not known. */
  lastCost: number | null;
}

/** The low-stock list, the most short of their reorder point first, then by title. */
export async function listLowStock(db: TroveDb): Promise<LowStockRow[]> {
  const low = await candidates(db);
  const products = (await db.products.bulkGet(low.map((c) => c.item.productId))) as unknown as (ProductRecord | undefined)[];
  const suppliers = (await db.suppliers.bulkGet(low.map((c) => c.item.values.supplierId ?? ''))) as unknown as (
    SupplierRecord | undefined
  )[];
  const rows: LowStockRow[] = [];
  for (const [n, { item, onHand, reorderPoint }] of low.entries()) {
    const lots = (await db.lots.where('itemId').equals(item.id).toArray()) as unknown as Lot[];
    rows.push({
      itemId: item.id,
      productId: item.productId,
      title: products[n]?.values.title ?? '(missing product)',
      sku: item.values.sku,
      onHand,
      reorderPoint,
      reorderQty: item.values.reorderQty ?? null,
      supplierId: item.values.supplierId,
      supplier: suppliers[n]?.values.name ?? null,
      supplierSku: item.values.supplierSku ?? null,
      lastCost: lastCost(lots, item.values.cost),
    });
  }
  return rows.sort((a, b) => a.onHand - a.reorderPoint - (b.onHand - b.reorderPoint) || a.title.localeCompare(b.title));
}
