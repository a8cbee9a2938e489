import * as v from 'valibot';
import { DomainError } from './errors';
import { defineMutation } from './sync/mutation';
import { applyLww, type LwwRecord } from './sync/lww';

/**
 * Staff and their PINs. A PIN is a convenience gate that records who did what, not a security
 * boundary (ARCHITECTURE §10): the hashes live on every device and 4–6 digits can be brute-forced
 * from a stolen tablet. The boundary is the device token and the server's owner-only checks.
 */
export const STAFF_ROLES = ['owner', 'manager', 'cashier'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

export const ROLE_LABELS: Record<StaffRole, string> = { owner: 'Owner', manager: 'Manager', cashier: 'Cashier' };

export const PIN_ALGORITHM = 'PBKDF2-SHA256';
/** Fewer iterations than this are refused; the hash records its own count so it can grow later. */
export const MIN_PIN_ITERATIONS = 100_000;

/** How a PIN is stored: only its salted, stretched hash ever leaves the PIN pad. */
export interface StaffPin {
  algorithm: typeof PIN_ALGORITHM;
  iterations: number;
  /** Base64, 16–64 random bytes. */
  salt: string;
  /** Base64, the 32-byte PBKDF2 output. */
  hash: string;
}

export interface Staff {
  name: string;
  role: StaffRole;
  active: boolean;
  pin: StaffPin | null;
}

/** `name` is copied to the top level for the table's name index (as suppliers do). */
export type StaffRecord = LwwRecord<Staff> & { name: string };

const DEFAULTS: Staff = { name: '', role: 'cashier', active: true, pin: null };

/** Whoever may approve a big discount or a price override at the register. */
export function canApprove(role: StaffRole): boolean {
  return role === 'manager' || role === 'owner';
}

/** Adding staff, changing roles and resetting PINs is the owner's (the mutation is owner-only too). */
export function canManageStaff(role: StaffRole): boolean {
  return role === 'owner';
}

/** Whether this person can unlock the register: active, with a PIN set. */
export function canUnlock(staff: { active: boolean; pin: object | null }): boolean {
  return staff.active && staff.pin !== null;
}

/**
 * Once anyone can unlock the register, an owner must be able to as well: only an owner manages
 * staff, so without one nobody could add people or reset a forgotten PIN. Checked on the device
 * before a change is queued (not in `apply`: edits from two owner devices may cross in sync).
 */
export function assertOwnerCanUnlock(staff: readonly { role: StaffRole; active: boolean; pin: object | null }[]): void {
  if (staff.some(canUnlock) && !staff.some((s) => s.role === 'owner' && canUnlock(s))) {
    throw new DomainError(
      'owner-pin-needed',
      'An active owner needs a PIN: once PINs are in use, only an owner can add staff or reset PINs',
    );
  }
}

// ---------------------------------------------------------------------------------------------
// PIN rules

export type PinCheck = { ok: true } | { ok: false; reason: 'pin-format' | 'pin-repeated' | 'pin-sequence'; message: string };

/** True for 1234, 3456, 0123, 4321, 9876 …: each digit one more (or one less) than the last. */
function isStraightRun(pin: string): boolean {
  const step = pin.charCodeAt(1) - pin.charCodeAt(0);
  if (step !== 1 && step !== -1) return false;
  for (let i = 2; i < pin.length; i += 1) if (pin.charCodeAt(i) - pin.charCodeAt(i - 1) !== step) return false;
  return true;
}

/** 4–6 digits, not all the same digit (0000) and not a straight run (1234, 9876). */
export function pinValid(pin: string): PinCheck {
  if (!/^\d{4,6}$/.test(pin)) return { ok: false, reason: 'pin-format', message: 'A PIN is 4 to 6 digits' };
  if (/^(\d)\1+$/.test(pin))
    return {
      ok: false,
      reason: 'pin-repeated',
      message: 'A PIN cannot be one digit repeated, like 0000: it is the first thing anyone tries',
    };
  if (isStraightRun(pin))
    return { ok: false, reason: 'pin-sequence', message: 'A PIN cannot be a straight run like 1234 or 9876: it is too easy to guess' };
  return { ok: true };
}

/** Throws `DomainError(pin-format | pin-repeated | pin-sequence)` unless the PIN is acceptable. */
export function assertPinValid(pin: string): void {
  const check = pinValid(pin);
  if (!check.ok) throw new DomainError(check.reason, check.message);
}

// ---------------------------------------------------------------------------------------------
// Lockout: repeated wrong PINs lock the register for a while (per device, not per person)

export const LOCKOUT_POLICY = {
  /** Wrong PINs in a row before the register locks. */
  attempts: 5,
  /** The first lock; each further round of wrong PINs doubles it … */
  firstLockMs: 30_000,
  /** … up to this. */
  maxLockMs: 15 * 60_000,
  /** Wrong PINs older than this no longer count (a fumble yesterday does not shorten today's tries). */
  forgetAfterMs: 24 * 60 * 60_000,
} as const;

export interface LockoutStatus {
  locked: boolean;
  /** ISO instant the lock ends (only while locked). */
  until?: string;
  /** Wrong PINs still allowed before the next lock (0 while locked). */
  remaining: number;
}

/**
 * Decides the lock from the device's recent wrong PINs (ISO instants, since the last correct
 * PIN). Every `attempts` wrong PINs in a row lock the register, starting at `firstLockMs` and
 * doubling each round up to `maxLockMs`; the lock counts from the wrong PIN that triggered it.
 * Failures stamped later than now (the clock was set back) or older than `forgetAfterMs` are
 * ignored. Pure: time comes in as `nowMs`.
 */
export function lockout(failures: readonly string[], nowMs: number, policy: typeof LOCKOUT_POLICY = LOCKOUT_POLICY): LockoutStatus {
  const times = failures
    .map((iso) => Date.parse(iso))
    .filter((ms) => Number.isFinite(ms) && ms <= nowMs && nowMs - ms < policy.forgetAfterMs)
    .sort((a, b) => a - b);
  const rounds = Math.floor(times.length / policy.attempts);
  const intoRound = times.length % policy.attempts;
  if (rounds > 0 && intoRound === 0) {
    const lockMs = Math.min(policy.firstLockMs * 2 ** (rounds - 1), policy.maxLockMs);
    const until = times[times.length - 1]! + lockMs;
    if (nowMs < until) return { locked: true, until: new Date(until).toISOString(), remaining: 0 };
  }
  return { locked: false, remaining: policy.attempts - intoRound };
}

/** Whole seconds left on a lock, for the "Locked for N s" countdown (0 when not locked). */
export function lockSecondsLeft(status: LockoutStatus, nowMs: number): number {
  if (!status.locked || status.until === undefined) return 0;
  return Math.max(0, Math.ceil((Date.parse(status.until) - nowMs) / 1000));
}

// ---------------------------------------------------------------------------------------------
// The synced mutation

const base64 = (what: string, minBytes: number, maxBytes: number) =>
  v.pipe(
    v.string(`${what} must be base64`),
    v.regex(/^[A-Za-z0-9+/]+={0,2}$/, `${what} must be base64`),
    v.check(
      (s) => {
        const bytes = Math.floor((s.length * 3) / 4) - (s.endsWith('==') ? 2 : s.endsWith('=') ? 1 : 0);
        return s.length % 4 === 0 && bytes >= minBytes && bytes <= maxBytes;
      },
      `${what} must be ${minBytes === maxBytes ? minBytes : `${minBytes}–${maxBytes}`} bytes`,
    ),
  );

export const staffPinSchema = v.strictObject(
  {
    algorithm: v.literal(PIN_ALGORITHM, `PINs are hashed with ${PIN_ALGORITHM}`),
    iterations: v.pipe(
      v.number(),
      v.safeInteger('PIN hash iterations are a whole number'),
      v.minValue(MIN_PIN_ITERATIONS, 'A PIN hash needs at least 100,000 iterations'),
      v.maxValue(10_000_000, 'A PIN hash has at most 10,000,000 iterations'),
    ),
    salt: base64('PIN salt', 16, 64),
    hash: base64('PIN hash', 32, 32),
  },
  'A PIN is saved only as its hash, never as digits',
);

export const staffPatchSchema = v.strictObject({
  id: v.pipe(v.string(), v.uuid('Staff id must be a UUID')),
  name: v.optional(
    v.pipe(
      v.string('Enter the staff member’s name'),
      v.trim(),
      v.minLength(1, 'Enter the staff member’s name'),
      v.maxLength(60, 'A staff name is at most 60 characters'),
    ),
  ),
  role: v.optional(v.picklist(STAFF_ROLES, 'Role is owner, manager or cashier')),
  active: v.optional(v.boolean('Active is true or false')),
  pin: v.optional(v.nullable(staffPinSchema)),
});

export type StaffPatch = v.InferOutput<typeof staffPatchSchema>;

/**
 * Adds or edits a staff member, field by field (last writer by HLC wins per field). Owner devices
 * only: the server refuses it from a staff device, so a cashier's tablet cannot make itself an
 * owner. The PIN arrives already hashed (the device hashes it before queueing).
 */
export const saveStaff = defineMutation({
  name: 'staff.save',
  version: 1,
  ownerOnly: true,
  restricted: true,
  tables: ['staff'],
  schema: staffPatchSchema,
  async apply(store, { id, ...patch }, meta) {
    const current = (await store.get('staff', id)) as StaffRecord | undefined;
    if (!current && patch.name === undefined) {
      throw new DomainError('staff-name-required', 'A new staff member needs a name', { id });
    }
    const next = applyLww(current, id, DEFAULTS, patch, meta.hlc);
    await store.put('staff', { ...next, name: next.values.name });
  },
});
