import type { ShiftReport } from '../../domain/sale/report';
import type { ZReportRecord } from '../../domain/sale/shift-close';
import type { ShiftRecord } from '../../domain/sale/types';
import { dexieStore } from '../commands/write-env';
import type { TroveDb } from '../db';

/** The X report: the open shift's figures so far, worked out now from its records (nothing is stored). */
export interface XReport {
  shift: ShiftRecord;
  report: ShiftReport;
}

/**
 * A shift's report as it stands: the very code `shift.close` freezes into the Z report
 * (`reportOfShift`: its sales, returns and cash movements found by shiftId, and the sales its
 * returns refer to), read here straight from the tables. Undefined when there is no such shift.
 */
export async function xReportOf(db: TroveDb, shiftId: string): Promise<XReport | undefined> {
  const shift = (await db.shifts.get(shiftId)) as unknown as ShiftRecord | undefined;
  if (!shift) return undefined;
  // The report code loads when a report is first asked for, not with the register (§8).
  const { reportOfShift } = await import('../../domain/sale/report');
  return { shift, report: await reportOfShift(dexieStore(db), shift) };
}

/** Z reports of one register, newest business day first (a register closes a shift or two a day: a page is plenty). */
export async function zReportsOf(db: TroveDb, registerCode: string, limit = 60): Promise<ZReportRecord[]> {
  const rows = (await db.zReports
    .orderBy('businessDay')
    .reverse()
    .filter((z) => z['registerCode'] === registerCode)
    .limit(limit)
    .toArray()) as unknown as ZReportRecord[];
  // Two shifts on one day: the later close first.
  return rows.sort((a, b) => b.businessDay.localeCompare(a.businessDay) || b.closedAt.localeCompare(a.closedAt));
}

export async function readZReport(db: TroveDb, id: string): Promise<ZReportRecord | undefined> {
  return (await db.zReports.get(id)) as unknown as ZReportRecord | undefined;
}
