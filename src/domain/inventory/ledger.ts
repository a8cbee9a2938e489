/**
 * Stock is a sum of events (ARCHITECTURE.md §4): nothing edits a quantity. Each event is an
 * append-only record; on-hand per (item, location) is a projection rebuilt from them.
 */
export type StockEventType =
  | 'receive'
  | 'sale'
  | 'return'
  | 'adjust'
  | 'count'
  | 'transferOut'
  | 'transferIn'
  | 'reserve'
  | 'release'
  | 'channelSale'
  | 'costCorrection';

export type StockEvent = {
  id: string;
  type: StockEventType;
  itemId: string;
  pieceId: string | null;
  locationId: string;
  /** Signed change in units. */
  quantity: number;
  /** Unit cost in minor units; null when not known (a cost-unknown layer). */
  unitCost: number | null;
  occurredAt: string;
  hlc: string;
  deviceId: string;
  source: string;
  ref: string | null;
};

/** A FIFO layer (per item; locations only move quantities). */
export type Lot = {
  id: string;
  itemId: string;
  receivedAt: string;
  qtyReceived: number;
  qtyRemaining: number;
  /** Null = cost unknown: kept out of margin figures until a cost correction sets it. */
  unitCost: number | null;
  supplierId: string | null;
  purchaseOrderId: string | null;
  eventId: string;
};

export type StockLevel = { itemId: string; locationId: string; onHand: number };

/** On hand per location for one item's events: the projection, as one pure function. */
export function levelsOf(events: readonly Pick<StockEvent, 'itemId' | 'locationId' | 'quantity' | 'type'>[]): StockLevel[] {
  const byLocation = new Map<string, StockLevel>();
  for (const e of events) {
    if (e.type === 'costCorrection' || e.type === 'reserve' || e.type === 'release') continue; // value or availability, not quantity
    const key = `${e.itemId}\u0000${e.locationId}`;
    const level = byLocation.get(key) ?? { itemId: e.itemId, locationId: e.locationId, onHand: 0 };
    level.onHand += e.quantity;
    byLocation.set(key, level);
  }
  return [...byLocation.values()];
}
