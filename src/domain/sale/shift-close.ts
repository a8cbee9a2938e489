import * as v from 'valibot';
import { defineMutation, type RecordStore } from '../sync/mutation';
import { DomainError } from '../errors';
import { money, uuid } from '../catalog/fields';
import { overShort, reportOfShift, type ShiftReport } from './report';
import type { CashMovement, ShiftRecord } from './types';

/**
 * A closed shift's Z report, frozen when the shift closed (§10 "Rollups": revenue, tax and tenders,
 * never COGS). Computed by `shift.close` from the stored records, on the device and again on the
 * server with the same code, and never changed afterwards.
 */
export type ZReportRecord = {
  id: string;
  shiftId: string;
  registerCode: string;
  /** yyyy-MM-dd in the shop's time zone: the day the shift opened (§10). */
  businessDay: string;
  openedAt: string;
  openedBy: string | null;
  closedAt: string;
  closedBy: string | null;
  report: ShiftReport;
  /** What the blind count found in the drawer. */
  countedCash: number;
  /** countedCash − expected cash: positive over, negative short. */
  overShort: number;
};

async function readShift(store: RecordStore, shiftId: string): Promise<ShiftRecord> {
  const shift = (await store.get('shifts', shiftId)) as ShiftRecord | undefined;
  if (!shift) throw new DomainError('shift-not-found', 'That shift does not exist (open the register first)', { shiftId });
  return shift;
}

const reason = v.pipe(
  v.string(),
  v.trim(),
  v.minLength(1, 'Give a reason for the cash paid in or out'),
  v.maxLength(120, 'A reason is at most 120 characters'),
);

/** Cash put into or taken out of the drawer during an open shift (change bought, a window cleaner paid…). */
export const moveCash = defineMutation({
  name: 'cash.move',
  version: 1,
  tables: ['shifts', 'cashMovements'],
  schema: v.strictObject({
    id: uuid('Cash movement id'),
    shiftId: uuid('Shift id'),
    kind: v.picklist(['in', 'out'], 'Cash goes in or out'),
    amount: v.pipe(money('Amount'), v.minValue(1, 'The amount is more than zero')),
    reason,
    staffId: v.nullable(uuid('Staff id')),
  }),
  async apply(store, args, meta) {
    if (await store.get('cashMovements', args.id)) return;
    const shift = await readShift(store, args.shiftId);
    if (shift.status !== 'open')
      throw new DomainError('shift-closed', 'This shift is closed: open the register again to pay cash in or out', { shiftId: shift.id });
    const movement: CashMovement = {
      id: args.id,
      shiftId: args.shiftId,
      kind: args.kind,
      amount: args.amount,
      reason: args.reason,
      staffId: args.staffId,
      occurredAt: meta.occurredAt,
    };
    await store.put('cashMovements', movement);
  },
});

/**
 * Closes a shift after a blind count: works out the report from the shift's stored records (the
 * device and the server run this same code on the same records, so their figures agree), freezes
 * it with the count and the over/short as a Z report, and marks the shift closed. A shift closes
 * once; the register then opens a new one.
 */
export const closeShift = defineMutation({
  name: 'shift.close',
  version: 1,
  tables: ['shifts', 'sales', 'returns', 'cashMovements', 'zReports'],
  schema: v.strictObject({
    shiftId: uuid('Shift id'),
    zReportId: uuid('Z report id'),
    countedCash: money('Counted cash'),
    closedBy: v.nullable(uuid('Staff id')),
  }),
  async apply(store, args, meta) {
    // Applied before (a replay after the server's copy came back): nothing more to do.
    if (await store.get('zReports', args.zReportId)) return;
    const shift = await readShift(store, args.shiftId);
    if (shift.status !== 'open')
      throw new DomainError('shift-closed', 'This shift is already closed; its Z report was printed then', { shiftId: shift.id });
    const report = await reportOfShift(store, shift);
    const z: ZReportRecord = {
      id: args.zReportId,
      shiftId: shift.id,
      registerCode: shift.registerCode,
      businessDay: shift.businessDay,
      openedAt: shift.openedAt,
      openedBy: shift.openedBy,
      closedAt: meta.occurredAt,
      closedBy: args.closedBy,
      report,
      countedCash: args.countedCash,
      overShort: overShort(args.countedCash, report),
    };
    await store.put('zReports', z);
    await store.put('shifts', { ...shift, status: 'closed' });
  },
});
