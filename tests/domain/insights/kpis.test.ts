import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  annualTurnover,
  averageInventory,
  band,
  DEFAULT_BANDS,
  dsi,
  gmroi,
  grossMargin,
  grossMarginPct,
  inventoryTurnover,
  kpisOf,
  lotSellThrough,
  sellThrough,
  sellThroughByWeek,
  stockValueAtRetail,
  type Kpi,
} from '../../../src/domain/insights/kpis';
import { zeroFlows } from '../../../src/domain/insights/movements';
import type { PeriodFigures } from '../../../src/domain/insights/rollups';

describe('worked examples from public sources', () => {
  it('sell-through: the pendant, 75 sold of 100 received = 75 %', () => {
    // Source: the seed article, Arthur Lynch, "Smart Inventory Management for Small Jewelry &
    // Accessories Businesses" (JewelryBuyDirect, 5 Nov 2025), "Identifying Winners with Sell-Through
    // Rate": "You sold 75 pendants out of 100 you brought in. (75 / 100) x 100 = 75% Sell-Through Rate."
    const k = sellThrough({ sold: 75, received: 100 });
    expect(k.value).toBe(75);
    expect(band('sellThrough', k.value)).toBe('healthy');
    // The same article: "another piece in that same order only has a 10% sell-through rate … it's a dud".
    expect(band('sellThrough', sellThrough({ sold: 9, received: 100 }).value)).toBe('warning');
  });

  it('inventory turnover: Wal-Mart fiscal 2004 = 7.8', () => {
    // Source: The Motley Fool, '"Inventory Turnover" Explained' (26 Apr 2005),
    // http://www.fool.com/investing/general/2005/04/26/quotinventory-turnoverquot-explained.aspx :
    // COGS $199 billion; inventory $26.6 billion (end fiscal 2004) and $24.4 billion (2003);
    // "Average those together and we get $25.5 billion … dividing COGS by average inventory, we get 7.8".
    const avg = (26.6 + 24.4) / 2;
    expect(avg).toBe(25.5);
    const k = inventoryTurnover({ cogs: 199, averageInventory: avg });
    expect(k.value!.toFixed(1)).toBe('7.8');
  });

  it('inventory turnover: Walmart 2014 = 8.08 (COGS 358,118 / average inventory 44,330.5)', () => {
    // Source: justaaa.com, "What is the inventory turnover for Walmart and Target in 2014"
    // (https://justaaa.com/accounting/10822-what-is-the-inventory-turnover-for-walmart-and):
    // average inventory = (43,803 + 44,858) / 2 = 44,330.5; turnover = 358,118 / 44,330.5 = 8.08
    // ($ millions, from Walmart's annual report).
    const k = inventoryTurnover({ cogs: 358_118, averageInventory: (43_803 + 44_858) / 2 });
    expect(k.inputs.averageInventory).toBe(44_330.5);
    expect(k.value!.toFixed(2)).toBe('8.08');
  });

  it('inventory turnover 5 and DSI 73 days: COGS $7,500, average inventory $1,500', () => {
    // Source: Bayt.com Specialties answer, "When are the days sales in inventory complete?"
    // (https://qcspecialties.bayt.com/fr/specialties/q/12942/when-are-the-days-sales-in-inventory-complete):
    // "$7,500 Cost of Goods Sold / $1,500 Average Inventory Value = 5 Times per Year … divided the
    // figure 5 into 365 days we will arrive to 73 required days".
    const cents = { cogs: 750_000, averageInventory: 150_000 };
    expect(inventoryTurnover(cents).value).toBe(5);
    expect(dsi({ ...cents, days: 365 }).value).toBe(73);
    expect(annualTurnover({ ...cents, days: 365 }).value).toBe(5);
    expect(band('annualTurnover', 5)).toBe('healthy');
    expect(band('dsi', 73)).toBe('healthy');
  });

  it('DSI: Walmart fiscal 2024 = 41.5 days (turnover 8.79)', () => {
    // Source: CalcDragon, "Inventory Turnover Calculator" (https://www.calcdragon.com/c/inventory-turnover-calculator),
    // defaults from Walmart's fiscal 2024: COGS 490,142; inventory 56,576 → 54,892; average 55,734;
    // "Inventory turnover ratio 8.79", "Days inventory outstanding (365 / turnover) 41.5" ($ millions).
    const averageInv = (56_576 + 54_892) / 2;
    expect(averageInv).toBe(55_734);
    expect(inventoryTurnover({ cogs: 490_142, averageInventory: averageInv }).value!.toFixed(2)).toBe('8.79');
    expect(dsi({ averageInventory: averageInv, cogs: 490_142, days: 365 }).value!.toFixed(1)).toBe('41.5');
  });

  it('GMROI: luxury retailer ABC, revenue $100M, COGS $35M, average inventory cost $20M = 3.25', () => {
    // Source: Investopedia, "Gross Margin Return on Investment (GMROI)" (https://www.investopedia.com/terms/g/gmroi.asp):
    // "total revenue of $100 million and COGS of $35 million … gross margin of 65% … average inventory
    // cost of $20 million. This firm's GMROI is 3.25, or $65 million / $20 million".
    const gm = grossMargin({ revenue: 100, cogs: 35 });
    expect(gm.value).toBe(65);
    expect(grossMarginPct({ revenue: 100, cogs: 35 }).value).toBe(65);
    expect(gmroi({ grossMargin: gm.value!, averageInventory: 20 }).value).toBe(3.25);
  });

  it('GMROI: gross margin $129,500 over average inventory cost $83,000 = 1.56', () => {
    // Source: Investopedia, "Gross Margin Return On Investment - GMROI" (older version,
    // http://www.investopedia.com/terms/g/gmroi.asp): "a firm has a gross margin of $129,500 and an
    // average inventory cost of $83,000. This firm's GMROI is 1.56".
    expect(gmroi({ grossMargin: 12_950_000, averageInventory: 8_300_000 }).value!.toFixed(2)).toBe('1.56');
  });
});

describe('zero denominators give null and a reason, never NaN or Infinity', () => {
  it.each([
    ['turnover', inventoryTurnover({ cogs: 100, averageInventory: 0 })],
    ['annual turnover', annualTurnover({ cogs: 100, averageInventory: 0, days: 30 })],
    ['annual turnover, no days', annualTurnover({ cogs: 100, averageInventory: 10, days: 0 })],
    ['sell-through', sellThrough({ sold: 3, received: 0 })],
    ['dsi', dsi({ averageInventory: 100, cogs: 0, days: 30 })],
    ['margin %', grossMarginPct({ revenue: 0, cogs: 0 })],
    ['gmroi', gmroi({ grossMargin: 10, averageInventory: 0 })],
    ['average inventory', averageInventory({ stockValueDaySum: 0, days: 0 })],
  ])('%s', (_, k) => {
    expect(k.value).toBeNull();
    expect(k.reason).toMatch(/\w/);
  });
});

describe('bands', () => {
  it('turnover: 4–6 a year healthy for jewelry, below a warning, above watch (stockouts)', () => {
    expect(band('annualTurnover', 3.9)).toBe('warning');
    expect(band('annualTurnover', 4)).toBe('healthy');
    expect(band('annualTurnover', 6)).toBe('healthy');
    expect(band('annualTurnover', 6.5)).toBe('watch');
  });
  it('DSI: up to 90 healthy, 120+ a warning, between watch; thresholds configurable', () => {
    expect(band('dsi', 45)).toBe('healthy');
    expect(band('dsi', 90)).toBe('healthy');
    expect(band('dsi', 100)).toBe('watch');
    expect(band('dsi', 120)).toBe('warning');
    expect(band('dsi', 100, { ...DEFAULT_BANDS, dsi: { healthyMax: 100, warningFrom: 150 } })).toBe('healthy');
  });
  it('money figures and missing values have no band', () => {
    expect(band('grossMargin', 1000)).toBeNull();
    expect(band('dsi', null)).toBeNull();
  });
});

describe('sell-through per lot and per collection by week', () => {
  it('a lot that received 100 and has 25 left has sold through 75 %', () => {
    expect(lotSellThrough({ qtyReceived: 100, qtyRemaining: 25 }).value).toBe(75);
  });
  it('weeks since arrival accumulate sales and receipts', () => {
    const rows = [
      { day: '2026-03-01', sold: 0, returned: 0, received: 100 },
      { day: '2026-03-03', sold: 20, returned: 0, received: 0 },
      { day: '2026-03-09', sold: 40, returned: 5, received: 0 },
      { day: '2026-03-15', sold: 20, returned: 0, received: 0 },
    ];
    const weeks = sellThroughByWeek(rows, '2026-03-01', 3).map((w) => [w.until, w.kpi.value]);
    expect(weeks).toEqual([
      ['2026-03-07', 20],
      ['2026-03-14', 55],
      ['2026-03-21', 75],
    ]);
  });
});

it('stock value at retail sums on hand × price over items with stock', () => {
  expect(
    stockValueAtRetail([
      { onHand: 2, price: 4500 },
      { onHand: 0, price: 9999 },
      { onHand: 1, price: 12000 },
    ]).value,
  ).toBe(21000);
});

/** Evaluates a KPI's formula with only its inputs: the "how it was computed" view must be enough. */
function recompute(k: Kpi): number {
  const names = Object.keys(k.inputs);
  expect(k.formula).toMatch(/^[\w\s()+\-*/.]+$/);
  const f = new Function(...names, `return ${k.formula};`) as (...args: number[]) => number;
  return f(...names.map((n) => k.inputs[n]!));
}

describe('every figure is reproduced exactly from its shown inputs and formula', () => {
  const money = fc.integer({ min: 0, max: 50_000_000 });
  const figures = fc.record({
    days: fc.integer({ min: 0, max: 800 }),
    stockValueDaySum: fc.integer({ min: 0, max: 2_000_000_000 }),
    cogs: money,
    revenue: money,
    costUnknownRevenue: fc.integer({ min: 0, max: 100_000 }),
    returnRevenue: fc.integer({ min: 0, max: 100_000 }),
    returnCogs: fc.integer({ min: 0, max: 50_000 }),
    sold: fc.integer({ min: 0, max: 5000 }),
    returned: fc.integer({ min: 0, max: 50 }),
    received: fc.integer({ min: 0, max: 5000 }),
    openingOnHand: fc.integer({ min: 0, max: 500 }),
    closingValue: money,
  });
  it('for random periods (fast-check, 300 runs)', () => {
    fc.assert(
      fc.property(figures, (f) => {
        const p: PeriodFigures = {
          ...zeroFlows(),
          ...f,
          from: '2026-01-01',
          to: '2026-01-01',
          onHandDaySum: 0,
          openingValue: 0,
          closingOnHand: 0,
          closingCostUnknownOnHand: 0,
        };
        const set = kpisOf(p);
        const kpis = [
          set.averageInventory,
          set.inventoryTurnover,
          set.annualTurnover,
          set.sellThrough,
          set.dsi,
          set.grossMargin,
          set.grossMarginPct,
          set.gmroi,
          set.stockValueAtCost,
        ];
        for (const k of kpis) {
          if (k.value === null) continue;
          expect(Number.isFinite(k.value)).toBe(true);
          expect(recompute(k)).toBe(k.value);
        }
        // The chain holds too: turnover's average inventory is the one shown on its own.
        expect(set.inventoryTurnover.inputs.averageInventory).toBe(set.averageInventory.value ?? 0);
      }),
      { numRuns: 300 },
    );
  });
  it('for the worked examples and the retail value', () => {
    for (const k of [
      inventoryTurnover({ cogs: 199, averageInventory: 25.5 }),
      dsi({ averageInventory: 55_734, cogs: 490_142, days: 365 }),
      gmroi({ grossMargin: 65, averageInventory: 20 }),
      sellThrough({ sold: 75, received: 100 }),
      stockValueAtRetail([{ onHand: 3, price: 1999 }]),
    ])
      expect(recompute(k)).toBe(k.value);
  });
});
