import * as v from 'valibot';
import { defineMutation, type MutationMeta, type RecordStore } from '../sync/mutation';
import { DomainError } from '../errors';
import { MAX_MONEY } from '../money';
import type { ItemRecord } from '../catalog/item';
import { fifoOrder } from './fifo';
import { layerParts } from './landed-cost';
import type { Lot, StockEvent } from './ledger';

const id = (what: string) => v.pipe(v.string(), v.uuid(`${what} must be a UUID`));

/** Event types that do not change how many units the shop owns (location moves, holds, revaluations). */
const NOT_OWNERSHIP = new Set(['transferOut', 'transferIn', 'reserve', 'release', 'costCorrection']);

/** An item's layers as stored. */
export async function lotsOf(store: RecordStore, itemId: string): Promise<Lot[]> {
  const ids = await store.find('lots', 'itemId', itemId);
  return (await Promise.all(ids.map((i) => store.get('lots', i)))).filter(Boolean) as unknown as Lot[];
}

/** A ledger event as stored by a sale, an adjustment or a count: what it took from the layers and its known cost. */
type ConsumingEvent = StockEvent & {
  cost?: number | null;
  layers?: { quantity: number; unitCost: number | null }[];
  kind?: string;
  units?: number;
};

/** The item's ledger events. */
async function eventsOf(store: RecordStore, itemId: string): Promise<ConsumingEvent[]> {
  const ids = await store.find('stockEvents', 'itemId', itemId);
  return ((await Promise.all(ids.map((i) => store.get('stockEvents', i)))) as unknown as (ConsumingEvent | undefined)[]).filter(
    (e): e is ConsumingEvent => e !== undefined,
  );
}

/**
 * Units taken out of stock beyond every layer and not yet made good by a receipt: Σ layers'
 * remaining − units the shop owns (every quantity event of the item except transfers, holds and
 * revaluations — units in transit are still owned). Every unit that came in made a layer and every
 * unit taken out either came off a layer or was "uncovered" (consumeFifo), so the difference is
 * exactly the uncovered units not yet corrected. Never negative (stock that came in without a layer
 * is not a deficit).
 */
export function deficitOf(events: readonly StockEvent[], lots: readonly Lot[]): number {
  let owned = 0;
  for (const e of events) if (e.pieceId === null && !NOT_OWNERSHIP.has(e.type)) owned += e.quantity;
  const layered = lots.reduce((s, l) => s + Math.max(0, l.qtyRemaining), 0);
  return Math.max(0, layered - owned);
}

/**
 * What the `units` oldest uncorrected uncovered units were valued at when they went out (exact, to
 * the cent): each sale, adjustment or count that took units beyond the layers stored its cost and
 * the layers it took; the rest of its cost is what its uncovered units were valued at (the last
 * cost then). Taken oldest first (by HLC), after skipping the units earlier deficit corrections
 * already made good. Units whose event is not found (or kept no layers) are valued at `fallback`
 * (the last cost now). Null when any of them had no known cost.
 */
export function uncoveredCost(events: readonly ConsumingEvent[], units: number, fallback: number | null): number | null {
  const ordered = [...events].sort((a, b) => (a.hlc < b.hlc ? -1 : a.hlc > b.hlc ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  let skip = ordered.reduce((s, e) => s + (e.type === 'costCorrection' && e.kind === 'deficit' ? (e.units ?? 0) : 0), 0);
  let left = units;
  let total: number | null = 0;
  for (const e of ordered) {
    if (left === 0) break;
    if (e.pieceId !== null || e.quantity >= 0 || NOT_OWNERSHIP.has(e.type) || !Array.isArray(e.layers)) continue;
    let chunk = -e.quantity - e.layers.reduce((s, l) => s + l.quantity, 0);
    if (chunk <= 0) continue;
    const covered = e.layers.reduce((s, l) => s + (l.unitCost === null ? 0 : l.quantity * l.unitCost), 0);
    // Nothing left over: the uncovered units had no known cost (consumeFifo leaves them out of `cost`).
    let cost: number | null = e.cost === null || e.cost === undefined || e.cost - covered <= 0 ? null : e.cost - covered;
    const skipped = Math.min(skip, chunk);
    if (skipped > 0) {
      skip -= skipped;
      if (cost !== null) cost -= Math.round((cost * skipped) / chunk);
      chunk -= skipped;
      if (chunk === 0) continue;
    }
    const take = Math.min(left, chunk);
    left -= take;
    const share = cost === null ? null : take === chunk ? cost : Math.round((cost * take) / chunk);
    total = total === null || share === null ? null : total + share;
  }
  if (left > 0) total = total === null || fallback === null ? null : total + fallback * left;
  return total;
}

/** The last cost now: the newest layer with a known cost, else the item's own cost (as consumeFifo). */
function costUsed(lots: readonly Lot[], itemCost: number | null): number | null {
  return [...fifoOrder(lots)].reverse().find((l) => l.unitCost !== null)?.unitCost ?? itemCost;
}

/** The ledger's record that units sold beyond the layers were made good by a receipt (§10). */
export type DeficitCorrectionEvent = StockEvent & {
  type: 'costCorrection';
  kind: 'deficit';
  /** The receipt's layers the deficit units were taken from. */
  lotIds: string[];
  /** Units sold before they were received. */
  units: number;
  /** What those units were valued at when they went out (uncoveredCost); null = not known then. */
  oldCost: number | null;
  /** What those units really cost: Σ taken × layer cost (exact); null = the receipt has no cost. */
  newCost: number | null;
  /** newCost − oldCost: add it to the COGS of the units sold before they were received; null = not known. */
  valueDifference: number | null;
};

export interface ReceiveInput {
  itemId: string;
  locationId: string;
  quantity: number;
  /** Goods + landed share for all `quantity` units, in cents; null = cost unknown. */
  totalCost: number | null;
  eventId: string;
  lotId: string;
  /** The second layer's id when the total does not divide evenly per unit (see layerParts). */
  splitLotId: string | null;
  /**
   * The deficit correction event's id, used only when the item was sold beyond its layers; null =
   * do not look for a deficit (bulk imports: the deficit is carried to the next PO receipt).
   */
  correctionEventId: string | null;
  supplierId: string | null;
  purchaseOrderId: string | null;
  source: string;
  ref: string | null;
  /** Extra facts kept on the receive event (e.g. the PO line and its landed share). */
  extra?: Record<string, unknown>;
}

/**
 * The one way stock arrives in layers (a manual/imported receipt and a PO receipt alike, §10):
 * one `receive` event; one FIFO layer at the unit cost incl. landed share (two when the cents do
 * not divide evenly — see layerParts — so Σ layer value = the total to the cent); a cost-unknown
 * layer when no cost is known. If the item had been sold beyond its layers (deficitOf), those
 * units are taken from the new layer(s) first — their qtyRemaining goes down by the deficit — and a
 * `costCorrection` event (quantity 0) records the units, the cost they were sold at and the
 * difference to what they really cost, against this receipt. Returns the layers written.
 */
export async function receiveIntoLayers(store: RecordStore, input: ReceiveInput, meta: MutationMeta): Promise<Lot[]> {
  const item = (await store.get('items', input.itemId)) as ItemRecord | undefined;
  if (!item) throw new DomainError('item-not-found', 'The received item does not exist', { itemId: input.itemId });
  if (!(await store.get('locations', input.locationId)))
    throw new DomainError('location-not-found', 'The location does not exist', { locationId: input.locationId });
  // Two index reads per item: skipped for bulk receipts (a 100k-row import must stay one read per table).
  const before = input.correctionEventId === null ? [] : await lotsOf(store, input.itemId);
  const ledger = input.correctionEventId === null ? [] : await eventsOf(store, input.itemId);
  const deficit = Math.min(input.quantity, deficitOf(ledger, before));
  const parts = input.totalCost === null ? [{ qty: input.quantity, unitCost: null }] : layerParts(input.totalCost, input.quantity);
  if (parts.length > 1 && !input.splitLotId)
    throw new DomainError('invalid-args', 'A receipt whose cost does not divide evenly per unit needs a second layer id');
  const ids = parts.length > 1 ? [input.lotId, input.splitLotId!].sort() : [input.lotId];
  const event: StockEvent = {
    id: input.eventId,
    type: 'receive',
    itemId: input.itemId,
    pieceId: null,
    locationId: input.locationId,
    quantity: input.quantity,
    unitCost: parts[0]!.unitCost,
    occurredAt: meta.occurredAt,
    hlc: meta.hlc,
    deviceId: meta.deviceId,
    source: input.source,
    ref: input.ref,
    ...input.extra,
    totalCost: input.totalCost,
    lotIds: ids,
  } as StockEvent;
  await store.put('stockEvents', event);
  let left = deficit;
  let newCost: number | null = 0;
  const lots: Lot[] = parts.map((part, i) => {
    const take = Math.min(left, part.qty);
    left -= take;
    newCost = part.unitCost === null || newCost === null ? null : newCost + take * part.unitCost;
    return {
      id: ids[i]!,
      itemId: input.itemId,
      receivedAt: meta.occurredAt,
      qtyReceived: part.qty,
      qtyRemaining: part.qty - take,
      unitCost: part.unitCost,
      supplierId: input.supplierId,
      purchaseOrderId: input.purchaseOrderId,
      eventId: input.eventId,
    };
  });
  for (const lot of lots) await store.put('lots', lot);
  if (deficit > 0 && input.correctionEventId !== null) {
    const oldCost = uncoveredCost(ledger, deficit, costUsed(before, item.values.cost));
    const correction: DeficitCorrectionEvent = {
      id: input.correctionEventId,
      type: 'costCorrection',
      kind: 'deficit',
      itemId: input.itemId,
      pieceId: null,
      locationId: input.locationId,
      quantity: 0,
      unitCost: parts[0]!.unitCost,
      occurredAt: meta.occurredAt,
      hlc: meta.hlc,
      deviceId: meta.deviceId,
      source: input.source,
      ref: input.ref,
      lotIds: ids,
      units: deficit,
      oldCost,
      newCost,
      valueDifference: newCost === null || oldCost === null ? null : newCost - oldCost,
    };
    await store.put('stockEvents', correction);
  }
  return lots;
}

/**
 * Stock arrives outside a purchase order (a CSV import's opening stock, the demo shop): one
 * `receive` event and one new FIFO layer at its unit cost (§10), through receiveIntoLayers. A
 * receipt with no known cost makes a cost-unknown layer. It does not look for a deficit (units
 * sold beyond the layers): imports write thousands of these in one transaction, each with no extra
 * read. A deficit is carried — Σ layers and units owned both grow by the same quantity — and is
 * made good by the item's next purchase-order receipt. Idempotent by its event id.
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
    if (await store.get('stockEvents', args.eventId)) return;
    await receiveIntoLayers(
      store,
      {
        itemId: args.itemId,
        locationId: args.locationId,
        quantity: args.quantity,
        totalCost: args.unitCost === null ? null : args.unitCost * args.quantity,
        eventId: args.eventId,
        lotId: args.lotId,
        splitLotId: null,
        correctionEventId: null,
        supplierId: args.supplierId,
        purchaseOrderId: null,
        source: args.source,
        ref: args.ref ?? null,
      },
      meta,
    );
  },
});
