import { describe, expect, it } from 'vitest';
import { applyMutation } from '../../../src/domain/sync/registry';
import { isDomainError } from '../../../src/domain/errors';
import type { SaleRecord } from '../../../src/domain/sale/types';
import { meta } from '../../factories/memory-store';
import { BOX, CHAIN, FLOOR, OOAK, PIECE, RING, SET, plain, sale, shop, u } from '../../factories/sale-shop';

describe('sale.complete', () => {
  it('stores the sale with its figures, takes stock by FIFO and records COGS from the layers', async () => {
    const store = await shop();
    const args = sale([plain(1, RING, 3, 3000, 1001)], {
      tenders: [{ id: u(900), kind: 'cash', amount: 10_000, method: null, reference: null }],
    });
    await applyMutation(store, 'sale.complete', 1, args, meta(4000));
    const stored = (await store.get('sales', u(800))) as unknown as SaleRecord;
    // 3 × 30.00 = 90.00 + 8.25 % (7.425 → 7.43) = 97.43; 100.00 cash → 2.57 change.
    expect(stored).toMatchObject({
      subtotal: 9000,
      taxTotal: 743,
      total: 9743,
      change: 257,
      businessDay: '2026-11-27',
      status: 'completed',
      flagged: null,
    });
    // 2 from the 10.00 layer and 1 from the 12.00 layer.
    expect(stored.lines[0]).toMatchObject({ cogs: 3200, costUnknownQty: 0, net: 9000, tax: 743 });
    expect(await store.get('stockEvents', u(1001))).toMatchObject({
      type: 'sale',
      itemId: RING,
      quantity: -3,
      cost: 3200,
      ref: u(800),
      locationId: FLOOR,
    });
    expect(
      store
        .all('lots')
        .filter((l) => l['itemId'] === RING)
        .map((l) => l['qtyRemaining']),
    ).toEqual([0, 4]);
  });

  it('a gift set writes a sale event per component, splits its money by list price and adds up their costs', async () => {
    const store = await shop();
    const line = {
      ...plain(1, SET, 1, 5000, 0),
      eventId: null,
      components: [
        { itemId: RING, quantity: 1, listPrice: 3000, eventId: u(1101) },
        { itemId: CHAIN, quantity: 1, listPrice: 2500, eventId: u(1102) },
        { itemId: BOX, quantity: 1, listPrice: 0, eventId: u(1103) },
      ],
    };
    await applyMutation(store, 'sale.complete', 1, sale([line]), meta(4000));
    const stored = (await store.get('sales', u(800))) as unknown as SaleRecord;
    expect(stored.lines[0]!.components.map((c) => [c.net, c.cogs])).toEqual([
      [2727, 1000],
      [2273, 700],
      [0, 150],
    ]);
    expect(stored.lines[0]!.cogs).toBe(1850);
    expect(
      store
        .all('stockEvents')
        .filter((e) => e['ref'] === u(800))
        .map((e) => [e['itemId'], e['quantity']]),
    ).toEqual([
      [RING, -1],
      [CHAIN, -1],
      [BOX, -1],
    ]);
  });

  it('a piece sells at its own cost and cannot be in one sale twice', async () => {
    const store = await shop();
    const pieceLine = { ...plain(1, OOAK, 1, 89_000, 1201), pieceId: PIECE };
    await applyMutation(store, 'sale.complete', 1, sale([pieceLine]), meta(4000));
    expect(((await store.get('sales', u(800))) as unknown as SaleRecord).lines[0]!.cogs).toBe(41_000);
    expect(await store.get('stockEvents', u(1201))).toMatchObject({ pieceId: PIECE, quantity: -1 });
    await expect(
      applyMutation(store, 'sale.complete', 1, sale([pieceLine, { ...pieceLine, lineId: u(2) }], { saleId: u(801) }), meta(5000)),
    ).rejects.toSatisfy((e) => isDomainError(e, 'invalid-args') && /only once/.test((e as Error).message));
  });

  it('a discount above the approval threshold without a manager is flagged, never refused; with one it is not', async () => {
    const store = await shop();
    const discounted = { ...plain(1, RING, 1, 3000, 1001), discount: { kind: 'percent' as const, bp: 3000, reason: 'Friend' } };
    await applyMutation(store, 'sale.complete', 1, sale([discounted], { staffId: u(55) }), meta(4000));
    expect(await store.get('sales', u(800))).toMatchObject({ flagged: 'unapproved-discount', discountTotal: 900, staffId: u(55) });
    // A one-person shop without staff PINs has nobody to ask: its discounts are not flagged.
    await applyMutation(
      store,
      'sale.complete',
      1,
      sale([{ ...discounted, lineId: u(4), eventId: u(1003) }], { saleId: u(802) }),
      meta(4500),
    );
    expect(await store.get('sales', u(802))).toMatchObject({ flagged: null });
    // Only a manager or owner approves: a cashier naming themselves as the approver is still flagged.
    const person = (id: string, name: string, role: string) => ({ id, name, values: { name, role, active: true, pin: null }, clocks: {} });
    await store.put('staff', person(u(55), 'Leo', 'cashier'));
    await store.put('staff', person(u(77), 'Ana', 'manager'));
    await applyMutation(
      store,
      'sale.complete',
      1,
      sale([{ ...discounted, lineId: u(5), eventId: u(1004) }], { saleId: u(803), staffId: u(55), approvedBy: u(55) }),
      meta(4800),
    );
    expect(await store.get('sales', u(803))).toMatchObject({ flagged: 'unapproved-discount', approvedBy: u(55) });
    await applyMutation(
      store,
      'sale.complete',
      1,
      sale([{ ...discounted, lineId: u(3), eventId: u(1002) }], { saleId: u(801), staffId: u(55), approvedBy: u(77) }),
      meta(5000),
    );
    expect(await store.get('sales', u(801))).toMatchObject({ flagged: null, approvedBy: u(77) });
  });

  it('is idempotent by sale id and refuses payments that do not cover the total', async () => {
    const store = await shop();
    const args = sale([plain(1, RING, 1, 3000, 1001)]);
    await applyMutation(store, 'sale.complete', 1, args, meta(4000));
    await applyMutation(store, 'sale.complete', 1, args, meta(4001));
    expect(store.all('stockEvents').filter((e) => e['ref'] === u(800))).toHaveLength(1);
    await expect(
      applyMutation(
        store,
        'sale.complete',
        1,
        sale([plain(1, RING, 1, 3000, 1002)], {
          saleId: u(801),
          tenders: [{ id: u(900), kind: 'cash', amount: 100, method: null, reference: null }],
        }),
        meta(5000),
      ),
    ).rejects.toSatisfy((e) => isDomainError(e, 'tender-short'));
  });
});
