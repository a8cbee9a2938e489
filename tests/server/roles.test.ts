import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { ItemRecord } from '../../src/domain/catalog/item';
import type { SaleRecord } from '../../src/domain/sale/types';
import type { StaffPin } from '../../src/domain/staff';
import type { Mutation } from '../../src/domain/sync/mutation';
import type { PairResponse } from '../../src/domain/sync/protocol';
import { STORE_VARIANTS } from './helpers/databases';
import { hlcAt, mutation as baseMutation, useSyncServer, type SyncServer } from './helpers/sync';

const PIN: StaffPin = { algorithm: 'PBKDF2-SHA256', iterations: 210_000, salt: 'AAAAAAAAAAAAAAAAAAAAAA==', hash: 'A'.repeat(43) + '=' };

// Each edit gets a later HLC than the last (two in the same millisecond would tie, and a tie does
// not overwrite a field), so the order the test sends them in is the order they take effect.
let wall = Date.now() - 60_000;
const mutation = (id: number, name: string, args: unknown, options: { v?: number } = {}): Mutation =>
  baseMutation(id, name, args, { ...options, hlc: hlcAt('test', (wall += 1)) });
const settingsUpdate = (id: number, patch: Record<string, unknown>): Mutation => mutation(id, 'settings.update', { patch });

/** A mutation recorded under `staffId` (the envelope field the device stamps from who is signed in). */
const by = (staffId: string | null | undefined, m: Mutation): Mutation => (staffId === undefined ? m : { ...m, staffId });

/** A device's consecutive mutation ids, so each test reads as a story. */
function counter(): () => number {
  let next = 0;
  return () => (next += 1);
}

async function record<T>(sync: SyncServer, device: PairResponse, table: string, id: string): Promise<T | undefined> {
  const found = (await sync.pullAll(device))
    .flatMap((page) => page.records)
    .filter((r) => r.table === table && r.id === id)
    .at(-1);
  return found?.data as T | undefined;
}

/** A ring at 30.00 with stock, on the floor, and an open shift: enough to sell it. */
function shopSetup(staffId: string | null, next: () => number) {
  const floor = randomUUID();
  const ring = randomUUID();
  const shiftId = randomUUID();
  const mutations = [
    by(staffId, mutation(next(), 'location.save', { id: floor, name: 'Shop floor', kind: 'floor' }, { v: 2 })),
    by(
      staffId,
      mutation(next(), 'catalog.createProduct', {
        product: { id: randomUUID(), title: 'Ring' },
        items: [{ id: ring, sku: `RING-${ring.slice(0, 6)}`, price: 3000, cost: 1000, tracking: 'quantity' }],
      }),
    ),
    by(
      staffId,
      mutation(next(), 'stock.receive', {
        eventId: randomUUID(),
        lotId: randomUUID(),
        itemId: ring,
        locationId: floor,
        quantity: 5,
        unitCost: 1000,
        supplierId: null,
        source: 'manual',
      }),
    ),
    by(
      staffId,
      mutation(next(), 'shift.open', {
        shiftId,
        registerCode: 'R1',
        locationId: floor,
        openingFloat: 5000,
        staffId,
        businessDay: '2026-11-27',
      }),
    ),
  ];
  return { floor, ring, shiftId, mutations };
}

/** A sale of the ring at half price (over the approval limit): recorded by `seller`, approved by `approver`. */
function halfPriceSale(id: number, shop: { floor: string; ring: string; shiftId: string }, seller: string | null, approver: string | null) {
  const saleId = randomUUID();
  const m = mutation(id, 'sale.complete', {
    saleId,
    receiptNumber: `R1-${String(id).padStart(6, '0')}`,
    shiftId: shop.shiftId,
    businessDay: '2026-11-27',
    locationId: shop.floor,
    staffId: seller,
    approvedBy: approver,
    customerId: null,
    taxMode: 'exclusive',
    lines: [
      {
        lineId: randomUUID(),
        itemId: shop.ring,
        pieceId: null,
        title: 'Ring',
        sku: 'RING-1',
        quantity: 1,
        unitPrice: 3000,
        priceOverridden: false,
        taxRateBp: 0,
        discount: { kind: 'percent', bp: 5000, reason: 'Friend of the shop' },
        eventId: randomUUID(),
        components: [],
      },
    ],
    saleDiscount: null,
    tenders: [{ id: randomUUID(), kind: 'card', amount: 1500, method: null, reference: null }],
    cashIncrement: 0,
  });
  return { saleId, m: by(seller, m) };
}

// ARCHITECTURE §10: PINs are a convenience gate; the server's own role checks are the boundary.
// Price, cost, stock and settings changes recorded under a cashier are rejected whatever the
// device says; sales and returns are always accepted (an unapproved big discount is flagged).
for (const variant of STORE_VARIANTS) {
  describe.skipIf(variant.skip)(`roles on the server, a shop with staff PINs ${variant.tag}`, () => {
    const sync = useSyncServer(variant);
    const margot = randomUUID(); // owner
    const nadia = randomUUID(); // manager
    const leo = randomUUID(); // cashier
    let owner: PairResponse;
    let next: () => number;
    let shop: ReturnType<typeof shopSetup>;

    it('sets up: the first owner’s PIN needs nobody signed in; everything after it names Margot', async () => {
      owner = await sync.pair('owner', 'Back office');
      next = counter();
      const staff = await sync.pushOk(owner, [
        by(null, mutation(next(), 'staff.save', { id: margot, name: 'Margot', role: 'owner', pin: PIN })),
        by(margot, mutation(next(), 'staff.save', { id: nadia, name: 'Nadia', role: 'manager', pin: PIN })),
        by(margot, mutation(next(), 'staff.save', { id: leo, name: 'Leo', role: 'cashier', pin: PIN })),
      ]);
      expect(staff.results.map((r) => r.status)).toEqual(['applied', 'applied', 'applied']);
      shop = shopSetup(margot, next);
      const setup = await sync.pushOk(owner, shop.mutations);
      expect(setup.results.map((r) => r.status)).toEqual(['applied', 'applied', 'applied', 'applied']);
    });

    it('a cashier’s price change is rejected `role-forbidden` and the price stays; a manager’s is applied', async () => {
      const forged = by(leo, mutation(next(), 'item.save', { id: shop.ring, patch: { price: 100 } }));
      const cashier = await sync.pushOk(owner, [forged]);
      expect(cashier.results).toEqual([
        {
          id: forged.id,
          status: 'rejected',
          reason: 'role-forbidden',
          message: 'Leo is a cashier, and cashiers cannot change prices, costs, stock or shop settings — ask a manager or owner to make it',
        },
      ]);
      expect((await record<ItemRecord>(sync, owner, 'items', shop.ring))?.values.price).toBe(3000);

      const manager = await sync.pushOk(owner, [
        by(nadia, mutation(next(), 'item.save', { id: shop.ring, patch: { price: 3500, cost: 1100 } })),
      ]);
      expect(manager.results.map((r) => r.status)).toEqual(['applied']);
      expect((await record<ItemRecord>(sync, owner, 'items', shop.ring))?.values).toMatchObject({ price: 3500, cost: 1100 });
    });

    it('a cashier may still edit what is not price, cost, stock or settings (an item’s tags)', async () => {
      const res = await sync.pushOk(owner, [by(leo, mutation(next(), 'item.save', { id: shop.ring, patch: { tags: ['bestseller'] } }))]);
      expect(res.results.map((r) => r.status)).toEqual(['applied']);
      expect((await record<ItemRecord>(sync, owner, 'items', shop.ring))?.values.tags).toEqual(['bestseller']);
    });

    it('cost, stock, locations, bulk prices, new products and settings under a cashier are all rejected', async () => {
      const sent = [
        by(leo, mutation(next(), 'item.save', { id: shop.ring, patch: { cost: 1 } })),
        by(leo, mutation(next(), 'items.bulkEdit', { itemIds: [shop.ring], price: 1 })),
        by(
          leo,
          mutation(next(), 'stock.receive', {
            eventId: randomUUID(),
            lotId: randomUUID(),
            itemId: shop.ring,
            locationId: shop.floor,
            quantity: 100,
            unitCost: 1,
            supplierId: null,
            source: 'manual',
          }),
        ),
        by(
          leo,
          mutation(next(), 'stock.adjust', {
            eventId: randomUUID(),
            itemId: shop.ring,
            pieceId: null,
            locationId: shop.floor,
            quantity: -5,
            reason: 'stolen',
            note: '',
          }),
        ),
        by(
          leo,
          mutation(next(), 'stock.transfer', {
            transferId: randomUUID(),
            itemId: shop.ring,
            pieceId: null,
            fromLocationId: shop.floor,
            toLocationId: randomUUID(),
            quantity: 1,
            outEventId: randomUUID(),
            inEventId: null,
          }),
        ),
        by(leo, mutation(next(), 'location.save', { id: shop.floor, archived: true }, { v: 2 })),
        by(
          leo,
          mutation(next(), 'catalog.createProduct', {
            product: { id: randomUUID(), title: 'Fake' },
            items: [{ id: randomUUID(), sku: 'FAKE-1', price: 1 }],
          }),
        ),
        by(leo, settingsUpdate(next(), { approvalThresholdBp: 10_000 })),
        by(leo, mutation(next(), 'staff.save', { id: leo, role: 'owner' })),
      ];
      const res = await sync.pushOk(owner, sent);
      expect(res.results.map((r) => [r.status, r.reason])).toEqual(sent.map(() => ['rejected', 'role-forbidden']));
      expect(res.lastMutationId).toBe(sent.at(-1)!.id); // every id consumed: the queue moves on
      expect((await record<ItemRecord>(sync, owner, 'items', shop.ring))?.values).toMatchObject({ price: 3500, cost: 1100 });
      expect((await record<{ values: { role: string } }>(sync, owner, 'staff', leo))?.values.role).toBe('cashier');
    });

    it('once PINs are in use, a restricted change that names nobody is rejected `staff-required`', async () => {
      const sent = [
        mutation(next(), 'item.save', { id: shop.ring, patch: { price: 1 } }),
        by(null, mutation(next(), 'item.save', { id: shop.ring, patch: { price: 1 } })),
      ];
      const res = await sync.pushOk(owner, sent);
      expect(res.results.map((r) => [r.status, r.reason])).toEqual([
        ['rejected', 'staff-required'],
        ['rejected', 'staff-required'],
      ]);
      expect(res.results[0]?.message).toMatch(/manager or owner signed in with their PIN/);
    });

    it('a staff id the shop does not have, or someone deactivated, is rejected too', async () => {
      const gone = randomUUID();
      const res = await sync.pushOk(owner, [
        by(gone, mutation(next(), 'item.save', { id: shop.ring, patch: { price: 1 } })),
        by(margot, mutation(next(), 'staff.save', { id: nadia, active: false })),
        by(nadia, mutation(next(), 'item.save', { id: shop.ring, patch: { price: 1 } })),
        by(margot, mutation(next(), 'staff.save', { id: nadia, active: true })),
        // A role change applies to what follows in the same push.
        by(margot, mutation(next(), 'staff.save', { id: leo, role: 'manager' })),
        by(leo, mutation(next(), 'item.save', { id: shop.ring, patch: { compareAtPrice: 4000 } })),
        by(margot, mutation(next(), 'staff.save', { id: leo, role: 'cashier' })),
        by(leo, mutation(next(), 'item.save', { id: shop.ring, patch: { compareAtPrice: 5000 } })),
      ]);
      expect(res.results.map((r) => [r.status, r.reason])).toEqual([
        ['rejected', 'role-forbidden'],
        ['applied', undefined],
        ['rejected', 'role-forbidden'],
        ['applied', undefined],
        ['applied', undefined],
        ['applied', undefined],
        ['applied', undefined],
        ['rejected', 'role-forbidden'],
      ]);
      expect((await record<ItemRecord>(sync, owner, 'items', shop.ring))?.values).toMatchObject({ price: 3500, compareAtPrice: 4000 });
    });

    it('a cashier’s sale at half price is applied and flagged; naming themselves as approver does not help', async () => {
      const unapproved = halfPriceSale(next(), shop, leo, null);
      const selfApproved = halfPriceSale(next(), shop, leo, leo);
      const approved = halfPriceSale(next(), shop, leo, nadia);
      const res = await sync.pushOk(owner, [unapproved.m, selfApproved.m, approved.m]);
      expect(res.results.map((r) => r.status)).toEqual(['applied', 'applied', 'applied']);
      expect(await record<SaleRecord>(sync, owner, 'sales', unapproved.saleId)).toMatchObject({
        total: 1500,
        staffId: leo,
        flagged: 'unapproved-discount',
      });
      expect(await record<SaleRecord>(sync, owner, 'sales', selfApproved.saleId)).toMatchObject({ flagged: 'unapproved-discount' });
      expect(await record<SaleRecord>(sync, owner, 'sales', approved.saleId)).toMatchObject({ flagged: null, approvedBy: nadia });
    });

    it('who recorded it is part of the payload: resending under someone else is a conflict, not a way in', async () => {
      const change = mutation(next(), 'item.save', { id: shop.ring, patch: { price: 2 } });
      const first = await sync.pushOk(owner, [by(leo, change)]);
      expect(first.results[0]).toMatchObject({ status: 'rejected', reason: 'role-forbidden' });
      const same = await sync.pushOk(owner, [by(leo, change)]);
      expect(same.results[0]).toMatchObject({ status: 'duplicate', original: 'rejected', reason: 'role-forbidden' });
      const swapped = await sync.push(owner, [by(nadia, change)]);
      expect(swapped.status).toBe(409);
      expect(swapped.json()).toMatchObject({ error: 'mutation-conflict' });
    });

    it('a row from an older app (no staffId) and the same row resent with `staffId: null` are one mutation', async () => {
      const change = mutation(next(), 'item.save', { id: shop.ring, patch: { tags: ['gift'] } });
      expect((await sync.pushOk(owner, [change])).results[0]).toMatchObject({ status: 'applied' });
      expect((await sync.pushOk(owner, [by(null, change)])).results[0]).toMatchObject({ status: 'duplicate', original: 'applied' });
    });
  });

  describe.skipIf(variant.skip)(`roles on the server, a shop without staff ${variant.tag}`, () => {
    const sync = useSyncServer(variant);

    it('works as before: price changes, stock and settings with nobody named are applied, big discounts are not flagged', async () => {
      const device = await sync.pair('owner');
      const next = counter();
      const shop = shopSetup(null, next);
      const sale = halfPriceSale(5, shop, null, null);
      next(); // the sale's id
      const sent = [
        ...shop.mutations,
        sale.m,
        mutation(next(), 'item.save', { id: shop.ring, patch: { price: 4200, cost: 1500 } }),
        by(null, mutation(next(), 'items.bulkEdit', { itemIds: [shop.ring], price: 4500 })),
        settingsUpdate(next(), { shopName: 'Gold & Co' }),
      ];
      const res = await sync.pushOk(device, sent);
      expect(res.results.map((r) => r.status)).toEqual(sent.map(() => 'applied'));
      expect((await record<ItemRecord>(sync, device, 'items', shop.ring))?.values).toMatchObject({ price: 4500, cost: 1500 });
      expect(await record<SaleRecord>(sync, device, 'sales', sale.saleId)).toMatchObject({ total: 1500, flagged: null });
    });
  });
}
