import { Money } from '../money';

/**
 * Landed cost (shipping, duty, insurance of one receipt) spread over the received lines BY VALUE
 * (quantity × unit cost), largest remainder first, so the shares always sum to the landed cost to
 * the cent (Money.allocate). Lines all worth nothing share it evenly.
 */
export function allocateLandedCost(landedCost: number, lineValues: readonly number[]): number[] {
  if (lineValues.length === 0) return [];
  return Money.allocate(Money.of(landedCost), lineValues);
}

/** One FIFO layer's part of a received line: `qty` units at a whole-cent `unitCost`. */
export interface LayerPart {
  qty: number;
  unitCost: number;
}

/**
 * Turns a line's total cost (goods + its landed share) into whole-cent layers without losing a
 * cent: when `total` divides evenly by `qty` one layer at total/qty; otherwise two layers, the
 * first `qty − r` units at ⌊total/qty⌋ and the last `r` units at ⌊total/qty⌋ + 1 (r = total mod
 * qty). Both layers arrive at the same instant; FIFO takes the cheaper one first (ordered by id).
 * Σ qty × unitCost is always exactly `total`, so stock value and COGS stay exact.
 */
export function layerParts(total: number, qty: number): LayerPart[] {
  const base = Math.floor(total / qty);
  const extra = total - base * qty;
  if (extra === 0) return [{ qty, unitCost: base }];
  return [
    { qty: qty - extra, unitCost: base },
    { qty: extra, unitCost: base + 1 },
  ];
}
