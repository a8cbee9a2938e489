import { afterEach, describe, expect, it, vi } from 'vitest';
import { Cart } from '../../src/state/cart.svelte';
import { Register } from '../../src/state/register.svelte';
import { testEnv } from '../factories/env';
import { registerShop } from '../factories/register-shop';
import { track } from './track.svelte';

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

let n = 0;

describe('a gift card in the cart', () => {
  it('is one card at face value: no second unit, no discount, no price change, not in a whole-sale discount', () => {
    const cart = new Cart(() => `line-${++n}`);
    const card = cart.addGiftCard(5000, 'GC-R1-00000001', 'credit-1');
    expect(card).toMatchObject({
      itemId: 'credit-1',
      title: 'Gift card GC-R1-00000001',
      quantity: 1,
      taxRateBp: 0,
      giftCard: { creditId: 'credit-1', code: 'GC-R1-00000001' },
    });
    expect(() => cart.addGiftCard(1000, 'GC-R1-00000001', 'credit-2')).toThrow(/already in the cart/);
    expect(() => cart.addGiftCard(0, 'GC-R1-00000002', 'credit-2')).toThrow(/more than zero/);
    expect(() => cart.setQuantity(card.lineId, 2)).toThrow(/one at a time/);
    expect(() => cart.setLineDiscount(card.lineId, { kind: 'percent', bp: 1000, reason: 'Friend' })).toThrow(/face value/);
    expect(() => cart.overridePrice(card.lineId, 4000)).toThrow(/amount is set/);
    cart.add({
      itemId: 'ring',
      pieceId: null,
      title: 'Ring',
      sku: 'RING-1',
      serial: null,
      unitPrice: 3000,
      taxRateBp: 0,
      tracking: 'quantity',
      components: [],
      onHand: 5,
      status: 'active',
    });
    // 10.00 off the sale falls on the ring alone; and it is a third of the ring — above a 20 % threshold.
    cart.setSaleDiscount({ kind: 'amount', amount: 1000, reason: 'Welcome' });
    expect(cart.priced.lines.map((l) => l.saleDiscountShare)).toEqual([0, 1000]);
    expect(cart.priced.total).toBe(7000);
    expect(cart.needsApproval(2000)).toBe(true);
  });
});

describe('selling a gift card at the register', () => {
  it('sells one, tells its balance, and a card scanned into the cart is taken for a payment', async () => {
    const env = testEnv();
    await registerShop(env);
    const register = new Register(new Cart(), { approve: async () => ({ by: null }), staffId: () => null }, env);
    cleanups.push(track(() => [register.shift.current, register.settings.current]));
    await vi.waitFor(() => expect(register.shift.current).toBeDefined());
    const code = await register.makeGiftCardCode();
    const { line, topUp } = await register.addGiftCard(2500, code.toLowerCase());
    expect(topUp).toBe(false);
    expect(line.giftCard?.code).toBe(code);
    const sale = await register.checkout([{ kind: 'cash', amount: 2500, method: null, reference: null }]);
    expect(sale.lines[0]).toMatchObject({ title: `Gift card ${code}`, giftCard: { code } });
    expect(await register.creditBalance(code)).toMatchObject({ code, balance: 2500 });
    expect(await register.addCode(code)).toEqual({
      kind: 'refused',
      message: `${code} is a gift card or store credit: take it as a payment when you charge`,
    });
    expect((await register.addGiftCard(1000, code)).topUp).toBe(true);
  });
});
