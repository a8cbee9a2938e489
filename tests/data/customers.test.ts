import { describe, expect, it } from 'vitest';
import { createCustomer, updateCustomer } from '../../src/data/commands/customers';
import { completeSale, type CartLine } from '../../src/data/commands/sales';
import { contactMatches, customerHistory, readCustomer, searchCustomers } from '../../src/data/queries/customers';
import { newId } from '../../src/data/commands/ids';
import type { ReturnRecord } from '../../src/domain/sale/types';
import { testEnv } from '../factories/env';
import { registerShop, ringLine } from '../factories/register-shop';

type TestEnv = ReturnType<typeof testEnv>;

async function shopWithCustomers(env: TestEnv) {
  const ines = await createCustomer(env, { name: 'Inès Moreau', phone: '+33 6 12 34 56 78', email: 'ines@atelier.fr' });
  const margot = await createCustomer(env, { name: 'Margot Lefèvre', phone: '020 7946 0958', ringSize: 'UK N' });
  const jane = await createCustomer(env, { name: 'Jane Smith', email: 'Jane.Smith@Example.com' });
  const smithy = await createCustomer(env, { name: 'Smithson Alder' });
  return { ines, margot, jane, smithy };
}

const names = (r: { customers: { name: string }[] }) => r.customers.map((c) => c.name);

describe('customer commands', () => {
  it('creates a customer offline with one outbox row; empty optional fields are stored as cleared', async () => {
    const env = testEnv();
    const id = await createCustomer(env, { name: ' Inès Moreau ', phone: '', email: '  ', notes: ' Likes opals ' });
    expect(await readCustomer(env.db, id)).toEqual({
      id,
      name: 'Inès Moreau',
      phone: null,
      email: null,
      ringSize: null,
      anniversary: null,
      notes: 'Likes opals',
      marketingConsent: false,
    });
    const outbox = await env.db.outbox.toArray();
    expect(outbox.map((r) => [r.name, r.args])).toEqual([
      // A new customer: its device had no value of any field (bases all null).
      [
        'customer.save',
        {
          id,
          name: 'Inès Moreau',
          phone: null,
          email: null,
          notes: 'Likes opals',
          bases: { name: null, phone: null, email: null, notes: null },
        },
      ],
    ]);
  });

  it('an edit queues only the fields that changed, and nothing when nothing did', async () => {
    const env = testEnv();
    const id = await createCustomer(env, { name: 'Margot', phone: '555 0100' });
    await updateCustomer(env, id, { name: 'Margot', phone: '555 0100 ', ringSize: 'US 6' });
    await updateCustomer(env, id, { name: 'Margot', phone: '555 0100' });
    const outbox = await env.db.outbox.toArray();
    expect(outbox.map((r) => r.args)).toEqual([
      { id, name: 'Margot', phone: '555 0100', bases: { name: null, phone: null } },
      { id, ringSize: 'US 6', bases: { ringSize: null } },
    ]);
  });

  it('refuses bad details and unknown customers with a clear message, writing nothing', async () => {
    const env = testEnv();
    await expect(createCustomer(env, { name: '' })).rejects.toMatchObject({ message: 'Enter the customer’s name' });
    await expect(createCustomer(env, { name: 'A', email: 'a@' })).rejects.toMatchObject({
      message: 'Enter an email address like name@example.com',
    });
    await expect(updateCustomer(env, newId(env), { name: 'Ghost' })).rejects.toMatchObject({ reason: 'customer-not-found' });
    expect(await env.db.customers.count()).toBe(0);
    expect(await env.db.outbox.count()).toBe(0);
  });
});

describe('searching customers', () => {
  it('finds by name start, any later word, phone digits and email; sorted by name', async () => {
    const env = testEnv();
    await shopWithCustomers(env);
    expect(names(await searchCustomers(env.db, 'ines'))).toEqual(['Inès Moreau']);
    expect(names(await searchCustomers(env.db, 'SMITH'))).toEqual(['Jane Smith', 'Smithson Alder']);
    expect(names(await searchCustomers(env.db, 'jane sm'))).toEqual(['Jane Smith']);
    expect(names(await searchCustomers(env.db, '7946 0958'))).toEqual(['Margot Lefèvre']);
    expect(names(await searchCustomers(env.db, '+33 6 12'))).toEqual(['Inès Moreau']);
    expect(names(await searchCustomers(env.db, 'jane.smith@ex'))).toEqual(['Jane Smith']);
    expect(names(await searchCustomers(env.db, 'atelier'))).toEqual(['Inès Moreau']);
    expect(names(await searchCustomers(env.db, 'nobody'))).toEqual([]);
  });

  it('lists everyone by name a page at a time, and says when a search has more', async () => {
    const env = testEnv();
    await shopWithCustomers(env);
    expect(await searchCustomers(env.db, '', 3)).toMatchObject({ more: true });
    expect(names(await searchCustomers(env.db, '', 3))).toEqual(['Inès Moreau', 'Jane Smith', 'Margot Lefèvre']);
    expect(await searchCustomers(env.db, '', 3, 1)).toMatchObject({ customers: [{ name: 'Smithson Alder' }], more: false });
    expect(await searchCustomers(env.db, 'smith', 1)).toMatchObject({ customers: [{ name: 'Jane Smith' }], more: true });
  });

  it('follows edits: a new name or phone is found by its new value, not its old one', async () => {
    const env = testEnv();
    const { margot } = await shopWithCustomers(env);
    await updateCustomer(env, margot, { name: 'Margot Durand', phone: '555 0199' });
    expect(names(await searchCustomers(env.db, 'durand'))).toEqual(['Margot Durand']);
    expect(names(await searchCustomers(env.db, 'lefevre'))).toEqual([]);
    expect(names(await searchCustomers(env.db, '0199'))).toEqual(['Margot Durand']);
    expect(names(await searchCustomers(env.db, '7946'))).toEqual([]);
  });

  it('offers the customers who already have a phone or email before a duplicate is made', async () => {
    const env = testEnv();
    const { ines, margot } = await shopWithCustomers(env);
    expect(await contactMatches(env.db, { phone: '+33612345678', email: 'INES@atelier.fr' })).toEqual([
      { id: ines, name: 'Inès Moreau', phone: '+33 6 12 34 56 78', email: 'ines@atelier.fr', same: ['phone', 'email'] },
    ]);
    expect(await contactMatches(env.db, { phone: '020 7946 0958' }, margot)).toEqual([]);
    expect(await contactMatches(env.db, { phone: '', email: null })).toEqual([]);
  });
});

describe('purchase history', () => {
  const line = ringLine;

  it('lists a customer’s sales and returns newest first, with lifetime spend net of refunds', async () => {
    const env = testEnv();
    const shop = await registerShop(env);
    const { ines, margot } = await shopWithCustomers(env);
    const sell = async (customerId: string | null, lines: CartLine[], amount: number) => {
      env.clock.advance(60_000);
      return completeSale(env, {
        shiftId: shop.shiftId,
        locationId: shop.floor,
        lines,
        saleDiscount: null,
        tenders: [{ kind: 'card', amount, method: null, reference: null }],
        staffId: null,
        approvedBy: null,
        customerId,
      });
    };
    const first = await sell(ines, [line(env, shop.ring, 2)], 6000);
    await sell(margot, [line(env, shop.ring, 1)], 3000);
    await sell(null, [line(env, shop.ring, 1)], 3000);
    const second = await sell(
      ines,
      [line(env, shop.ooak, 1, { pieceId: shop.piece, title: 'One-of-a-kind ring', sku: 'OOAK-1', unitPrice: 89_000 })],
      89_000,
    );

    // A return of one ring from the first sale (written as the returns screen would store it).
    env.clock.advance(60_000);
    const returned: ReturnRecord = {
      id: newId(env),
      saleId: first.saleId,
      receiptNumber: first.receiptNumber,
      shiftId: shop.shiftId,
      businessDay: '2026-11-27',
      occurredAt: new Date(env.clock.now()).toISOString(),
      hlc: 'x',
      deviceId: 'dev-a',
      staffId: null,
      approvedBy: null,
      customerId: ines,
      reason: 'Wrong size',
      taxMode: 'exclusive',
      lines: [
        {
          saleLineId: null,
          itemId: shop.ring,
          pieceId: null,
          title: 'Stacking ring',
          sku: 'RING-1',
          quantity: 1,
          net: 3000,
          tax: 0,
          total: 3000,
          cogs: 1000,
          locationId: shop.floor,
          eventIds: [],
        },
      ],
      netTotal: 3000,
      taxTotal: 0,
      total: 3000,
      refunds: [{ kind: 'card', amount: 3000, method: null, reference: null, creditId: null }],
      kind: 'return',
    };
    await env.db.returns.put(returned);

    const history = await customerHistory(env.db, ines);
    expect(history.entries.map((e) => [e.kind, e.receiptNumber, e.total])).toEqual([
      ['return', first.receiptNumber, 3000],
      ['sale', second.receiptNumber, 89_000],
      ['sale', first.receiptNumber, 6000],
    ]);
    expect(history.entries[2]).toMatchObject({
      items: [{ title: 'Stacking ring', sku: 'RING-1', quantity: 2 }],
      returned: 3000,
      voided: false,
    });
    expect(history).toMatchObject({ visits: 2, lifetimeSpend: 6000 + 89_000 - 3000, averageSale: (6000 + 89_000) / 2 });
    expect(history.lastVisit! > history.firstVisit!).toBe(true);

    // Voiding a sale takes all of it out of the spend, however the void was recorded.
    await env.db.sales.update(second.saleId, { status: 'voided' });
    expect(await customerHistory(env.db, ines)).toMatchObject({ visits: 1, lifetimeSpend: 3000 });

    // A return without a receipt, recorded for the customer, is refunded spend too.
    await env.db.returns.put({
      ...returned,
      id: newId(env),
      saleId: null,
      receiptNumber: null,
      total: 1000,
      occurredAt: new Date(env.clock.now() + 1).toISOString(),
    });
    const after = await customerHistory(env.db, ines);
    expect(after.entries[0]).toMatchObject({ kind: 'return', receiptNumber: null, total: 1000 });
    expect(after.lifetimeSpend).toBe(2000);

    expect(await customerHistory(env.db, margot)).toMatchObject({ visits: 1, lifetimeSpend: 3000 });
    expect(await customerHistory(env.db, newId(env))).toEqual({
      entries: [],
      visits: 0,
      lifetimeSpend: 0,
      averageSale: 0,
      firstVisit: null,
      lastVisit: null,
    });
  });
});
