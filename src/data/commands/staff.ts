import { DomainError } from '../../domain/errors';
import {
  assertOwnerCanUnlock,
  assertPinValid,
  canUnlock,
  type Staff,
  type StaffPin,
  type StaffRecord,
  type StaffRole,
} from '../../domain/staff';
import { prepare } from '../../domain/sync/registry';
import { hashPin, verifyPin } from '../pin';
import { readStaffRecords } from '../queries/staff';
import { newId } from './ids';
import { perform, type Env } from './perform';

/**
 * Staff commands. A PIN is checked and hashed here, before `perform`, so the digits never reach
 * the outbox, the server or another device — only the salted hash does. (Hashing is WebCrypto,
 * which cannot run inside a Dexie transaction, so it happens first.)
 */

export interface NewStaff {
  name: string;
  role: StaffRole;
  pin: string;
}

export type StaffEdit = Partial<Pick<Staff, 'name' | 'role' | 'active'>>;

type Unlocking = { role: StaffRole; active: boolean; pin: object | null };

/** The staff list as it would be after `id` took `change`: to check the owner rule first. */
function withChange(records: StaffRecord[], id: string, change: Partial<Unlocking>): Unlocking[] {
  const values: Unlocking[] = records.filter((r) => r.id !== id).map((r) => r.values);
  const current: Unlocking = records.find((r) => r.id === id)?.values ?? { role: 'cashier', active: true, pin: null };
  return [...values, { ...current, ...change }];
}

/**
 * Two people with one PIN would make the approval PIN pad ambiguous (and let a cashier approve
 * as a manager), so a PIN someone else can unlock with is refused. The owner sets PINs, so saying
 * it is taken tells them nothing they could not try anyway.
 */
async function assertPinFree(records: StaffRecord[], exceptId: string, pin: string): Promise<void> {
  const others = records.filter((r) => r.id !== exceptId && canUnlock(r.values));
  const matches = await Promise.all(others.map((r) => verifyPin(pin, r.values.pin!)));
  if (matches.some(Boolean)) throw new DomainError('pin-taken', 'Someone else already uses this PIN — choose a different one');
}

async function hashedPin(env: Env, records: StaffRecord[], id: string, pin: string): Promise<StaffPin> {
  assertPinValid(pin);
  await assertPinFree(records, id, pin);
  return hashPin(pin, env.random);
}

/** Adds someone with a PIN; returns their new id. */
export async function addStaff(env: Env, input: NewStaff): Promise<string> {
  const id = newId(env);
  const records = await readStaffRecords(env.db);
  // Name, role and the owner rule first: their messages should not wait for the hash.
  prepare('staff.save', { id, name: input.name, role: input.role, active: true });
  assertOwnerCanUnlock(withChange(records, id, { role: input.role, active: true, pin: {} }));
  const pin = await hashedPin(env, records, id, input.pin);
  await perform(env, 'staff.save', { id, name: input.name, role: input.role, active: true, pin });
  return id;
}

/** Renames, changes the role of, deactivates or reactivates someone. */
export async function updateStaff(env: Env, id: string, edit: StaffEdit): Promise<void> {
  const records = await readStaffRecords(env.db);
  if (!records.some((r) => r.id === id)) throw new DomainError('staff-not-found', 'No such staff member', { id });
  assertOwnerCanUnlock(withChange(records, id, edit));
  await perform(env, 'staff.save', { id, ...edit });
}

/** Sets a new PIN for someone (the owner's "Reset PIN"): validated and hashed on this device. */
export async function setStaffPin(env: Env, id: string, pin: string): Promise<void> {
  const records = await readStaffRecords(env.db);
  if (!records.some((r) => r.id === id)) throw new DomainError('staff-not-found', 'No such staff member', { id });
  await perform(env, 'staff.save', { id, pin: await hashedPin(env, records, id, pin) });
}
