import { appEnv } from '../data/env';
import { Live } from '../data/live.svelte';
import { closeShift, moveCash } from '../data/commands/shifts';
import { openShiftOf, registerCodeOf } from '../data/queries/register';
import { readZReport, xReportOf, zReportsOf, type XReport } from '../data/queries/shifts';
import type { Env } from '../data/commands/perform';
import type { ZReportRecord } from '../domain/sale/shift-close';
import type { ShiftRecord } from '../domain/sale/types';
import { canApprove, type StaffRole } from '../domain/staff';

/** Who is at the register, as the staff session knows it (StaffSession fits). */
export interface ShiftStaff {
  /** The staff member at the register (null while the shop has no staff set up). */
  readonly staffId: string | null;
  /** Who is signed in (null: locked). */
  readonly current: { role: StaffRole } | null;
  /** Asks a manager to approve; resolves with who approved, or null when cancelled. */
  requestApproval(reason: string): Promise<{ by: string | null } | null>;
}

/**
 * The register's shift after the sale: cash paid in and out, the X report (the open shift's
 * figures, live), closing with a blind count into a frozen Z report, and the register's past Z
 * reports. Every write is one command (data/commands/shifts.ts).
 */
export class ShiftState {
  /** The shift open on this register, if any. */
  readonly open: Live<ShiftRecord | undefined>;
  /** The open shift's report so far (undefined with no open shift). */
  readonly x: Live<XReport | undefined>;
  /** This register's Z reports, newest business day first. */
  readonly zReports: Live<ZReportRecord[]>;
  readonly registerCode: Live<string>;
  busy = $state(false);

  constructor(
    private readonly staff: ShiftStaff,
    private readonly env: Env = appEnv(),
  ) {
    const openShift = async () => openShiftOf(env.db, await registerCodeOf(env.db));
    this.open = new Live(openShift, undefined);
    this.x = new Live(async () => {
      const shift = await openShift();
      return shift ? xReportOf(env.db, shift.id) : undefined;
    }, undefined);
    this.zReports = new Live(async () => zReportsOf(env.db, await registerCodeOf(env.db)), []);
    this.registerCode = new Live(() => registerCodeOf(env.db), '');
  }

  /**
   * The X report shows the cash the drawer should hold, which would spoil a cashier's blind count:
   * a cashier sees it with a manager's approval, a manager or owner straight away. False when refused.
   */
  async mayViewExpectedCash(): Promise<boolean> {
    const role = this.staff.current?.role;
    if (role && canApprove(role)) return true;
    return (await this.staff.requestApproval('See the X report (the cash the drawer should hold)')) !== null;
  }

  /** Pays cash into (`in`) or out of (`out`) the open shift's drawer, with its reason. */
  async moveCash(kind: 'in' | 'out', amount: number, reason: string): Promise<void> {
    const shift = await this.#openShift();
    this.busy = true;
    try {
      await moveCash(this.env, { shiftId: shift.id, kind, amount, reason, staffId: this.staff.staffId });
    } finally {
      this.busy = false;
    }
  }

  /** Closes the open shift with the cash counted blind; returns its frozen Z report. */
  async close(countedCash: number): Promise<ZReportRecord> {
    const shift = await this.#openShift();
    this.busy = true;
    try {
      const id = await closeShift(this.env, { shiftId: shift.id, countedCash, closedBy: this.staff.staffId });
      return (await readZReport(this.env.db, id))!;
    } finally {
      this.busy = false;
    }
  }

  /** A Z report by id (frozen: read once, it never changes). */
  zReport(id: string): Promise<ZReportRecord | undefined> {
    return readZReport(this.env.db, id);
  }

  async #openShift(): Promise<ShiftRecord> {
    const shift = await openShiftOf(this.env.db, await registerCodeOf(this.env.db));
    if (!shift) throw new Error('The register is not open: there is no shift to close or to move cash in');
    return shift;
  }
}
