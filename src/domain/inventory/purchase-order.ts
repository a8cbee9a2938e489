import * as v from 'valibot';
import { defineMutation, type RecordStore } from '../sync/mutation';
import { DomainError } from '../errors';
import { money, text, uuid } from '../catalog/fields';
import type { ItemRecord } from '../catalog/item';
import type { SupplierRecord } from '../suppliers';
import { allocateLandedCost } from './landed-cost';
import { receiveIntoLayers } from './receive';

/**
 * Purchase orders (issue 7 point 2): draft → sent → partly received → received, or cancelled.
 * Each receipt puts the received units into FIFO layers (receiveIntoLayers) with the receipt's
 * landed cost spread over its lines by value, and records the actual lead time against the
 * promised one.
 */
export type PurchaseOrderStatus = 'draft' | 'sent' | 'partly-received' | 'received' | 'cancelled';

export interface PurchaseOrderLine {
  id: string;
  itemId: string;
  supplierSku: string | null;
  quantity: number;
  /** Unit cost agreed with the supplier, in cents; null only on a draft (must be set to send). */
  unitCost: number | null;
  /** Units received so far over all receipts (may pass `quantity`: over-receipt). */
  received: number;
}

export interface ReceiptLine {
  lineId: string;
  itemId: string;
  quantity: number;
  /** This line's share of the receipt's landed cost. */
  landedShare: number;
  eventId: string;
  lotIds: string[];
}

export interface PurchaseOrderReceipt {
  id: string;
  receivedAt: string;
  locationId: string;
  landedCost: number;
  lines: ReceiptLine[];
  /** Whole days from sentAt to this receipt. */
  leadTimeDays: number;
}

export interface PurchaseOrderRecord {
  id: string;
  supplierId: string;
  status: PurchaseOrderStatus;
  lines: PurchaseOrderLine[];
  note: string;
  /** Shipping/landed cost expected for the order (for the total shown; each receipt states its own). */
  shippingCost: number;
  createdAt: string;
  updatedAt: string;
  sentAt: string | null;
  /** The supplier's promised lead time when the order was sent, and the date that makes (yyyy-MM-dd, UTC). */
  promisedLeadTimeDays: number | null;
  expectedAt: string | null;
  receipts: PurchaseOrderReceipt[];
  /** Days from sentAt to the first receipt (the supplier scorecard compares it with promisedLeadTimeDays). */
  actualLeadTimeDays: number | null;
  receivedAt: string | null;
  cancelledAt: string | null;
  [key: string]: unknown;
}

const MAX_QTY = 100_000;
const qty = (label: string, min: number) =>
  v.pipe(
    v.number(`${label} must be a number`),
    v.safeInteger(`${label} must be a whole number of units`),
    v.minValue(min, min === 1 ? `${label} is at least 1` : `${label} cannot be negative`),
    v.maxValue(MAX_QTY, `${label} is at most ${MAX_QTY.toLocaleString('en')} — check the number`),
  );

const lineSchema = v.strictObject({
  id: uuid('Line id'),
  itemId: uuid('Item id'),
  supplierSku: v.nullable(text('Supplier SKU', 64)),
  quantity: qty('Quantity ordered', 1),
  unitCost: v.nullable(money('Unit cost')),
});

export const savePurchaseOrderSchema = v.pipe(
  v.strictObject({
    id: uuid('Order id'),
    supplierId: uuid('Supplier'),
    lines: v.pipe(v.array(lineSchema), v.maxLength(500, 'An order has at most 500 lines')),
    note: text('Note', 1000),
    shippingCost: money('Shipping cost'),
  }),
  v.check((po) => new Set(po.lines.map((l) => l.id)).size === po.lines.length, 'Each line needs its own id'),
  v.check((po) => new Set(po.lines.map((l) => l.itemId)).size === po.lines.length, 'An item can be on an order only once'),
);
export type SavePurchaseOrderArgs = v.InferInput<typeof savePurchaseOrderSchema>;

async function orderOf(store: RecordStore, id: string): Promise<PurchaseOrderRecord> {
  const po = (await store.get('purchaseOrders', id)) as PurchaseOrderRecord | undefined;
  if (!po) throw new DomainError('purchase-order-not-found', 'That purchase order does not exist', { purchaseOrderId: id });
  return po;
}

/** Creates a draft or replaces a draft's supplier, lines, note and shipping (the last save wins). */
export const savePurchaseOrder = defineMutation({
  name: 'purchaseOrder.save',
  version: 1,
  restricted: true,
  tables: ['purchaseOrders', 'suppliers', 'items'],
  schema: savePurchaseOrderSchema,
  async apply(store, args, meta) {
    const existing = (await store.get('purchaseOrders', args.id)) as PurchaseOrderRecord | undefined;
    if (existing && existing.status !== 'draft')
      throw new DomainError('purchase-order-not-draft', 'Only a draft order can be edited; this one was already sent', {
        status: existing.status,
      });
    if (!(await store.get('suppliers', args.supplierId)))
      throw new DomainError('supplier-not-found', 'Choose a supplier', { supplierId: args.supplierId });
    for (const line of args.lines) {
      const item = (await store.get('items', line.itemId)) as ItemRecord | undefined;
      if (!item) throw new DomainError('item-not-found', 'An ordered item does not exist', { itemId: line.itemId });
      if (item.values.tracking === 'piece')
        throw new DomainError('piece-item', `${item.values.sku} is tracked piece by piece: receive its pieces from the item's page`, {
          itemId: line.itemId,
        });
    }
    const po: PurchaseOrderRecord = {
      id: args.id,
      supplierId: args.supplierId,
      status: 'draft',
      lines: args.lines.map((l) => ({ ...l, received: 0 })),
      note: args.note,
      shippingCost: args.shippingCost,
      createdAt: existing?.createdAt ?? meta.occurredAt,
      updatedAt: meta.occurredAt,
      sentAt: null,
      promisedLeadTimeDays: null,
      expectedAt: null,
      receipts: [],
      actualLeadTimeDays: null,
      receivedAt: null,
      cancelledAt: null,
    };
    await store.put('purchaseOrders', po);
  },
});

/** The date `days` after an instant, as yyyy-MM-dd (UTC). */
export function addDays(instant: string, days: number): string {
  return new Date(Date.parse(instant) + days * 86_400_000).toISOString().slice(0, 10);
}

/** Whole days between two instants (rounded down; never negative). */
export function daysBetween(from: string, to: string): number {
  return Math.max(0, Math.floor((Date.parse(to) - Date.parse(from)) / 86_400_000));
}

/** A draft goes to the supplier: it is frozen, and its expected date comes from the promised lead time. */
export const sendPurchaseOrder = defineMutation({
  name: 'purchaseOrder.send',
  version: 1,
  restricted: true,
  tables: ['purchaseOrders', 'suppliers'],
  schema: v.strictObject({ id: uuid('Order id') }),
  async apply(store, args, meta) {
    const po = await orderOf(store, args.id);
    if (po.status !== 'draft') return; // sent already (another device): nothing changes
    if (po.lines.length === 0) throw new DomainError('purchase-order-empty', 'Add at least one line before sending');
    if (po.lines.some((l) => l.unitCost === null))
      throw new DomainError('purchase-order-cost-missing', 'Set a unit cost on every line before sending');
    const supplier = (await store.get('suppliers', po.supplierId)) as SupplierRecord | undefined;
    const lead = supplier?.values.leadTimeDays ?? null;
    await store.put('purchaseOrders', {
      ...po,
      status: 'sent',
      sentAt: meta.occurredAt,
      updatedAt: meta.occurredAt,
      promisedLeadTimeDays: lead,
      expectedAt: lead === null ? null : addDays(meta.occurredAt, lead),
    });
  },
});

/** An order that will not come (or not the rest of it). A fully received order cannot be cancelled. */
export const cancelPurchaseOrder = defineMutation({
  name: 'purchaseOrder.cancel',
  version: 1,
  restricted: true,
  tables: ['purchaseOrders'],
  schema: v.strictObject({ id: uuid('Order id') }),
  async apply(store, args, meta) {
    const po = await orderOf(store, args.id);
    if (po.status === 'cancelled') return;
    if (po.status === 'received')
      throw new DomainError('purchase-order-received', 'This order was received in full: nothing left to cancel');
    await store.put('purchaseOrders', { ...po, status: 'cancelled', cancelledAt: meta.occurredAt, updatedAt: meta.occurredAt });
  },
});

export const receiveLineSchema = v.strictObject({
  lineId: uuid('Line id'),
  quantity: qty('Quantity received', 1),
  eventId: uuid('Event id'),
  lotId: uuid('Layer id'),
  splitLotId: uuid('Layer id'),
  correctionEventId: uuid('Event id'),
});

export const receivePurchaseOrderSchema = v.pipe(
  v.strictObject({
    purchaseOrderId: uuid('Order id'),
    receiptId: uuid('Receipt id'),
    locationId: uuid('Location'),
    landedCost: money('Landed cost'),
    lines: v.pipe(v.array(receiveLineSchema), v.minLength(1, 'Enter a quantity for at least one line'), v.maxLength(500)),
  }),
  v.check((r) => new Set(r.lines.map((l) => l.lineId)).size === r.lines.length, 'Each line is received once per receipt'),
  v.check(
    (r) => new Set(r.lines.flatMap((l) => [l.eventId, l.lotId, l.splitLotId, l.correctionEventId])).size === r.lines.length * 4,
    'Each event and layer needs its own id',
  ),
);
export type ReceivePurchaseOrderArgs = v.InferInput<typeof receivePurchaseOrderSchema>;

/** What each received line costs in total: goods (quantity × unit cost) + its share of the landed cost. */
export function receiptCosts(
  lines: readonly { quantity: number; unitCost: number }[],
  landedCost: number,
): { goods: number; share: number; total: number }[] {
  const goods = lines.map((l) => l.quantity * l.unitCost);
  const shares = allocateLandedCost(landedCost, goods);
  return goods.map((g, i) => ({ goods: g, share: shares[i]!, total: g + shares[i]! }));
}

/**
 * A delivery arrives (all or part of the order, or more than ordered — the screen confirms that
 * first). Per received line: one `receive` event (source 'purchase-order', ref = order id) and its
 * layer(s) at unit cost + landed share. Idempotent by receipt id: a receipt applied twice (two
 * devices, or a retried push) changes nothing the second time.
 */
export const receivePurchaseOrder = defineMutation({
  name: 'purchaseOrder.receive',
  version: 1,
  restricted: true,
  tables: ['purchaseOrders', 'stockEvents', 'lots', 'items', 'locations'],
  schema: receivePurchaseOrderSchema,
  async apply(store, args, meta) {
    const po = await orderOf(store, args.purchaseOrderId);
    if (po.receipts.some((r) => r.id === args.receiptId)) return;
    if (po.status === 'draft') throw new DomainError('purchase-order-not-sent', 'Mark the order sent before receiving it');
    if (po.status === 'cancelled') throw new DomainError('purchase-order-cancelled', 'This order was cancelled');
    const byId = new Map(po.lines.map((l) => [l.id, l]));
    const received = args.lines.map((r) => {
      const line = byId.get(r.lineId);
      if (!line) throw new DomainError('purchase-order-line-not-found', 'A received line is not on this order', { lineId: r.lineId });
      return { r, line };
    });
    const costs = receiptCosts(
      received.map(({ r, line }) => ({ quantity: r.quantity, unitCost: line.unitCost ?? 0 })),
      args.landedCost,
    );
    const lines: ReceiptLine[] = [];
    for (const [i, { r, line }] of received.entries()) {
      const cost = costs[i]!;
      const lots = await receiveIntoLayers(
        store,
        {
          itemId: line.itemId,
          locationId: args.locationId,
          quantity: r.quantity,
          totalCost: line.unitCost === null ? null : cost.total,
          eventId: r.eventId,
          lotId: r.lotId,
          splitLotId: r.splitLotId,
          correctionEventId: r.correctionEventId,
          supplierId: po.supplierId,
          purchaseOrderId: po.id,
          source: 'purchase-order',
          ref: po.id,
          extra: { purchaseOrderLineId: line.id, receiptId: args.receiptId, goodsCost: cost.goods, landedShare: cost.share },
        },
        meta,
      );
      lines.push({
        lineId: line.id,
        itemId: line.itemId,
        quantity: r.quantity,
        landedShare: cost.share,
        eventId: r.eventId,
        lotIds: lots.map((l) => l.id),
      });
    }
    const leadTimeDays = daysBetween(po.sentAt ?? meta.occurredAt, meta.occurredAt);
    const receipt: PurchaseOrderReceipt = {
      id: args.receiptId,
      receivedAt: meta.occurredAt,
      locationId: args.locationId,
      landedCost: args.landedCost,
      lines,
      leadTimeDays,
    };
    const add = new Map(args.lines.map((l) => [l.lineId, l.quantity]));
    const nextLines = po.lines.map((l) => ({ ...l, received: l.received + (add.get(l.id) ?? 0) }));
    const complete = nextLines.every((l) => l.received >= l.quantity);
    await store.put('purchaseOrders', {
      ...po,
      lines: nextLines,
      receipts: [...po.receipts, receipt],
      status: complete ? 'received' : 'partly-received',
      receivedAt: complete ? (po.receivedAt ?? meta.occurredAt) : po.receivedAt,
      actualLeadTimeDays: po.actualLeadTimeDays ?? leadTimeDays,
      updatedAt: meta.occurredAt,
    });
  },
});
