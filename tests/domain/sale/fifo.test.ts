import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { consumeFifo } from '../../../src/domain/inventory/fifo';
import type { Lot } from '../../../src/domain/inventory/ledger';

const lot = (id: string, receivedAt: string, qtyRemaining: number, unitCost: number | null): Lot => ({
  id,
  itemId: 'item',
  receivedAt,
  qtyReceived: qtyRemaining,
  qtyRemaining,
  unitCost,
  supplierId: null,
  purchaseOrderId: null,
  eventId: `e-${id}`,
});

describe('FIFO consumption (a worked example)', () => {
  // January: 2 left at 10.00; February: 5 at 12.00; March: 2 with no known cost.
  const layers = [lot('mar', '2026-03-01T10:00:00.000Z', 2, null), lot('jan', '2026-01-01T10:00:00.000Z', 2, 1000), lot('feb', '2026-02-01T10:00:00.000Z', 5, 1200)];

  it('selling 5 takes the 2 January units, then 3 from February: COGS 20.00 + 36.00 = 56.00', () => {
    const { consumption, changed } = consumeFifo(layers, 5, 900);
    expect(consumption).toEqual({
      layers: [
        { lotId: 'jan', quantity: 2, unitCost: 1000 },
        { lotId: 'feb', quantity: 3, unitCost: 1200 },
      ],
      cost: 5600,
      costUnknownQty: 0,
      uncoveredQty: 0,
    });
    expect(changed.map((l) => [l.id, l.qtyRemaining])).toEqual([
      ['jan', 0],
      ['feb', 2],
    ]);
  });

  it('selling 13 runs through every layer; cost-unknown units stay out of COGS and units beyond the layers take the last known cost', () => {
    const { consumption } = consumeFifo(layers, 13, 900);
    // 2 × 10.00 + 5 × 12.00 = 80.00; 2 unknown; 4 beyond the layers at the newest known cost, 12.00.
    expect(consumption).toMatchObject({ cost: 2000 + 6000 + 4 * 1200, costUnknownQty: 2, uncoveredQty: 4 });
  });

  it('with no layers at all the item’s cost values the sale, and with no cost either it is cost-unknown', () => {
    expect(consumeFifo([], 3, 900).consumption).toMatchObject({ cost: 2700, uncoveredQty: 3, costUnknownQty: 0 });
    expect(consumeFifo([], 3, null).consumption).toMatchObject({ cost: 0, costUnknownQty: 3 });
  });

  it('property: units taken = units asked for, and layers never go below zero', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 20 }), fc.option(fc.integer({ min: 0, max: 10_000 }))), { maxLength: 6 }), fc.integer({ min: 1, max: 60 }), (specs, qty) => {
        const lots = specs.map(([q, c], i) => lot(`l${i}`, `2026-01-0${i + 1}T00:00:00.000Z`, q, c));
        const { consumption, changed } = consumeFifo(lots, qty, 100);
        expect(consumption.layers.reduce((s, l) => s + l.quantity, 0) + consumption.uncoveredQty).toBe(qty);
        expect(changed.every((l) => l.qtyRemaining >= 0)).toBe(true);
      }),
    );
  });
});
