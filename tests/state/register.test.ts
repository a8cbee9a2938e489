import { afterEach, describe, expect, it, vi } from 'vitest';
import { Cart } from '../../src/state/cart.svelte';
import { Register } from '../../src/state/register.svelte';
import type { CartCandidate } from '../../src/data/queries/register';
import { testEnv } from '../factories/env';
import { registerShop } from '../factories/register-shop';
import { track } from './track.svelte';

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

let n = 0;
const candidate = (extra: Partial<CartCandidate> = {}): CartCandidate => ({
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
  ...extra,
});

describe('the cart', () => {
  it('adds a quantity item to its line, and a piece once only', () => {
    const cart = new Cart(() => `line-${++n}`);
    cart.add(candidate());
    cart.add(candidate());
    expect(cart.lines.map((l) => l.quantity)).toEqual([2]);
    cart.add(candidate({ itemId: 'ooak', pieceId: 'p1', serial: 'OOAK-1', tracking: 'piece' }));
    expect(() => cart.add(candidate({ itemId: 'ooak', pieceId: 'p1', serial: 'OOAK-1', tracking: 'piece' }))).toThrow(
      /already in the cart/,
    );
    expect(() => cart.setQuantity(cart.lines[1]!.lineId, 2)).toThrow(/one of a kind/);
    expect(cart.units).toBe(3);
  });

  it('a discount larger than its line is refused and the line keeps its old one', () => {
    const cart = new Cart(() => `line-${++n}`);
    const line = cart.add(candidate());
    cart.setLineDiscount(line.lineId, { kind: 'amount', amount: 500, reason: 'Scratch' });
    expect(() => cart.setLineDiscount(line.lineId, { kind: 'amount', amount: 5000, reason: 'Oops' })).toThrow(
      expect.objectContaining({ reason: 'discount-too-large' }),
    );
    expect(cart.lines[0]!.discount).toEqual({ kind: 'amount', amount: 500, reason: 'Scratch' });
    expect(cart.priced.total).toBe(2500);
  });

  it('needs a manager for a discount above the threshold or a changed price, not below', () => {
    const cart = new Cart(() => `line-${++n}`);
    const line = cart.add(candidate());
    cart.setSaleDiscount({ kind: 'percent', bp: 1500, reason: 'Regular' });
    expect(cart.needsApproval(2000)).toBe(false);
    cart.setSaleDiscount({ kind: 'percent', bp: 2500, reason: 'Friend' });
    expect(cart.needsApproval(2000)).toBe(true);
    cart.setSaleDiscount(null);
    cart.overridePrice(line.lineId, 2800);
    expect(cart.needsApproval(2000)).toBe(true);
    cart.overridePrice(line.lineId, 3000);
    expect(cart.needsApproval(2000)).toBe(false);
  });
});

describe('the register', () => {
  it('asks for approval once when needed, records the approver and completes the sale', async () => {
    const env = testEnv();
    const shop = await registerShop(env);
    // The approver is a manager of the shop (a sale naming anyone else as approver is flagged).
    const ana = { name: 'Ana', role: 'manager' as const, active: true, pin: null };
    await env.db.staff.put({ id: '0190b6a2-3c4d-7e5f-8a6b-000000000077', name: ana.name, values: ana, clocks: {} });
    const approve = vi.fn(async () => ({ by: '0190b6a2-3c4d-7e5f-8a6b-000000000077' }));
    const register = new Register(new Cart(), { approve, staffId: () => '0190b6a2-3c4d-7e5f-8a6b-000000000055' }, env);
    cleanups.push(track(() => [register.shift.current, register.settings.current]));
    await vi.waitFor(() => expect(register.shift.current?.id).toBe(shop.shiftId));
    expect(await register.addCode('4006381333931')).toMatchObject({ kind: 'added' });
    expect(await register.addCode('nope')).toEqual({ kind: 'unknown', code: 'nope' });
    register.cart.setSaleDiscount({ kind: 'percent', bp: 5000, reason: 'Half price' });
    const sale = await register.checkout([{ kind: 'cash', amount: 1500, method: null, reference: null }]);
    expect(approve).toHaveBeenCalledOnce();
    expect(sale).toMatchObject({
      total: 1500,
      approvedBy: '0190b6a2-3c4d-7e5f-8a6b-000000000077',
      staffId: '0190b6a2-3c4d-7e5f-8a6b-000000000055',
      flagged: null,
    });
    expect(register.cart.inProgress).toBe(false);
    expect(register.lastSale?.id).toBe(sale.id);
  });

  it('a cancelled approval completes nothing and keeps the cart', async () => {
    const env = testEnv();
    await registerShop(env);
    const register = new Register(new Cart(), { approve: async () => null, staffId: () => null }, env);
    cleanups.push(track(() => [register.shift.current, register.settings.current]));
    await vi.waitFor(() => expect(register.shift.current).toBeDefined());
    await register.addCode('RING-1');
    register.cart.overridePrice(register.cart.lines[0]!.lineId, 100);
    await expect(register.checkout([{ kind: 'cash', amount: 100, method: null, reference: null }])).rejects.toThrow(/approval/);
    expect(register.cart.lines).toHaveLength(1);
    expect(await env.db.sales.count()).toBe(0);
  });

  it('parks a cart and resumes it, refusing to resume over an open cart', async () => {
    const env = testEnv();
    await registerShop(env);
    const register = new Register(new Cart(), { approve: async () => null, staffId: () => null }, env);
    cleanups.push(track(() => [register.shift.current, register.settings.current]));
    await register.addCode('RING-1');
    register.cart.customerId = '0190b6a2-3c4d-7e5f-8a6b-000000000099';
    await register.park('Red coat');
    expect(register.cart.customerId).toBeNull();
    expect(register.cart.inProgress).toBe(false);
    const [parked] = await env.db.parkedCarts.toArray();
    await register.addCode('RING-1');
    await expect(register.resume(parked!.id)).rejects.toThrow(/Park or finish/);
    register.cart.clear();
    await register.resume(parked!.id);
    expect(register.cart.lines.map((l) => [l.title, l.quantity])).toEqual([['Stacking ring', 1]]);
    expect(register.cart.customerId).toBe('0190b6a2-3c4d-7e5f-8a6b-000000000099');
  });
});
