import { describe, expect, it } from 'vitest';
import { overShort, shiftReport } from '../../../src/domain/sale/report';
import type { CashMovement, ReturnLine, ReturnRecord, SaleRecord, ShiftRecord } from '../../../src/domain/sale/types';
import { saleLine, saleRecord, tender } from '../../factories/sale';

/*
 * The worked example, every figure on paper (prices exclude tax, rates 10 % and 5 %, cash rounded
 * to 0.05). The shift opens with a float of 100.00.
 *
 * Sale A (Ana)  2 × ring 40.00 = 80.00, 10 % off "Loyalty" (8.00) → 72.00 at 10 %
 *               1 × book 20.00                                      → 20.00 at 5 %
 *               sale discount 5.00 "Voucher" split 72 : 20 → 3.91 + 1.09 (largest remainder)
 *               nets 68.09 and 18.91; tax 6.809 → 6.81 and 0.9455 → 0.95 (half away from zero)
 *               line totals 74.90 + 19.86 = 94.76; subtotal 100.00, discounts 13.00, tax 7.76
 *               paid: card 50.00, store credit 20.00, cash due 24.76 → 24.75 (rounding −0.01),
 *               30.00 handed over → 24.75 applied, 5.25 change
 * Sale B (Ben)  1 × earrings 30.00, 3.00 off "Scratched" → 27.00 at 10 %, tax 2.70, total 29.70
 *               paid 50.00 cash → 29.70 applied (already a multiple of 0.05), 20.30 change
 * Return (Ana)  1 of the 2 rings of sale A at its stored figures: the first of two units gets
 *               round(68.09 / 2) = 34.05 net, round(6.81 / 2) = 3.41 tax, round(74.90 / 2) = 37.45
 *               total; refunded 37.45 in cash
 * Pay-in 20.00 "Change from the bank"; pay-out 5.00 "Window cleaner"
 *
 * Expected cash = float 100.00 + cash taken (24.75 + 29.70 = 54.45) − cash refunded 37.45
 *               + paid in 20.00 − paid out 5.00 = 132.00.
 * Counted 131.50 → over/short = 131.50 − 132.00 = −0.50 (short).
 */

const u = (n: number) => `0190b6a2-3c4d-7e5f-8a6b-${String(n).padStart(12, '0')}`;
const SHIFT = u(1);
const ANA = u(2);
const BEN = u(3);
const SALE_A = u(10);
const SALE_B = u(11);
const RING_LINE = u(20);

const shift: ShiftRecord = {
  id: SHIFT,
  registerCode: 'R1',
  locationId: u(5),
  openedBy: ANA,
  openedAt: '2026-11-27T09:00:00.000Z',
  businessDay: '2026-11-27',
  openingFloat: 10_000,
  status: 'open',
};

function saleA(): SaleRecord {
  return saleRecord({
    id: SALE_A,
    receiptNumber: 'R1-000001',
    shiftId: SHIFT,
    staffId: ANA,
    taxMode: 'exclusive',
    lines: [
      saleLine({
        lineId: RING_LINE,
        title: 'Ring',
        quantity: 2,
        unitPrice: 4000,
        gross: 8000,
        lineDiscount: 800,
        lineDiscountReason: 'Loyalty',
        saleDiscountShare: 391,
        net: 6809,
        taxRateBp: 1000,
        tax: 681,
        total: 7490,
      }),
      saleLine({
        lineId: u(21),
        title: 'Book',
        quantity: 1,
        unitPrice: 2000,
        gross: 2000,
        saleDiscountShare: 109,
        net: 1891,
        taxRateBp: 500,
        tax: 95,
        total: 1986,
      }),
    ],
    saleDiscount: { kind: 'amount', amount: 500, reason: 'Voucher' },
    subtotal: 10_000,
    discountTotal: 1300,
    taxTotal: 776,
    total: 9476,
    cashRounding: -1,
    tenders: [
      tender({ id: u(30), kind: 'card', amount: 5000 }),
      tender({ id: u(31), kind: 'credit', amount: 2000, creditId: u(40) }),
      tender({ id: u(32), kind: 'cash', amount: 2475, tendered: 3000 }),
    ],
    change: 525,
  });
}

function saleB(): SaleRecord {
  return saleRecord({
    id: SALE_B,
    receiptNumber: 'R1-000002',
    shiftId: SHIFT,
    staffId: BEN,
    occurredAt: '2026-11-27T15:00:00.000Z',
    lines: [
      saleLine({
        lineId: u(22),
        title: 'Earrings',
        quantity: 1,
        unitPrice: 3000,
        gross: 3000,
        lineDiscount: 300,
        lineDiscountReason: 'Scratched',
        net: 2700,
        taxRateBp: 1000,
        tax: 270,
        total: 2970,
      }),
    ],
    subtotal: 3000,
    discountTotal: 300,
    taxTotal: 270,
    total: 2970,
    tenders: [tender({ id: u(33), kind: 'cash', amount: 2970, tendered: 5000 })],
    change: 2030,
  });
}

function returnLine(overrides: Partial<ReturnLine> = {}): ReturnLine {
  return {
    saleLineId: RING_LINE,
    itemId: u(60),
    pieceId: null,
    title: 'Ring',
    sku: 'RING-1',
    quantity: 1,
    net: 3405,
    tax: 341,
    total: 3745,
    cogs: 1000,
    locationId: u(5),
    eventIds: [u(61)],
    ...overrides,
  };
}

function returnRecord(overrides: Partial<ReturnRecord> = {}): ReturnRecord {
  const lines = overrides.lines ?? [returnLine()];
  return {
    id: u(50),
    saleId: SALE_A,
    receiptNumber: 'R1-000001',
    shiftId: SHIFT,
    businessDay: '2026-11-27',
    occurredAt: '2026-11-27T16:00:00.000Z',
    hlc: '001795830300000-0000-dev-a',
    deviceId: 'dev-a',
    staffId: ANA,
    approvedBy: null,
    customerId: null,
    reason: 'Too big',
    taxMode: 'exclusive',
    lines,
    netTotal: lines.reduce((s, l) => s + l.net, 0),
    taxTotal: lines.reduce((s, l) => s + l.tax, 0),
    total: lines.reduce((s, l) => s + l.total, 0),
    refunds: [{ kind: 'cash', amount: 3745, method: null, reference: null, creditId: null }],
    kind: 'return',
    ...overrides,
  };
}

const movement = (n: number, kind: 'in' | 'out', amount: number, reason: string, at: string): CashMovement => ({
  id: u(70 + n),
  shiftId: SHIFT,
  kind,
  amount,
  reason,
  staffId: BEN,
  occurredAt: at,
});

const movements = [
  movement(1, 'in', 2000, 'Change from the bank', '2026-11-27T10:00:00.000Z'),
  movement(2, 'out', 500, 'Window cleaner', '2026-11-27T11:00:00.000Z'),
];

describe('shiftReport', () => {
  it('adds up the worked example: sales, discounts, tax by rate, tenders, the return, the drawer and staff', () => {
    const report = shiftReport(shift, [saleA(), saleB()], [returnRecord()], movements);
    expect(report.sales).toEqual({ count: 2, gross: 13_000, discounts: 1600, net: 11_400, tax: 1046, total: 12_446, cashRounding: -1 });
    expect(report.returns).toEqual({ count: 1, net: 3405, tax: 341, total: 3745 });
    expect(report.voids).toEqual({ count: 0, net: 0, tax: 0, total: 0 });
    // 114.00 − 34.05 = 79.95 net; tax 10.46 − 3.41 = 7.05; total 124.46 − 37.45 = 87.01; revenue 87.01 − 7.05 = 79.96.
    expect(report).toMatchObject({ netSales: 7995, netTax: 705, netTotal: 8701, revenue: 7996 });
    // 5 %: the book, 18.91 + 0.95 = 19.86. 10 %: ring 68.09 + 6.81 and earrings 27.00 + 2.70,
    // less the returned ring 34.04 + 3.41 (its total 37.45 less its tax) = 61.05 + 6.10 = 67.15.
    expect(report.taxByRate).toEqual([
      { rateBp: 500, taxable: 1891, tax: 95, gross: 1986 },
      { rateBp: 1000, taxable: 6105, tax: 610, gross: 6715 },
    ]);
    expect(report.taxByRate.reduce((s, r) => s + r.taxable, 0)).toBe(report.revenue);
    expect(report.discounts).toEqual([
      { reason: 'Loyalty', count: 1, amount: 800 },
      { reason: 'Voucher', count: 1, amount: 500 },
      { reason: 'Scratched', count: 1, amount: 300 },
    ]);
    expect(report.tenders).toEqual([
      { kind: 'cash', method: null, count: 2, amount: 5445 },
      { kind: 'card', method: null, count: 1, amount: 5000 },
      { kind: 'credit', method: null, count: 1, amount: 2000 },
    ]);
    // What was taken is what was due: the totals plus the cash rounding line.
    expect(report.tendersTotal).toBe(report.sales.total + report.sales.cashRounding);
    expect(report.refunds).toEqual([{ kind: 'cash', method: null, count: 1, amount: 3745 }]);
    expect(report.refundsTotal).toBe(3745);
    expect(report.cash).toEqual({ openingFloat: 10_000, sales: 5445, refunds: 3745, payIns: 2000, payOuts: 500, expected: 13_200 });
    expect(overShort(13_150, report)).toBe(-50);
    expect(report.movements.map((m) => [m.kind, m.amount, m.reason])).toEqual([
      ['in', 2000, 'Change from the bank'],
      ['out', 500, 'Window cleaner'],
    ]);
    expect(report.byStaff).toEqual([
      { staffId: ANA, salesCount: 1, salesTotal: 9476, discounts: 1300, returnsCount: 1, returnsTotal: 3745, voidsCount: 0, voidsTotal: 0 },
      { staffId: BEN, salesCount: 1, salesTotal: 2970, discounts: 300, returnsCount: 0, returnsTotal: 0, voidsCount: 0, voidsTotal: 0 },
    ]);
    for (const value of JSON.stringify(report).match(/-?\d+(\.\d+)?/g) ?? []) expect(Number.isInteger(Number(value))).toBe(true);
  });

  it('gives the same figures whatever order the records come in, and ignores other shifts’ records', () => {
    const inOrder = shiftReport(shift, [saleA(), saleB()], [returnRecord()], movements);
    const elsewhere = saleRecord({ id: u(90), shiftId: u(91), total: 99_999 });
    const otherMove = { ...movements[0]!, id: u(92), shiftId: u(91) };
    const shuffled = shiftReport(shift, [saleB(), elsewhere, saleA()], [returnRecord()], [movements[1]!, otherMove, movements[0]!]);
    expect(shuffled).toEqual(inOrder);
  });

  it('counts a void under voids, not returns, and takes its cash back out of the drawer', () => {
    const voided = { ...saleB(), status: 'voided' as const };
    const voidRecord = returnRecord({
      id: u(51),
      saleId: SALE_B,
      staffId: BEN,
      kind: 'void',
      lines: [returnLine({ saleLineId: u(22), net: 2700, tax: 270, total: 2970 })],
      refunds: [{ kind: 'cash', amount: 2970, method: null, reference: null, creditId: null }],
    });
    const report = shiftReport(shift, [voided], [voidRecord], []);
    expect(report.sales).toMatchObject({ count: 1, total: 2970 });
    expect(report.returns).toEqual({ count: 0, net: 0, tax: 0, total: 0 });
    expect(report.voids).toEqual({ count: 1, net: 2700, tax: 270, total: 2970 });
    expect(report).toMatchObject({ netSales: 0, netTax: 0, netTotal: 0, revenue: 0 });
    expect(report.taxByRate).toEqual([]);
    expect(report.cash).toMatchObject({ sales: 2970, refunds: 2970, expected: 10_000 });
    expect(report.byStaff).toEqual([
      expect.objectContaining({ staffId: BEN, salesCount: 1, voidsCount: 1, voidsTotal: 2970, returnsCount: 0 }),
    ]);
  });

  it('finds a returned line’s rate on a sale of an earlier shift, and says when a return had no receipt', () => {
    const earlier = { ...saleA(), shiftId: u(99) };
    const noReceipt = returnRecord({
      id: u(52),
      saleId: null,
      receiptNumber: null,
      lines: [returnLine({ saleLineId: null, net: 1000, tax: 100, total: 1100 })],
      refunds: [{ kind: 'other', amount: 1100, method: 'Bank transfer', reference: null, creditId: null }],
    });
    const report = shiftReport(shift, [], [returnRecord(), noReceipt], [], [earlier]);
    expect(report.sales.count).toBe(0);
    expect(report.taxByRate).toEqual([
      { rateBp: 1000, taxable: -3404, tax: -341, gross: -3745 },
      { rateBp: null, taxable: -1000, tax: -100, gross: -1100 },
    ]);
    expect(report.refunds).toEqual([
      { kind: 'cash', method: null, count: 1, amount: 3745 },
      { kind: 'other', method: 'Bank transfer', count: 1, amount: 1100 },
    ]);
    expect(report.cash.expected).toBe(10_000 - 3745);
  });

  it('a shift with nothing in it reports its float as the cash expected', () => {
    const report = shiftReport(shift, [], [], []);
    expect(report.cash).toEqual({ openingFloat: 10_000, sales: 0, refunds: 0, payIns: 0, payOuts: 0, expected: 10_000 });
    expect(report).toMatchObject({ tenders: [], refunds: [], byStaff: [], discounts: [], taxByRate: [], revenue: 0 });
  });

  it('keeps gift cards sold out of sales, tax and revenue, as a figure of their own; what paid for them still counts', () => {
    // Sale C (Ben): a 50.00 gift card alone, 50.00 cash. Sale D (Ana): earrings 30.00 at 10 %
    // (total 33.00) and a 25.00 gift card, 58.00 by card. Sale B is as stored before gift cards
    // existed (no `giftCard` on its line): an ordinary sale.
    const card = (lineId: number, amount: number, code: string) =>
      saleLine({
        lineId: u(lineId),
        itemId: u(lineId + 100),
        eventId: null,
        title: `Gift card ${code}`,
        sku: 'GIFT-CARD',
        unitPrice: amount,
        giftCard: { creditId: u(lineId + 100), code },
      });
    const saleC = saleRecord({
      id: u(12),
      receiptNumber: 'R1-000003',
      shiftId: SHIFT,
      staffId: BEN,
      lines: [card(23, 5000, 'GC-R1-0000000C')],
      tenders: [tender({ id: u(37), kind: 'cash', amount: 5000 })],
    });
    const earrings = saleLine({ lineId: u(24), title: 'Earrings', unitPrice: 3000, taxRateBp: 1000, tax: 300, total: 3300 });
    const saleD = saleRecord({
      id: u(13),
      receiptNumber: 'R1-000004',
      shiftId: SHIFT,
      staffId: ANA,
      lines: [earrings, card(25, 2500, 'GC-R1-0000000D')],
      taxByRate: [{ rateBp: 1000, net: 3000, tax: 300 }],
      tenders: [tender({ id: u(38), kind: 'card', amount: 5800 })],
    });
    const legacy = saleB();
    for (const line of legacy.lines) delete (line as Partial<typeof line>).giftCard;

    const report = shiftReport(shift, [legacy, saleC, saleD], [], []);
    expect(report.giftCards).toEqual({ count: 2, amount: 7500 });
    expect(report.sales).toEqual({ count: 2, gross: 6000, discounts: 300, net: 5700, tax: 570, total: 6270, cashRounding: 0 });
    expect(report).toMatchObject({ netSales: 5700, netTax: 570, netTotal: 6270, revenue: 5700 });
    expect(report.taxByRate).toEqual([{ rateBp: 1000, taxable: 5700, tax: 570, gross: 6270 }]);
    expect(report.tenders).toEqual([
      { kind: 'cash', method: null, count: 2, amount: 7970 },
      { kind: 'card', method: null, count: 1, amount: 5800 },
    ]);
    // Payments taken = sales due + gift cards sold; the cards' cash is in the drawer.
    expect(report.tendersTotal).toBe(report.sales.total + report.sales.cashRounding + report.giftCards.amount);
    expect(report.cash).toMatchObject({ sales: 7970, expected: 17_970 });
    expect(report.byStaff).toEqual([
      expect.objectContaining({ staffId: ANA, salesCount: 1, salesTotal: 3300 }),
      expect.objectContaining({ staffId: BEN, salesCount: 1, salesTotal: 2970 }),
    ]);
    expect(shiftReport(shift, [saleA(), saleB()], [], []).giftCards).toEqual({ count: 0, amount: 0 });
  });

  it('groups “other” payments by their method', () => {
    const sale = saleRecord({
      shiftId: SHIFT,
      total: 3000,
      tenders: [
        tender({ id: u(34), kind: 'other', amount: 1000, method: 'Bank transfer' }),
        tender({ id: u(35), kind: 'other', amount: 1500, method: 'Voucher' }),
        tender({ id: u(36), kind: 'other', amount: 500, method: 'Bank transfer' }),
      ],
    });
    expect(shiftReport(shift, [sale], [], []).tenders).toEqual([
      { kind: 'other', method: 'Bank transfer', count: 2, amount: 1500 },
      { kind: 'other', method: 'Voucher', count: 1, amount: 1500 },
    ]);
  });
});
