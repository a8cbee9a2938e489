import { DomainError } from '../../domain/errors';
import type { Customer, CustomerPatch, CustomerRecord } from '../../domain/customers';
import { newId } from './ids';
import { perform, type Env } from './perform';

/**
 * Customer commands. A form hands over what the person typed: text is trimmed here and an emptied
 * optional field becomes null (cleared), so the mutation only ever sees meaningful values.
 */

/** A new customer: a name, and whatever else is known. */
export type NewCustomer = { name: string } & Partial<Omit<Customer, 'name'>>;

/** Only the fields that changed (so an edit elsewhere to another field survives). */
export type CustomerEdit = Partial<Customer>;

const CLEARABLE = ['phone', 'email', 'ringSize', 'anniversary'] as const;

/** Trims text and turns an emptied optional field into null. */
export function cleanCustomer(edit: CustomerEdit): Omit<CustomerPatch, 'id'> {
  const out: Omit<CustomerPatch, 'id'> = {};
  if (edit.name !== undefined) out.name = edit.name.trim();
  for (const field of CLEARABLE) {
    const value = edit[field];
    if (value === undefined) continue;
    const text = value === null ? '' : value.trim();
    out[field] = text === '' ? null : text;
  }
  if (edit.notes !== undefined) out.notes = edit.notes.trim();
  if (edit.marketingConsent !== undefined) out.marketingConsent = edit.marketingConsent;
  return out;
}

/** Registers a customer on this device (no network needed); returns the new id. */
export async function createCustomer(env: Env, input: NewCustomer): Promise<string> {
  const id = newId(env);
  await perform(env, 'customer.save', { id, ...cleanCustomer(input) });
  return id;
}

/** Changes some of a customer's details; nothing is written when nothing changed. */
export async function updateCustomer(env: Env, id: string, edit: CustomerEdit): Promise<void> {
  const current = (await env.db.customers.get(id)) as unknown as CustomerRecord | undefined;
  if (!current) throw new DomainError('customer-not-found', 'No such customer — it may not have synced to this device yet', { id });
  const patch = cleanCustomer(edit);
  const changed = Object.fromEntries(
    Object.entries(patch).filter(([field, value]) => current.values[field as keyof Customer] !== value),
  ) as Omit<CustomerPatch, 'id'>;
  if (Object.keys(changed).length === 0) return;
  await perform(env, 'customer.save', { id, ...changed });
}
