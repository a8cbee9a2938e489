import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { applyMutation, prepare } from '../../src/domain/sync/registry';
import {
  customerMatches,
  customerRecord,
  isCalendarDate,
  nameKey,
  phoneKey,
  planCustomerQuery,
  type CustomerRecord,
} from '../../src/domain/customers';
import { memoryStore, meta } from '../factories/memory-store';

const ID = '0190b6a2-3c4d-7e5f-8a6b-0000000000c1';

/** The message `customer.save` refuses these arguments with. */
function refusal(args: Record<string, unknown>): string {
  try {
    prepare('customer.save', { id: ID, ...args });
  } catch (e) {
    expect(e).toMatchObject({ reason: 'invalid-args' });
    return (e as Error).message;
  }
  return 'accepted';
}

describe('customer.save: what it accepts', () => {
  it('needs a name on a new customer, and only a name', async () => {
    const store = memoryStore();
    await expect(applyMutation(store, 'customer.save', 1, { id: ID, phone: '555 0100' }, meta(1_000))).rejects.toMatchObject({
      reason: 'customer-name-required',
      message: 'A new customer needs a name',
    });
    await applyMutation(store, 'customer.save', 1, { id: ID, name: '  Inès  Moreau ' }, meta(2_000));
    const record = store.all('customers')[0] as CustomerRecord;
    expect(record.values).toEqual({
      name: 'Inès  Moreau',
      phone: null,
      email: null,
      ringSize: null,
      anniversary: null,
      notes: '',
      marketingConsent: false,
    });
    // The index keys: the name lower-cased without accents; no phone or email, no index entry.
    expect(record.name).toBe('ines moreau');
    expect('phone' in record || 'email' in record).toBe(false);
  });

  it('refuses bad details with a message a person can act on', () => {
    expect(refusal({ name: '   ' })).toBe('Enter the customer’s name');
    expect(refusal({ name: 'x'.repeat(101) })).toBe('A customer’s name is at most 100 characters');
    expect(refusal({ email: 'margot@' })).toBe('Enter an email address like name@example.com');
    expect(refusal({ email: 'margot at example.com' })).toBe('Enter an email address like name@example.com');
    expect(refusal({ phone: 'call me' })).toBe('A phone number has only digits, spaces and + - ( )');
    expect(refusal({ phone: '12 34' })).toBe('A phone number has 5 to 15 digits');
    expect(refusal({ anniversary: '2026-02-30' })).toBe('The anniversary is a date (yyyy-MM-dd)');
    expect(refusal({ anniversary: '14/02/2020' })).toBe('The anniversary is a date (yyyy-MM-dd)');
    expect(refusal({ notes: 'n'.repeat(2001) })).toBe('Notes are at most 2000 characters');
    expect(refusal({ marketingConsent: 'yes' })).toBe('Marketing consent is yes or no');
    expect(refusal({ loyaltyPoints: 3 })).not.toBe('accepted'); // unknown fields are refused, not stored
  });

  it('accepts good details (trimmed) and null to clear an optional one', () => {
    const { args } = prepare('customer.save', {
      id: ID,
      name: 'Margot Lefèvre',
      phone: ' +44 (0)20 7946-0958 ',
      email: 'Margot.L@Example.com',
      ringSize: 'UK N½',
      anniversary: '2019-06-22',
      notes: 'Allergic to nickel. Likes rose gold.',
      marketingConsent: true,
    });
    expect(args).toMatchObject({ phone: '+44 (0)20 7946-0958', email: 'Margot.L@Example.com' });
    expect(refusal({ phone: null, email: null, ringSize: null, anniversary: null })).toBe('accepted');
  });

  it('keeps index keys in step with the values: phone digits, email lower-cased, gone when cleared', async () => {
    const store = memoryStore();
    await applyMutation(
      store,
      'customer.save',
      1,
      { id: ID, name: 'Margot', phone: '+44 20 7946 0958', email: 'Margot@Example.com' },
      meta(1_000),
    );
    expect(store.all('customers')[0]).toMatchObject({ name: 'margot', phone: '442079460958', email: 'margot@example.com' });
    await applyMutation(store, 'customer.save', 1, { id: ID, phone: null }, meta(2_000));
    const record = store.all('customers')[0] as CustomerRecord;
    expect(record.phone).toBeUndefined();
    expect(record.email).toBe('margot@example.com');
  });
});

describe('customer.save: two devices, last writer per field', () => {
  it('a phone fixed at the stall and a ring size noted in the back office both survive, in either order', async () => {
    const create = { id: ID, name: 'Margot', phone: '555 0100' };
    const atStall: Record<string, unknown> = { id: ID, phone: '555 0199', notes: 'Wants the matching earrings' };
    const inOffice: Record<string, unknown> = { id: ID, ringSize: 'US 6½', name: 'Margot Lefèvre' };
    const created = meta(1_000, 'dev-a');
    const stamps = new Map([
      [atStall, meta(5_000, 'dev-stall')],
      [inOffice, meta(6_000, 'dev-office')],
    ]);
    const results = [];
    for (const order of [
      [atStall, inOffice],
      [inOffice, atStall],
    ]) {
      const store = memoryStore();
      await applyMutation(store, 'customer.save', 1, create, created);
      for (const edit of order) await applyMutation(store, 'customer.save', 1, edit, stamps.get(edit)!);
      results.push(store.all('customers')[0]);
    }
    expect(results[0]).toEqual(results[1]);
    expect((results[0] as CustomerRecord).values).toMatchObject({
      name: 'Margot Lefèvre',
      phone: '555 0199',
      ringSize: 'US 6½',
      notes: 'Wants the matching earrings',
    });
    expect(results[0]).toMatchObject({ name: 'margot lefevre', phone: '5550199' });
  });

  it('on the same field the later HLC wins, whichever arrives last', async () => {
    const store = memoryStore();
    await applyMutation(store, 'customer.save', 1, { id: ID, name: 'Margot' }, meta(1_000));
    await applyMutation(store, 'customer.save', 1, { id: ID, email: 'new@example.com' }, meta(9_000, 'dev-b'));
    await applyMutation(store, 'customer.save', 1, { id: ID, email: 'old@example.com' }, meta(8_000, 'dev-c'));
    expect(store.all('customers')[0]).toMatchObject({ values: { email: 'new@example.com' }, email: 'new@example.com' });
  });

  it('any set of field edits converges to the same record in any order (property)', async () => {
    const field = fc.constantFrom('name', 'phone', 'email', 'ringSize', 'notes', 'marketingConsent');
    const value = (f: string, n: number): unknown =>
      ({
        name: `Name ${n}`,
        phone: `555 01${String(n).padStart(2, '0')}`,
        email: `c${n}@example.com`,
        ringSize: `${n}`,
        notes: `note ${n}`,
        marketingConsent: n % 2 === 0,
      })[f];
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ field, n: fc.integer({ min: 0, max: 99 }), wall: fc.integer({ min: 2_000, max: 9_000 }) }), {
          minLength: 1,
          maxLength: 8,
        }),
        async (edits) => {
          const stamped = edits.map((e, i) => ({ args: { id: ID, [e.field]: value(e.field, e.n) }, meta: meta(e.wall, `dev-${i}`) }));
          const created = meta(1_000);
          const outcome = async (list: typeof stamped) => {
            const store = memoryStore();
            await applyMutation(store, 'customer.save', 1, { id: ID, name: 'First' }, created);
            for (const s of list) await applyMutation(store, 'customer.save', 1, s.args, s.meta);
            return store.all('customers')[0];
          };
          expect(await outcome([...stamped].reverse())).toEqual(await outcome(stamped));
        },
      ),
      { numRuns: 50 },
    );
  });
});

describe('search keys', () => {
  it('normalises names, phones and queries', () => {
    expect(nameKey('  Zoë   O’Brien-Smith ')).toBe('zoe o brien smith');
    expect(phoneKey('+1 (555) 010-0199')).toBe('15550100199');
    expect(planCustomerQuery('555 01')).toEqual({ words: ['555', '01'], digits: '55501', email: null });
    expect(planCustomerQuery('Margot@')).toMatchObject({ digits: null, email: 'margot@' });
    expect(planCustomerQuery('12')).toMatchObject({ digits: null });
  });

  it('matches any word start of the name, phone digits anywhere, or part of the email', () => {
    const record = customerRecord({
      id: ID,
      clocks: {},
      values: {
        name: 'Inès Moreau',
        phone: '+33 6 12 34 56 78',
        email: 'ines@atelier.fr',
        ringSize: null,
        anniversary: null,
        notes: '',
        marketingConsent: false,
      },
    });
    for (const q of ['ines', 'MOR', 'ine mo', '5678', '+33 6', 'atelier']) expect(customerMatches(record, planCustomerQuery(q))).toBe(true);
    for (const q of ['margot', 'ines x', '9999', 'oreau']) expect(customerMatches(record, planCustomerQuery(q))).toBe(false);
  });

  it('knows a calendar day', () => {
    expect(['2024-02-29', '2019-06-22', '2000-12-31'].map(isCalendarDate)).toEqual([true, true, true]);
    expect(['2023-02-29', '2019-13-01', '2019-6-22', ''].map(isCalendarDate)).toEqual([false, false, false, false]);
  });
});
