import type { TroveDb } from '../db';
import type { ItemRecord } from '../../domain/catalog/item';
import type { ProductRecord } from '../../domain/catalog/product';
import type { SupplierRecord } from '../../domain/suppliers';
import type { LocationRecord } from '../../domain/locations';
import type { Lot } from '../../domain/inventory/ledger';
import { lastCost } from '../../domain/inventory/fifo';
import { variantLabel } from '../../domain/catalog/variants';
import type { PurchaseOrderRecord, PurchaseOrderStatus } from '../../domain/inventory/purchase-order';
import { outstanding } from '../../domain/inventory/purchase-order-plan';

/** Read side of purchase orders: the list by status and one order with its lines described. */

export interface PurchaseOrderSummary {
  id: string;
  supplierId: string;
  supplier: string;
  status: PurchaseOrderStatus;
  lineCount: number;
  unitsOrdered: number;
  unitsReceived: number;
  /** Goods at the agreed unit costs (lines without a cost count as 0). */
  goodsTotal: number;
  createdAt: string;
  sentAt: string | null;
  expectedAt: string | null;
}

/** Order of the list: what needs doing first. */
const STATUS_ORDER: PurchaseOrderStatus[] = ['draft', 'sent', 'partly-received', 'received', 'cancelled'];

export async function listPurchaseOrders(db: TroveDb): Promise<PurchaseOrderSummary[]> {
  const orders = (await db.purchaseOrders.toArray()) as unknown as PurchaseOrderRecord[];
  const suppliers = new Map(((await db.suppliers.toArray()) as unknown as SupplierRecord[]).map((s) => [s.id, s.values.name]));
  return orders
    .map((po) => ({
      id: po.id,
      supplierId: po.supplierId,
      supplier: suppliers.get(po.supplierId) ?? 'Unknown supplier',
      status: po.status,
      lineCount: po.lines.length,
      unitsOrdered: po.lines.reduce((s, l) => s + l.quantity, 0),
      unitsReceived: po.lines.reduce((s, l) => s + l.received, 0),
      goodsTotal: po.lines.reduce((s, l) => s + l.quantity * (l.unitCost ?? 0), 0),
      createdAt: po.createdAt,
      sentAt: po.sentAt,
      expectedAt: po.expectedAt,
    }))
    .sort((a, b) => STATUS_ORDER.indexOf(a.status) - STATUS_ORDER.indexOf(b.status) || b.createdAt.localeCompare(a.createdAt));
}

export interface PurchaseOrderLineView {
  id: string;
  itemId: string;
  title: string;
  variant: string;
  sku: string;
  barcodes: string[];
  supplierSku: string | null;
  quantity: number;
  unitCost: number | null;
  received: number;
  outstanding: number;
}

export interface PurchaseOrderView {
  order: PurchaseOrderRecord;
  supplier: {
    id: string;
    name: string;
    contactName: string;
    email: string;
    phone: string;
    terms: string;
    leadTimeDays: number | null;
  } | null;
  lines: PurchaseOrderLineView[];
  goodsTotal: number;
  locations: { id: string; name: string }[];
}

export async function readPurchaseOrder(db: TroveDb, id: string): Promise<PurchaseOrderView | undefined> {
  const order = (await db.purchaseOrders.get(id)) as unknown as PurchaseOrderRecord | undefined;
  if (!order) return undefined;
  const supplier = (await db.suppliers.get(order.supplierId)) as unknown as SupplierRecord | undefined;
  const items = (await db.items.bulkGet(order.lines.map((l) => l.itemId))) as unknown as (ItemRecord | undefined)[];
  const products = (await db.products.bulkGet(items.map((i) => i?.productId ?? ''))) as unknown as (ProductRecord | undefined)[];
  const locations = ((await db.locations.toArray()) as unknown as LocationRecord[])
    .filter((l) => !l.values.archived)
    .map((l) => ({ id: l.id, name: l.values.name }))
    .sort((a, b) => a.name.localeCompare(b.name));
  const lines = order.lines.map((l, i) => ({
    id: l.id,
    itemId: l.itemId,
    title: products[i]?.values.title ?? '(missing item)',
    variant: items[i] ? variantLabel(items[i].values.optionValues) : '',
    sku: items[i]?.values.sku ?? '',
    barcodes: items[i]?.barcodes ?? [],
    supplierSku: l.supplierSku,
    quantity: l.quantity,
    unitCost: l.unitCost,
    received: l.received,
    outstanding: outstanding(l),
  }));
  return {
    order,
    supplier: supplier ? { id: supplier.id, ...supplier.values } : null,
    lines,
    goodsTotal: order.lines.reduce((s, l) => s + l.quantity * (l.unitCost ?? 0), 0),
    locations,
  };
}

/** What a new line needs from an item: its supplier SKU and last cost (newest layer with a cost, else the item's cost). */
export async function lineDefaults(
  db: TroveDb,
  itemId: string,
): Promise<{ supplierSku: string | null; unitCost: number | null; supplierId: string | null }> {
  const item = (await db.items.get(itemId)) as unknown as ItemRecord | undefined;
  const lots = (await db.lots.where('itemId').equals(itemId).toArray()) as unknown as Lot[];
  return {
    supplierSku: item?.values.supplierSku ?? null,
    unitCost: lastCost(lots, item?.values.cost ?? null),
    supplierId: item?.values.supplierId ?? null,
  };
}
