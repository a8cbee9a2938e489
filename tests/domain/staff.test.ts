import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { applyMutation, prepare } from '../../src/domain/sync/registry';
import { isDomainError } from '../../src/domain/errors';
import {
  assertOwnerCanUnlock,
  canApprove,
  canManageStaff,
  lockout,
  lockSecondsLeft,
  LOCKOUT_POLICY,
  pinValid,
  type StaffPin,
  type StaffRecord,
} from '../../src/domain/staff';
import { memoryStore, meta } from '../factories/memory-store';

const ID = '0190b6a2-3c4d-7e5f-8a6b-0000000000a1';
const PIN: StaffPin = { algorithm: 'PBKDF2-SHA256', iterations: 210_000, salt: 'AAAAAAAAAAAAAAAAAAAAAA==', hash: 'A'.repeat(43) + '=' };

describe('PIN rules', () => {
  it('accepts 4 to 6 digits that are not a giveaway', () => {
    for (const pin of ['2580', '1357', '90210', '480613', '1123', '0007', '8901']) expect(pinValid(pin)).toEqual({ ok: true });
  });

  it('refuses the wrong length or anything but digits, saying so', () => {
    for (const pin of ['', '123', '1234567', '12a4', ' 2580', '２５８０']) {
      expect(pinValid(pin)).toEqual({ ok: false, reason: 'pin-format', message: 'A PIN is 4 to 6 digits' });
    }
  });

  it('refuses one digit repeated (0000) and straight runs up or down (1234, 9876)', () => {
    for (const pin of ['0000', '1111', '99999', '555555'])
      expect(pinValid(pin)).toMatchObject({ ok: false, reason: 'pin-repeated', message: expect.stringContaining('0000') });
    for (const pin of ['1234', '0123', '3456', '12345', '456789', '4321', '9876', '543210']) {
      expect(pinValid(pin)).toMatchObject({ ok: false, reason: 'pin-sequence', message: expect.stringContaining('1234') });
    }
  });
});

describe('roles', () => {
  it('managers and owners approve; only owners manage staff', () => {
    expect([canApprove('owner'), canApprove('manager'), canApprove('cashier')]).toEqual([true, true, false]);
    expect([canManageStaff('owner'), canManageStaff('manager'), canManageStaff('cashier')]).toEqual([true, false, false]);
  });

  it('once anyone can unlock, an active owner with a PIN must be able to as well', () => {
    const owner = { role: 'owner' as const, active: true, pin: PIN };
    const cashier = { role: 'cashier' as const, active: true, pin: PIN };
    expect(() => assertOwnerCanUnlock([])).not.toThrow();
    expect(() => assertOwnerCanUnlock([owner, cashier])).not.toThrow();
    expect(() => assertOwnerCanUnlock([{ ...cashier, pin: null }])).not.toThrow(); // nobody can unlock: no PINs in use
    for (const list of [[cashier], [{ ...owner, active: false }, cashier], [{ ...owner, pin: null }, cashier]]) {
      expect(() => assertOwnerCanUnlock(list)).toThrow(expect.objectContaining({ reason: 'owner-pin-needed' }));
    }
  });
});

describe('lockout after wrong PINs', () => {
  const T0 = Date.UTC(2026, 10, 27, 9, 0);
  const at = (ms: number) => new Date(ms).toISOString();
  const wrong = (n: number, start = T0, gap = 1_000) => Array.from({ length: n }, (_, i) => at(start + i * gap));

  it('counts down the attempts, then locks for 30 s after the fifth wrong PIN in a row', () => {
    expect(lockout([], T0)).toEqual({ locked: false, remaining: 5 });
    expect(lockout(wrong(1), T0 + 1_000)).toEqual({ locked: false, remaining: 4 });
    expect(lockout(wrong(4), T0 + 5_000)).toEqual({ locked: false, remaining: 1 });
    const fifth = T0 + 4_000;
    const status = lockout(wrong(5), fifth);
    expect(status).toEqual({ locked: true, until: at(fifth + 30_000), remaining: 0 });
    expect(lockSecondsLeft(status, fifth + 2_500)).toBe(28);
  });

  it('the lock expires on time and gives five more tries', () => {
    const fifth = T0 + 4_000;
    expect(lockout(wrong(5), fifth + 29_999).locked).toBe(true);
    expect(lockout(wrong(5), fifth + 30_000)).toEqual({ locked: false, remaining: 5 });
    expect(lockSecondsLeft(lockout(wrong(5), fifth + 30_000), fifth + 30_000)).toBe(0);
  });

  it('doubles the lock each further round of five, up to 15 minutes', () => {
    const expected = [30, 60, 120, 240, 480, 900, 900, 900].map((s) => s * 1000);
    for (const [i, lockMs] of expected.entries()) {
      const failures = wrong(5 * (i + 1));
      const last = Date.parse(failures.at(-1)!);
      expect(lockout(failures, last)).toMatchObject({ locked: true, until: at(last + lockMs) });
      expect(lockout(failures, last + lockMs).locked).toBe(false);
    }
  });

  it('forgets wrong PINs after a day, and ignores ones stamped in the future (clock set back)', () => {
    const old = wrong(4, T0 - LOCKOUT_POLICY.forgetAfterMs - 10_000);
    expect(lockout([...old, at(T0)], T0)).toEqual({ locked: false, remaining: 4 });
    expect(lockout(wrong(5, T0 + 60_000), T0)).toEqual({ locked: false, remaining: 5 });
  });

  it('is never locked for longer than the cap, whatever the failures', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 3_600_000 }), { maxLength: 60 }),
        fc.integer({ min: 0, max: 3_600_000 }),
        (offsets, now) => {
          const status = lockout(
            offsets.map((o) => at(T0 + o)),
            T0 + now,
          );
          if (status.locked) {
            expect(Date.parse(status.until!) - (T0 + now)).toBeLessThanOrEqual(LOCKOUT_POLICY.maxLockMs);
            expect(status.remaining).toBe(0);
          } else {
            expect(status.remaining).toBeGreaterThan(0);
            expect(status.remaining).toBeLessThanOrEqual(LOCKOUT_POLICY.attempts);
          }
        },
      ),
    );
  });
});

describe('staff.save', () => {
  const invalid = (args: unknown) => {
    try {
      prepare('staff.save', args);
    } catch (e) {
      if (isDomainError(e, 'invalid-args')) return { message: e.message, path: e.meta['path'] };
      throw e;
    }
    return undefined;
  };

  it('adds someone and merges later edits field by field', async () => {
    const store = memoryStore();
    await applyMutation(store, 'staff.save', 1, { id: ID, name: '  Margot ', role: 'owner', active: true, pin: PIN }, meta(1_000));
    await applyMutation(store, 'staff.save', 1, { id: ID, role: 'manager' }, meta(3_000, 'dev-a'));
    await applyMutation(store, 'staff.save', 1, { id: ID, name: 'Margot B.', role: 'cashier' }, meta(2_000, 'dev-b')); // older role edit loses
    const record = (await store.get('staff', ID)) as StaffRecord;
    expect(record.values).toEqual({ name: 'Margot B.', role: 'manager', active: true, pin: PIN });
    expect(record.name).toBe('Margot B.'); // top-level copy for the name index
  });

  it('is owner-only: the server refuses it from a staff device', () => {
    expect(prepare('staff.save', { id: ID, name: 'Leo' }).def.ownerOnly).toBe(true);
  });

  it('refuses bad arguments with messages a person can act on', () => {
    expect(invalid({ id: ID, name: '   ' })).toEqual({ message: 'Enter the staff member’s name', path: 'name' });
    expect(invalid({ id: ID, name: 'x'.repeat(61) })).toEqual({ message: 'A staff name is at most 60 characters', path: 'name' });
    expect(invalid({ id: ID, role: 'boss' })).toEqual({ message: 'Role is owner, manager or cashier', path: 'role' });
    expect(invalid({ id: 'leo', name: 'Leo' })).toEqual({ message: 'Staff id must be a UUID', path: 'id' });
    expect(invalid({ id: ID, active: 'yes' })).toEqual({ message: 'Active is true or false', path: 'active' });
  });

  it('takes a PIN only as a PBKDF2 hash, never as digits', () => {
    expect(invalid({ id: ID, pin: '2580' })).toEqual({ message: 'A PIN is saved only as its hash, never as digits', path: 'pin' });
    expect(invalid({ id: ID, pin: { ...PIN, pin: '2580' } })?.message).toBe('A PIN is saved only as its hash, never as digits');
    expect(invalid({ id: ID, pin: { ...PIN, iterations: 1_000 } })).toEqual({
      message: 'A PIN hash needs at least 100,000 iterations',
      path: 'pin.iterations',
    });
    expect(invalid({ id: ID, pin: { ...PIN, algorithm: 'MD5' } })).toEqual({
      message: 'PINs are hashed with PBKDF2-SHA256',
      path: 'pin.algorithm',
    });
    expect(invalid({ id: ID, pin: { ...PIN, hash: 'short==' } })?.message).toBe('PIN hash must be 32 bytes');
    expect(invalid({ id: ID, pin: { ...PIN, salt: 'not base64!' } })?.message).toBe('PIN salt must be base64');
    expect(invalid({ id: ID, pin: null })).toBeUndefined(); // a PIN can be removed
  });

  it('a new staff member needs a name', async () => {
    await expect(applyMutation(memoryStore(), 'staff.save', 1, { id: ID, role: 'cashier' }, meta(1_000))).rejects.toSatisfy((e) =>
      isDomainError(e, 'staff-name-required'),
    );
  });
});
