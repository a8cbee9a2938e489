import * as v from 'valibot';
import { defineMutation } from '../sync/mutation';
import { DomainError } from '../errors';
import { money, text, uuid } from '../catalog/fields';
import type { Lot, StockEvent } from './ledger';

/**
 * A layer revalued (§10 costCorrection): a cost-unknown layer gets its cost, or a wrongly typed
 * cost is fixed (with a reason). The whole layer — all qtyReceived units — takes the new unit cost;
 * the `costCorrection` event (quantity 0) keeps the old and new unit cost and, for the units of the
 * layer already consumed, the value difference, so Insights can recompute their COGS.
 */
export type CostCorrectionEvent = StockEvent & {
  type: 'costCorrection';
  kind: 'layer';
  lotId: string;
  oldUnitCost: number | null;
  newUnitCost: number;
  /** Units of the layer already sold or written off when it was revalued. */
  consumedQty: number;
  /** (new − old) × consumedQty; null when the old cost was unknown (those units had no COGS). */
  valueDifference: number | null;
  reason: string;
};

export const costCorrectionSchema = v.strictObject({
  eventId: uuid('Event id'),
  lotId: uuid('Layer id'),
  unitCost: money('Unit cost'),
  reason: text('Reason', 300),
});

export const correctCost = defineMutation({
  name: 'stock.costCorrection',
  version: 1,
  restricted: true,
  tables: ['stockEvents', 'lots'],
  schema: costCorrectionSchema,
  async apply(store, args, meta) {
    if (await store.get('stockEvents', args.eventId)) return;
    const lot = (await store.get('lots', args.lotId)) as Lot | undefined;
    if (!lot) throw new DomainError('lot-not-found', 'That stock layer does not exist', { lotId: args.lotId });
    if (lot.unitCost !== null && args.reason === '')
      throw new DomainError('reason-required', 'Say why a known cost is being changed (e.g. "typed 1,200 instead of 120")');
    if (lot.unitCost === args.unitCost) throw new DomainError('cost-unchanged', 'The layer already has that cost');
    const received = (await store.get('stockEvents', lot.eventId)) as StockEvent | undefined;
    const consumedQty = lot.qtyReceived - lot.qtyRemaining;
    const event: CostCorrectionEvent = {
      id: args.eventId,
      type: 'costCorrection',
      kind: 'layer',
      itemId: lot.itemId,
      pieceId: null,
      locationId: received?.locationId ?? '',
      quantity: 0,
      unitCost: args.unitCost,
      occurredAt: meta.occurredAt,
      hlc: meta.hlc,
      deviceId: meta.deviceId,
      source: 'cost-correction',
      ref: lot.id,
      lotId: lot.id,
      oldUnitCost: lot.unitCost,
      newUnitCost: args.unitCost,
      consumedQty,
      valueDifference: lot.unitCost === null ? null : (args.unitCost - lot.unitCost) * consumedQty,
      reason: args.reason,
    };
    await store.put('stockEvents', event);
    await store.put('lots', { ...lot, unitCost: args.unitCost });
  },
});
