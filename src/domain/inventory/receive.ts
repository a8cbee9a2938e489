import * as v from 'valibot';
import { defineMutation } from '../sync/mutation';
import { DomainError } from '../errors';
import { MAX_MONEY } from '../money';
import type { Lot, StockEvent } from './ledger';

const id = (what: string) => v.pipe(v.string(), v.uuid(`${what} must be a UUID`));

/**
 * Stock arrives: one `receive` event and one new FIFO layer at its unit cost (§10). A receipt
 * with no known cost makes a cost-unknown layer. Idempotent by its ids.
 */
export const receiveStock = defineMutation({
  name: 'stock.receive',
  version: 1,
  restricted: true,
  tables: ['stockEvents', 'lots', 'items', 'locations'],
  schema: v.strictObject({
    eventId: id('Event id'),
    lotId: id('Lot id'),
    itemId: id('Item id'),
    locationId: id('Location id'),
    quantity: v.pipe(
      v.number(),
      v.safeInteger('Quantity must be whole'),
      v.minValue(1, 'Quantity is at least 1'),
      v.maxValue(1_000_000, 'Quantity is not realistic'),
    ),
    unitCost: v.nullable(
      v.pipe(v.number(), v.safeInteger('Cost must be whole cents'), v.minValue(0, 'Cost cannot be negative'), v.maxValue(MAX_MONEY)),
    ),
    supplierId: v.nullable(id('Supplier id')),
    source: v.picklist(['import', 'manual', 'purchase-order']),
    ref: v.optional(v.pipe(v.string(), v.maxLength(200))),
  }),
  async apply(store, args, meta) {
    if (!(await store.get('items', args.itemId)))
      throw new DomainError('item-not-found', 'The received item does not exist', { itemId: args.itemId });
    if (!(await store.get('locations', args.locationId)))
      throw new DomainError('location-not-found', 'The location does not exist', { locationId: args.locationId });
    const event: StockEvent = {
      id: args.eventId,
      type: 'receive',
      itemId: args.itemId,
      pieceId: null,
      locationId: args.locationId,
      quantity: args.quantity,
      unitCost: args.unitCost,
      occurredAt: meta.occurredAt,
      hlc: meta.hlc,
      deviceId: meta.deviceId,
      source: args.source,
      ref: args.ref ?? null,
    };
    const lot: Lot = {
      id: args.lotId,
      itemId: args.itemId,
      receivedAt: meta.occurredAt,
      qtyReceived: args.quantity,
      qtyRemaining: args.quantity,
      unitCost: args.unitCost,
      supplierId: args.supplierId,
      purchaseOrderId: null,
      eventId: args.eventId,
    };
    await store.put('stockEvents', event);
    await store.put('lots', lot);
  },
});
