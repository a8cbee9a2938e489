import { describe, expect, it } from 'vitest';
import { applyMutation } from '../../../src/domain/sync/registry';
import { isDomainError } from '../../../src/domain/errors';
import { returnShare } from '../../../src/domain/sale/returns';
import type { CreditEntry, ReturnRecord, SaleRecord } from '../../../src/domain/sale/types';
import type { ReturnArgs } from '../../../src/domain/sale/returns';
import { meta } from '../../factories/memory-store';
import { CHAIN, FLOOR, RING, SHIFT, plain, sale, shop, u } from '../../factories/sale-shop';

const DAMAGED = u(202);

/**
 * The worked example. Exclusive tax (US). 3 rings at 30.00 (8.25 %) with 10 % off the line, one
 * chain at 25.00 (5 %), and 5.00 off the whole sale; paid 50.00 by card and 60.00 cash.
 *   rings 90.00 − 9.00 = 81.00; chain 25.00; the 5.00 splits 81:25 → 3.82 and 1.18 (the leftover
 *   cent to the chain's larger remainder) → nets 77.18 and 23.82;
 *   tax 77.18 × 8.25 % = 6.36735 → 6.37; 23.82 × 5 % = 1.191 → 1.19; totals 83.55 + 25.01 = 108.56;
 *   change 110.00 − 108.56 = 1.44. Ring COGS: 2 × 10.00 + 1 × 12.00 = 32.00.
 */
async function soldShop() {
  const store = await shop();
  await applyMutation(store, 'location.save', 2, { id: DAMAGED, name: 'Damaged', kind: 'other' }, meta(1000));
  const rings = { ...plain(1, RING, 3, 3000, 1001), taxRateBp: 825, discount: { kind: 'percent' as const, bp: 1000, reason: 'Display model' } };
  const chain = { ...plain(2, CHAIN, 1, 2500, 1002), taxRateBp: 500 };
  await applyMutation(
    store,
    'sale.complete',
    1,
    sale([rings, chain], {
      saleDiscount: { kind: 'amount', amount: 500, reason: 'Loyal customer' },
      tenders: [
        { id: u(901), kind: 'card', amount: 5000, method: null, reference: 'AUTH 1' },
        { id: u(902), kind: 'cash', amount: 6000, method: null, reference: null },
      ],
    }),
    meta(4000),
  );
  return store;
}

function returnArgs(n: number, lines: ReturnArgs['lines'], refunds: ReturnArgs['refunds'], extra: Partial<ReturnArgs> = {}): ReturnArgs {
  return {
    returnId: u(3000 + n),
    kind: 'return',
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
    ...extra,
  };
}
const ringLine = (n: number, quantity: number, locationId = FLOOR) => ({ saleLineId: u(1), itemId: RING, pieceId: null, quantity, locationId, eventIds: [u(4000 + n)] });

describe('returns', () => {
  it('the sale stored the worked example’s figures', async () => {
    const store = await soldShop();
    const stored = (await store.get('sales', u(800))) as unknown as SaleRecord;
    expect(stored.lines.map((l) => [l.saleDiscountShare, l.net, l.tax, l.total])).toEqual([
      [382, 7718, 637, 8355],
      [118, 2382, 119, 2501],
    ]);
    expect([stored.total, stored.change, stored.lines[0]!.cogs]).toEqual([10856, 144, 3200]);
  });

  it('a partial return of the discounted, split-tender, two-rate sale refunds exactly the stored figures', async () => {
    const store = await soldShop();
    // One ring of three: a third of its stored net, tax and total, rounded; its cost back as a layer.
    await applyMutation(store, 'return.create', 1, returnArgs(1, [ringLine(1, 1)], [{ kind: 'card', amount: 2785, method: null, reference: 'AUTH 1', creditId: null }]), meta(5000));
    const first = (await store.get('returns', u(3001))) as unknown as ReturnRecord;
    expect(first.lines[0]).toMatchObject({ net: 2573, tax: 212, total: 2785, cogs: 1067 });
    expect(await store.get('stockEvents', u(4001))).toMatchObject({ type: 'return', quantity: 1, unitCost: 1067, locationId: FLOOR });
    // The other two, one at a time (one damaged): the three returns add up to the line to the cent.
    await applyMutation(store, 'return.create', 1, returnArgs(2, [ringLine(2, 1, DAMAGED)], [{ kind: 'cash', amount: 2785, method: null, reference: null, creditId: null }]), meta(6000));
    await applyMutation(store, 'return.create', 1, returnArgs(3, [ringLine(3, 1)], [{ kind: 'cash', amount: 2785, method: null, reference: null, creditId: null }]), meta(7000));
    const all = store.all('returns') as unknown as ReturnRecord[];
    const sum = (f: (r: ReturnRecord) => number) => all.reduce((s, r) => s + f(r), 0);
    expect([sum((r) => r.netTotal), sum((r) => r.taxTotal), sum((r) => r.total), sum((r) => r.lines[0]!.cogs ?? 0)]).toEqual([7718, 637, 8355, 3200]);
    expect(await store.get('stockEvents', u(4002))).toMatchObject({ locationId: DAMAGED });
    await expect(applyMutation(store, 'return.create', 1, returnArgs(4, [ringLine(4, 1)], [{ kind: 'cash', amount: 1, method: null, reference: null, creditId: null }]), meta(8000))).rejects.toSatisfy((e) =>
      isDomainError(e, 'return-too-many'),
    );
  });

  it('refunds must add up to what is returned', async () => {
    const store = await soldShop();
    await expect(applyMutation(store, 'return.create', 1, returnArgs(1, [ringLine(1, 1)], [{ kind: 'cash', amount: 2800, method: null, reference: null, creditId: null }]), meta(5000))).rejects.toSatisfy((e) =>
      isDomainError(e, 'refund-mismatch'),
    );
  });

  it('property: any split of a line into returns gives back exactly its figures', () => {
    const line = { quantity: 7, net: 10_001, tax: 826, total: 10_827, cogs: 3_333 };
    for (const split of [[7], [1, 6], [3, 3, 1], [1, 1, 1, 1, 1, 1, 1], [2, 5]]) {
      let before = { quantity: 0, net: 0, tax: 0, total: 0, cogs: 0 };
      for (const q of split) {
        const s = returnShare(line, before, q);
        before = { quantity: before.quantity + q, net: before.net + s.net, tax: before.tax + s.tax, total: before.total + s.total, cogs: before.cogs + s.cogs };
      }
      expect(before).toEqual(line);
    }
  });
});

describe('store credit', () => {
  it('a return to new store credit, then the same balance spent on two devices offline: both sales stand, one case', async () => {
    const store = await soldShop();
    const credit = u(5000);
    await applyMutation(
      store,
      'return.create',
      1,
      returnArgs(1, [ringLine(1, 1)], [{ kind: 'credit', amount: 2785, method: null, reference: null, creditId: credit }], { newCredit: { id: credit, code: 'CR-R1-0001' } }),
      meta(5000),
    );
    expect(await store.get('credits', credit)).toMatchObject({ code: 'CR-R1-0001', kind: 'store-credit' });
    // Two registers each saw 27.85 of credit and spent it; the server applies both, in its order.
    const spend = (n: number, device: string) =>
      applyMutation(
        store,
        'sale.complete',
        1,
        sale([{ ...plain(10 + n, CHAIN, 1, 2500, 1100 + n), taxRateBp: 0 }], { saleId: u(810 + n), receiptNumber: `R${n}-000009`, tenders: [{ id: u(920 + n), kind: 'credit', amount: 2500, method: null, reference: null, creditId: credit }] }),
        meta(6000 + n, device),
      );
    await spend(1, 'dev-a');
    expect(store.all('cases')).toHaveLength(0);
    await spend(2, 'dev-b');
    const cases = store.all('cases');
    expect(cases).toHaveLength(1);
    expect(cases[0]).toMatchObject({ id: `credit-overspent:${credit}`, type: 'credit-overspent', status: 'open' });
    expect(cases[0]!['concerns']).toEqual(expect.arrayContaining([`sales/${u(811)}`, `sales/${u(812)}`]));
    const balance = (store.all('creditEntries') as unknown as CreditEntry[]).filter((e) => e.creditId === credit).reduce((s, e) => s + e.amount, 0);
    expect(balance).toBe(2785 - 5000);
    expect(store.all('sales').filter((s) => s['status'] === 'completed')).toHaveLength(3);
  });
});

describe('void', () => {
  it('takes the whole sale back within its shift by new events; the sale is marked voided, nothing deleted', async () => {
    const store = await soldShop();
    const stored = (await store.get('sales', u(800))) as unknown as SaleRecord;
    const lines = stored.lines.map((l, i) => ({ saleLineId: l.lineId, itemId: l.itemId, pieceId: null, quantity: l.quantity, locationId: FLOOR, eventIds: [u(4100 + i)] }));
    const refunds = [
      { kind: 'card' as const, amount: 5000, method: null, reference: 'AUTH 1', creditId: null },
      { kind: 'cash' as const, amount: 5856, method: null, reference: null, creditId: null },
    ];
    await applyMutation(store, 'return.create', 1, returnArgs(1, lines, refunds, { kind: 'void', reason: 'Rang up the wrong customer' }), meta(5000));
    expect(await store.get('sales', u(800))).toMatchObject({ status: 'voided' });
    expect(store.all('stockEvents').filter((e) => e['ref'] === u(3001)).map((e) => e['quantity'])).toEqual([3, 1]);
    await expect(applyMutation(store, 'return.create', 1, returnArgs(2, [ringLine(2, 1)], []), meta(6000))).rejects.toSatisfy((e) => isDomainError(e, 'sale-voided'));
  });

  it('is refused once the shift has closed, and for part of a sale', async () => {
    const store = await soldShop();
    await expect(
      applyMutation(store, 'return.create', 1, returnArgs(1, [ringLine(1, 3)], [{ kind: 'cash', amount: 8355, method: null, reference: null, creditId: null }], { kind: 'void' }), meta(5000)),
    ).rejects.toSatisfy((e) => isDomainError(e, 'void-partial'));
    const shift = await store.get('shifts', SHIFT);
    await store.put('shifts', { ...shift!, status: 'closed' });
    const stored = (await store.get('sales', u(800))) as unknown as SaleRecord;
    const lines = stored.lines.map((l, i) => ({ saleLineId: l.lineId, itemId: l.itemId, pieceId: null, quantity: l.quantity, locationId: FLOOR, eventIds: [u(4100 + i)] }));
    await expect(
      applyMutation(store, 'return.create', 1, returnArgs(2, lines, [{ kind: 'cash', amount: 10856, method: null, reference: null, creditId: null }], { kind: 'void' }), meta(6000)),
    ).rejects.toSatisfy((e) => isDomainError(e, 'void-after-shift'));
  });
});

describe('two registers return the same sale without knowing of each other (knownReturns)', () => {
  const cash = (amount: number) => [{ kind: 'cash' as const, amount, method: null, reference: null, creditId: null }];
  const overlapCases = (store: Awaited<ReturnType<typeof soldShop>>) => store.all('cases').filter((c) => c['type'] === 'return-overlap');

  it('a return made knowing of the earlier one is refused as too many; one made without knowing stands and opens one case', async () => {
    const store = await soldShop();
    // Register A gives back all three rings (8355, the line's stored total).
    await applyMutation(store, 'return.create', 1, returnArgs(1, [ringLine(1, 3)], cash(8355), { knownReturns: [] }), meta(5000, 'counter'));
    // A register that knew of A's return cannot give back a fourth ring.
    await expect(
      applyMutation(store, 'return.create', 1, returnArgs(2, [ringLine(2, 1)], cash(2785), { knownReturns: [u(3001)] }), meta(6000, 'stall')),
    ).rejects.toSatisfy((e) => isDomainError(e, 'return-too-many'));
    expect(overlapCases(store)).toEqual([]);
    // The stall, offline, knew of no return: its refund was paid, so it stands — at the figures it computed.
    await applyMutation(store, 'return.create', 1, returnArgs(3, [ringLine(3, 1)], cash(2785), { knownReturns: [] }), meta(6000, 'stall'));
    expect(((await store.get('returns', u(3003))) as unknown as ReturnRecord).total).toBe(2785);
    expect(await store.get('stockEvents', u(4003))).toMatchObject({ type: 'return', quantity: 1 });
    const [c, ...more] = overlapCases(store);
    expect(more).toEqual([]);
    expect(c).toMatchObject({
      id: `return-overlap:${u(800)}`,
      status: 'open',
      concerns: [`sales/${u(800)}`, `returns/${u(3001)}`, `returns/${u(3003)}`],
    });
    expect(c!['summary']).toContain('1 × ');
    // Applying it again changes nothing; the register's screen offers nothing more to return.
    await applyMutation(store, 'return.create', 1, returnArgs(3, [ringLine(3, 1)], cash(2785), { knownReturns: [] }), meta(6000, 'stall'));
    expect(overlapCases(store)).toEqual([c]);
  });

  it('returns of different lines on two registers are no overlap; a void made without knowing of a return is kept and flagged', async () => {
    const store = await soldShop();
    const stored = (await store.get('sales', u(800))) as unknown as SaleRecord;
    const chainLine = { saleLineId: stored.lines[1]!.lineId, itemId: CHAIN, pieceId: null, quantity: 1, locationId: FLOOR, eventIds: [u(4050)] };
    await applyMutation(store, 'return.create', 1, returnArgs(1, [ringLine(1, 1)], cash(2785), { knownReturns: [] }), meta(5000, 'counter'));
    await applyMutation(store, 'return.create', 1, returnArgs(2, [chainLine], cash(2501), { knownReturns: [] }), meta(5500, 'stall'));
    expect(overlapCases(store)).toEqual([]);
    // A third register voids the whole sale, knowing of neither return: the void stands, flagged.
    const lines = stored.lines.map((l, i) => ({ saleLineId: l.lineId, itemId: l.itemId, pieceId: null, quantity: l.quantity, locationId: FLOOR, eventIds: [u(4100 + i)] }));
    await applyMutation(store, 'return.create', 1, returnArgs(3, lines, cash(10856), { kind: 'void', knownReturns: [] }), meta(6000, 'phone'));
    expect(await store.get('sales', u(800))).toMatchObject({ status: 'voided' });
    expect(overlapCases(store).map((c) => c['concerns'])).toEqual([[`sales/${u(800)}`, `returns/${u(3001)}`, `returns/${u(3002)}`, `returns/${u(3003)}`]]);
  });

  it('a return without knownReturns (an older app) is judged against every earlier return, as before', async () => {
    const store = await soldShop();
    await applyMutation(store, 'return.create', 1, returnArgs(1, [ringLine(1, 3)], cash(8355)), meta(5000, 'counter'));
    await expect(applyMutation(store, 'return.create', 1, returnArgs(2, [ringLine(2, 1)], cash(2785)), meta(6000, 'stall'))).rejects.toSatisfy((e) =>
      isDomainError(e, 'return-too-many'),
    );
  });
});
