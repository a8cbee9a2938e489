import { describe, expect, it } from 'vitest';
import { applyMutation } from '../../../src/domain/sync/registry';
import { isDomainError } from '../../../src/domain/errors';
import type { ZReportRecord } from '../../../src/domain/sale/shift-close';
import type { SaleArgs } from '../../../src/domain/sale/sale';
import type { ReturnRecord, SaleRecord, ShiftRecord } from '../../../src/domain/sale/types';
import { memoryStore, meta } from '../../factories/memory-store';

// The worked example of tests/domain/sale/report.test.ts, this time rung up with `sale.complete`
// (so the stored figures are the pricing code's, not typed in) and closed with `shift.close`.

const u = (n: number) => `0190b6a2-3c4d-7e5f-8a6b-${String(n).padStart(12, '0')}`;
const FLOOR = u(1);
const SHIFT = u(2);
const ANA = u(3);
const BEN = u(4);
const RING = u(11);
const BOOK = u(12);
const EARRINGS = u(13);
const CREDIT = u(20);
const SALE_A = u(30);
const SALE_B = u(31);
const RING_LINE = u(40);
const Z = u(90);
const OPENED = Date.UTC(2026, 10, 27, 9, 0);

async function shop() {
  const store = memoryStore();
  await applyMutation(store, 'location.save', 2, { id: FLOOR, name: 'Shop floor', kind: 'floor' }, meta(1000));
  await applyMutation(
    store,
    'catalog.createProduct',
    1,
    {
      product: { id: u(10), title: 'Things' },
      items: [
        { id: RING, sku: 'RING-1', price: 4000, cost: 1000, tracking: 'quantity' },
        { id: BOOK, sku: 'BOOK-1', price: 2000, cost: 500, tracking: 'quantity' },
        { id: EARRINGS, sku: 'EAR-1', price: 3000, cost: 800, tracking: 'quantity' },
      ],
    },
    meta(1000),
  );
  for (const [n, itemId] of [RING, BOOK, EARRINGS].entries())
    await applyMutation(
      store,
      'stock.receive',
      1,
      { eventId: u(50 + n), lotId: u(60 + n), itemId, locationId: FLOOR, quantity: 5, unitCost: 1000, supplierId: null, source: 'manual' },
      meta(2000),
    );
  // A store credit with 50.00 on it, for sale A to spend 20.00 of.
  await store.put('credits', {
    id: CREDIT,
    code: 'CR-R1-0001',
    customerId: null,
    kind: 'store-credit',
    createdAt: new Date(2000).toISOString(),
  });
  await store.put('creditEntries', {
    id: u(21),
    creditId: CREDIT,
    amount: 5000,
    saleId: null,
    returnId: null,
    occurredAt: new Date(2000).toISOString(),
    deviceId: 'dev-a',
  });
  await applyMutation(
    store,
    'shift.open',
    1,
    { shiftId: SHIFT, registerCode: 'R1', locationId: FLOOR, openingFloat: 10_000, staffId: ANA, businessDay: '2026-11-27' },
    meta(OPENED),
  );
  return store;
}

const line = (
  lineId: string,
  itemId: string,
  quantity: number,
  unitPrice: number,
  taxRateBp: number,
  eventId: string,
  discount: SaleArgs['lines'][number]['discount'] = null,
) => ({
  lineId,
  itemId,
  pieceId: null,
  title: 'x',
  sku: 'x',
  quantity,
  unitPrice,
  priceOverridden: false,
  taxRateBp,
  discount,
  eventId,
  components: [],
});

const sale = (
  saleId: string,
  receiptNumber: string,
  staffId: string,
  lines: SaleArgs['lines'],
  tenders: SaleArgs['tenders'],
  saleDiscount: SaleArgs['saleDiscount'] = null,
): SaleArgs => ({
  saleId,
  receiptNumber,
  shiftId: SHIFT,
  businessDay: '2026-11-27',
  locationId: FLOOR,
  staffId,
  approvedBy: null,
  customerId: null,
  taxMode: 'exclusive',
  lines,
  saleDiscount,
  tenders,
  cashIncrement: 5,
});

/** The worked example: two sales, a partial return refunded in cash, a pay-in and a pay-out. */
async function workedShift() {
  const store = await shop();
  await applyMutation(
    store,
    'sale.complete',
    1,
    sale(
      SALE_A,
      'R1-000001',
      ANA,
      [
        line(RING_LINE, RING, 2, 4000, 1000, u(70), { kind: 'percent', bp: 1000, reason: 'Loyalty' }),
        line(u(41), BOOK, 1, 2000, 500, u(71)),
      ],
      [
        { id: u(80), kind: 'card', amount: 5000, method: null, reference: '7731' },
        { id: u(81), kind: 'credit', amount: 2000, method: null, reference: null, creditId: CREDIT },
        { id: u(82), kind: 'cash', amount: 3000, method: null, reference: null },
      ],
      { kind: 'amount', amount: 500, reason: 'Voucher' },
    ),
    meta(OPENED + 3_600_000),
  );
  await applyMutation(
    store,
    'sale.complete',
    1,
    sale(
      SALE_B,
      'R1-000002',
      BEN,
      [line(u(42), EARRINGS, 1, 3000, 1000, u(72), { kind: 'amount', amount: 300, reason: 'Scratched' })],
      [{ id: u(83), kind: 'cash', amount: 5000, method: null, reference: null }],
    ),
    meta(OPENED + 7_200_000),
  );
  // The partial return, stored as return.create stores one: the first of two rings at its share of the line.
  const ret: ReturnRecord = {
    id: u(100),
    saleId: SALE_A,
    receiptNumber: 'R1-000001',
    shiftId: SHIFT,
    businessDay: '2026-11-27',
    occurredAt: new Date(OPENED + 8_000_000).toISOString(),
    hlc: 'x',
    deviceId: 'dev-a',
    staffId: ANA,
    approvedBy: null,
    customerId: null,
    reason: 'Too big',
    taxMode: 'exclusive',
    lines: [
      {
        saleLineId: RING_LINE,
        itemId: RING,
        pieceId: null,
        title: 'x',
        sku: 'x',
        quantity: 1,
        net: 3405,
        tax: 341,
        total: 3745,
        cogs: 1000,
        locationId: FLOOR,
        eventIds: [u(101)],
      },
    ],
    netTotal: 3405,
    taxTotal: 341,
    total: 3745,
    refunds: [{ kind: 'cash', amount: 3745, method: null, reference: null, creditId: null }],
    kind: 'return',
  };
  await store.put('returns', ret);
  await applyMutation(
    store,
    'cash.move',
    1,
    { id: u(110), shiftId: SHIFT, kind: 'in', amount: 2000, reason: 'Change from the bank', staffId: BEN },
    meta(OPENED + 1000),
  );
  await applyMutation(
    store,
    'cash.move',
    1,
    { id: u(111), shiftId: SHIFT, kind: 'out', amount: 500, reason: ' Window cleaner ', staffId: BEN },
    meta(OPENED + 2000),
  );
  return store;
}

const closeArgs = (extra: Record<string, unknown> = {}) => ({ shiftId: SHIFT, zReportId: Z, countedCash: 13_150, closedBy: BEN, ...extra });

async function refused(run: Promise<unknown>, reason: string): Promise<string> {
  try {
    await run;
  } catch (e) {
    expect(isDomainError(e, reason), `expected ${reason}, got ${String(e)}`).toBe(true);
    return (e as Error).message;
  }
  throw new Error(`expected ${reason}, but it was applied`);
}

describe('shift.close', () => {
  it('freezes the worked example as a Z report (expected 132.00, counted 131.50, 0.50 short) and closes the shift', async () => {
    const store = await workedShift();
    const sales = store.all('sales') as unknown as SaleRecord[];
    // The pricing code stored what the worked example says on paper.
    expect(sales.map((s) => [s.total, s.cashRounding, s.tenders.find((t) => t.kind === 'cash')?.amount])).toEqual([
      [9476, -1, 2475],
      [2970, 0, 2970],
    ]);
    const closedAt = OPENED + 9 * 3_600_000;
    await applyMutation(store, 'shift.close', 1, closeArgs(), meta(closedAt));
    const z = (await store.get('zReports', Z)) as unknown as ZReportRecord;
    expect(z).toMatchObject({
      id: Z,
      shiftId: SHIFT,
      registerCode: 'R1',
      businessDay: '2026-11-27',
      openedAt: new Date(OPENED).toISOString(),
      openedBy: ANA,
      closedAt: new Date(closedAt).toISOString(),
      closedBy: BEN,
      countedCash: 13_150,
      overShort: -50,
    });
    expect(z.report.cash).toEqual({ openingFloat: 10_000, sales: 5445, refunds: 3745, payIns: 2000, payOuts: 500, expected: 13_200 });
    expect(z.report.sales).toEqual({ count: 2, gross: 13_000, discounts: 1600, net: 11_400, tax: 1046, total: 12_446, cashRounding: -1 });
    expect(z.report).toMatchObject({
      netSales: 7995,
      netTax: 705,
      netTotal: 8701,
      revenue: 7996,
      tendersTotal: 12_445,
      refundsTotal: 3745,
    });
    expect(z.report.taxByRate).toEqual([
      { rateBp: 500, taxable: 1891, tax: 95, gross: 1986 },
      { rateBp: 1000, taxable: 6105, tax: 610, gross: 6715 },
    ]);
    expect(z.report.tenders.map((t) => [t.kind, t.amount])).toEqual([
      ['cash', 5445],
      ['card', 5000],
      ['credit', 2000],
    ]);
    expect(z.report.movements.map((m) => m.reason)).toEqual(['Change from the bank', 'Window cleaner']);
    expect(z.report.byStaff.map((s) => [s.staffId, s.salesCount, s.salesTotal])).toEqual([
      [ANA, 1, 9476],
      [BEN, 1, 2970],
    ]);
    expect(JSON.stringify(z.report)).not.toMatch(/cogs/i);
    expect(((await store.get('shifts', SHIFT)) as unknown as ShiftRecord).status).toBe('closed');
  });

  it('is frozen: a shift closes once; the same close again is a no-op and another one is refused', async () => {
    const store = await workedShift();
    await applyMutation(store, 'shift.close', 1, closeArgs(), meta(OPENED + 10 * 3_600_000));
    const frozen = await store.get('zReports', Z);
    // A replay of the same mutation (its Z already there) changes nothing.
    await applyMutation(store, 'shift.close', 1, closeArgs({ countedCash: 99_999 }), meta(OPENED + 11 * 3_600_000));
    expect(await store.get('zReports', Z)).toEqual(frozen);
    const message = await refused(
      applyMutation(store, 'shift.close', 1, closeArgs({ zReportId: u(91) }), meta(OPENED + 11 * 3_600_000)),
      'shift-closed',
    );
    expect(message).toMatch(/already closed/);
    expect(await store.get('zReports', u(91))).toBeUndefined();
    expect(await store.get('zReports', Z)).toEqual(frozen);
  });

  it('closes a shift with nothing sold: the float is what the drawer should hold', async () => {
    const store = await shop();
    await applyMutation(store, 'shift.close', 1, closeArgs({ countedCash: 10_000, closedBy: null }), meta(OPENED + 60_000));
    const z = (await store.get('zReports', Z)) as unknown as ZReportRecord;
    expect(z).toMatchObject({ countedCash: 10_000, overShort: 0, closedBy: null });
    expect(z.report.sales.count).toBe(0);
    expect(z.report.cash.expected).toBe(10_000);
  });

  it('refuses an unknown shift and a count that is negative or not whole cents', async () => {
    const store = await shop();
    await refused(applyMutation(store, 'shift.close', 1, closeArgs({ shiftId: u(3333) }), meta(OPENED)), 'shift-not-found');
    await refused(applyMutation(store, 'shift.close', 1, closeArgs({ countedCash: -1 }), meta(OPENED)), 'invalid-args');
    await refused(applyMutation(store, 'shift.close', 1, closeArgs({ countedCash: 10.5 }), meta(OPENED)), 'invalid-args');
    expect(store.all('zReports')).toEqual([]);
  });
});

describe('cash.move', () => {
  const move = (extra: Record<string, unknown> = {}) => ({
    id: u(120),
    shiftId: SHIFT,
    kind: 'out',
    amount: 500,
    reason: 'Window cleaner',
    staffId: null,
    ...extra,
  });

  it('records cash in or out of an open shift with its reason, who and when; the same id twice is one movement', async () => {
    const store = await shop();
    await applyMutation(store, 'cash.move', 1, move(), meta(OPENED + 5000));
    await applyMutation(store, 'cash.move', 1, move({ amount: 700 }), meta(OPENED + 6000));
    expect(store.all('cashMovements')).toEqual([
      {
        id: u(120),
        shiftId: SHIFT,
        kind: 'out',
        amount: 500,
        reason: 'Window cleaner',
        staffId: null,
        occurredAt: new Date(OPENED + 5000).toISOString(),
      },
    ]);
  });

  it('needs an amount above zero in whole cents, a reason and a direction', async () => {
    const store = await shop();
    for (const bad of [
      { amount: 0 },
      { amount: -100 },
      { amount: 1.5 },
      { reason: '' },
      { reason: '   ' },
      { reason: 'x'.repeat(121) },
      { kind: 'sideways' },
      { shiftId: 'nope' },
    ])
      await refused(applyMutation(store, 'cash.move', 1, move(bad), meta(OPENED)), 'invalid-args');
    expect(store.all('cashMovements')).toEqual([]);
  });

  it('is refused on a closed shift and on a shift that does not exist', async () => {
    const store = await shop();
    await refused(applyMutation(store, 'cash.move', 1, move({ shiftId: u(3333) }), meta(OPENED)), 'shift-not-found');
    await applyMutation(store, 'shift.close', 1, closeArgs({ countedCash: 10_000 }), meta(OPENED + 60_000));
    const message = await refused(applyMutation(store, 'cash.move', 1, move(), meta(OPENED + 120_000)), 'shift-closed');
    expect(message).toMatch(/closed/);
    expect(store.all('cashMovements')).toEqual([]);
  });
});
