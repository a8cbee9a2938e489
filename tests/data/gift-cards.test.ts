import { describe, expect, it } from 'vitest';
import { completeSale, type CartLine, type SaleInput } from '../../src/data/commands/sales';
import { giftCardToSell, makeGiftCardCode } from '../../src/data/commands/gift-cards';
import { readCredit, returnSale } from '../../src/data/commands/returns';
import { registerCodeOf } from '../../src/data/queries/register';
import { newId } from '../../src/data/commands/ids';
import type { SaleRecord } from '../../src/domain/sale/types';
import { testEnv } from '../factories/env';
import { registerShop } from '../factories/register-shop';

type Env = ReturnType<typeof testEnv>;

const ringLine = (env: Env, itemId: string, unitPrice = 3000): CartLine => ({
  lineId: newId(env),
  itemId,
  pieceId: null,
  title: 'Stacking ring',
  sku: 'RING-1',
  quantity: 1,
  unitPrice,
  priceOverridden: false,
  taxRateBp: 0,
  discount: null,
  components: [],
});

const cardLine = (env: Env, card: { creditId: string; code: string }, amount: number): CartLine => ({
  lineId: newId(env),
  itemId: card.creditId,
  pieceId: null,
  title: `Gift card ${card.code}`,
  sku: 'GIFT-CARD',
  quantity: 1,
  unitPrice: amount,
  priceOverridden: false,
  taxRateBp: 0,
  discount: null,
  components: [],
  giftCard: { creditId: card.creditId, code: card.code },
});

const saleOf = (shop: Awaited<ReturnType<typeof registerShop>>, lines: CartLine[], tenders: SaleInput['tenders']): SaleInput => ({
  shiftId: shop.shiftId,
  locationId: shop.floor,
  lines,
  saleDiscount: null,
  tenders,
  staffId: null,
  approvedBy: null,
  customerId: null,
});

describe('gift cards on the device', () => {
  it('sells a card (no stock event, one outbox row), reads its balance by code, and spends it on a later sale', async () => {
    const env = testEnv();
    const shop = await registerShop(env);
    const code = await makeGiftCardCode(env);
    expect(code).toMatch(new RegExp(`^GC-${await registerCodeOf(env.db)}-[0-9A-F]{8}$`));
    const card = await giftCardToSell(env, ` ${code.toLowerCase()} `);
    expect(card).toMatchObject({ code, topUp: false });

    const events = await env.db.stockEvents.count();
    const outbox = await env.db.outbox.count();
    const sold = await completeSale(
      env,
      saleOf(shop, [cardLine(env, card, 5000)], [{ kind: 'cash', amount: 5000, method: null, reference: null }]),
    );
    expect(await env.db.stockEvents.count()).toBe(events);
    expect(await env.db.outbox.count()).toBe(outbox + 1);
    const stored = (await env.db.sales.get(sold.saleId)) as unknown as SaleRecord;
    expect(stored.lines[0]).toMatchObject({
      itemId: card.creditId,
      eventId: null,
      cogs: 0,
      tax: 0,
      giftCard: { creditId: card.creditId, code },
    });
    expect(await readCredit(env, code)).toEqual({ id: card.creditId, code, balance: 5000 });
    expect(await env.db.credits.get(card.creditId)).toMatchObject({ kind: 'gift-card', code });

    // 30.00 of a 40.00 ring from the card, the rest in cash.
    await completeSale(
      env,
      saleOf(
        shop,
        [ringLine(env, shop.ring, 4000)],
        [
          { kind: 'credit', amount: 3000, method: null, reference: code, creditId: card.creditId },
          { kind: 'cash', amount: 1000, method: null, reference: null },
        ],
      ),
    );
    expect((await readCredit(env, code))?.balance).toBe(2000);

    // Selling onto the same card again tops it up (its own account).
    expect(await giftCardToSell(env, code)).toEqual({ creditId: card.creditId, code, topUp: true });
  });

  it('refuses a code that is a store credit voucher, and a code that is not one', async () => {
    const env = testEnv();
    const shop = await registerShop(env);
    const sold = await completeSale(
      env,
      saleOf(shop, [ringLine(env, shop.ring)], [{ kind: 'cash', amount: 3000, method: null, reference: null }]),
    );
    const sale = (await env.db.sales.get(sold.saleId)) as unknown as SaleRecord;
    const { credit } = await returnSale(env, {
      sale,
      lines: [{ saleLineId: sale.lines[0]!.lineId, quantity: 1, damaged: false }],
      refundTo: 'credit',
      reason: 'Too small',
      staffId: null,
      approvedBy: null,
    });
    await expect(giftCardToSell(env, credit!.code)).rejects.toThrow(/store credit voucher, not a gift card/);
    await expect(giftCardToSell(env, 'no spaces please')).rejects.toThrow(/4–32 letters/);
  });

  it('a sale with a gift card cannot return the card, but its other lines come back', async () => {
    const env = testEnv();
    const shop = await registerShop(env);
    const card = await giftCardToSell(env, 'GC-TEST-0001');
    const sold = await completeSale(
      env,
      saleOf(shop, [cardLine(env, card, 2000), ringLine(env, shop.ring)], [{ kind: 'card', amount: 5000, method: null, reference: null }]),
    );
    const sale = (await env.db.sales.get(sold.saleId)) as unknown as SaleRecord;
    const [cardSold, ring] = sale.lines;
    await expect(
      returnSale(env, {
        sale,
        lines: [{ saleLineId: cardSold!.lineId, quantity: 1, damaged: false }],
        refundTo: 'original',
        reason: 'Unwanted',
        staffId: null,
        approvedBy: null,
      }),
    ).rejects.toThrow(/cannot be returned/);
    const back = await returnSale(env, {
      sale,
      lines: [{ saleLineId: ring!.lineId, quantity: 1, damaged: false }],
      refundTo: 'original',
      reason: 'Unwanted',
      staffId: null,
      approvedBy: null,
    });
    expect(back.refund).toBe(3000);
    expect((await readCredit(env, 'GC-TEST-0001'))?.balance).toBe(2000);
  });
});
