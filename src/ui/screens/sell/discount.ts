import type { Discount } from '../../../domain/sale/types';
import { parseMoney, parsePercent } from '../../format';

export type DiscountDraft = { kind: 'percent' | 'amount'; value: string; reason: string };

/** A typed discount → the domain's; empty value = no discount. Throws a clear message. */
export function toDiscount(draft: DiscountDraft, currency: string): Discount | null {
  const value = draft.value.trim();
  if (!value) return null;
  const reason = draft.reason.trim();
  if (!reason) throw new Error('Give a reason for the discount');
  if (draft.kind === 'amount') {
    const amount = parseMoney(value, currency);
    if (amount <= 0) throw new Error('A discount is more than zero');
    return { kind: 'amount', amount, reason };
  }
  const bp = parsePercent(value, 'A discount');
  if (bp === 0) throw new Error('A discount is more than 0 %');
  return { kind: 'percent', bp, reason };
}

export function toDraft(discount: Discount | null, moneyText: (n: number) => string): DiscountDraft {
  if (!discount) return { kind: 'percent', value: '', reason: '' };
  return discount.kind === 'percent'
    ? { kind: 'percent', value: String(discount.bp / 100), reason: discount.reason }
    : { kind: 'amount', value: moneyText(discount.amount), reason: discount.reason };
}
