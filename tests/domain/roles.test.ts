import { describe, expect, it } from 'vitest';
import { loadAllMutations, isRestricted, mutations, prepare } from '../../src/domain/sync/registry';
import { assertMayRecord, refusalFor, roleCan, roleRefusalNotice, STAFF_ACTIONS } from '../../src/domain/roles';
import { isDomainError } from '../../src/domain/errors';

// Back-office mutations load on first use (registry.ts); these use prepare()/the map directly.
await loadAllMutations();

const u = (n: number) => `0190b6a2-3c4d-7e5f-8a6b-${String(n).padStart(12, '0')}`;

/** Whether `name` with these arguments (validated and upgraded as the server does) is refused under a cashier. */
const restricted = (name: string, args: unknown, version?: number): boolean => {
  const prepared = prepare(name, args, version);
  return isRestricted(prepared.def, prepared.args);
};

describe('which mutations a cashier may not record (ARCHITECTURE §10)', () => {
  it('item.save only when it touches price, compare-at price or cost', () => {
    const item = (patch: object) => ({ id: u(1), patch });
    expect(restricted('item.save', item({ price: 1999 }))).toBe(true);
    expect(restricted('item.save', item({ cost: 800 }))).toBe(true);
    expect(restricted('item.save', item({ cost: null }))).toBe(true);
    expect(restricted('item.save', item({ compareAtPrice: null }))).toBe(true);
    expect(restricted('item.save', item({ sku: 'RING-1', price: 1999, tags: ['gold'] }))).toBe(true);
    expect(restricted('item.save', item({ sku: 'RING-2', barcodes: ['4006381333931'], tags: ['gold'] }))).toBe(false);
    expect(restricted('item.save', item({ photoIds: [] }))).toBe(false);
    expect(restricted('item.save', item({}))).toBe(false);
  });

  it('item.save when it sets the reorder point or quantity (stock policy), not the supplier SKU', () => {
    const item = (patch: object) => ({ id: u(1), patch });
    expect(restricted('item.save', item({ reorderPoint: 3 }))).toBe(true);
    expect(restricted('item.save', item({ reorderPoint: null }))).toBe(true);
    expect(restricted('item.save', item({ reorderQty: 6 }))).toBe(true);
    expect(restricted('item.save', item({ supplierSku: 'AF-R1', supplierId: null }))).toBe(false);
  });

  it('items.bulkEdit only with a price; tags and categories are open to everyone', () => {
    expect(restricted('items.bulkEdit', { itemIds: [u(1), u(2)], price: 2500 })).toBe(true);
    expect(restricted('items.bulkEdit', { itemIds: [u(1)], price: 0, addTags: ['sale'] })).toBe(true);
    expect(restricted('items.bulkEdit', { itemIds: [u(1)], addTags: ['sale'], removeTags: ['new'] })).toBe(false);
    expect(restricted('items.bulkEdit', { itemIds: [u(1)], categoryId: null })).toBe(false);
  });

  it('piece.save only when it changes the piece’s cost', () => {
    expect(restricted('piece.save', { id: u(1), patch: { cost: 12_000 } })).toBe(true);
    expect(restricted('piece.save', { id: u(1), patch: { cost: null } })).toBe(true);
    expect(restricted('piece.save', { id: u(1), patch: { barcode: 'P-1', certificate: 'GIA 123' } })).toBe(false);
  });

  it('category.save only when it sets a tax rate', () => {
    expect(restricted('category.save', { id: u(1), taxRateBp: 500 })).toBe(true);
    expect(restricted('category.save', { id: u(1), taxRateBp: null })).toBe(true);
    expect(restricted('category.save', { id: u(1), name: 'Rings', code: 'RNG' })).toBe(false);
  });

  it('settings, staff, new products, receipts of stock and pieces, and locations always', () => {
    expect(restricted('settings.update', { patch: { shopName: 'Gold & Co' } })).toBe(true);
    expect(restricted('staff.save', { id: u(1), name: 'Leo' })).toBe(true);
    expect(
      restricted('catalog.createProduct', { product: { id: u(1), title: 'Ring' }, items: [{ id: u(2), sku: 'R-1', price: 1000 }] }),
    ).toBe(true);
    expect(
      restricted('stock.receive', {
        eventId: u(1),
        lotId: u(2),
        itemId: u(3),
        locationId: u(4),
        quantity: 2,
        unitCost: null,
        supplierId: null,
        source: 'manual',
      }),
    ).toBe(true);
    expect(
      restricted('piece.receive', { pieceId: u(1), eventId: u(2), itemId: u(3), locationId: u(4), serial: 'S-1', source: 'manual' }),
    ).toBe(true);
    expect(restricted('location.save', { id: u(1), name: 'Stockroom', kind: 'stockroom' }, 2)).toBe(true);
    expect(restricted('location.save', { id: u(1), name: 'Front' }, 1)).toBe(true); // an old version too
  });

  it('never a sale, a return, cash, a shift, a customer, a receipt, or catalogue words and groups', () => {
    const open = [
      'sale.complete',
      'return.create',
      'cash.move',
      'shift.open',
      'shift.close',
      'customer.save',
      'receipt.email',
      'product.save',
      'bundle.save',
      'collection.save',
      'supplier.save',
    ];
    for (const name of open) {
      const def = mutations.get(name);
      if (def === undefined) continue; // not registered yet in this build (returns, shift close, customers land separately)
      expect(def.restricted, name).toBeUndefined();
      expect(isRestricted(def, {}), name).toBe(false);
    }
    expect(mutations.get('sale.complete')?.restricted).toBeUndefined();
  });

  it('every restricted mutation is listed here (a new one must be added on purpose)', () => {
    const names = [...mutations.values()].filter((def) => def.restricted !== undefined).map((def) => def.name);
    expect(names.sort()).toEqual(
      [
        // Only when it adjusts stock (a piece sold twice settled by a substitute or found stock).
        'case.resolve',
        'catalog.createProduct',
        'category.save',
        'count.apply',
        'count.cancel',
        'count.open',
        'item.save',
        'items.bulkEdit',
        'location.save',
        'piece.receive',
        'piece.save',
        'purchaseOrder.cancel',
        'purchaseOrder.receive',
        'purchaseOrder.save',
        'purchaseOrder.send',
        'settings.update',
        'staff.save',
        'stock.receive',
        'stock.adjust',
        'stock.costCorrection',
        'stock.transfer',
        'stock.transferReceive',
      ].sort(),
    );
  });
});

describe('what each role may do on the device', () => {
  it('owners and managers may do everything; cashiers none of the withheld actions', () => {
    for (const action of STAFF_ACTIONS) {
      expect(roleCan('owner', action)).toBe(true);
      expect(roleCan('manager', action)).toBe(true);
      expect(roleCan('cashier', action)).toBe(false);
    }
  });
});

describe('the server’s verdict on who recorded a restricted mutation', () => {
  const leo = { name: 'Leo', role: 'cashier' as const, active: true };
  const ana = { name: 'Ana', role: 'manager' as const, active: true };

  it('a shop without PINs works as before: nobody named, nothing to check', () => {
    expect(refusalFor({ staffId: null, staff: undefined, pinsInUse: false })).toBeNull();
  });

  it('once PINs are in use, naming nobody is refused (a forger would leave the field out)', () => {
    expect(refusalFor({ staffId: null, staff: undefined, pinsInUse: true })).toMatchObject({ reason: 'staff-required' });
  });

  it('a cashier is refused, naming them; a manager or owner is not', () => {
    const refusal = refusalFor({ staffId: u(5), staff: leo, pinsInUse: true });
    expect(refusal).toEqual({
      reason: 'role-forbidden',
      message: 'Leo is a cashier, and cashiers cannot change prices, costs, stock or shop settings — ask a manager or owner to make it',
    });
    expect(refusalFor({ staffId: u(6), staff: ana, pinsInUse: true })).toBeNull();
    expect(refusalFor({ staffId: u(7), staff: { name: 'Margot', role: 'owner', active: true }, pinsInUse: true })).toBeNull();
  });

  it('an unknown or deactivated staff id is refused too', () => {
    expect(refusalFor({ staffId: u(9), staff: undefined, pinsInUse: true })).toMatchObject({ reason: 'role-forbidden' });
    expect(refusalFor({ staffId: u(6), staff: { ...ana, active: false }, pinsInUse: true })).toMatchObject({ reason: 'role-forbidden' });
    // Even while nobody has a PIN: a named id must be someone.
    expect(refusalFor({ staffId: u(9), staff: undefined, pinsInUse: false })).toMatchObject({ reason: 'role-forbidden' });
  });

  it('assertMayRecord throws the refusal as a DomainError', () => {
    expect(() => assertMayRecord({ staffId: u(5), staff: leo, pinsInUse: true })).toThrow(
      expect.objectContaining({ reason: 'role-forbidden' }) as Error,
    );
    try {
      assertMayRecord({ staffId: null, staff: undefined, pinsInUse: true });
      expect.unreachable();
    } catch (error) {
      expect(isDomainError(error, 'staff-required')).toBe(true);
    }
    expect(() => assertMayRecord({ staffId: u(6), staff: ana, pinsInUse: true })).not.toThrow();
  });

  it('the device’s notice says what was undone and why', () => {
    const message = refusalFor({ staffId: u(5), staff: leo, pinsInUse: true })!.message;
    expect(roleRefusalNotice('item.save', message)).toBe(
      'A price or cost change to an item was undone. Leo is a cashier, and cashiers cannot change prices, costs, stock or shop settings — ask a manager or owner to make it.',
    );
    expect(roleRefusalNotice('some.future', 'Why')).toBe('A change was undone. Why.');
  });
});
