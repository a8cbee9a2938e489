import type { TroveDb } from '../db';
import type { LocationRecord } from '../../domain/locations';
import type { Lot, StockEvent, StockEventType } from '../../domain/inventory/ledger';
import type { TransferRecord } from '../../domain/inventory/transfer';
import type { AdjustReason } from '../../domain/inventory/adjust';
import { fifoOrder } from '../../domain/inventory/fifo';
import { pieceJourney, type PieceRecord, type PieceStatus } from '../../domain/inventory/pieces';

/** Read side of the Stock screen: levels per location, transfers in transit, an item's history. */

async function locationMap(db: TroveDb): Promise<Map<string, { name: string; kind: string; archived: boolean }>> {
  const rows = (await db.locations.toArray()) as unknown as LocationRecord[];
  return new Map(rows.map((r) => [r.id, r.values]));
}

export interface LocationLevel {
  locationId: string;
  location: string;
  kind: string;
  onHand: number;
}

/** On hand at every location for one item: each active location (zero included) and any other holding stock. */
export async function readStockByLocation(db: TroveDb, itemId: string): Promise<LocationLevel[]> {
  const locations = await locationMap(db);
  const levels = new Map<string, number>();
  for (const l of await db.stockLevels.where('itemId').equals(itemId).toArray())
    levels.set(l['locationId'] as string, l['onHand'] as number);
  const ids = new Set([...[...locations].filter(([, l]) => !l.archived).map(([id]) => id), ...levels.keys()]);
  return [...ids]
    .map((id) => ({
      locationId: id,
      location: locations.get(id)?.name ?? 'Unknown location',
      kind: locations.get(id)?.kind ?? 'other',
      onHand: levels.get(id) ?? 0,
    }))
    .sort((a, b) => a.location.localeCompare(b.location));
}

export interface TransferView {
  id: string;
  itemId: string;
  pieceId: string | null;
  title: string;
  sku: string;
  from: string;
  to: string;
  toKind: string;
  quantity: number;
  sentAt: string;
}

/** Transfers sent and not yet received (optionally of one item), oldest first. */
export async function listInTransit(db: TroveDb, itemId?: string): Promise<TransferView[]> {
  const rows = (await db.transfers.where('status').equals('in-transit').toArray()) as unknown as TransferRecord[];
  const wanted = rows.filter((t) => !itemId || t.itemId === itemId);
  const locations = await locationMap(db);
  const items = (await db.items.bulkGet(wanted.map((t) => t.itemId))) as ({ productId: string; values: { sku: string } } | undefined)[];
  const products = (await db.products.bulkGet(items.map((i) => i?.productId ?? ''))) as ({ values: { title: string } } | undefined)[];
  return wanted
    .map((t, i) => ({
      id: t.id,
      itemId: t.itemId,
      pieceId: t.pieceId,
      title: products[i]?.values.title ?? '(missing item)',
      sku: items[i]?.values.sku ?? '',
      from: locations.get(t.fromLocationId)?.name ?? 'Unknown location',
      to: locations.get(t.toLocationId)?.name ?? 'Unknown location',
      toKind: locations.get(t.toLocationId)?.kind ?? 'other',
      quantity: t.quantity,
      sentAt: t.sentAt,
    }))
    .sort((a, b) => a.sentAt.localeCompare(b.sentAt));
}

export interface HistoryEntry {
  id: string;
  type: StockEventType;
  occurredAt: string;
  location: string;
  quantity: number;
  unitCost: number | null;
  pieceId: string | null;
  /** What or who: a receipt number, an adjustment's reason and note, the other end of a transfer. */
  detail: string;
}

const RECEIVE_SOURCES: Record<string, string> = {
  import: 'Imported',
  manual: 'Received',
  'purchase-order': 'Received on a purchase order',
};
const REASONS: Record<AdjustReason, string> = {
  damaged: 'Damaged',
  lost: 'Lost',
  stolen: 'Stolen',
  found: 'Found',
  gift: 'Given as a gift',
  sample: 'Sample',
  correction: 'Correction',
};

/** Every ledger event of an item (or of one of its pieces), newest first, told in words. */
export async function readItemHistory(db: TroveDb, itemId: string, pieceId?: string): Promise<HistoryEntry[]> {
  let events = (await db.stockEvents.where('itemId').equals(itemId).toArray()) as unknown as (StockEvent & Record<string, unknown>)[];
  if (pieceId) events = events.filter((e) => e.pieceId === pieceId);
  events.sort((a, b) => (a.hlc < b.hlc ? 1 : a.hlc > b.hlc ? -1 : a.id < b.id ? 1 : -1));
  const locations = await locationMap(db);
  const name = (id: unknown) => locations.get(String(id))?.name ?? 'Unknown location';
  const refs = (type: StockEventType) => [...new Set(events.filter((e) => e.type === type && e.ref).map((e) => e.ref!))];
  const sales = new Map(
    ((await db.sales.bulkGet(refs('sale'))) as ({ id: string; receiptNumber: string } | undefined)[]).flatMap((s) =>
      s ? [[s.id, s]] : [],
    ),
  );
  const returns = new Map(
    ((await db.returns.bulkGet(refs('return'))) as ({ id: string; receiptNumber: string | null; reason: string } | undefined)[]).flatMap(
      (r) => (r ? [[r.id, r]] : []),
    ),
  );
  return events.map((e) => {
    let detail: string;
    switch (e.type) {
      case 'receive':
        detail = RECEIVE_SOURCES[e.source] ?? 'Received';
        break;
      case 'sale':
        detail = `Sold · receipt ${sales.get(e.ref ?? '')?.receiptNumber ?? 'not on this device'}`;
        break;
      case 'return': {
        const r = returns.get(e.ref ?? '');
        detail = `${e.source === 'void' ? 'Voided sale' : 'Returned'}${r?.receiptNumber ? ` · receipt ${r.receiptNumber}` : ' · no receipt'}`;
        break;
      }
      case 'adjust': {
        const note = typeof e['note'] === 'string' && e['note'] ? ` · ${e['note']}` : '';
        detail = `${REASONS[e['reason'] as AdjustReason] ?? 'Adjusted'}${note}`;
        break;
      }
      case 'transferOut': {
        const to = locations.get(String(e['toLocationId']));
        detail = to?.kind === 'repair' ? `Sent for repair · to ${to.name}` : `Transfer · to ${name(e['toLocationId'])}`;
        break;
      }
      case 'transferIn': {
        const from = locations.get(String(e['fromLocationId']));
        detail = from?.kind === 'repair' ? `Back from repair · from ${from.name}` : `Transfer · from ${name(e['fromLocationId'])}`;
        break;
      }
      case 'costCorrection':
        detail =
          e['kind'] === 'deficit'
            ? `Cost corrected · ${String(e['units'])} sold before they were received`
            : `Cost corrected${typeof e['reason'] === 'string' && e['reason'] ? ` · ${e['reason']}` : ''}`;
        break;
      default:
        detail = e.type;
    }
    return {
      id: e.id,
      type: e.type,
      occurredAt: e.occurredAt,
      location: name(e.locationId),
      quantity: e.quantity,
      unitCost: e.unitCost,
      pieceId: e.pieceId,
      detail,
    };
  });
}

export interface PieceJourneyView {
  id: string;
  serial: string;
  status: PieceStatus;
  journey: { status: PieceStatus; at: string }[];
}

/** Each piece of an item with its journey (receipt to sale) read from the ledger. */
export async function readPieceJourneys(db: TroveDb, itemId: string): Promise<PieceJourneyView[]> {
  const pieces = (await db.pieces.where('itemId').equals(itemId).toArray()) as unknown as PieceRecord[];
  const events = (await db.stockEvents.where('itemId').equals(itemId).toArray()) as unknown as StockEvent[];
  return pieces
    .map((p) => {
      const journey = pieceJourney(events.filter((e) => e.pieceId === p.id));
      return { id: p.id, serial: p.values.serial, status: journey.at(-1)?.status ?? 'received', journey };
    })
    .sort((a, b) => a.serial.localeCompare(b.serial, undefined, { numeric: true }));
}

export interface LayerView {
  id: string;
  receivedAt: string;
  qtyReceived: number;
  qtyRemaining: number;
  /** Null: cost unknown (kept out of margin figures until "Set cost"). */
  unitCost: number | null;
  supplier: string | null;
  purchaseOrderId: string | null;
}

/** An item's FIFO layers, oldest first (the order sales take from them). */
export async function readLayers(db: TroveDb, itemId: string): Promise<LayerView[]> {
  const lots = (await db.lots.where('itemId').equals(itemId).toArray()) as unknown as Lot[];
  const suppliers = (await db.suppliers.bulkGet(lots.map((l) => l.supplierId ?? ''))) as ({ values: { name: string } } | undefined)[];
  const names = new Map(lots.map((l, i) => [l.id, suppliers[i]?.values.name ?? null]));
  return fifoOrder(lots).map((l) => ({
    id: l.id,
    receivedAt: l.receivedAt,
    qtyReceived: l.qtyReceived,
    qtyRemaining: l.qtyRemaining,
    unitCost: l.unitCost,
    supplier: names.get(l.id) ?? null,
    purchaseOrderId: l.purchaseOrderId,
  }));
}
