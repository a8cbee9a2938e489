import { DomainError } from '../errors';
import type { Tender, TenderKind } from './types';

/** A payment as the cashier enters it: for cash, the amount handed over; otherwise the amount charged. */
export interface TenderInput {
  id: string;
  kind: TenderKind;
  amount: number;
  method: string | null;
  reference: string | null;
  /** Store credit / gift card account (kind `credit`). */
  creditId?: string | null;
}

export interface Settlement {
  /** Rounded cash due − exact cash due (its own line on the receipt, §10). */
  cashRounding: number;
  tenders: Tender[];
  change: number;
}

/** Nearest multiple of `increment` (e.g. 5 for 0.05 rounding), halves away from zero; 0 or 1 = no rounding. */
export function roundToIncrement(amount: number, increment: number): number {
  if (increment <= 1) return amount;
  const sign = amount < 0 ? -1 : 1;
  const abs = Math.abs(amount);
  const down = abs - (abs % increment);
  return sign * (abs - down >= increment / 2 ? down + increment : down);
}

/**
 * Checks that the tenders pay `total` and works out change and cash rounding. Card and other
 * tenders are charged exactly and may not exceed what is due (no change from a card); cash pays
 * the rest, rounded to the shop's cash increment, and any excess is change.
 */
export function settle(total: number, inputs: readonly TenderInput[], cashIncrement: number): Settlement {
  for (const t of inputs) {
    if (!Number.isSafeInteger(t.amount) || t.amount <= 0)
      throw new DomainError('tender-invalid', 'A payment must be more than zero', { tenderId: t.id });
  }
  const cash = inputs.filter((t) => t.kind === 'cash');
  const other = inputs.filter((t) => t.kind !== 'cash');
  const nonCash = other.reduce((s, t) => s + t.amount, 0);
  if (nonCash > total)
    throw new DomainError('tender-overpays', 'Card and other payments cannot be more than what is due', { nonCash, total });
  const tenders: Tender[] = other.map((t) => ({ ...t, creditId: t.creditId ?? null, tendered: t.amount }));
  if (cash.length === 0) {
    if (nonCash < total) throw new DomainError('tender-short', 'The payments do not cover the total', { due: total - nonCash });
    return { cashRounding: 0, tenders, change: 0 };
  }
  const exactDue = total - nonCash;
  const due = roundToIncrement(exactDue, cashIncrement);
  const handed = cash.reduce((s, t) => s + t.amount, 0);
  if (handed < due) throw new DomainError('tender-short', 'The payments do not cover the total', { due: due - handed });
  let left = due;
  for (const t of cash) {
    const applied = Math.min(t.amount, left);
    left -= applied;
    tenders.push({ ...t, creditId: null, amount: applied, tendered: t.amount });
  }
  return { cashRounding: due - exactDue, tenders, change: handed - due };
}
