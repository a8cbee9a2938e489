import { appEnv } from '../data/env';
import { Live } from '../data/live.svelte';
import type { Env } from '../data/commands/perform';
import type { NewStaff } from '../data/commands/staff';
import { listStaff, readStaffRecords, type StaffView } from '../data/queries/staff';
import { clearPinFailures, readPinFailures, recordPinFailure } from '../data/pin-failures';
import { verifyPin } from '../data/pin';
import { DomainError } from '../domain/errors';
import { canApprove, canManageStaff, canUnlock, lockout, lockSecondsLeft, type LockoutStatus, type StaffRole } from '../domain/staff';
import type { Clock } from '../domain/clock';
import { roleCan, type StaffAction } from '../domain/roles';

/** Who is at the register. `id` is null only for the built-in owner of a shop without PINs. */
export interface CurrentUser {
  id: string | null;
  name: string;
  role: StaffRole;
}

/** A manager's (or owner's) yes. `by` is their staff id; null only when the shop uses no PINs. */
export interface Approval {
  by: string | null;
  name: string;
}

/** Timers, injectable so tests can drive the inactivity lock and the lockout countdown. */
export interface Timers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface StaffSessionOptions {
  clock?: Clock;
  timers?: Timers;
  /** Where pointer and key presses count as activity (default: the window; null: nowhere). */
  activity?: EventTarget | null;
  /** Minutes without a touch or key press before the register locks itself (default 5, or this device's choice). */
  autoLockMinutes?: number;
}

/** A single-person shop is not forced into PINs: until someone has one, this is who is "signed in". */
export const NO_PIN_OWNER: Readonly<CurrentUser> = Object.freeze({ id: null, name: 'Owner (no PIN set)', role: 'owner' });
export const AUTO_LOCK_CHOICES = [1, 2, 5, 10, 15, 30] as const;
// Adding staff and resetting PINs happen in Settings, rarely: loaded on first use, not at start-up.
const commands = () => import('../data/commands/staff');
const DEFAULT_AUTO_LOCK_MINUTES = 5;
const AUTO_LOCK_KEY = 'trove.autoLockMinutes';
const ACTIVITY_EVENTS = ['pointerdown', 'keydown', 'wheel', 'touchstart'];

const browserTimers: Timers = {
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

function savedAutoLockMinutes(): number | undefined {
  try {
    const saved = Number(globalThis.localStorage?.getItem(AUTO_LOCK_KEY));
    return Number.isFinite(saved) && saved > 0 ? saved : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Who is using this register: the staff list, the signed-in person (null = locked), unlocking with
 * a PIN (with the device's lockout), quick switch, the inactivity lock, and manager approvals for
 * the register. PINs are a convenience gate (ARCHITECTURE §10): they record who sold and who
 * approved; the server's owner-only checks and the device token are the security boundary.
 */
export class StaffSession {
  readonly list: Live<StaffView[]>;
  #checking = $state(false);
  #currentId = $state<string | null>(null);
  #chosenId = $state<string | null>(null);
  #failures = $state.raw<string[]>([]);
  #now = $state(0);
  #approval = $state.raw<{ reason: string; resolve: (approval: Approval | null) => void } | null>(null);
  #autoLockMinutes = $state(DEFAULT_AUTO_LOCK_MINUTES);

  readonly #clock: Clock;
  readonly #timers: Timers;
  readonly #activity: EventTarget | null;
  readonly #ready: Promise<void>;
  #lastActivity = 0;
  #idleTimer: unknown;
  #tickTimer: unknown;

  constructor(
    private readonly env: Env = appEnv(),
    options: StaffSessionOptions = {},
  ) {
    this.#clock = options.clock ?? env.clock;
    this.#timers = options.timers ?? browserTimers;
    this.#now = this.#clock.now();
    this.#autoLockMinutes = options.autoLockMinutes ?? savedAutoLockMinutes() ?? DEFAULT_AUTO_LOCK_MINUTES;
    this.list = new Live(() => listStaff(env.db), []);
    // Every write from now on records who made it; the server checks their role (§10).
    env.staffId = () => this.staffId;
    this.#activity = options.activity === undefined ? (globalThis.window ?? null) : options.activity;
    for (const type of ACTIVITY_EVENTS) this.#activity?.addEventListener(type, this.#onActivity, { passive: true, capture: true });
    // A lockout outlives a reload: read this device's recent wrong PINs before the first attempt.
    this.#ready = readPinFailures(env.db).then(
      (failures) => {
        this.#failures = failures;
        this.#tick();
      },
      () => undefined,
    );
  }

  /** Stops listening for activity and cancels timers (for tests and hot reloads). */
  dispose(): void {
    for (const type of ACTIVITY_EVENTS) this.#activity?.removeEventListener(type, this.#onActivity, { capture: true });
    this.#clearIdle();
    if (this.#tickTimer !== undefined) this.#timers.clearTimeout(this.#tickTimer);
    this.#tickTimer = undefined;
  }

  // ---- who is here -------------------------------------------------------------------------

  /** True while a PIN is being checked (PBKDF2 takes a moment): the pads wait for it. */
  get checking(): boolean {
    return this.#checking;
  }

  /** The staff list has been read at least once (until then the register shows as locked). */
  get loaded(): boolean {
    return this.list.loaded;
  }

  /** Everyone, active first (for Settings). */
  get staff(): StaffView[] {
    return this.list.current;
  }

  /** The names on the lock screen: active, with a PIN. */
  get unlockable(): StaffView[] {
    return this.list.current.filter((s) => s.active && s.hasPin);
  }

  /** Whether anyone has a PIN; until then the register never locks. */
  get pinsInUse(): boolean {
    return this.unlockable.length > 0;
  }

  /** Who is signed in; null = locked (or the staff list is still loading). */
  get current(): CurrentUser | null {
    if (!this.list.loaded) return null;
    const people = this.unlockable;
    if (people.length === 0) return NO_PIN_OWNER;
    // Someone deactivated (or whose PIN was removed) on another device is signed out here too.
    const me = people.find((s) => s.id === this.#currentId);
    return me ? { id: me.id, name: me.name, role: me.role } : null;
  }

  get locked(): boolean {
    return this.current === null;
  }

  /** The id to store on a sale or shift: the signed-in person; null when the shop uses no PINs. */
  get staffId(): string | null {
    return this.current?.id ?? null;
  }

  /**
   * Whether the signed-in person may do `action` (roles.ts): false while locked. The device only
   * hides what a cashier could not do anyway; the server refuses it whatever the device says.
   */
  can(action: StaffAction): boolean {
    const me = this.current;
    return me !== null && roleCan(me.role, action);
  }

  /** A cashier is signed in (no costs, no price, stock or settings changes). */
  get isCashier(): boolean {
    return this.current?.role === 'cashier';
  }

  /** Whether the signed-in person may add staff, change roles and reset PINs. */
  get canManage(): boolean {
    const me = this.current;
    return me !== null && canManageStaff(me.role);
  }

  /** Whose PIN pad the lock screen shows (null: the list of names). */
  get chosen(): StaffView | null {
    return this.unlockable.find((s) => s.id === this.#chosenId) ?? null;
  }

  choose(staffId: string | null): void {
    this.#chosenId = staffId;
  }

  /** The device's lockout as of the last tick (ticks every second while locked, for the countdown). */
  get lockout(): LockoutStatus {
    return lockout(this.#failures, this.#now);
  }

  /** Whole seconds until the lockout ends (0 when none). */
  get lockSecondsLeft(): number {
    return lockSecondsLeft(this.lockout, this.#now);
  }

  // ---- unlocking ---------------------------------------------------------------------------

  /** Signs `staffId` in with their PIN. Throws `wrong-pin` (with attempts left), `locked-out` or `staff-cannot-unlock`. */
  async unlock(staffId: string, pin: string): Promise<void> {
    const records = await this.#beginCheck();
    try {
      const record = records.find((r) => r.id === staffId);
      if (!record || !canUnlock(record.values)) {
        throw new DomainError('staff-cannot-unlock', 'This person has no PIN on this register; ask the owner', { staffId });
      }
      if (!(await verifyPin(pin, record.values.pin!))) await this.#wrongPin('Wrong PIN');
      await this.#rightPin();
      this.#currentId = staffId;
      this.#chosenId = staffId;
      this.#lastActivity = this.#clock.now();
      this.#armIdle(this.#autoLockMs);
    } finally {
      this.#checking = false;
    }
  }

  /** Locks the register; the lock screen offers the same person's PIN pad first. */
  lock(): void {
    if (this.#currentId !== null) this.#chosenId = this.#currentId;
    this.#currentId = null;
    this.#clearIdle();
    this.cancelApproval();
  }

  /** Locks and goes straight to the list of names, for the next person. */
  switchUser(): void {
    this.lock();
    this.#chosenId = null;
  }

  get autoLockMinutes(): number {
    return this.#autoLockMinutes;
  }

  /** A per-device choice (a busy counter vs a quiet back office), so it lives in localStorage. */
  set autoLockMinutes(minutes: number) {
    if (!(minutes > 0)) return;
    this.#autoLockMinutes = minutes;
    try {
      globalThis.localStorage?.setItem(AUTO_LOCK_KEY, String(minutes));
    } catch {
      // Private mode without storage: the choice lasts until the page closes.
    }
    this.#clearIdle();
    this.#armIdle(this.#autoLockMs);
  }

  // ---- manager approval ----------------------------------------------------------------------

  /** The approval the register is waiting for, if any (the dialog shows its reason). */
  get approval(): { reason: string } | null {
    const pending = this.#approval;
    return pending ? { reason: pending.reason } : null;
  }

  /**
   * Asks for a manager's or owner's PIN for `reason` (e.g. "Discount over 20 %"). Resolves with the
   * approver, or null if cancelled. A manager or owner who is signed in approves at once, and so
   * does a shop without PINs (with `by: null`).
   */
  requestApproval(reason: string): Promise<Approval | null> {
    const me = this.current;
    if (me && canApprove(me.role)) return Promise.resolve({ by: me.id, name: me.name });
    this.#approval?.resolve(null);
    return new Promise((resolve) => {
      this.#approval = { reason, resolve };
    });
  }

  /**
   * Checks a PIN against every active manager and owner; resolves the pending request with the
   * one it belongs to and returns their id. A cashier's PIN (or any other) is a wrong PIN here and
   * counts toward the lockout.
   */
  async approve(pin: string): Promise<string> {
    const records = await this.#beginCheck();
    try {
      const approvers = records.filter((r) => canUnlock(r.values) && canApprove(r.values.role)).sort((a, b) => a.id.localeCompare(b.id));
      const matches = await Promise.all(approvers.map((r) => verifyPin(pin, r.values.pin!)));
      const approver = approvers[matches.indexOf(true)];
      if (!approver) return await this.#wrongPin('Not a manager’s or owner’s PIN');
      await this.#rightPin();
      this.#approval?.resolve({ by: approver.id, name: approver.values.name });
      this.#approval = null;
      return approver.id;
    } finally {
      this.#checking = false;
    }
  }

  cancelApproval(): void {
    this.#approval?.resolve(null);
    this.#approval = null;
  }

  // ---- managing staff (owner) ------------------------------------------------------------------

  /** Adds someone with a PIN. The very first owner with a PIN is signed in at once (they are at the device). */
  async add(input: NewStaff): Promise<string> {
    this.#assertCanManage();
    // Read the table, not the live list: it may not have caught up with a save a moment ago.
    const first = !(await readStaffRecords(this.env.db)).some((r) => canUnlock(r.values));
    const id = await (await commands()).addStaff(this.env, input);
    if (first) {
      this.#currentId = id;
      this.#chosenId = id;
      this.#lastActivity = this.#clock.now();
      this.#armIdle(this.#autoLockMs);
    }
    return id;
  }

  async rename(id: string, name: string): Promise<void> {
    this.#assertCanManage();
    await (await commands()).updateStaff(this.env, id, { name });
  }

  async setRole(id: string, role: StaffRole): Promise<void> {
    this.#assertCanManage();
    await (await commands()).updateStaff(this.env, id, { role });
  }

  async setActive(id: string, active: boolean): Promise<void> {
    this.#assertCanManage();
    await (await commands()).updateStaff(this.env, id, { active });
  }

  async resetPin(id: string, pin: string): Promise<void> {
    this.#assertCanManage();
    await (await commands()).setStaffPin(this.env, id, pin);
  }

  // ---- internals -----------------------------------------------------------------------------

  get #autoLockMs(): number {
    return this.#autoLockMinutes * 60_000;
  }

  #assertCanManage(): void {
    if (!this.canManage) throw new DomainError('owner-only', 'Only an owner can manage staff');
  }

  /** Refuses while locked out or busy; otherwise marks the check started and reads the PIN hashes. */
  async #beginCheck(): ReturnType<typeof readStaffRecords> {
    if (this.#checking) throw new DomainError('pin-busy', 'Still checking the last PIN');
    this.#checking = true;
    try {
      await this.#ready;
      this.#tick();
      const status = lockout(this.#failures, this.#now);
      if (status.locked) {
        throw new DomainError('locked-out', `Too many wrong PINs: locked for ${lockSecondsLeft(status, this.#now)} s`, { ...status });
      }
      return await readStaffRecords(this.env.db);
    } catch (error) {
      this.#checking = false;
      throw error;
    }
  }

  async #wrongPin(what: string): Promise<never> {
    this.#failures = await recordPinFailure(this.env.db, this.#clock.now());
    this.#tick();
    const status = lockout(this.#failures, this.#now);
    const message = status.locked
      ? `${what} — locked for ${lockSecondsLeft(status, this.#now)} s`
      : `${what} — ${status.remaining} ${status.remaining === 1 ? 'attempt' : 'attempts'} left`;
    throw new DomainError('wrong-pin', message, { ...status });
  }

  async #rightPin(): Promise<void> {
    if (this.#failures.length > 0) await clearPinFailures(this.env.db);
    this.#failures = [];
  }

  /** Moves `now` on; while a lockout runs, again at the next whole second (the countdown). */
  #tick(): void {
    this.#now = this.#clock.now();
    if (this.#tickTimer !== undefined) this.#timers.clearTimeout(this.#tickTimer);
    this.#tickTimer = undefined;
    const status = lockout(this.#failures, this.#now);
    if (!status.locked) return;
    const wait = (Date.parse(status.until!) - this.#now) % 1000 || 1000;
    this.#tickTimer = this.#timers.setTimeout(() => {
      this.#tickTimer = undefined;
      this.#tick();
    }, wait);
  }

  // Activity only stamps a time: cheap enough for every key press. The timer re-checks when it fires.
  readonly #onActivity = (): void => {
    this.#lastActivity = this.#clock.now();
  };

  #armIdle(delay: number): void {
    if (this.#idleTimer !== undefined || this.#currentId === null) return;
    this.#idleTimer = this.#timers.setTimeout(() => {
      this.#idleTimer = undefined;
      this.#checkIdle();
    }, delay);
  }

  #checkIdle(): void {
    if (this.#currentId === null) return;
    const idle = this.#clock.now() - this.#lastActivity;
    if (idle >= this.#autoLockMs) this.lock();
    else this.#armIdle(this.#autoLockMs - idle);
  }

  #clearIdle(): void {
    if (this.#idleTimer !== undefined) this.#timers.clearTimeout(this.#idleTimer);
    this.#idleTimer = undefined;
  }
}
