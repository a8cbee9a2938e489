import { describe, expect, it } from 'vitest';
import { completeSale } from '../../src/data/commands/sales';
import { foundStockOversold, refundOversold, resolveCase, substituteOversold } from '../../src/data/commands/cases';
import { readCase, listCases } from '../../src/data/queries/cases';
import { openCases } from '../../src/data/queries/sync';
import { readStockByLocation } from '../../src/data/queries/stock';
import type { Env } from '../../src/data/commands/perform';
import { testEnv } from '../factories/env';
import { registerShop, ringLine } from '../factories/register-shop';

const onHand = async (env: Env, itemId: string) => (await readStockByLocation(env.db, itemId)).reduce((s, l) => s + l.onHand, 0);

/** The one-of-a-kind piece sold twice on this device (a cart reopened from a parked sale, say): one case. */
async function soldTwice() {
  const env = testEnv();
  const shop = await registerShop(env);
  const sell = () =>
    completeSale(env, {
      shiftId: shop.shiftId,
      locationId: shop.floor,
      lines: [ringLine(env, shop.ooak, 1, { pieceId: shop.piece, title: 'Sapphire ring', sku: 'OOAK-1', unitPrice: 89_000 })],
      saleDiscount: null,
      tenders: [{ kind: 'card', amount: 89_000, method: null, reference: null }],
      staffId: null,
      approvedBy: null,
      customerId: null,
    });
  const first = await sell();
  env.clock.advance(60_000);
  const second = await sell();
  const id = `piece-oversold:${shop.piece}`;
  return { env, shop, first, second, id };
}

describe('resolving a piece sold twice on the device', () => {
  it('the case page reads the piece, both sales (the later flagged) and on hand −1', async () => {
    const { env, shop, first, second, id } = await soldTwice();
    expect((await openCases(env.db)).map((c) => c.id)).toEqual([id]);
    const view = (await readCase(env.db, id))!;
    expect(view.piece).toEqual({ id: shop.piece, serial: 'OOAK-1-1' });
    expect(view.onHand).toBe(-1);
    expect(view.sales.map((s) => [s.receiptNumber, s.flagged, s.pieceReturned, s.tenders])).toEqual([
      [first.receiptNumber, false, false, ['card']],
      [second.receiptNumber, true, false, ['card']],
    ]);
  });

  it('refund to store credit: one mutation, the piece back once, on hand 0, the case names the return', async () => {
    const { env, shop, second, id } = await soldTwice();
    const { returnId, credit } = await refundOversold(env, id, {
      saleId: second.saleId,
      refundTo: 'credit',
      note: 'Voucher given',
      staffId: null,
    });
    expect(credit?.code).toMatch(/^CR-/);
    expect(await onHand(env, shop.ooak)).toBe(0);
    expect(await openCases(env.db)).toEqual([]);
    expect(await env.db.cases.get(id)).toMatchObject({ resolution: 'refunded', records: [`returns/${returnId}`], note: 'Voucher given' });
    expect((await env.db.outbox.toArray()).at(-1)!.name).toBe('case.resolve');
    const view = (await readCase(env.db, id))!;
    expect(view.sales.map((s) => s.pieceReturned)).toEqual([false, true]);
  });

  it('substitute: found by SKU; the piece +1 and the substitute −1 at the sale’s location', async () => {
    const { env, shop, id } = await soldTwice();
    const rings = await onHand(env, shop.ring);
    await expect(substituteOversold(env, id, { code: 'OOAK-1-1', note: '' })).rejects.toThrow('That is the piece sold twice');
    await expect(substituteOversold(env, id, { code: 'NOPE', note: '' })).rejects.toThrow('Nothing with the SKU');
    await substituteOversold(env, id, { code: 'ring-1', note: 'Took the stacking ring' });
    expect(await onHand(env, shop.ooak)).toBe(0);
    expect(await onHand(env, shop.ring)).toBe(rings - 1);
    expect((await readCase(env.db, id))!.substitute).toBe('RING-1');
    expect((await listCases(env.db))[0]).toMatchObject({ status: 'resolved', resolution: 'substituted' });
  });

  it('found stock puts on hand back to 0; special order leaves −1 with its note', async () => {
    const a = await soldTwice();
    await foundStockOversold(a.env, a.id, 'In the safe');
    expect(await onHand(a.env, a.shop.ooak)).toBe(0);
    expect(await a.env.db.cases.get(a.id)).toMatchObject({ resolution: 'found-stock', note: 'In the safe' });
    const b = await soldTwice();
    await resolveCase(b.env, b.id, 'special-order', 'Goldsmith, 3 weeks');
    expect(await onHand(b.env, b.shop.ooak)).toBe(-1);
    expect(await b.env.db.cases.get(b.id)).toMatchObject({ resolution: 'special-order', note: 'Goldsmith, 3 weeks' });
  });
});
