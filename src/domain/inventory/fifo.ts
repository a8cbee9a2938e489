import type { Lot } from './ledger';

/** What taking units out of stock cost, layer by layer (§10 "What each event does to FIFO layers"). */
export interface Consumption {
  layers: { lotId: string; quantity: number; unitCost: number | null }[];
  /** Cost of the units whose cost is known. */
  cost: number;
  /** Units with no known cost (cost-unknown layers, or nothing left and no last cost). */
  costUnknownQty: number;
  /** Units taken beyond every layer (selling stock the ledger has not received yet). */
  uncoveredQty: number;
}

/** Oldest first: by received instant, then by id (UUIDv7 ids sort by creation). */
export function fifoOrder(lots: readonly Lot[]): Lot[] {
  return [...lots].sort((a, b) =>
    a.receivedAt < b.receivedAt ? -1 : a.receivedAt > b.receivedAt ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0,
  );
}

/** The item's last cost (§10 "found", selling beyond the layers): the newest layer with a known cost, else `itemCost`. */
export function lastCost(lots: readonly Lot[], itemCost: number | null): number | null {
  return [...fifoOrder(lots)].reverse().find((l) => l.unitCost !== null)?.unitCost ?? itemCost;
}

/**
 * Takes `quantity` units from an item's layers, oldest first, and returns the consumption and the
 * layers it changed. Units beyond the last layer are valued at the last known cost (the newest
 * layer with a cost, else `fallbackCost`, the item's cost) and corrected when stock next arrives.
 */
export function consumeFifo(
  lots: readonly Lot[],
  quantity: number,
  fallbackCost: number | null,
): { consumption: Consumption; changed: Lot[] } {
  const ordered = fifoOrder(lots);
  const consumption: Consumption = { layers: [], cost: 0, costUnknownQty: 0, uncoveredQty: 0 };
  const changed: Lot[] = [];
  let left = quantity;
  for (const lot of ordered) {
    if (left === 0) break;
    if (lot.qtyRemaining <= 0) continue;
    const take = Math.min(lot.qtyRemaining, left);
    left -= take;
    changed.push({ ...lot, qtyRemaining: lot.qtyRemaining - take });
    consumption.layers.push({ lotId: lot.id, quantity: take, unitCost: lot.unitCost });
    if (lot.unitCost === null) consumption.costUnknownQty += take;
    else consumption.cost += lot.unitCost * take;
  }
  if (left > 0) {
    const cost = lastCost(ordered, fallbackCost);
    consumption.uncoveredQty = left;
    if (cost === null) consumption.costUnknownQty += left;
    else consumption.cost += cost * left;
  }
  return { consumption, changed };
}
