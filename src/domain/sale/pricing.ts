import { Money, roundHalfAwayFromZero } from '../money';
import { DomainError } from '../errors';
import type { Discount, TaxBreakdown, TaxMode } from './types';

/** A cart line as the register knows it, before any money is decided. */
export interface LineInput {
  lineId: string;
  quantity: number;
  /** Price per unit in the shop's tax mode (catalogue price or an approved override). */
  unitPrice: number;
  taxRateBp: number;
  discount: Discount | null;
  /** Gift set components with their list prices per set: the line's money is split over them. */
  components?: readonly { itemId: string; quantity: number; listPrice: number }[];
  /** A gift card sold: sold at face value, so it takes no share of a whole-sale discount. */
  giftCard?: { creditId: string; code: string } | null;
}

export interface PricedLine {
  lineId: string;
  gross: number;
  lineDiscount: number;
  saleDiscountShare: number;
  net: number;
  tax: number;
  total: number;
  /** Per component: net and tax split by list price × quantity (§10), in input order. */
  componentSplit: { net: number; tax: number }[];
}

export interface PricedSale {
  lines: PricedLine[];
  subtotal: number;
  /** Line discounts + the whole-sale discount. */
  discountTotal: number;
  saleDiscount: number;
  taxTotal: number;
  total: number;
  taxByRate: TaxBreakdown[];
}

/** The amount a discount takes off `base`: a percent rounded half away from zero, or an amount. Never more than the base. */
export function discountAmount(discount: Discount | null, base: number): number {
  if (!discount) return 0;
  const amount = discount.kind === 'percent' ? Money.percent(Money.of(base), discount.bp) : discount.amount;
  if (amount < 0) throw new DomainError('discount-negative', 'A discount cannot be negative');
  if (amount > base) throw new DomainError('discount-too-large', 'A discount cannot be more than what it is taken off', { amount, base });
  return amount;
}

/**
 * Tax of one line, rounded once per line half away from zero (§10). Inclusive prices contain the
 * tax: tax = net × r / (1 + r). Exclusive prices have it added: tax = net × r.
 */
export function lineTax(net: number, rateBp: number, mode: TaxMode): number {
  if (rateBp === 0) return 0;
  return mode === 'inclusive'
    ? roundHalfAwayFromZero(BigInt(net) * BigInt(rateBp), BigInt(10_000 + rateBp))
    : roundHalfAwayFromZero(BigInt(net) * BigInt(rateBp), 10_000n);
}

/**
 * Decides every figure of a sale: line discounts first, then the whole-sale discount allocated
 * over the lines by their discounted amounts (Money.allocate: no cent lost), then tax per line.
 * The receipt's tax is the sum of the line taxes. Pure and deterministic, so the device and the
 * server get the same figures from the same inputs.
 */
export function priceSale(lines: readonly LineInput[], saleDiscount: Discount | null, mode: TaxMode): PricedSale {
  const steps = lines.map((line) => {
    if (!Number.isSafeInteger(line.quantity) || line.quantity < 1)
      throw new DomainError('quantity-invalid', 'A line needs a whole quantity of at least 1', { lineId: line.lineId });
    const gross = Money.times(Money.of(line.unitPrice), line.quantity);
    const lineDiscount = discountAmount(line.discount, gross);
    return { line, gross, lineDiscount, afterLine: gross - lineDiscount };
  });
  // A gift card is money on account, not goods: a whole-sale discount is shared over the items only.
  const weights = steps.map((s) => (s.line.giftCard ? 0 : s.afterLine));
  const base = weights.reduce((sum, w) => sum + w, 0);
  const saleDiscount_ = discountAmount(saleDiscount, base);
  const shares = steps.length > 0 ? Money.allocate(Money.of(saleDiscount_), weights) : [];
  const priced: PricedLine[] = steps.map((s, i) => {
    const share = shares[i] ?? 0;
    const net = s.afterLine - share;
    const tax = lineTax(net, s.line.taxRateBp, mode);
    return {
      lineId: s.line.lineId,
      gross: s.gross,
      lineDiscount: s.lineDiscount,
      saleDiscountShare: share,
      net,
      tax,
      total: mode === 'inclusive' ? net : net + tax,
      componentSplit: splitComponents(net, tax, s.line.components ?? []),
    };
  });
  const byRate = new Map<number, TaxBreakdown>();
  steps.forEach((s, i) => {
    const row = byRate.get(s.line.taxRateBp) ?? { rateBp: s.line.taxRateBp, net: 0, tax: 0 };
    row.net += priced[i]!.net;
    row.tax += priced[i]!.tax;
    byRate.set(s.line.taxRateBp, row);
  });
  const sum = (f: (l: PricedLine) => number) => priced.reduce((t, l) => t + f(l), 0);
  return {
    lines: priced,
    subtotal: sum((l) => l.gross),
    discountTotal: sum((l) => l.lineDiscount) + saleDiscount_,
    saleDiscount: saleDiscount_,
    taxTotal: sum((l) => l.tax),
    total: sum((l) => l.total),
    taxByRate: [...byRate.values()].sort((a, b) => a.rateBp - b.rateBp),
  };
}

/** A gift set's net and tax split over its components in proportion to list price × quantity. */
export function splitComponents(
  net: number,
  tax: number,
  components: readonly { quantity: number; listPrice: number }[],
): { net: number; tax: number }[] {
  if (components.length === 0) return [];
  const weights = components.map((c) => c.listPrice * c.quantity);
  const nets = Money.allocate(Money.of(net), weights);
  const taxes = Money.allocate(Money.of(tax), weights);
  return components.map((_, i) => ({ net: nets[i]!, tax: taxes[i]! }));
}
