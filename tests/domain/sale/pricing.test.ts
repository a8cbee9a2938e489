import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { lineTax, priceSale, splitComponents, type LineInput } from '../../../src/domain/sale/pricing';
import { roundToIncrement, settle } from '../../../src/domain/sale/tender';
import { isDomainError } from '../../../src/domain/errors';

const line = (lineId: string, unitPrice: number, taxRateBp: number, extra: Partial<LineInput> = {}): LineInput => ({ lineId, quantity: 1, unitPrice, taxRateBp, discount: null, ...extra });

describe('tax per line (§10: rounded per line, half away from zero; the receipt sums line taxes)', () => {
  it('exclusive prices add tax on top, each line rounded on its own', () => {
    const sale = priceSale([line('a', 105, 1000), line('b', 105, 1000)], null, 'exclusive');
    // 10.5 → 11 per line: 22 in all, where taxing the 2.10 sum would have given 21.
    expect(sale.lines.map((l) => l.tax)).toEqual([11, 11]);
    expect(sale.taxTotal).toBe(22);
    expect(sale.total).toBe(232);
  });

  it('inclusive prices contain their tax: 9.99 at 20 % holds 1.67 (166.5 rounded away from zero)', () => {
    const sale = priceSale([line('a', 1200, 2000), line('b', 999, 2000)], null, 'inclusive');
    expect(sale.lines.map((l) => l.tax)).toEqual([200, 167]);
    expect(sale.total).toBe(2199);
    expect(sale.taxByRate).toEqual([{ rateBp: 2000, net: 2199, tax: 367 }]);
  });

  it('US sales tax 8.25 % on 10.99 is 0.91', () => {
    expect(lineTax(1099, 825, 'exclusive')).toBe(91);
    expect(lineTax(0, 825, 'exclusive')).toBe(0);
  });
});

describe('discounts', () => {
  it('a whole-sale discount is allocated across two tax rates to the cent, then taxed per line', () => {
    const sale = priceSale([line('a', 1000, 2000), line('b', 333, 500)], { kind: 'amount', amount: 100, reason: 'Loyal customer' }, 'inclusive');
    // Shares by 1000:333 → 75.02 and 24.98: floors 75 + 24, the leftover cent to the larger remainder (b).
    expect(sale.lines.map((l) => l.saleDiscountShare)).toEqual([75, 25]);
    expect(sale.lines.map((l) => l.net)).toEqual([925, 308]);
    // 925 × 20/120 = 154.17 → 154; 308 × 5/105 = 14.67 → 15.
    expect(sale.lines.map((l) => l.tax)).toEqual([154, 15]);
    expect(sale.taxByRate).toEqual([
      { rateBp: 500, net: 308, tax: 15 },
      { rateBp: 2000, net: 925, tax: 154 },
    ]);
    expect(sale.discountTotal).toBe(100);
    expect(sale.total).toBe(1233);
  });

  it('line discounts come first and the sale discount is taken off what is left', () => {
    const sale = priceSale(
      [line('a', 2500, 825, { quantity: 2, discount: { kind: 'percent', bp: 1000, reason: 'Scratched' } }), line('b', 1000, 825)],
      { kind: 'percent', bp: 500, reason: 'Staff' },
      'exclusive',
    );
    expect(sale.lines[0]).toMatchObject({ gross: 5000, lineDiscount: 500 });
    // 5 % of (4500 + 1000) = 275, split 4500:1000 → 225 and 50.
    expect(sale.lines.map((l) => l.saleDiscountShare)).toEqual([225, 50]);
    expect(sale.discountTotal).toBe(775);
    expect(sale.lines.map((l) => l.net)).toEqual([4275, 950]);
  });

  it('refuses a discount larger than the line', () => {
    expect(() => priceSale([line('a', 500, 0, { discount: { kind: 'amount', amount: 600, reason: 'x' } })], null, 'exclusive')).toThrow(/more than/);
  });

  it('property: however a sale discount is split, no cent is lost and no line goes negative', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 500_000 }), { minLength: 1, maxLength: 12 }), fc.integer({ min: 0, max: 10_000 }), (prices, bp) => {
        const lines = prices.map((p, i) => line(String(i), p, i % 2 ? 2000 : 500));
        const sale = priceSale(lines, bp > 0 ? { kind: 'percent', bp, reason: 'r' } : null, 'inclusive');
        expect(sale.lines.reduce((s, l) => s + l.saleDiscountShare, 0)).toBe(sale.saleDiscount);
        expect(sale.lines.every((l) => l.net >= 0)).toBe(true);
        expect(sale.taxTotal).toBe(sale.taxByRate.reduce((s, r) => s + r.tax, 0));
      }),
    );
  });
});

describe('gift sets', () => {
  it('a set’s price is split over its components in proportion to their list prices', () => {
    // 50.00 set of earrings (30.00), pendant (25.00) and a gift box (0): 2727.27 / 2272.73 / 0.
    expect(splitComponents(5000, 833, [{ quantity: 1, listPrice: 3000 }, { quantity: 1, listPrice: 2500 }, { quantity: 1, listPrice: 0 }])).toEqual([
      { net: 2727, tax: 454 },
      { net: 2273, tax: 379 },
      { net: 0, tax: 0 },
    ]);
  });
});

describe('tenders', () => {
  it('split tender: card charged exactly, cash pays the rest and gets change', () => {
    const s = settle(4599, [
      { id: 'c', kind: 'card', amount: 2000, method: null, reference: 'AUTH 1234' },
      { id: 'm', kind: 'cash', amount: 3000, method: null, reference: null },
    ], 0);
    expect(s.change).toBe(401);
    expect(s.cashRounding).toBe(0);
    expect(s.tenders).toEqual([
      { id: 'c', kind: 'card', amount: 2000, tendered: 2000, method: null, reference: 'AUTH 1234', creditId: null },
      { id: 'm', kind: 'cash', amount: 2599, tendered: 3000, method: null, reference: null, creditId: null },
    ]);
  });

  it('cash rounding to 0.05 is its own line and applies to the cash part only', () => {
    expect(settle(4599, [{ id: 'm', kind: 'cash', amount: 5000, method: null, reference: null }], 5)).toMatchObject({ cashRounding: 1, change: 400 });
    expect(settle(1002, [{ id: 'm', kind: 'cash', amount: 1000, method: null, reference: null }], 5)).toMatchObject({ cashRounding: -2, change: 0 });
    // Paid by card: no rounding at all.
    expect(settle(1002, [{ id: 'c', kind: 'card', amount: 1002, method: null, reference: null }], 5)).toMatchObject({ cashRounding: 0, change: 0 });
    expect([1000, 1001, 1002, 1003, 1004, 1005].map((n) => roundToIncrement(n, 5))).toEqual([1000, 1000, 1000, 1005, 1005, 1005]);
    expect(roundToIncrement(1050, 100)).toBe(1100);
  });

  it('refuses a card paying more than is due, and payments that fall short', () => {
    expect(() => settle(1000, [{ id: 'c', kind: 'card', amount: 1200, method: null, reference: null }], 0)).toThrow(expect.objectContaining({ reason: 'tender-overpays' }));
    try {
      settle(1000, [{ id: 'm', kind: 'cash', amount: 900, method: null, reference: null }], 0);
      expect.unreachable();
    } catch (e) {
      expect(isDomainError(e, 'tender-short') && e.meta['due']).toBe(100);
    }
    expect(() => settle(1000, [{ id: 'm', kind: 'cash', amount: -5, method: null, reference: null }], 0)).toThrow(/more than zero/);
  });
});
