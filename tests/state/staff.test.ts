import { afterEach, describe, expect, it, vi } from 'vitest';
import { NO_PIN_OWNER, StaffSession } from '../../src/state/staff.svelte';
import { updateStaff } from '../../src/data/commands/staff';
import { isDomainError } from '../../src/domain/errors';
import { testEnv } from '../factories/env';
import { ManualTimers } from '../factories/timers';
import { track } from './track.svelte';

const PINS = { margot: '2580', nadia: '6047', leo: '1357' };
const cleanups: (() => void)[] = [];

afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

/** A register with nobody set up yet, its clock, timers and activity source under the test's control. */
async function register(env = testEnv()) {
  const timers = new ManualTimers(env.clock);
  const activity = new EventTarget();
  const session = new StaffSession(env, { clock: env.clock, timers, activity, autoLockMinutes: 5 });
  cleanups.push(
    track(() => [session.current, session.staff]),
    () => session.dispose(),
  );
  await vi.waitFor(() => expect(session.loaded).toBe(true));
  return { env, timers, activity, session };
}

/** Margot (owner), Nadia (manager) and Leo (cashier), added on this register by Margot. */
async function staffedRegister() {
  const r = await register();
  const margot = await r.session.add({ name: 'Margot', role: 'owner', pin: PINS.margot });
  const nadia = await r.session.add({ name: 'Nadia', role: 'manager', pin: PINS.nadia });
  const leo = await r.session.add({ name: 'Leo', role: 'cashier', pin: PINS.leo });
  await vi.waitFor(() => expect(r.session.unlockable).toHaveLength(3));
  return { ...r, ids: { margot, nadia, leo } };
}

const reason = (reasonCode: string) => (e: unknown) => isDomainError(e, reasonCode);

describe('a shop with no PINs', () => {
  it('is never locked: the built-in owner is signed in, and sales carry no staff id', async () => {
    const { session, timers } = await register();
    expect(session.current).toEqual(NO_PIN_OWNER);
    expect(session.current?.name).toBe('Owner (no PIN set)');
    expect(session.locked).toBe(false);
    expect(session.staffId).toBeNull();
    expect(session.canManage).toBe(true);
    session.lock();
    timers.advance(60 * 60_000);
    expect(session.locked).toBe(false);
    await expect(session.requestApproval('Discount over 20 %')).resolves.toEqual({ by: null, name: 'Owner (no PIN set)' });
  });

  it('the first owner to get a PIN is signed in at once, so setting up does not lock them out', async () => {
    const { session } = await register();
    const margot = await session.add({ name: 'Margot', role: 'owner', pin: PINS.margot });
    await vi.waitFor(() => expect(session.pinsInUse).toBe(true));
    expect(session.current).toEqual({ id: margot, name: 'Margot', role: 'owner' });
    expect(session.staffId).toBe(margot);
  });
});

describe('unlocking and locking', () => {
  it('locks, then unlocks only with the chosen person’s PIN', async () => {
    const { session, ids } = await staffedRegister();
    session.lock();
    expect(session.locked).toBe(true);
    expect(session.staffId).toBeNull();
    expect(session.chosen?.id).toBe(ids.margot); // the lock screen offers the last person's pad first

    await expect(session.unlock(ids.leo, PINS.margot)).rejects.toSatisfy(
      (e) => isDomainError(e, 'wrong-pin') && e.message === 'Wrong PIN — 4 attempts left',
    );
    expect(session.locked).toBe(true);
    await session.unlock(ids.leo, PINS.leo);
    expect(session.current).toEqual({ id: ids.leo, name: 'Leo', role: 'cashier' });
    expect(session.staffId).toBe(ids.leo);
    expect(session.canManage).toBe(false);
    expect(session.lockout).toEqual({ locked: false, remaining: 5 }); // a right PIN ends the streak
  });

  it('switching user locks and goes back to the list of names', async () => {
    const { session, ids } = await staffedRegister();
    session.switchUser();
    expect(session.locked).toBe(true);
    expect(session.chosen).toBeNull();
    session.choose(ids.nadia);
    await session.unlock(ids.nadia, PINS.nadia);
    expect(session.current?.name).toBe('Nadia');
  });

  it('locks itself after 5 minutes without a touch or a key press', async () => {
    const { session, timers, activity, ids } = await staffedRegister();
    session.lock();
    await session.unlock(ids.leo, PINS.leo);
    timers.advance(4 * 60_000);
    activity.dispatchEvent(new Event('pointerdown'));
    timers.advance(4 * 60_000); // 8 min since unlocking, 4 since the last touch
    expect(session.locked).toBe(false);
    activity.dispatchEvent(new Event('keydown'));
    timers.advance(5 * 60_000 - 1);
    expect(session.locked).toBe(false);
    timers.advance(1);
    expect(session.locked).toBe(true);
    expect(session.chosen?.id).toBe(ids.leo);
  });

  it('someone deactivated on another device is signed out here too', async () => {
    const { session, env, ids } = await staffedRegister();
    session.lock();
    await session.unlock(ids.leo, PINS.leo);
    await updateStaff(env, ids.leo, { active: false });
    await vi.waitFor(() => expect(session.locked).toBe(true));
    await expect(session.unlock(ids.leo, PINS.leo)).rejects.toSatisfy(reason('staff-cannot-unlock'));
  });

  it('only an owner manages staff', async () => {
    const { session, ids } = await staffedRegister();
    session.lock();
    await session.unlock(ids.nadia, PINS.nadia);
    await expect(session.add({ name: 'Iris', role: 'cashier', pin: '8642' })).rejects.toSatisfy(reason('owner-only'));
    await expect(session.resetPin(ids.leo, '8642')).rejects.toSatisfy(reason('owner-only'));
    await expect(session.setRole(ids.leo, 'owner')).rejects.toSatisfy(reason('owner-only'));
  });
});

describe('lockout after wrong PINs', () => {
  it('five wrong PINs lock the register for 30 s — even for the right PIN — then it opens again', async () => {
    const { session, timers, ids } = await staffedRegister();
    session.lock();
    const messages: string[] = [];
    for (const wrong of ['1111', '2222', '3333', '4444', '5555']) {
      await session.unlock(ids.leo, wrong).catch((e: Error) => messages.push(e.message));
    }
    expect(messages).toEqual([
      'Wrong PIN — 4 attempts left',
      'Wrong PIN — 3 attempts left',
      'Wrong PIN — 2 attempts left',
      'Wrong PIN — 1 attempt left',
      'Wrong PIN — locked for 30 s',
    ]);
    expect(session.lockout.locked).toBe(true);
    expect(session.lockSecondsLeft).toBe(30);
    await expect(session.unlock(ids.leo, PINS.leo)).rejects.toSatisfy(
      (e) => isDomainError(e, 'locked-out') && e.message === 'Too many wrong PINs: locked for 30 s',
    );
    await expect(session.unlock(ids.margot, PINS.margot)).rejects.toSatisfy(reason('locked-out')); // the register, not the person

    timers.advance(12_000);
    expect(session.lockSecondsLeft).toBe(18); // the countdown ticks on its own
    timers.advance(18_000);
    expect(session.lockout).toEqual({ locked: false, remaining: 5 });
    await session.unlock(ids.leo, PINS.leo);
    expect(session.current?.name).toBe('Leo');
  });

  it('the lockout survives a reload, and the next round of wrong PINs locks for longer', async () => {
    const { session, env, ids } = await staffedRegister();
    session.lock();
    for (let i = 0; i < 5; i += 1) await session.unlock(ids.leo, '9999').catch(() => undefined);
    session.dispose();

    const reloaded = await register(env);
    await vi.waitFor(() => expect(reloaded.session.lockout.locked).toBe(true));
    expect(reloaded.session.locked).toBe(true);
    await expect(reloaded.session.unlock(ids.leo, PINS.leo)).rejects.toSatisfy(reason('locked-out'));
    reloaded.timers.advance(30_000);
    for (let i = 0; i < 5; i += 1) await reloaded.session.unlock(ids.leo, '9999').catch(() => undefined);
    expect(reloaded.session.lockSecondsLeft).toBe(60);
  });
});

describe('manager approval', () => {
  it('resolves with the manager’s id when a manager enters their PIN, and refuses a cashier’s', async () => {
    const { session, ids } = await staffedRegister();
    session.lock();
    await session.unlock(ids.leo, PINS.leo);

    const approval = session.requestApproval('Discount over 20 %');
    expect(session.approval).toEqual({ reason: 'Discount over 20 %' });
    await expect(session.approve(PINS.leo)).rejects.toSatisfy(
      (e) => isDomainError(e, 'wrong-pin') && e.message === 'Not a manager’s or owner’s PIN — 4 attempts left',
    );
    expect(session.approval).not.toBeNull(); // still waiting
    await expect(session.approve(PINS.nadia)).resolves.toBe(ids.nadia);
    await expect(approval).resolves.toEqual({ by: ids.nadia, name: 'Nadia' });
    expect(session.approval).toBeNull();
    expect(session.current?.name).toBe('Leo'); // approving does not sign the manager in
  });

  it('an owner approves too; Cancel resolves with null', async () => {
    const { session, ids } = await staffedRegister();
    session.lock();
    await session.unlock(ids.leo, PINS.leo);
    const cancelled = session.requestApproval('Price override on Opal ring');
    session.cancelApproval();
    await expect(cancelled).resolves.toBeNull();
    const approved = session.requestApproval('Price override on Opal ring');
    await session.approve(PINS.margot);
    await expect(approved).resolves.toEqual({ by: ids.margot, name: 'Margot' });
  });

  it('a manager who is signed in approves without a PIN; locking cancels a pending request', async () => {
    const { session, ids } = await staffedRegister();
    session.lock();
    await session.unlock(ids.nadia, PINS.nadia);
    await expect(session.requestApproval('Discount over 20 %')).resolves.toEqual({ by: ids.nadia, name: 'Nadia' });
    session.switchUser();
    await session.unlock(ids.leo, PINS.leo);
    const pending = session.requestApproval('Discount over 20 %');
    session.lock();
    await expect(pending).resolves.toBeNull();
  });

  it('wrong approval PINs count toward the register’s lockout', async () => {
    const { session, ids } = await staffedRegister();
    session.lock();
    await session.unlock(ids.leo, PINS.leo);
    void session.requestApproval('Discount over 20 %');
    for (let i = 0; i < 5; i += 1) await session.approve(PINS.leo).catch(() => undefined);
    expect(session.lockout.locked).toBe(true);
    await expect(session.approve(PINS.nadia)).rejects.toSatisfy(reason('locked-out'));
  });
});

describe('roles on the register', () => {
  it('stamps who is signed in on every write, and a cashier may not see costs, change prices or open Stock', async () => {
    const { env, session, ids } = await staffedRegister();
    // Margot added Nadia and Leo while signed in: those rows name her (the server checks her role).
    const rows = await env.db.outbox.orderBy('seq').toArray();
    expect(rows.map((row) => row.staffId)).toEqual([null, ids.margot, ids.margot]);
    expect(env.staffId?.()).toBe(ids.margot);
    expect(session.isCashier).toBe(false);
    expect(session.can('see-costs')).toBe(true);

    session.switchUser();
    expect(env.staffId?.()).toBeNull();
    expect(session.can('edit-prices')).toBe(false); // locked: nobody may do anything
    await session.unlock(ids.leo, PINS.leo);
    expect(env.staffId?.()).toBe(ids.leo);
    expect(session.isCashier).toBe(true);
    for (const action of [
      'see-costs',
      'edit-prices',
      'create-products',
      'manage-stock',
      'approve-counts',
      'view-insights',
      'change-settings',
    ] as const) {
      expect(session.can(action), action).toBe(false);
    }
    session.switchUser();
    await session.unlock(ids.nadia, PINS.nadia);
    expect(session.can('edit-prices')).toBe(true);
    expect(session.can('manage-stock')).toBe(true);
  });

  it('a shop without PINs: the built-in owner may do everything and writes name nobody', async () => {
    const { env, session } = await register();
    expect(session.can('see-costs')).toBe(true);
    expect(session.isCashier).toBe(false);
    expect(env.staffId?.()).toBeNull();
  });
});
