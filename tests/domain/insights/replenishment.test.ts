import { describe, expect, it } from 'vitest';
import {
  dailyDemand,
  leadTime,
  orderNow,
  reorderPoint,
  safetyStock,
  suggest,
  zFor,
  type ReplenishmentItem,
} from '../../../src/domain/insights/replenishment';

describe('safety stock and reorder point: published examples', () => {
  it('50 units/day, σ 12, lead time 14 days, Z 1.65: safety stock ≈ 74, reorder point ≈ 774', () => {
    // Source: Calculator Factory, "Safety Stock Calculator" (https://calculator-factory.com/calculators/safety-stock-calculator),
    // Example: "With 50 units/day average demand, 12 units standard deviation, 14-day lead time, and
    // Z = 1.65: safety stock ≈ 74 units, reorder point ≈ 774 units (700 demand during lead time + 74 safety stock)."
    // Fixed lead time: σLT = 0, so z·√(LT·σd² + d²·σLT²) = z·σd·√LT.
    const ss = safetyStock({ z: 1.65, demandMean: 50, demandSd: 12, leadTimeMean: 14, leadTimeSd: 0 });
    expect(Math.round(ss)).toBe(74);
    expect(50 * 14).toBe(700);
    expect(Math.round(reorderPoint({ demandMean: 50, leadTimeMean: 14, safetyStock: ss }))).toBe(774);
  });

  it('σ 40 units, lead time 9 periods: Z 1.65 gives 198, Z 4.13 gives 496', () => {
    // Source: MfgCalcs, "Safety Stock Calculator with service-level factor of 4.13 σ: a worked example"
    // (https://www.mfgcalcs.com/calculators/supply-chain-procurement-inventory/safety-stock-calculator/examples/high-service-level-factor):
    // demand std dev 40, lead time 9 (√LT = 3): "the engine returns 496 units"; "the tool's baseline
    // example, where service-level factor sits at 1.65 σ and the headline result is 198 units".
    expect(Math.round(safetyStock({ z: 1.65, demandMean: 0, demandSd: 40, leadTimeMean: 9, leadTimeSd: 0 }))).toBe(198);
    expect(Math.round(safetyStock({ z: 4.13, demandMean: 0, demandSd: 40, leadTimeMean: 9, leadTimeSd: 0 }))).toBe(496);
  });

  it('with lead-time variability (example adapted, computed by hand)', () => {
    // Adapted: d = 2/day, σd = 1.5, LT = 10 days, σLT = 3 days, 95 % (z = 1.6449).
    // LT·σd² = 10 × 2.25 = 22.5; d²·σLT² = 4 × 9 = 36; √58.5 = 7.6485; SS = 1.6449 × 7.6485 = 12.581;
    // ROP = 2 × 10 + 12.581 = 32.581 → order when 33 or fewer are left.
    const ss = safetyStock({ z: zFor(0.95), demandMean: 2, demandSd: 1.5, leadTimeMean: 10, leadTimeSd: 3 });
    expect(ss).toBeCloseTo(12.581, 3);
    expect(reorderPoint({ demandMean: 2, leadTimeMean: 10, safetyStock: ss })).toBeCloseTo(32.581, 3);
  });
});

describe('z for a service level', () => {
  it('uses the standard normal table for the usual levels', () => {
    expect(zFor(0.9)).toBe(1.2816);
    expect(zFor(0.95)).toBe(1.6449);
    expect(zFor(0.975)).toBe(1.96);
    expect(zFor(0.99)).toBe(2.3263);
  });
  it('and the inverse normal elsewhere (table values: z(0.8) = 0.8416, z(0.999) = 3.0902)', () => {
    expect(zFor(0.8)).toBeCloseTo(0.8416, 4);
    expect(zFor(0.999)).toBeCloseTo(3.0902, 4);
    expect(zFor(0.5)).toBeCloseTo(0, 9);
  });
});

describe('demand and lead time from history', () => {
  it('days without sales count as zero within the period', () => {
    // 10 days, 3 sold on one day and 1 on another: mean 0.4; E[x²] = 10/10 = 1; σ² = 1 − 0.16 = 0.84.
    const d = dailyDemand(
      [
        { day: '2026-01-02', units: 3 },
        { day: '2026-01-07', units: 1 },
        { day: '2026-02-01', units: 50 }, // outside the window: ignored
      ],
      '2026-01-01',
      10,
    );
    expect(d.mean).toBeCloseTo(0.4, 12);
    expect(d.sd).toBeCloseTo(Math.sqrt(0.84), 12);
  });
  it('lead time promised vs observed: mean, spread, on-time share and mean delay', () => {
    const lt = leadTime(14, [
      { orderedOn: '2026-01-01', receivedOn: '2026-01-13' }, // 12 days
      { orderedOn: '2026-02-01', receivedOn: '2026-02-15' }, // 14
      { orderedOn: '2026-03-01', receivedOn: '2026-03-21' }, // 20: 6 late
    ]);
    expect(lt.observedMean).toBeCloseTo(46 / 3, 12);
    expect(lt.onTimeShare).toBeCloseTo(2 / 3, 12);
    expect(lt.meanDelay).toBe(2);
    expect(leadTime(null, []).observedMean).toBeNull();
  });
});

const base: ReplenishmentItem = {
  itemId: 'ring',
  supplierId: 's1',
  available: 10,
  unitCost: 1500,
  historyDays: 120,
  demand: { mean: 2, sd: 1.5 },
  leadTime: { mean: 10, sd: 3 },
  typedReorderPoint: 5,
  typedReorderQty: 12,
};

describe('suggestions and the order-now list', () => {
  it('orders up to ROP + demand over the review period, in whole units', () => {
    const s = suggest(base);
    expect(s.method).toBe('computed');
    expect(s.reorderPoint).toBe(33);
    expect(s.orderNow).toBe(true);
    // target = 33 + 2 × 30 = 93; 93 − 10 available = 83 units
    expect(s.quantity).toBe(83);
    expect(s.value).toBe(83 * 1500);
    expect(suggest({ ...base, available: 40 }).orderNow).toBe(false);
  });
  it('new items with little history fall back to the typed reorder point and quantity', () => {
    const s = suggest({ ...base, historyDays: 20, available: 5 });
    expect(s.method).toBe('typed');
    expect(s.reorderPoint).toBe(5);
    expect(s.quantity).toBe(12);
    expect(suggest({ ...base, historyDays: 20, available: 6 }).orderNow).toBe(false);
    expect(suggest({ ...base, historyDays: 20, typedReorderPoint: null }).orderNow).toBe(false);
  });
  it('groups by supplier and tops an order up to the supplier minimum', () => {
    const a = suggest({ ...base, itemId: 'a', historyDays: 10, available: 0, typedReorderQty: 2, unitCost: 1000 });
    const b = suggest({ ...base, itemId: 'b', historyDays: 10, available: 0, typedReorderQty: 1, unitCost: 700, supplierId: 's2' });
    const list = orderNow([a, b], new Map([['s1', { minimumOrder: 5000 }]]));
    expect(list.map((g) => g.supplierId)).toEqual(['s1', 's2']);
    expect(list[0]!.value).toBe(5000);
    expect(list[0]!.lines[0]!.quantity).toBe(5);
    expect(list[0]!.meetsMinimum).toBe(true);
    expect(a.quantity).toBe(2); // the input suggestion is not changed
  });
});
