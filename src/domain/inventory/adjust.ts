import * as v from 'valibot';
import { defineMutation, type RecordStore } from '../sync/mutation';
import { DomainError } from '../errors';
import { text, uuid } from '../catalog/fields';
import type { ItemRecord } from '../catalog/item';
import type { PieceRecord } from './pieces';
import { consumeFifo, lastCost, type Consumption } from './fifo';
import type { Lot, StockEvent } from './ledger';

/** Why stock changed outside a sale, a return or a receipt (issue 7 point 4; §10 FIFO table). */
export const ADJUST_REASONS = ['damaged', 'lost', 'stolen', 'found', 'gift', 'sample', 'correction'] as const;
export type AdjustReason = (typeof ADJUST_REASONS)[number];

/** Reasons that can only take stock out, and the one that can only bring it back. */
const OUT_ONLY: readonly AdjustReason[] = ['damaged', 'lost', 'stolen', 'gift', 'sample'];

/**
 * Where the value of units taken out goes (§10): damaged, lost, stolen and a downward correction
 * are shrinkage; gifts and samples are marketing expense; neither is COGS.
 */
export function expenseOf(reason: AdjustReason): 'shrinkage' | 'marketing' {
  return reason === 'gift' || reason === 'sample' ? 'marketing' : 'shrinkage';
}

/** An adjustment event as stored: the ledger event plus what it consumed (taking out) and why. */
export type AdjustEvent = StockEvent & {
  type: 'adjust';
  reason: AdjustReason;
  note: string;
  /** Value of the units taken out (null: none of it known); null when units came in. */
  cost: number | null;
  layers: Consumption['layers'];
  expense: 'shrinkage' | 'marketing' | null;
};

export const adjustArgsSchema = v.pipe(
  v.strictObject({
    eventId: uuid('Event id'),
    itemId: uuid('Item id'),
    pieceId: v.nullable(uuid('Piece id')),
    locationId: uuid('Location id'),
    quantity: v.pipe(
      v.number('Quantity must be a number'),
      v.safeInteger('Quantity must be whole'),
      v.check((q) => q !== 0, 'An adjustment changes stock by at least one unit'),
      v.minValue(-1_000_000, 'Quantity is not realistic'),
      v.maxValue(1_000_000, 'Quantity is not realistic'),
    ),
    reason: v.picklist(ADJUST_REASONS, 'Choose a reason'),
    note: text('Note', 500),
  }),
  v.check(
    (a) => !OUT_ONLY.includes(a.reason) || a.quantity < 0,
    'Damaged, lost, stolen, gift and sample take stock out: use a negative quantity',
  ),
  v.check((a) => a.reason !== 'found' || a.quantity > 0, 'Found stock comes back in: use a positive quantity'),
  v.check((a) => a.pieceId === null || Math.abs(a.quantity) === 1, 'A piece is adjusted one at a time'),
);
export type AdjustArgs = v.InferInput<typeof adjustArgsSchema>;

async function lotsOf(store: RecordStore, itemId: string): Promise<Lot[]> {
  const ids = await store.find('lots', 'itemId', itemId);
  return (await Promise.all(ids.map((id) => store.get('lots', id)))).filter(Boolean) as unknown as Lot[];
}

/**
 * A manager's adjustment with a reason (§10): taking out consumes the oldest layers (shrinkage or
 * marketing, never COGS) and keeps what it consumed on the event; found stock (or an upward
 * correction) is a new layer at the item's last cost. A piece is written off or found as itself,
 * at its own cost, with no layer. Taking more than the ledger shows on hand is allowed — the
 * ledger may be wrong — the screen warns first. Idempotent by its event id.
 */
export const adjustStock = defineMutation({
  name: 'stock.adjust',
  version: 1,
  restricted: true,
  tables: ['stockEvents', 'lots', 'items', 'pieces', 'locations'],
  schema: adjustArgsSchema,
  async apply(store, args, meta) {
    if (await store.get('stockEvents', args.eventId)) return;
    const item = (await store.get('items', args.itemId)) as ItemRecord | undefined;
    if (!item) throw new DomainError('item-not-found', 'The adjusted item does not exist', { itemId: args.itemId });
    if (!(await store.get('locations', args.locationId)))
      throw new DomainError('location-not-found', 'The location does not exist', { locationId: args.locationId });
    const byPiece = item.values.tracking === 'piece';
    if (byPiece !== (args.pieceId !== null))
      throw new DomainError(
        'piece-required',
        byPiece
          ? `${item.values.sku} is tracked piece by piece: choose the piece`
          : `${item.values.sku} is counted by quantity, not by piece`,
        { itemId: args.itemId },
      );
    const base = {
      id: args.eventId,
      type: 'adjust' as const,
      itemId: args.itemId,
      pieceId: args.pieceId,
      locationId: args.locationId,
      quantity: args.quantity,
      occurredAt: meta.occurredAt,
      hlc: meta.hlc,
      deviceId: meta.deviceId,
      source: args.reason,
      ref: null,
      reason: args.reason,
      note: args.note,
    };
    const out = args.quantity < 0;
    if (args.pieceId) {
      const piece = (await store.get('pieces', args.pieceId)) as PieceRecord | undefined;
      if (!piece || piece.itemId !== args.itemId)
        throw new DomainError('piece-not-found', 'That piece does not exist', { pieceId: args.pieceId });
      const cost = piece.values.cost;
      const event: AdjustEvent = {
        ...base,
        unitCost: cost,
        cost: out ? cost : null,
        layers: [],
        expense: out ? expenseOf(args.reason) : null,
      };
      await store.put('stockEvents', event);
      return;
    }
    const lots = await lotsOf(store, args.itemId);
    if (out) {
      const units = -args.quantity;
      const { consumption, changed } = consumeFifo(lots, units, item.values.cost);
      for (const lot of changed) await store.put('lots', lot);
      const known = units - consumption.costUnknownQty;
      const event: AdjustEvent = {
        ...base,
        unitCost: known === 0 ? null : Math.round(consumption.cost / known),
        cost: known === 0 ? null : consumption.cost,
        layers: consumption.layers,
        expense: expenseOf(args.reason),
      };
      await store.put('stockEvents', event);
      return;
    }
    const unitCost = lastCost(lots, item.values.cost);
    const event: AdjustEvent = { ...base, unitCost, cost: null, layers: [], expense: null };
    await store.put('stockEvents', event);
    const lot: Lot = {
      id: args.eventId,
      itemId: args.itemId,
      receivedAt: meta.occurredAt,
      qtyReceived: args.quantity,
      qtyRemaining: args.quantity,
      unitCost,
      supplierId: null,
      purchaseOrderId: null,
      eventId: args.eventId,
    };
    await store.put('lots', lot);
  },
});
