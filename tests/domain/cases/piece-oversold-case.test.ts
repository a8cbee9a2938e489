import { describe, expect, it } from 'vitest';
import { loadAllMutations, applyMutation, isRestricted, prepare } from '../../../src/domain/sync/registry';
import { isDomainError } from '../../../src/domain/errors';
import { levelsOf, type StockEvent } from '../../../src/domain/inventory/ledger';
import { salesHoldingPiece, type CaseRecord } from '../../../src/domain/cases';
import { pieceRefund } from '../../../src/domain/cases/resolve';
import type { SaleRecord } from '../../../src/domain/sale/types';
import { meta } from '../../factories/memory-store';
import { FLOOR, OOAK, PIECE, RING, SHIFT, sale, shop, u } from '../../factories/sale-shop';

// Back-office mutations load on first use (registry.ts); these use prepare()/the map directly.
await loadAllMutations();

type Store = Awaited<ReturnType<typeof shop>>;

const SA = u(810);
const SB = u(820);

/** A sale of the one-of-a-kind piece (OOAK-1-1) on register `code`. */
const pieceSale = (saleId: string, n: number, receipt: string, staffId: string | null = null) =>
  sale(
    [
      {
        lineId: u(1100 + n),
        itemId: OOAK,
        pieceId: PIECE,
        title: 'Sapphire ring',
        sku: 'OOAK-1',
        quantity: 1,
        unitPrice: 89_000,
        priceOverridden: false,
        taxRateBp: 0,
        discount: null,
        eventId: u(1200 + n),
        components: [],
      },
    ],
    {
      saleId,
      receiptNumber: receipt,
      staffId,
      tenders: [{ id: u(1300 + n), kind: 'card', amount: 89_000, method: null, reference: 'AUTH' }],
    },
  );

const onHand = (store: Store, itemId: string) =>
  levelsOf((store.all('stockEvents') as unknown as StockEvent[]).filter((e) => e.itemId === itemId)).reduce((s, l) => s + l.onHand, 0);
const cases = (store: Store) => store.all('cases') as unknown as CaseRecord[];

/** Two registers sold the piece offline; the server applies A's sale, then B's (or the other way round). */
async function soldTwice(order: 'A-first' | 'B-first') {
  const store = await shop();
  const a = () => applyMutation(store, 'sale.complete', 1, pieceSale(SA, 1, 'A1-000001'), meta(5000, 'dev-a'));
  const b = () => applyMutation(store, 'sale.complete', 1, pieceSale(SB, 2, 'B2-000001'), meta(5100, 'dev-b'));
  if (order === 'A-first') {
    await a();
    await b();
  } else {
    await b();
    await a();
  }
  return store;
}

describe('piece-oversold: one piece sold on two registers offline', () => {
  for (const order of ['A-first', 'B-first'] as const) {
    it(`${order}: both sales stand, the later one is flagged, exactly one case, on hand −1`, async () => {
      const store = await soldTwice(order);
      const [first, later] = order === 'A-first' ? [SA, SB] : [SB, SA];
      const sales = await Promise.all([store.get('sales', first), store.get('sales', later)]);
      expect(sales.map((s) => (s as unknown as SaleRecord).status)).toEqual(['completed', 'completed']);
      expect((sales[0] as unknown as SaleRecord).flagged).toBeNull();
      expect((sales[1] as unknown as SaleRecord).flagged).toBe('piece-oversold');
      expect(cases(store)).toHaveLength(1);
      const c = cases(store)[0]!;
      expect(c).toMatchObject({ id: `piece-oversold:${PIECE}`, type: 'piece-oversold', status: 'open', flaggedSales: [later] });
      expect(c.concerns).toEqual([`pieces/${PIECE}`, `items/${OOAK}`, `sales/${first}`, `sales/${later}`]);
      expect(c.summary).toContain('Sapphire ring (OOAK-1) (serial OOAK-1-1) was sold twice');
      expect(c.summary).toContain('A1-000001');
      expect(c.summary).toContain('B2-000001');
      expect(onHand(store, OOAK)).toBe(-1);
      // Applying the later sale again (a duplicate delivery) changes nothing.
      await applyMutation(
        store,
        'sale.complete',
        1,
        pieceSale(later, later === SA ? 1 : 2, later === SA ? 'A1-000001' : 'B2-000001'),
        meta(6000),
      );
      expect(cases(store)).toHaveLength(1);
      expect(onHand(store, OOAK)).toBe(-1);
    });
  }

  it('a piece sold once, or sold, returned and sold again, opens no case', async () => {
    const store = await shop();
    await applyMutation(store, 'sale.complete', 1, pieceSale(SA, 1, 'A1-000001'), meta(5000));
    expect(cases(store)).toEqual([]);
    const sold = (await store.get('sales', SA)) as unknown as SaleRecord;
    const back = pieceRefund(
      sold,
      [],
      PIECE,
      { returnId: u(3001), eventId: u(3002) },
      { shiftId: SHIFT, businessDay: '2026-11-27', staffId: null, reason: 'changed mind' },
    );
    await applyMutation(store, 'return.create', 1, back, meta(5500));
    await applyMutation(store, 'sale.complete', 1, pieceSale(SB, 2, 'B2-000001'), meta(6000));
    expect(cases(store)).toEqual([]);
    expect(((await store.get('sales', SB)) as unknown as SaleRecord).flagged).toBeNull();
    expect(onHand(store, OOAK)).toBe(0);
  });
});

describe('case.resolve on a piece sold twice: each resolution a recorded event', () => {
  const id = `piece-oversold:${PIECE}`;
  const MANAGER = u(950);

  it('refunded: the flagged sale returns the piece to its card; on hand 0, the piece held by one sale, the case records the return', async () => {
    const store = await soldTwice('A-first');
    const later = (await store.get('sales', SB)) as unknown as SaleRecord;
    const refund = pieceRefund(
      later,
      [],
      PIECE,
      { returnId: u(3001), eventId: u(3002) },
      {
        shiftId: SHIFT,
        businessDay: '2026-11-27',
        staffId: MANAGER,
        reason: 'Sold twice: refunded',
      },
    );
    expect(refund.refunds).toEqual([{ kind: 'card', amount: 89_000, method: null, reference: 'AUTH', creditId: null }]);
    const args = { id, resolution: 'refunded', note: 'Customer B refunded, called her', refund };
    expect(isRestricted(prepare('case.resolve', args).def, prepare('case.resolve', args).args)).toBe(false);
    await applyMutation(store, 'case.resolve', 1, args, { ...meta(7000, 'dev-b'), staffId: MANAGER });
    expect(onHand(store, OOAK)).toBe(0);
    expect(await salesHoldingPiece(store, PIECE, 'none')).toEqual([SA]);
    expect(await store.get('cases', id)).toMatchObject({
      status: 'resolved',
      resolution: 'refunded',
      resolvedBy: MANAGER,
      resolvedAt: new Date(7000).toISOString(),
      note: 'Customer B refunded, called her',
      records: [`returns/${u(3001)}`],
    });
    expect(await store.get('returns', u(3001))).toMatchObject({ saleId: SB, total: 89_000 });
    // Resolving it again (the other device) changes nothing; a later sale of the piece reopens the case.
    await applyMutation(store, 'case.resolve', 1, { id, resolution: 'dismissed' }, meta(7100));
    expect(await store.get('cases', id)).toMatchObject({ resolution: 'refunded' });
  });

  it('refunded to new store credit: the refund is a credit account', async () => {
    const store = await soldTwice('A-first');
    const later = (await store.get('sales', SB)) as unknown as SaleRecord;
    const refund = pieceRefund(
      later,
      [],
      PIECE,
      { returnId: u(3001), eventId: u(3002), creditId: u(3003), creditCode: 'CR-B2-0001' },
      {
        shiftId: SHIFT,
        businessDay: '2026-11-27',
        staffId: null,
        reason: 'Sold twice',
      },
    );
    await applyMutation(store, 'case.resolve', 1, { id, resolution: 'refunded', refund }, meta(7000));
    expect(await store.get('credits', u(3003))).toMatchObject({ code: 'CR-B2-0001', kind: 'store-credit' });
    expect(onHand(store, OOAK)).toBe(0);
  });

  it('a refund must take the piece back from one of the case’s sales', async () => {
    const store = await soldTwice('A-first');
    await applyMutation(
      store,
      'sale.complete',
      1,
      sale(
        [
          {
            lineId: u(1150),
            itemId: RING,
            pieceId: null,
            title: 'r',
            sku: 'r',
            quantity: 1,
            unitPrice: 3000,
            priceOverridden: false,
            taxRateBp: 0,
            discount: null,
            eventId: u(1151),
            components: [],
          },
        ],
        { saleId: u(830), receiptNumber: 'A1-000002' },
      ),
      meta(6500),
    );
    const other = (await store.get('sales', u(830))) as unknown as SaleRecord;
    const refund = {
      ...pieceRefund(
        (await store.get('sales', SB)) as unknown as SaleRecord,
        [],
        PIECE,
        { returnId: u(3001), eventId: u(3002) },
        { shiftId: SHIFT, businessDay: '2026-11-27', staffId: null, reason: 'x' },
      ),
      saleId: other.id,
    };
    await expect(applyMutation(store, 'case.resolve', 1, { id, resolution: 'refunded', refund }, meta(7000))).rejects.toSatisfy((e) =>
      isDomainError(e, 'invalid-resolution'),
    );
    await expect(applyMutation(store, 'case.resolve', 1, { id, resolution: 'refunded' }, meta(7000))).rejects.toSatisfy((e) =>
      isDomainError(e, 'invalid-resolution'),
    );
    expect(await store.get('cases', id)).toMatchObject({ status: 'open' });
  });

  it('substituted: the piece goes back (+1) and what the customer took instead comes out (−1), by a manager', async () => {
    const store = await soldTwice('A-first');
    const ringBefore = onHand(store, RING);
    const args = {
      id,
      resolution: 'substituted',
      note: 'B took the ring from the window instead',
      substitute: { itemId: RING, pieceId: null },
      adjustments: [
        {
          eventId: u(3101),
          itemId: OOAK,
          pieceId: PIECE,
          locationId: FLOOR,
          quantity: 1,
          reason: 'correction',
          note: 'Sold twice: customer took a substitute',
        },
        {
          eventId: u(3102),
          itemId: RING,
          pieceId: null,
          locationId: FLOOR,
          quantity: -1,
          reason: 'correction',
          note: 'Substitute for OOAK-1-1',
        },
      ],
    };
    const p = prepare('case.resolve', args);
    expect(isRestricted(p.def, p.args)).toBe(true);
    await applyMutation(store, 'case.resolve', 1, args, { ...meta(7000), staffId: MANAGER });
    expect(onHand(store, OOAK)).toBe(0);
    expect(onHand(store, RING)).toBe(ringBefore - 1);
    expect(await store.get('cases', id)).toMatchObject({
      resolution: 'substituted',
      substitute: { itemId: RING, pieceId: null },
      records: [`stockEvents/${u(3101)}`, `stockEvents/${u(3102)}`],
      resolvedBy: MANAGER,
    });
  });

  it('found-stock: there really were two — found +1 puts on hand back to 0', async () => {
    const store = await soldTwice('B-first');
    const args = {
      id,
      resolution: 'found-stock',
      note: 'Second ring was in the safe, never entered',
      adjustments: [
        {
          eventId: u(3101),
          itemId: OOAK,
          pieceId: PIECE,
          locationId: FLOOR,
          quantity: 1,
          reason: 'found',
          note: 'Sold twice: a second one existed',
        },
      ],
    };
    await applyMutation(store, 'case.resolve', 1, args, meta(7000));
    expect(onHand(store, OOAK)).toBe(0);
    expect(await store.get('cases', id)).toMatchObject({ resolution: 'found-stock', records: [`stockEvents/${u(3101)}`] });
    // Found stock must be the piece coming back once.
    const again = await soldTwice('A-first');
    await expect(
      applyMutation(again, 'case.resolve', 1, { ...args, adjustments: [{ ...args.adjustments[0]!, reason: 'correction' }] }, meta(7000)),
    ).rejects.toSatisfy((e) => isDomainError(e, 'invalid-resolution'));
  });

  it('special-order: a note only — on hand stays −1 until the new piece is received', async () => {
    const store = await soldTwice('A-first');
    await applyMutation(
      store,
      'case.resolve',
      1,
      { id, resolution: 'special-order', note: 'Goldsmith makes another, 3 weeks' },
      meta(7000),
    );
    expect(await store.get('cases', id)).toMatchObject({
      resolution: 'special-order',
      note: 'Goldsmith makes another, 3 weeks',
      records: [],
    });
    expect(onHand(store, OOAK)).toBe(-1);
  });

  it('a v1 payload (id and resolution only) still resolves a case', async () => {
    const store = await soldTwice('A-first');
    await applyMutation(store, 'case.resolve', 1, { id, resolution: 'dismissed' }, meta(7000));
    expect(await store.get('cases', id)).toMatchObject({
      status: 'resolved',
      resolution: 'dismissed',
      resolvedBy: null,
      note: '',
      records: [],
    });
  });

  it('a third sale of the piece after the case was resolved reopens it, keeping the earlier resolution', async () => {
    const store = await soldTwice('A-first');
    await applyMutation(store, 'case.resolve', 1, { id, resolution: 'special-order', note: 'n' }, meta(7000));
    await applyMutation(store, 'sale.complete', 1, pieceSale(u(840), 3, 'C3-000001'), meta(8000));
    const c = (await store.get('cases', id)) as unknown as CaseRecord;
    expect(c).toMatchObject({ status: 'open', flaggedSales: [SB, u(840)], earlier: [{ resolution: 'special-order', note: 'n' }] });
    expect(c.resolution).toBeUndefined();
    expect(c.concerns).toContain(`sales/${u(840)}`);
  });
});
