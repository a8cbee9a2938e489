import { describe, expect, it } from 'vitest';
import { completeSale, listParked, parkCart, resumeCart } from '../../src/data/commands/sales';
import { lookupCode, openShiftOf, registerCodeOf } from '../../src/data/queries/register';
import type { SaleRecord } from '../../src/domain/sale/types';
import { testEnv } from '../factories/env';
import { registerShop, ringLine } from '../factories/register-shop';

const line = ringLine;

describe('completing a sale on the device', () => {
  it('writes the sale, its stock event, the consumed layers and one outbox row, with the next receipt number', async () => {
    const env = testEnv();
    const shop = await registerShop(env);
    const outboxBefore = await env.db.outbox.count();
    const first = await completeSale(env, {
      shiftId: shop.shiftId,
      locationId: shop.floor,
      lines: [line(env, shop.ring, 3)],
      saleDiscount: null,
      tenders: [{ kind: 'cash', amount: 10_000, method: null, reference: null }],
      staffId: null,
      approvedBy: null,
      customerId: null,
    });
    const code = await registerCodeOf(env.db);
    expect(first.receiptNumber).toBe(`${code}-000001`);
    const sale = (await env.db.sales.get(first.saleId)) as unknown as SaleRecord;
    expect(sale).toMatchObject({ total: 9000, change: 1000, shiftId: shop.shiftId });
    expect(sale.lines[0]!.cogs).toBe(2 * 1000 + 1200);
    expect(await env.db.outbox.count()).toBe(outboxBefore + 1);
    expect((await env.db.stockLevels.where('itemId').equals(shop.ring).toArray()).map((l) => l['onHand'])).toEqual([4]);
    const second = await completeSale(env, {
      shiftId: shop.shiftId,
      locationId: shop.floor,
      lines: [line(env, shop.ring, 1)],
      saleDiscount: null,
      tenders: [{ kind: 'card', amount: 3000, method: null, reference: '1234' }],
      staffId: null,
      approvedBy: null,
      customerId: null,
    });
    expect(second.receiptNumber).toBe(`${code}-000002`);
  });

  it('an error inside the transaction leaves no sale, no stock change, no outbox row and no used receipt number', async () => {
    const env = testEnv();
    const shop = await registerShop(env);
    const before = {
      outbox: await env.db.outbox.count(),
      events: await env.db.stockEvents.count(),
      lots: await env.db.lots.toArray(),
      state: await env.db.syncState.get('device'),
    };
    // Fails while the sale's own writes are being stored: inside the transaction, after the sale was computed.
    const fail = () => {
      throw new Error('disk on fire');
    };
    env.db.stockEvents.hook('creating', fail);
    await expect(
      completeSale(env, {
        shiftId: shop.shiftId,
        locationId: shop.floor,
        lines: [line(env, shop.ring, 1)],
        saleDiscount: null,
        tenders: [{ kind: 'cash', amount: 3000, method: null, reference: null }],
        staffId: null,
        approvedBy: null,
        customerId: null,
      }),
    ).rejects.toThrow(/disk on fire/);
    env.db.stockEvents.hook('creating').unsubscribe(fail);
    expect(await env.db.sales.count()).toBe(0);
    expect(await env.db.outbox.count()).toBe(before.outbox);
    expect(await env.db.stockEvents.count()).toBe(before.events);
    expect(await env.db.lots.toArray()).toEqual(before.lots);
    expect((await env.db.syncState.get('device'))?.receiptSeq).toBe(before.state?.receiptSeq);
    const ok = await completeSale(env, {
      shiftId: shop.shiftId,
      locationId: shop.floor,
      lines: [line(env, shop.ring, 1)],
      saleDiscount: null,
      tenders: [{ kind: 'cash', amount: 3000, method: null, reference: null }],
      staffId: null,
      approvedBy: null,
      customerId: null,
    });
    expect(ok.receiptNumber).toMatch(/-000001$/);
  });

  it('looks up pieces by barcode, refuses a sold piece and a piece already in the cart, and says when a code is unknown', async () => {
    const env = testEnv();
    const shop = await registerShop(env);
    const found = await lookupCode(env.db, 'piece-0001');
    expect(found).toMatchObject({
      kind: 'found',
      candidate: { itemId: shop.ooak, pieceId: shop.piece, serial: 'OOAK-1-1', unitPrice: 89_000 },
    });
    expect(await lookupCode(env.db, 'OOAK-1', [shop.piece])).toMatchObject({
      kind: 'unavailable',
      reason: 'No piece of this item is in stock',
    });
    expect(await lookupCode(env.db, '4006381333931')).toMatchObject({
      kind: 'found',
      candidate: { itemId: shop.ring, pieceId: null, onHand: 7 },
    });
    expect(await lookupCode(env.db, 'NOPE-42')).toEqual({ kind: 'unknown', code: 'NOPE-42' });
    await completeSale(env, {
      shiftId: shop.shiftId,
      locationId: shop.floor,
      lines: [line(env, shop.ooak, 1, { pieceId: shop.piece, unitPrice: 89_000 })],
      saleDiscount: null,
      tenders: [{ kind: 'card', amount: 89_000, method: null, reference: null }],
      staffId: null,
      approvedBy: null,
      customerId: null,
    });
    expect(await lookupCode(env.db, 'PIECE-0001')).toMatchObject({ kind: 'unavailable', reason: /not in stock/ });
  });

  it('parks and resumes a cart, and knows the open shift of this register', async () => {
    const env = testEnv();
    const shop = await registerShop(env);
    expect((await openShiftOf(env.db, await registerCodeOf(env.db)))?.id).toBe(shop.shiftId);
    const id = await parkCart(env, { label: 'Lady in the red coat', lines: [line(env, shop.ring, 2)], saleDiscount: null });
    expect((await listParked(env)).map((c) => c.label)).toEqual(['Lady in the red coat']);
    expect((await resumeCart(env, id))?.lines[0]?.quantity).toBe(2);
    expect(await listParked(env)).toEqual([]);
  });
});
