import { describe, expect, it } from 'vitest';
import { abcClasses } from '../../../src/domain/insights/abc';
import { slowMovers } from '../../../src/domain/insights/aging';
import { addDays } from '../../../src/domain/insights/days';
import { movement, type Movement } from '../../../src/domain/insights/movements';
import { orderNow, suggest } from '../../../src/domain/insights/replenishment';
import { abcInputs, demandOf, historyDays, itemActivity, itemFigures } from '../../../src/domain/insights/report';
import { buildRollups } from '../../../src/domain/insights/rollups';
import { rowsOf } from '../../../src/domain/insights/item-days';

const START = '2026-01-01';
const TODAY = '2026-04-01';

/** Three items over a quarter: a bestseller, a steady seller and a dud. */
function ledger(): Movement[] {
  const ms: Movement[] = [];
  const receive = (itemId: string, day: string, qty: number, cost: number) =>
    ms.push(
      movement({
        id: `r-${itemId}-${day}`,
        kind: 'receive',
        itemId,
        locationId: 'floor',
        day,
        units: qty,
        value: qty * cost,
        received: qty,
        receivedValue: qty * cost,
      }),
    );
  const sell = (itemId: string, day: string, qty: number, price: number, cost: number) =>
    ms.push(
      movement({
        id: `s-${itemId}-${day}`,
        kind: 'sale',
        itemId,
        locationId: 'floor',
        day,
        units: -qty,
        value: -qty * cost,
        sold: qty,
        revenue: qty * price,
        cogs: qty * cost,
      }),
    );
  receive('star', START, 200, 1000);
  receive('steady', START, 50, 2000);
  receive('dud', START, 40, 1500);
  for (let d = 0; d < 90; d++) {
    const day = addDays(START, d);
    sell('star', day, d % 2 === 0 ? 2 : 1, 4000, 1000); // 135 units, $5,400
    if (d % 3 === 0) sell('steady', day, 1, 6000, 2000); // 30 units, $1,800
    if (d === 10) sell('dud', day, 2, 3500, 1500); // 2 units, $70
  }
  return ms;
}

describe('from rollups to ABC, slow movers and the order-now list', () => {
  const r = buildRollups({
    movements: ledger(),
    items: [
      { itemId: 'star', categoryId: null, collectionId: null, supplierId: 'acme' },
      { itemId: 'steady', categoryId: null, collectionId: null, supplierId: 'acme' },
      { itemId: 'dud', categoryId: null, collectionId: null, supplierId: 'other' },
    ],
    from: START,
    to: TODAY,
  });

  it('ABC by revenue', () => {
    const figures = itemFigures(r, START, TODAY);
    const rows = abcClasses(abcInputs(figures));
    // Revenue: star 135 × 4000 = 540,000; steady 30 × 6000 = 180,000; dud 2 × 3500 = 7,000; total 727,000.
    // Shares 74.28 %, 24.76 %, 0.96 %. The star alone stays under 80 %, so the steady seller is needed to
    // reach it and is A too; the items above the dud already make 99.04 % (≥ 95 %): C.
    expect(rows.map((x) => [x.itemId, x.value, x.class])).toEqual([
      ['star', 540_000, 'A'],
      ['steady', 180_000, 'A'],
      ['dud', 7_000, 'C'],
    ]);
  });

  it('the dud is a slow mover eight weeks after arrival', () => {
    const items = [...r.items].map(([id, rows]) => itemActivity(id, rows, 3500, TODAY));
    expect(slowMovers(items, TODAY, { weeks: 8, targetPct: 50 }).map((i) => [i.itemId, i.sellThroughPct])).toEqual([['dud', 5]]);
  });

  it('demand from the rows feeds the reorder suggestion', () => {
    const rows = r.items.get('star')!;
    const d = demandOf(rows, TODAY, 60);
    expect(d.mean).toBe(1.5); // alternating 2 and 1
    expect(d.sd).toBe(0.5);
    expect(historyDays(rows, TODAY)).toBe(90);
    const s = suggest({
      itemId: 'star',
      supplierId: 'acme',
      available: rowsOf(rows).at(-1)!.onHand,
      unitCost: 1000,
      historyDays: historyDays(rows, TODAY),
      demand: d,
      leadTime: { mean: 14, sd: 0 },
      typedReorderPoint: null,
      typedReorderQty: null,
    });
    // SS = 1.6449 × 0.5 × √14 = 3.077; ROP = 1.5 × 14 + 3.077 = 24.08 → 25; on hand 65: no order yet.
    expect([s.reorderPoint, s.available, s.orderNow]).toEqual([25, 65, false]);
    const low = suggest({
      ...s.inputs,
      itemId: 'star',
      supplierId: 'acme',
      available: 20,
      unitCost: 1000,
      historyDays: 90,
      demand: d,
      leadTime: { mean: 14, sd: 0 },
      typedReorderPoint: null,
      typedReorderQty: null,
    });
    // Order up to 25 + 1.5 × 30 = 70: 50 units.
    expect([low.orderNow, low.quantity]).toEqual([true, 50]);
    expect(orderNow([low], new Map()).map((g) => [g.supplierId, g.value])).toEqual([['acme', 50_000]]);
  });
});
