import { describe, expect, it } from 'vitest';
import { applyMutation } from '../../../src/domain/sync/registry';
import { isDomainError } from '../../../src/domain/errors';
import { returnable } from '../../../src/domain/sale/returns';
import { receiptDocument, receiptText } from '../../../src/domain/sale/receipt';
import type { ReturnArgs } from '../../../src/domain/sale/returns';
import type { SaleArgs } from '../../../src/domain/sale/sale';
import type { CreditEntry, SaleRecord } from '../../../src/domain/sale/types';
import { meta } from '../../factories/memory-store';
import { receiptSettings } from '../../factories/sale';
import { CHAIN, FLOOR, RING, SHIFT, plain, sale, shop, u } from '../../factories/sale-shop';

/*
 * Gift cards sold at the register (§10 "Money on a sale"; the "after the sale" store credit): the
 * line puts its net on the card's account — a liability that syncs as ledger entries — and takes
 * no stock, no tax, no cost. Spent like store credit; two registers overspending it offline make
 * one case.
 */

const CARD = u(7000);
const CODE = 'GC-R1-0A1B2C3D';

const giftLine = (lineId: number, amount: number, creditId = CARD, code = CODE): SaleArgs['lines'][number] => ({
  lineId: u(lineId),
  itemId: creditId,
  pieceId: null,
  title: `Gift card ${code}`,
  sku: 'GIFT-CARD',
  quantity: 1,
  unitPrice: amount,
  priceOverridden: false,
  taxRateBp: 0,
  discount: null,
  eventId: null,
  components: [],
  giftCard: { creditId, code },
});

const balanceOf = (store: Awaited<ReturnType<typeof shop>>, creditId: string) =>
  (store.all('creditEntries') as unknown as CreditEntry[]).filter((e) => e.creditId === creditId).reduce((s, e) => s + e.amount, 0);

describe('selling a gift card', () => {
  it('puts the line’s net on a new gift-card account, takes no stock and no share of a whole-sale discount', async () => {
    const store = await shop();
    const customer = u(8000);
    const eventsBefore = store.all('stockEvents').length;
    // A 50.00 card with a ring at 30.00 (8.25 %); 3.00 off the whole sale falls on the ring alone.
    await applyMutation(
      store,
      'sale.complete',
      1,
      sale([giftLine(1, 5000), plain(2, RING, 1, 3000, 1001)], {
        customerId: customer,
        saleDiscount: { kind: 'amount', amount: 300, reason: 'Welcome' },
        tenders: [{ id: u(900), kind: 'card', amount: 7923, method: null, reference: null }],
      }),
      meta(4000),
    );
    const stored = (await store.get('sales', u(800))) as unknown as SaleRecord;
    expect(stored.lines[0]).toMatchObject({
      itemId: CARD,
      gross: 5000,
      saleDiscountShare: 0,
      net: 5000,
      tax: 0,
      total: 5000,
      cogs: 0,
      eventId: null,
      components: [],
      giftCard: { creditId: CARD, code: CODE },
    });
    // The ring: 30.00 − 3.00 = 27.00, tax 2.2275 → 2.23, total 29.23; the sale 79.23.
    expect(stored.lines[1]).toMatchObject({ saleDiscountShare: 300, net: 2700, tax: 223, total: 2923, giftCard: null });
    expect(stored.total).toBe(7923);
    expect(await store.get('credits', CARD)).toEqual({
      id: CARD,
      code: CODE,
      customerId: customer,
      kind: 'gift-card',
      createdAt: new Date(4000).toISOString(),
    });
    expect(await store.get('creditEntries', `${u(800)}:${u(1)}`)).toMatchObject({
      creditId: CARD,
      amount: 5000,
      saleId: u(800),
      returnId: null,
    });
    // One stock event: the ring's.
    expect(store.all('stockEvents').length).toBe(eventsBefore + 1);
  });

  it('sold, then spent on two registers offline beyond its balance: both sales stand, one case', async () => {
    const store = await shop();
    await applyMutation(
      store,
      'sale.complete',
      1,
      sale([giftLine(1, 4000)], { tenders: [{ id: u(900), kind: 'cash', amount: 4000, method: null, reference: null }] }),
      meta(4000),
    );
    expect(balanceOf(store, CARD)).toBe(4000);
    // Each register saw 40.00 on the card and spent 25.00 of it on a chain (no tax).
    const spend = (n: number, device: string) =>
      applyMutation(
        store,
        'sale.complete',
        1,
        sale([{ ...plain(10 + n, CHAIN, 1, 2500, 1100 + n), taxRateBp: 0 }], {
          saleId: u(810 + n),
          receiptNumber: `R${n}-000009`,
          tenders: [{ id: u(920 + n), kind: 'credit', amount: 2500, method: null, reference: CODE, creditId: CARD }],
        }),
        meta(6000 + n, device),
      );
    await spend(1, 'dev-a');
    expect(store.all('cases')).toHaveLength(0);
    expect(balanceOf(store, CARD)).toBe(1500);
    await spend(2, 'dev-b');
    const cases = store.all('cases');
    expect(cases).toHaveLength(1);
    expect(cases[0]).toMatchObject({ id: `credit-overspent:${CARD}`, type: 'credit-overspent', status: 'open' });
    expect(cases[0]!['summary']).toMatch(/^Gift card GC-R1-0A1B2C3D was spent beyond its balance/);
    expect(cases[0]!['concerns']).toEqual(expect.arrayContaining([`credits/${CARD}`, `sales/${u(811)}`, `sales/${u(812)}`]));
    expect(balanceOf(store, CARD)).toBe(-1000);
  });

  it('spent from an account the server never kept (its refund was dropped elsewhere): the sale stands and the account opens a case', async () => {
    // Found by the convergence property test: a staff register refunded a case's sale to new store
    // credit, but another register had already resolved that case, so the server kept no credit —
    // then the staff register's customer spent it. Refusing the sale would lose it.
    const store = await shop();
    const GHOST = u(7100);
    await applyMutation(
      store,
      'sale.complete',
      1,
      sale([{ ...plain(1, CHAIN, 1, 2500, 1101), taxRateBp: 0 }], {
        tenders: [{ id: u(930), kind: 'credit', amount: 2500, method: null, reference: 'SC-R3-GHOST1', creditId: GHOST }],
      }),
      meta(6000, 'dev-c'),
    );
    expect(store.all('sales')).toHaveLength(1);
    expect(balanceOf(store, GHOST)).toBe(-2500);
    expect(await store.get('credits', GHOST)).toMatchObject({ code: 'SC-R3-GHOST1', kind: 'store-credit' });
    expect(store.all('cases')).toEqual([expect.objectContaining({ id: `credit-overspent:${GHOST}`, status: 'open' })]);
  });

  it('sold again onto the same card tops it up; the same code sold as another card offline keeps both sales and opens a case', async () => {
    const store = await shop();
    await applyMutation(store, 'sale.complete', 1, sale([giftLine(1, 2000)]), meta(4000));
    await applyMutation(store, 'sale.complete', 1, sale([giftLine(2, 3000)], { saleId: u(801), receiptNumber: 'R1-000002' }), meta(4100));
    expect(balanceOf(store, CARD)).toBe(5000);
    expect(store.all('credits')).toHaveLength(1);

    // Another register sold a card with the same code to a different account, offline: a sale is a fact.
    await applyMutation(
      store,
      'sale.complete',
      1,
      sale([plain(3, RING, 1, 3000, 1003), giftLine(4, 1000, u(7001))], { saleId: u(802), receiptNumber: 'R2-000001' }),
      meta(4200, 'dev-b'),
    );
    expect(await store.get('sales', u(802))).toBeDefined();
    expect(balanceOf(store, u(7001))).toBe(1000);
    expect(store.all('cases')).toEqual([
      expect.objectContaining({
        type: 'duplicate-code',
        status: 'open',
        concerns: expect.arrayContaining([`credits/${CARD}`, `credits/${u(7001)}`, `sales/${u(802)}`]),
      }),
    ]);

    // A card's account cannot change its code.
    await expect(
      applyMutation(
        store,
        'sale.complete',
        1,
        sale([giftLine(6, 1000, CARD, 'GC-OTHER-1')], { saleId: u(804), receiptNumber: 'R1-000004' }),
        meta(4400),
      ),
    ).rejects.toSatisfy((e) => isDomainError(e, 'gift-card-mismatch'));
  });

  it('a gift-card line is one card at face value, untaxed, with no stock event; a plain line still needs its event', async () => {
    const store = await shop();
    const refused = (lines: SaleArgs['lines'], extra: Partial<SaleArgs> = {}) =>
      expect(applyMutation(store, 'sale.complete', 1, sale(lines, extra), meta(4000))).rejects.toSatisfy((e) =>
        isDomainError(e, 'invalid-args'),
      );
    await refused([{ ...giftLine(1, 1000), taxRateBp: 2000 }]);
    await refused([{ ...giftLine(1, 1000), quantity: 2 }]);
    await refused([{ ...giftLine(1, 1000), eventId: u(1001) }]);
    await refused([{ ...giftLine(1, 1000), itemId: RING }]);
    await refused([{ ...giftLine(1, 1000), discount: { kind: 'percent', bp: 1000, reason: 'Friends' } }]);
    await refused([{ ...giftLine(1, 1000), unitPrice: 0 }]);
    await refused([{ ...giftLine(1, 1000), giftCard: { creditId: CARD, code: 'gc lower case' } }]);
    await refused([giftLine(1, 1000), giftLine(2, 1000)]);
    await refused([{ ...plain(1, RING, 1, 3000, 1001), eventId: null }]);
    // Nor can a card pay for itself.
    await refused([giftLine(1, 1000)], {
      tenders: [{ id: u(900), kind: 'credit', amount: 1000, method: null, reference: null, creditId: CARD }],
    });
    expect(store.all('sales')).toHaveLength(0);
  });
});

describe('a gift card sold is not returned', () => {
  const returnArgs = (lines: ReturnArgs['lines'], refunds: ReturnArgs['refunds'], kind: 'return' | 'void' = 'return'): ReturnArgs => ({
    returnId: u(3001),
    kind,
    saleId: u(800),
    shiftId: SHIFT,
    businessDay: '2026-11-27',
    staffId: null,
    approvedBy: null,
    customerId: null,
    reason: 'Changed her mind',
    taxMode: 'exclusive',
    lines,
    refunds,
    newCredit: null,
  });

  it('refuses a return or a void of the card; the items sold with it still come back', async () => {
    const store = await shop();
    await applyMutation(
      store,
      'sale.complete',
      1,
      sale([giftLine(1, 5000), { ...plain(2, CHAIN, 1, 2500, 1002), taxRateBp: 0 }], {
        tenders: [{ id: u(900), kind: 'cash', amount: 7500, method: null, reference: null }],
      }),
      meta(4000),
    );
    const card = { saleLineId: u(1), itemId: CARD, pieceId: null, quantity: 1, locationId: FLOOR, eventIds: [u(4001)] };
    const chain = { saleLineId: u(2), itemId: CHAIN, pieceId: null, quantity: 1, locationId: FLOOR, eventIds: [u(4002)] };
    const cash = (amount: number) => [{ kind: 'cash' as const, amount, method: null, reference: null, creditId: null }];
    await expect(applyMutation(store, 'return.create', 1, returnArgs([card], cash(5000)), meta(5000))).rejects.toSatisfy((e) =>
      isDomainError(e, 'gift-card-not-returnable'),
    );
    await expect(applyMutation(store, 'return.create', 1, returnArgs([card, chain], cash(7500), 'void'), meta(5000))).rejects.toSatisfy(
      (e) => isDomainError(e, 'gift-card-not-returnable'),
    );
    const stored = (await store.get('sales', u(800))) as unknown as SaleRecord;
    expect([...returnable(stored, []).values()].map((r) => r.left)).toEqual([0, 1]);
    await applyMutation(store, 'return.create', 1, returnArgs([chain], cash(2500)), meta(5000));
    expect(balanceOf(store, CARD)).toBe(5000);
  });
});

describe('the receipt of a gift card', () => {
  it('shows the card with its code, and the card spent as a payment with its code', async () => {
    const store = await shop();
    await applyMutation(
      store,
      'sale.complete',
      1,
      sale([giftLine(1, 5000)], { tenders: [{ id: u(900), kind: 'cash', amount: 5000, method: null, reference: null }] }),
      meta(4000),
    );
    await applyMutation(
      store,
      'sale.complete',
      1,
      sale([{ ...plain(2, CHAIN, 1, 2500, 1002), taxRateBp: 0 }], {
        saleId: u(801),
        receiptNumber: 'R1-000002',
        tenders: [{ id: u(901), kind: 'credit', amount: 2500, method: null, reference: CODE, creditId: CARD }],
      }),
      meta(4100),
    );
    const options = { formatMoney: (n: number) => (n / 100).toFixed(2) };
    const sold = receiptDocument((await store.get('sales', u(800))) as unknown as SaleRecord, receiptSettings(), options);
    expect(sold.lines.map((l) => [l.title, l.giftCard, l.amount?.minor])).toEqual([[`Gift card ${CODE}`, CODE, 5000]]);
    expect(receiptText(sold, 48)).toContain(`${`1 x Gift card ${CODE}`.padEnd(48 - '50.00'.length)}50.00`);
    const spent = receiptDocument((await store.get('sales', u(801))) as unknown as SaleRecord, receiptSettings(), options);
    expect(spent.tenders.map((t) => [t.label, t.detail, t.amount.minor])).toEqual([['Gift card / store credit', CODE, 2500]]);
  });
});
