import { newId } from './ids';
import { perform, type Env } from './perform';

export interface CashMoveInput {
  shiftId: string;
  kind: 'in' | 'out';
  /** Minor units, more than zero. */
  amount: number;
  reason: string;
  staffId: string | null;
}

/** Pays cash into or out of the drawer of an open shift, with its reason; returns the movement's id. */
export async function moveCash(env: Env, input: CashMoveInput): Promise<string> {
  const id = newId(env);
  await perform(env, 'cash.move', {
    id,
    shiftId: input.shiftId,
    kind: input.kind,
    amount: input.amount,
    reason: input.reason,
    staffId: input.staffId,
  });
  return id;
}

export interface CloseShiftInput {
  shiftId: string;
  /** What the blind count found in the drawer (minor units). */
  countedCash: number;
  closedBy: string | null;
}

/**
 * Closes the shift after a blind count: `shift.close` works out the report from the stored records,
 * freezes it as a Z report and marks the shift closed, in one transaction with its outbox row.
 * Returns the Z report's id.
 */
export async function closeShift(env: Env, input: CloseShiftInput): Promise<string> {
  const zReportId = newId(env);
  await perform(env, 'shift.close', {
    shiftId: input.shiftId,
    zReportId,
    countedCash: input.countedCash,
    closedBy: input.closedBy,
  });
  return zReportId;
}
