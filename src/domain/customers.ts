import * as v from 'valibot';
import { DomainError } from './errors';
import { defineMutation } from './sync/mutation';
import { applyLww, type LwwRecord } from './sync/lww';
import { basesSchema, noteOverwrittenEdits, stampBases } from './cases/overwritten';
import { tokenize } from './catalog/search';

/**
 * Customers: optional on a sale, created and edited on any device with or without the network
 * (Odoo cannot register a customer offline; Trove can). Every field is last-writer-wins by HLC,
 * so the counter tablet fixing a phone number and the owner's laptop noting a ring size both
 * survive the sync.
 */
export interface Customer {
  name: string;
  /** As typed ("+44 20 7946 0958"); compared and searched by its digits. */
  phone: string | null;
  email: string | null;
  /** Free text: sizing systems differ (US 6½, UK N, EU 52). */
  ringSize: string | null;
  /** yyyy-MM-dd: a wedding anniversary or another date worth a call. */
  anniversary: string | null;
  /** Preferences, allergies, wish lists, birthdays… */
  notes: string;
  /** Agreed to hear about new pieces and events. */
  marketingConsent: boolean;
}

/**
 * The stored record. `name`, `phone` and `email` are copied to the top level in their searchable
 * form for the table's indexes (as items keep `sku`): the name lower-cased without accents, the
 * phone as its digits, the email lower-cased. A missing phone or email has no index entry.
 */
export type CustomerRecord = LwwRecord<Customer> & { name: string; phone?: string; email?: string };

export const CUSTOMER_DEFAULTS: Customer = {
  name: '',
  phone: null,
  email: null,
  ringSize: null,
  anniversary: null,
  notes: '',
  marketingConsent: false,
};

export const CUSTOMER_LIMITS = { name: 100, phone: 30, email: 254, ringSize: 20, notes: 2000 } as const;

// ---------------------------------------------------------------------------------------------
// Search keys

/** The name as the `name` index holds it: lower case, accents removed, words joined by one space. */
export function nameKey(name: string): string {
  return tokenize(name).join(' ');
}

/** The digits of a phone number ("+44 (0)20 7946-0958" → "4402079460958"). */
export function phoneKey(phone: string): string {
  return phone.replace(/\D/g, '');
}

export function emailKey(email: string): string {
  return email.trim().toLowerCase();
}

/** The record as stored: its LWW values and clocks, plus the index keys. */
export function customerRecord(lww: LwwRecord<Customer>): CustomerRecord {
  const { phone, email, name } = lww.values;
  const record: CustomerRecord = { ...lww, name: nameKey(name) };
  if (phone) record.phone = phoneKey(phone);
  if (email) record.email = emailKey(email);
  return record;
}

/** What a search query asks for: words of a name, the digits of a phone, or (part of) an email. */
export interface CustomerQuery {
  words: string[];
  /** Set when the query reads like a phone number (3 or more digits, nothing but phone characters). */
  digits: string | null;
  /** Set when the query could be part of an email address. */
  email: string | null;
}

export function planCustomerQuery(query: string): CustomerQuery {
  const text = query.trim();
  const digits = phoneKey(text);
  const phoneLike = /^[\d\s+().-]+$/.test(text) && digits.length >= 3;
  const emailLike = text.includes('@') || /^[^\s@]+\.[^\s@]+$/.test(text) || (!phoneLike && /^[^\s]{3,}$/.test(text));
  return { words: tokenize(text), digits: phoneLike ? digits : null, email: emailLike ? emailKey(text) : null };
}

/** Whether a stored record matches: every word starts a word of the name, or the digits or email match. */
export function customerMatches(record: Pick<CustomerRecord, 'name' | 'phone' | 'email'>, q: CustomerQuery): boolean {
  const names = record.name.split(' ');
  if (q.words.length > 0 && q.words.every((w) => names.some((n) => n.startsWith(w)))) return true;
  if (q.digits !== null && record.phone !== undefined && record.phone.includes(q.digits)) return true;
  if (q.email !== null && record.email !== undefined && record.email.includes(q.email)) return true;
  return false;
}

// ---------------------------------------------------------------------------------------------
// Validation

/** True for a real calendar day in yyyy-MM-dd (not 2026-02-30). */
export function isCalendarDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const [y, m, d] = text.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

const optionalText = (label: string, max: number) =>
  v.pipe(
    v.string(`${label} is text`),
    v.trim(),
    v.minLength(1, `${label} is empty: clear it instead`),
    v.maxLength(max, `${label} is at most ${max} characters`),
  );

export const customerPatchSchema = v.strictObject({
  id: v.pipe(v.string(), v.uuid('Customer id must be a UUID')),
  name: v.optional(
    v.pipe(
      v.string('Enter the customer’s name'),
      v.trim(),
      v.minLength(1, 'Enter the customer’s name'),
      v.maxLength(CUSTOMER_LIMITS.name, `A customer’s name is at most ${CUSTOMER_LIMITS.name} characters`),
    ),
  ),
  phone: v.optional(
    v.nullable(
      v.pipe(
        v.string('A phone number is text'),
        v.trim(),
        v.regex(/^\+?[\d\s().-]+$/, 'A phone number has only digits, spaces and + - ( )'),
        v.maxLength(CUSTOMER_LIMITS.phone, `A phone number is at most ${CUSTOMER_LIMITS.phone} characters`),
        v.check((s) => {
          const n = phoneKey(s).length;
          return n >= 5 && n <= 15;
        }, 'A phone number has 5 to 15 digits'),
      ),
    ),
  ),
  email: v.optional(
    v.nullable(
      v.pipe(
        v.string('An email address is text'),
        v.trim(),
        v.maxLength(CUSTOMER_LIMITS.email, `An email address is at most ${CUSTOMER_LIMITS.email} characters`),
        v.email('Enter an email address like name@example.com'),
      ),
    ),
  ),
  ringSize: v.optional(v.nullable(optionalText('Ring size', CUSTOMER_LIMITS.ringSize))),
  anniversary: v.optional(
    v.nullable(v.pipe(v.string('The anniversary is a date'), v.check(isCalendarDate, 'The anniversary is a date (yyyy-MM-dd)'))),
  ),
  notes: v.optional(
    v.pipe(
      v.string('Notes are text'),
      v.trim(),
      v.maxLength(CUSTOMER_LIMITS.notes, `Notes are at most ${CUSTOMER_LIMITS.notes} characters`),
    ),
  ),
  marketingConsent: v.optional(v.boolean('Marketing consent is yes or no')),
});

export type CustomerPatch = v.InferOutput<typeof customerPatchSchema>;

/**
 * Creates a customer (a patch with a name for an id not seen yet) or edits one, field by field:
 * the last writer by HLC wins per field. Any device may do it — a cashier at a market stall
 * registers customers as readily as the owner.
 */
export const saveCustomer = defineMutation({
  name: 'customer.save',
  version: 1,
  tables: ['customers', 'cases'],
  schema: v.strictObject({ ...customerPatchSchema.entries, bases: basesSchema }),
  stamp: stampBases('customers', (a) => ({ id: a.id, patch: a })),
  async apply(store, { id, bases, ...patch }, meta) {
    const current = (await store.get('customers', id)) as CustomerRecord | undefined;
    if (!current && patch.name === undefined) {
      throw new DomainError('customer-name-required', 'A new customer needs a name', { id });
    }
    await noteOverwrittenEdits(store, 'customers', id, patch, meta, bases);
    const next = applyLww(current, id, CUSTOMER_DEFAULTS, patch, meta.hlc);
    await store.put('customers', customerRecord(next));
  },
});
