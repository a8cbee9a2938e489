import { describe, expect, it } from 'vitest';
import { deadStock, markdown, nearSeasonEnd, slowMovers, stockAging, type ItemActivity } from '../../../src/domain/insights/aging';
import { supplierScore } from '../../../src/domain/insights/suppliers';
import { zeroFlows } from '../../../src/domain/insights/movements';
import type { PeriodFigures } from '../../../src/domain/insights/rollups';

const TODAY = '2026-11-27';
const dayOf = (instant: string) => instant.slice(0, 10);

describe('stock aged by FIFO layer', () => {
  it('puts what is left of each receipt in its age bucket, cost-unknown units apart', () => {
    const rows = stockAging(
      [
        { receivedAt: '2026-11-20T10:00:00Z', qtyRemaining: 3, unitCost: 1000 }, // 7 days
        { receivedAt: '2026-10-28T10:00:00Z', qtyRemaining: 2, unitCost: 500 }, // 30 days: still 0-30
        { receivedAt: '2026-08-01T10:00:00Z', qtyRemaining: 4, unitCost: null }, // 118 days
        { receivedAt: '2025-06-01T10:00:00Z', qtyRemaining: 1, unitCost: 9000 }, // 544 days
        { receivedAt: '2025-01-01T10:00:00Z', qtyRemaining: 0, unitCost: 9000 }, // empty layer: ignored
      ],
      TODAY,
      dayOf,
    );
    expect(rows.map((r) => [r.bucket, r.units, r.value, r.costUnknownUnits])).toEqual([
      ['0-30', 5, 4000, 0],
      ['31-90', 0, 0, 0],
      ['91-180', 4, 0, 4],
      ['181-365', 0, 0, 0],
      ['365+', 1, 9000, 0],
    ]);
  });
});

const activity = (o: Partial<ItemActivity>): ItemActivity => ({
  itemId: 'x',
  arrival: '2026-08-01',
  received: 100,
  sold: 10,
  lastSale: '2026-11-20',
  onHand: 90,
  stockValue: 90 * 1200,
  price: 4500,
  ...o,
});

describe('slow movers, dead stock, markdowns, season ends', () => {
  it('slow movers: under the target sell-through N weeks after arrival', () => {
    const items = [
      activity({ itemId: 'pendant', sold: 75 }), // the article's winner: 75 %
      activity({ itemId: 'dud', sold: 10 }), // the article's dud: 10 %
      activity({ itemId: 'new', arrival: '2026-11-01', sold: 1 }), // too new to judge at 8 weeks
    ];
    expect(slowMovers(items, TODAY, { weeks: 8, targetPct: 50 }).map((i) => [i.itemId, i.sellThroughPct])).toEqual([['dud', 10]]);
  });

  it('dead stock: no sale for N days with stock on hand (never sold: counted from arrival)', () => {
    const items = [
      activity({ itemId: 'recent' }),
      activity({ itemId: 'old', lastSale: '2026-04-01' }),
      activity({ itemId: 'never', lastSale: null, arrival: '2026-01-01' }),
      activity({ itemId: 'gone', lastSale: '2026-01-01', onHand: 0 }),
    ];
    expect(deadStock(items, TODAY, 180).map((i) => [i.itemId, i.idleDays])).toEqual([
      ['never', 330],
      ['old', 240],
    ]);
  });

  it('markdown: the new price and the cash it would free', () => {
    // 30 % off $45.00 = $31.50; 90 left at $12 cost: $1,080 tied up, $2,835 at the new price.
    const m = markdown({ itemId: 'dud', onHand: 90, stockValue: 108_000, price: 4500 }, 3000);
    expect([m.newPrice, m.valueAtCost, m.valueAtNewRetail, m.marginAtNewPrice]).toEqual([3150, 108_000, 283_500, 175_500]);
  });

  it('collections near their season end with stock left, soonest first', () => {
    const list = nearSeasonEnd(
      [
        { collectionId: 'winter', name: 'Winter', seasonEnd: '2026-12-15', units: 20, value: 30_000 },
        { collectionId: 'summer', name: 'Summer', seasonEnd: '2026-09-30', units: 5, value: 4000 },
        { collectionId: 'spring', name: 'Spring', seasonEnd: '2027-05-31', units: 50, value: 90_000 },
        { collectionId: 'classic', name: 'Classics', seasonEnd: null, units: 99, value: 1 },
        { collectionId: 'sold-out', name: 'Sold out', seasonEnd: '2026-12-01', units: 0, value: 0 },
      ],
      TODAY,
      30,
    );
    expect(list.map((c) => [c.collectionId, c.daysLeft])).toEqual([
      ['summer', -58],
      ['winter', 18],
    ]);
  });
});

describe('supplier scorecard', () => {
  it('sell-through, margin, turnover, lead-time reliability and return/defect rates', () => {
    const p: PeriodFigures = {
      ...zeroFlows(),
      sold: 80,
      returned: 4,
      revenue: 400_000,
      cogs: 160_000,
      received: 100,
      shrinkageUnits: 2,
      from: '2026-01-01',
      to: '2026-12-31',
      days: 365,
      stockValueDaySum: 40_000 * 365,
      onHandDaySum: 0,
      openingValue: 0,
      openingOnHand: 0,
      closingValue: 40_000,
      closingOnHand: 16,
      closingCostUnknownOnHand: 0,
    };
    const s = supplierScore('s1', p, {
      promisedDays: 14,
      samples: [
        { orderedOn: '2026-01-01', receivedOn: '2026-01-10' },
        { orderedOn: '2026-05-01', receivedOn: '2026-05-21' },
      ],
    });
    expect(s.sellThrough.value).toBe(76);
    expect(s.grossMarginPct.value).toBe(60);
    expect(s.annualTurnover.value).toBe(4);
    expect(s.leadTime.onTimeShare).toBe(0.5);
    expect(s.leadTime.meanDelay).toBe(3);
    expect(s.returnRatePct).toBe(5);
    expect(s.defectRatePct).toBe(2);
  });
});
