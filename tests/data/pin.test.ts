import { describe, expect, it } from 'vitest';
import { hashPin, PIN_ITERATIONS, verifyPin } from '../../src/data/pin';
import { addStaff, setStaffPin, updateStaff } from '../../src/data/commands/staff';
import { listStaff, readStaffRecords } from '../../src/data/queries/staff';
import { clearPinFailures, readPinFailures, recordPinFailure } from '../../src/data/pin-failures';
import { readSyncView } from '../../src/data/queries/sync';
import { isDomainError } from '../../src/domain/errors';
import { testEnv } from '../factories/env';

const random = (bytes: Uint8Array<ArrayBuffer>) => crypto.getRandomValues(bytes);

/** Every way the digits could leak into a stored string: as-is, base64 of the text, hex of the text. */
function leaks(json: string, pin: string): boolean {
  const text = new TextEncoder().encode(pin);
  const hex = Array.from(text, (b) => b.toString(16).padStart(2, '0')).join('');
  return json.includes(pin) || json.includes(btoa(pin)) || json.includes(hex);
}

describe('PIN hashing (PBKDF2-SHA256 via WebCrypto)', () => {
  it('stores a salted hash with at least 100,000 iterations, never the PIN', async () => {
    const stored = await hashPin('2580', random);
    expect(stored).toMatchObject({ algorithm: 'PBKDF2-SHA256', iterations: PIN_ITERATIONS });
    expect(PIN_ITERATIONS).toBeGreaterThanOrEqual(100_000);
    expect(atob(stored.salt)).toHaveLength(16);
    expect(atob(stored.hash)).toHaveLength(32);
    expect(leaks(JSON.stringify(stored), '2580')).toBe(false);
  });

  it('verifies the right PIN and refuses wrong ones', async () => {
    const stored = await hashPin('480613', random);
    expect(await verifyPin('480613', stored)).toBe(true);
    for (const wrong of ['480612', '48061', '4806130', '', '0480613']) expect(await verifyPin(wrong, stored)).toBe(false);
  });

  it('the same PIN gets a different salt and hash each time', async () => {
    const a = await hashPin('1357', random);
    const b = await hashPin('1357', random);
    expect(a.salt).not.toBe(b.salt);
    expect(a.hash).not.toBe(b.hash);
    expect(await verifyPin('1357', a)).toBe(true);
    expect(await verifyPin('1357', b)).toBe(true);
  });

  it('a damaged or unknown record never verifies (and does not throw)', async () => {
    const stored = await hashPin('1357', random);
    expect(await verifyPin('1357', { ...stored, hash: stored.hash.replace(/^./, (c) => (c === 'A' ? 'B' : 'A')) })).toBe(false);
    expect(await verifyPin('1357', { ...stored, salt: '%%%' })).toBe(false);
    expect(await verifyPin('1357', { ...stored, algorithm: 'MD5' as 'PBKDF2-SHA256' })).toBe(false);
  });
});

describe('staff commands', () => {
  it('the outbox, the staff table and the whole database hold only the hash', async () => {
    const env = testEnv();
    const id = await addStaff(env, { name: 'Margot', role: 'owner', pin: '905172' });
    await setStaffPin(env, id, '318264');
    const outbox = await env.db.outbox.toArray();
    expect(outbox.map((r) => r.name)).toEqual(['staff.save', 'staff.save']);
    expect(outbox[0]!.args).toMatchObject({ id, name: 'Margot', role: 'owner', active: true, pin: { algorithm: 'PBKDF2-SHA256' } });
    const everything = JSON.stringify({ outbox, staff: await env.db.staff.toArray(), shadows: await env.db.shadows.toArray() });
    expect(leaks(everything, '905172')).toBe(false);
    expect(leaks(everything, '318264')).toBe(false);
    const [record] = await readStaffRecords(env.db);
    expect(await verifyPin('318264', record!.values.pin!)).toBe(true);
    expect(await verifyPin('905172', record!.values.pin!)).toBe(false);
    expect(await listStaff(env.db)).toEqual([{ id, name: 'Margot', role: 'owner', active: true, hasPin: true }]);
  });

  it('refuses a weak PIN before anything is queued', async () => {
    const env = testEnv();
    await expect(addStaff(env, { name: 'Margot', role: 'owner', pin: '1234' })).rejects.toSatisfy((e) => isDomainError(e, 'pin-sequence'));
    await expect(addStaff(env, { name: 'Margot', role: 'owner', pin: '777' })).rejects.toSatisfy((e) => isDomainError(e, 'pin-format'));
    await expect(addStaff(env, { name: ' ', role: 'owner', pin: '2580' })).rejects.toSatisfy(
      (e) => isDomainError(e, 'invalid-args') && e.message === 'Enter the staff member’s name',
    );
    expect((await readSyncView(env.db)).pending).toBe(0);
  });

  it('the first person with a PIN is an owner, and the last owner cannot be demoted or deactivated', async () => {
    const env = testEnv();
    await expect(addStaff(env, { name: 'Leo', role: 'cashier', pin: '1357' })).rejects.toSatisfy((e) =>
      isDomainError(e, 'owner-pin-needed'),
    );
    const margot = await addStaff(env, { name: 'Margot', role: 'owner', pin: '2580' });
    const leo = await addStaff(env, { name: 'Leo', role: 'cashier', pin: '1357' });
    await expect(updateStaff(env, margot, { role: 'manager' })).rejects.toSatisfy((e) => isDomainError(e, 'owner-pin-needed'));
    await expect(updateStaff(env, margot, { active: false })).rejects.toSatisfy((e) => isDomainError(e, 'owner-pin-needed'));
    await updateStaff(env, leo, { role: 'owner' });
    await updateStaff(env, margot, { active: false }); // another owner remains
    expect((await listStaff(env.db)).map((s) => [s.name, s.role, s.active])).toEqual([
      ['Leo', 'owner', true],
      ['Margot', 'owner', false],
    ]);
  });

  it('refuses a PIN someone else unlocks with (the approval pad must know whose it is)', async () => {
    const env = testEnv();
    const margot = await addStaff(env, { name: 'Margot', role: 'owner', pin: '2580' });
    await expect(addStaff(env, { name: 'Leo', role: 'cashier', pin: '2580' })).rejects.toSatisfy((e) => isDomainError(e, 'pin-taken'));
    await setStaffPin(env, margot, '2580'); // one's own PIN again is fine
    await expect(updateStaff(env, '0190b6a2-3c4d-7e5f-8a6b-0000000000ff', { name: 'Ghost' })).rejects.toSatisfy((e) =>
      isDomainError(e, 'staff-not-found'),
    );
  });
});

describe('wrong-PIN bookkeeping (local to the device)', () => {
  it('keeps the recent wrong PINs across reads, never syncs them, and clears on a right PIN', async () => {
    const env = testEnv();
    const t = Date.UTC(2026, 10, 27, 9, 0);
    expect(await readPinFailures(env.db)).toEqual([]);
    await recordPinFailure(env.db, t);
    expect(await recordPinFailure(env.db, t + 1_000)).toEqual(['2026-11-27T09:00:00.000Z', '2026-11-27T09:00:01.000Z']);
    expect(await readPinFailures(env.db)).toHaveLength(2);
    expect(await env.db.outbox.count()).toBe(0);
    await clearPinFailures(env.db);
    expect(await readPinFailures(env.db)).toEqual([]);
  });

  it('keeps only the most recent 50', async () => {
    const env = testEnv();
    for (let i = 0; i < 60; i += 1) await recordPinFailure(env.db, Date.UTC(2026, 0, 1) + i * 1000);
    const failures = await readPinFailures(env.db);
    expect(failures).toHaveLength(50);
    expect(failures[0]).toBe(new Date(Date.UTC(2026, 0, 1) + 10_000).toISOString());
  });
});
