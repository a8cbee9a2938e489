import * as v from 'valibot';
import { defineMutation } from '../sync/mutation';
import { applyLww, type LwwRecord } from '../sync/lww';
import { basesSchema, noteOverwrittenEdits, stampBases } from '../cases/overwritten';
import { DomainError } from '../errors';
import { code, money, photoIds, text, uuid } from '../catalog/fields';
import { normaliseCode } from '../catalog/sku';
import type { ItemRecord } from '../catalog/item';
import type { StockEvent } from './ledger';

/**
 * A serialized piece of a piece-tracked item (a one-of-a-kind is an item with one piece): its own
 * serial, barcode, cost (specific identification), certificate and photos.
 */
export interface Piece {
  serial: string;
  barcode: string | null;
  cost: number | null;
  certificate: string;
  notes: string;
  photoIds: string[];
}

export type PieceRecord = LwwRecord<Piece> & { itemId: string; serial: string; barcode: string | null };

const pieceFields = {
  serial: code('Serial'),
  barcode: v.nullable(code('Barcode')),
  cost: v.nullable(money('Cost')),
  certificate: text('Certificate number', 60),
  notes: text('Notes', 1000),
  photoIds,
};

function indexed(record: LwwRecord<Piece>, itemId: string): PieceRecord {
  return {
    ...record,
    itemId,
    serial: normaliseCode(record.values.serial),
    barcode: record.values.barcode ? normaliseCode(record.values.barcode) : null,
  };
}

const DEFAULTS: Piece = { serial: '', barcode: null, cost: null, certificate: '', notes: '', photoIds: [] };

/** A piece arrives: its record and a receive event of one unit at its own cost (no FIFO layer). */
export const receivePiece = defineMutation({
  name: 'piece.receive',
  version: 1,
  restricted: true,
  tables: ['pieces', 'stockEvents', 'items', 'locations'],
  schema: v.strictObject({
    pieceId: uuid('Piece id'),
    eventId: uuid('Event id'),
    itemId: uuid('Item id'),
    locationId: uuid('Location id'),
    ...v.partial(v.strictObject(pieceFields)).entries,
    serial: pieceFields.serial,
    source: v.picklist(['import', 'manual', 'purchase-order']),
  }),
  async apply(store, { pieceId, eventId, itemId, locationId, source, ...fields }, meta) {
    const item = (await store.get('items', itemId)) as ItemRecord | undefined;
    if (!item) throw new DomainError('item-not-found', 'The received item does not exist', { itemId });
    if (item.values.tracking !== 'piece')
      throw new DomainError('not-piece-tracked', `${item.values.sku} is counted by quantity, not by piece`, { itemId });
    if (!(await store.get('locations', locationId)))
      throw new DomainError('location-not-found', 'The location does not exist', { locationId });
    const current = (await store.get('pieces', pieceId)) as PieceRecord | undefined;
    await store.put('pieces', indexed(applyLww(current, pieceId, DEFAULTS, fields, meta.hlc), itemId));
    const event: StockEvent = {
      id: eventId,
      type: 'receive',
      itemId,
      pieceId,
      locationId,
      quantity: 1,
      unitCost: fields.cost ?? null,
      occurredAt: meta.occurredAt,
      hlc: meta.hlc,
      deviceId: meta.deviceId,
      source,
      ref: null,
    };
    await store.put('stockEvents', event);
  },
});

export const savePiece = defineMutation({
  name: 'piece.save',
  version: 1,
  // A piece's cost is a manager's; its barcode, certificate, notes and photos are not.
  restricted: ({ patch }) => patch.cost !== undefined,
  tables: ['pieces', 'cases'],
  schema: v.strictObject({ id: uuid('Piece id'), patch: v.partial(v.strictObject(pieceFields)), bases: basesSchema }),
  stamp: stampBases('pieces', (a) => a),
  async apply(store, { id, patch, bases }, meta) {
    const current = (await store.get('pieces', id)) as PieceRecord | undefined;
    if (!current) throw new DomainError('piece-not-found', 'That piece does not exist', { id });
    await noteOverwrittenEdits(store, 'pieces', id, patch, meta, bases);
    await store.put('pieces', indexed(applyLww(current, id, DEFAULTS, patch, meta.hlc), current.itemId));
  },
});

export type PieceStatus = 'received' | 'in-stock' | 'reserved' | 'sold' | 'returned' | 'written-off';

/**
 * A piece's journey, read from its ledger events in order: received → in stock → reserved → sold
 * → returned (and back in stock). The current status is the last step. Whether it is back on the
 * shelf follows what the ledger holds, not the last event alone: a piece sold twice offline and
 * refunded once is still sold (held −1 + 1 = 0), so the register does not offer it again.
 */
export function pieceJourney(
  events: readonly Pick<StockEvent, 'type' | 'quantity' | 'occurredAt' | 'hlc'>[],
): { status: PieceStatus; at: string }[] {
  const steps: { status: PieceStatus; at: string }[] = [];
  const push = (status: PieceStatus, at: string) => steps.push({ status, at });
  let held = 0;
  /** After units came back: on the shelf only if the ledger now holds it; else it is still out with a sale. */
  const back = (at: string) => push(held > 0 ? 'in-stock' : 'sold', at);
  for (const e of [...events].sort((a, b) => (a.hlc < b.hlc ? -1 : a.hlc > b.hlc ? 1 : 0))) {
    switch (e.type) {
      case 'receive':
        held += e.quantity;
        push('received', e.occurredAt);
        back(e.occurredAt);
        break;
      case 'reserve':
        push('reserved', e.occurredAt);
        break;
      case 'release':
        push('in-stock', e.occurredAt);
        break;
      case 'sale':
      case 'channelSale':
        held += e.quantity;
        push('sold', e.occurredAt);
        break;
      case 'return':
        held += e.quantity;
        push('returned', e.occurredAt);
        back(e.occurredAt);
        break;
      case 'adjust':
      case 'count':
        held += e.quantity;
        if (e.quantity < 0) push(held > 0 ? 'in-stock' : 'written-off', e.occurredAt);
        else back(e.occurredAt);
        break;
      default:
        break; // transfers and cost corrections move or revalue it; its status stays
    }
  }
  return steps;
}
