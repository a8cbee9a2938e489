import { describe, expect, it } from 'vitest';
import { consumeFifo } from '../../../src/domain/inventory/fifo';
import type { Lot } from '../../../src/domain/inventory/ledger';
import { movement } from '../../../src/domain/insights/movements';
import { buildRollups, itemPeriod } from '../../../src/domain/insights/rollups';

const lot = (id: string, receivedAt: string, qty: number, unitCost: number): Lot => ({
  id,
  itemId: 'widget',
  receivedAt,
  qtyReceived: qty,
  qtyRemaining: qty,
  unitCost,
  supplierId: null,
  purchaseOrderId: null,
  eventId: id,
});

describe('FIFO cost of goods sold: published examples, computed with consumeFifo', () => {
  it('3 @ $35, 2 @ $40, 1 @ $55; 4 sold → COGS $145, ending inventory $95', () => {
    // Source: Course Hero, "FIFO and LIFO average cost" (https://www.coursehero.com/file/7205104/FIFO-and-LIFO-average-cost/):
    // beginning inventory 01/01/2010 3 units at $35.00; purchase 01/10/2010 2 at $40.00; purchase
    // 01/15/2010 1 at $55.00; "Cost of Goods Sold for January 4 $145.00"; "Ending Inventory … ($95.00)
    // (1 x $55) + (1 x $40)".
    const lots = [lot('a', '2010-01-01', 3, 3500), lot('b', '2010-01-10', 2, 4000), lot('c', '2010-01-15', 1, 5500)];
    const { consumption, changed } = consumeFifo(lots, 4, null);
    expect(consumption.cost).toBe(14_500);
    const left = lots.map((l) => changed.find((c) => c.id === l.id) ?? l);
    expect(left.reduce((s, l) => s + l.qtyRemaining * l.unitCost!, 0)).toBe(9_500);

    // The same month through the rollups: turnover reads the COGS and the end-of-month stock.
    const ms = [
      ...lots.map((l) =>
        movement({
          id: l.id,
          kind: 'receive',
          itemId: 'widget',
          locationId: 'x',
          day: l.receivedAt,
          units: l.qtyReceived,
          value: l.qtyReceived * l.unitCost!,
          received: l.qtyReceived,
          receivedValue: l.qtyReceived * l.unitCost!,
        }),
      ),
      movement({
        id: 's',
        kind: 'sale',
        itemId: 'widget',
        locationId: 'x',
        day: '2010-01-31',
        units: -4,
        value: -consumption.cost,
        sold: 4,
        revenue: 40_000,
        cogs: consumption.cost,
      }),
    ];
    const p = itemPeriod(
      buildRollups({ movements: ms, items: [], from: '2010-01-01', to: '2010-01-31' }).items.get('widget')!,
      '2010-01-01',
      '2010-01-31',
    );
    expect([p.cogs, p.closingValue]).toEqual([14_500, 9_500]);
    // "Income Statement … $400.00 Cost of Goods Sold (145.00) Gross Margin 255.00"
    expect(p.revenue - p.cogs).toBe(25_500);
  });

  it('10 @ $14, 10 @ $26, 6 @ $21; 23 sold → COGS $463', () => {
    // Source: Qammunity answer 11461975 (https://qammunity.org/11461975): "begining inventory: 10 units at $ 14;
    // March 2nd purchases: 10 units at $ 26; March 6th purchases: 6 units at $ 21; It sold 23 units …
    // 10 x 14 = 140, 10 x 26 = 260, 3 x 21 = 63, Total 463".
    const lots = [lot('a', '2026-03-01', 10, 1400), lot('b', '2026-03-02', 10, 2600), lot('c', '2026-03-06', 6, 2100)];
    const { consumption } = consumeFifo(lots, 23, null);
    expect(consumption.cost).toBe(46_300);
    expect(consumption.layers.map((l) => [l.lotId, l.quantity])).toEqual([
      ['a', 10],
      ['b', 10],
      ['c', 3],
    ]);
  });
});
