import * as v from 'valibot';
import { defineMutation, type MutationMeta, type RecordStore } from '../sync/mutation';
import { DomainError } from '../errors';
import { uuid } from '../catalog/fields';
import type { ItemRecord } from '../catalog/item';
import type { PieceRecord } from './pieces';
import type { StockEvent } from './ledger';

/**
 * Stock moving between locations (issue 7 point 3): sent, in transit, received. A transfer never
 * touches FIFO layers (§10: layers are per item; locations only move quantities). While in
 * transit the units count at NEITHER location: the `transferOut` takes them off the source when
 * sent, the `transferIn` puts them at the destination when received. Sending a piece for repair
 * and getting it back are transfers to and from a location of kind 'repair'.
 */
export type TransferStatus = 'in-transit' | 'received';

export interface TransferRecord {
  id: string;
  itemId: string;
  pieceId: string | null;
  fromLocationId: string;
  toLocationId: string;
  quantity: number;
  status: TransferStatus;
  sentAt: string;
  receivedAt: string | null;
  outEventId: string;
  inEventId: string | null;
  [key: string]: unknown;
}

const quantity = v.pipe(
  v.number('Quantity must be a number'),
  v.safeInteger('Quantity must be whole'),
  v.minValue(1, 'Move at least one unit'),
  v.maxValue(1_000_000, 'Quantity is not realistic'),
);

export const transferArgsSchema = v.pipe(
  v.strictObject({
    transferId: uuid('Transfer id'),
    itemId: uuid('Item id'),
    pieceId: v.nullable(uuid('Piece id')),
    fromLocationId: uuid('Location id'),
    toLocationId: uuid('Location id'),
    quantity,
    outEventId: uuid('Event id'),
    /** Given: received at once (one mutation); left out or null: in transit until `stock.transferReceive`. */
    inEventId: v.optional(v.nullable(uuid('Event id')), null),
  }),
  v.check((a) => a.fromLocationId !== a.toLocationId, 'Choose two different locations'),
  v.check((a) => a.pieceId === null || a.quantity === 1, 'A piece moves one at a time'),
  v.check((a) => a.inEventId === null || a.inEventId !== a.outEventId, 'The two events need their own ids'),
);
export type TransferArgs = v.InferInput<typeof transferArgsSchema>;

function transferEvent(
  type: 'transferOut' | 'transferIn',
  id: string,
  t: TransferRecord,
  meta: MutationMeta,
): StockEvent & { fromLocationId: string; toLocationId: string } {
  return {
    id,
    type,
    itemId: t.itemId,
    pieceId: t.pieceId,
    locationId: type === 'transferOut' ? t.fromLocationId : t.toLocationId,
    quantity: type === 'transferOut' ? -t.quantity : t.quantity,
    unitCost: null,
    occurredAt: meta.occurredAt,
    hlc: meta.hlc,
    deviceId: meta.deviceId,
    source: 'transfer',
    ref: t.id,
    fromLocationId: t.fromLocationId,
    toLocationId: t.toLocationId,
  };
}

async function receive(store: RecordStore, transfer: TransferRecord, inEventId: string, meta: MutationMeta): Promise<void> {
  await store.put('stockEvents', transferEvent('transferIn', inEventId, transfer, meta));
  await store.put('transfers', { ...transfer, status: 'received', receivedAt: meta.occurredAt, inEventId });
}

export const transferStock = defineMutation({
  name: 'stock.transfer',
  version: 1,
  restricted: true,
  tables: ['transfers', 'stockEvents', 'items', 'pieces', 'locations'],
  schema: transferArgsSchema,
  async apply(store, args, meta) {
    if (await store.get('transfers', args.transferId)) return;
    const item = (await store.get('items', args.itemId)) as ItemRecord | undefined;
    if (!item) throw new DomainError('item-not-found', 'The moved item does not exist', { itemId: args.itemId });
    for (const locationId of [args.fromLocationId, args.toLocationId])
      if (!(await store.get('locations', locationId)))
        throw new DomainError('location-not-found', 'The location does not exist', { locationId });
    const byPiece = item.values.tracking === 'piece';
    if (byPiece !== (args.pieceId !== null))
      throw new DomainError(
        'piece-required',
        byPiece
          ? `${item.values.sku} is tracked piece by piece: choose the piece`
          : `${item.values.sku} is counted by quantity, not by piece`,
        { itemId: args.itemId },
      );
    if (args.pieceId) {
      const piece = (await store.get('pieces', args.pieceId)) as PieceRecord | undefined;
      if (!piece || piece.itemId !== args.itemId)
        throw new DomainError('piece-not-found', 'That piece does not exist', { pieceId: args.pieceId });
    }
    const transfer: TransferRecord = {
      id: args.transferId,
      itemId: args.itemId,
      pieceId: args.pieceId,
      fromLocationId: args.fromLocationId,
      toLocationId: args.toLocationId,
      quantity: args.quantity,
      status: 'in-transit',
      sentAt: meta.occurredAt,
      receivedAt: null,
      outEventId: args.outEventId,
      inEventId: null,
    };
    await store.put('stockEvents', transferEvent('transferOut', args.outEventId, transfer, meta));
    if (args.inEventId) await receive(store, transfer, args.inEventId, meta);
    else await store.put('transfers', transfer);
  },
});

/** An in-transit transfer arrives: its `transferIn` at the destination. Receiving it twice (two devices) changes nothing the second time. */
export const receiveTransfer = defineMutation({
  name: 'stock.transferReceive',
  version: 1,
  restricted: true,
  tables: ['transfers', 'stockEvents'],
  schema: v.strictObject({ transferId: uuid('Transfer id'), inEventId: uuid('Event id') }),
  async apply(store, args, meta) {
    const transfer = (await store.get('transfers', args.transferId)) as TransferRecord | undefined;
    if (!transfer) throw new DomainError('transfer-not-found', 'That transfer does not exist', { transferId: args.transferId });
    if (transfer.status === 'received') return;
    await receive(store, transfer, args.inEventId, meta);
  },
});
