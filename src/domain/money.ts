import { DomainError, invariant } from './errors';

/**
 * Money is an integer count of minor units (cents) of the shop's one currency. The brand keeps a
 * plain number (a quantity, a percentage) from being added to it by accident.
 */
export type Money = number & { readonly __brand: 'Money' };

/** Safe upper bound: ten billion in major units is far beyond any boutique, far below 2^53. */
export const MAX_MONEY = 1_000_000_000_000;

function checked(value: number): Money {
  if (!Number.isSafeInteger(value)) {
    throw new DomainError('money-not-integer', `Money must be whole minor units, got ${value}`, { value });
  }
  if (Math.abs(value) > MAX_MONEY) {
    throw new DomainError('money-out-of-range', `Amount ${value} is out of range`, { value });
  }
  return value as Money;
}

export const Money = {
  zero: 0 as Money,

  /** From minor units (cents). Throws on fractions, NaN and absurd sizes. */
  of(minor: number): Money {
    return checked(minor);
  },

  /**
   * Parses a decimal string in major units ("42.99", "-3", "1,234.5") into minor units for a
   * currency with `digits` minor digits. More fractional digits than the currency has is an error,
   * never a silent rounding.
   */
  parse(text: string, digits = 2): Money {
    const cleaned = text.trim().replace(/[,\s\u00a0]/g, '');
    const match = /^(-?)(\d+)(?:\.(\d*))?$/.exec(cleaned);
    if (!match) throw new DomainError('money-invalid', `"${text}" is not an amount`, { text });
    const [, sign, whole = '0', frac = ''] = match;
    if (frac.length > digits) {
      throw new DomainError('money-too-precise', `"${text}" has more than ${digits} decimals`, { text });
    }
    const minor = Number(whole) * 10 ** digits + Number(frac.padEnd(digits, '0') || '0');
    return checked(sign === '-' ? -minor : minor);
  },

  add(...amounts: Money[]): Money {
    return checked(amounts.reduce((sum, a) => sum + a, 0));
  },

  subtract(a: Money, b: Money): Money {
    return checked(a - b);
  },

  negate(a: Money): Money {
    return checked(-a);
  },

  /** Price × quantity. Quantities are whole units (jewelry is sold by the piece). */
  times(a: Money, quantity: number): Money {
    invariant(Number.isSafeInteger(quantity), 'quantity-not-integer', `Quantity ${quantity} is not whole`);
    return checked(a * quantity);
  },

  /**
   * A percentage of an amount, in basis points (1 % = 100 bp) so rates like 8.875 % stay exact.
   * Rounded once, half away from zero — the one rounding rule for tax and percentage discounts.
   */
  percent(a: Money, basisPoints: number): Money {
    invariant(Number.isSafeInteger(basisPoints), 'rate-not-integer', `Rate ${basisPoints} bp is not whole`);
    return checked(roundHalfAwayFromZero(BigInt(a) * BigInt(basisPoints), 10_000n));
  },

  /**
   * Splits `total` across parts in proportion to `weights` without losing or inventing a cent:
   * each part gets its floor share, and the leftover cents go one by one to the parts with the
   * largest remainders (ties to the earlier part). The parts always sum to `total`.
   */
  allocate(total: Money, weights: readonly number[]): Money[] {
    invariant(weights.length > 0, 'allocate-no-parts', 'Nothing to allocate across');
    invariant(
      weights.every((w) => Number.isSafeInteger(w) && w >= 0),
      'allocate-bad-weight',
      'Weights must be whole and not negative',
    );
    const weightSum = weights.reduce((s, w) => s + w, 0);
    // All-zero weights (e.g. a set of free items): split evenly.
    const ws = weightSum === 0 ? weights.map(() => 1) : weights;
    const sum = weightSum === 0 ? weights.length : weightSum;
    const sign = total < 0 ? -1 : 1;
    const abs = Math.abs(total);
    // BigInt: abs × weight can pass 2^53 for big totals and big list prices.
    const shares = ws.map((w) => {
      const num = BigInt(abs) * BigInt(w);
      return { floor: Number(num / BigInt(sum)), rem: Number(num % BigInt(sum)) };
    });
    let left = abs - shares.reduce((s, p) => s + p.floor, 0);
    const order = shares.map((_, i) => i).sort((i, j) => shares[j]!.rem - shares[i]!.rem || i - j);
    const out = shares.map((p) => p.floor);
    for (const i of order) {
      if (left === 0) break;
      out[i]! += 1;
      left -= 1;
    }
    return out.map((v) => checked(sign * v));
  },

  compare(a: Money, b: Money): number {
    return a - b;
  },
};

/** n / d rounded half away from zero, for integer n and positive d (BigInt: no overflow). */
export function roundHalfAwayFromZero(n: bigint, d: bigint): number {
  const negative = n < 0n;
  const abs = negative ? -n : n;
  const q = abs / d;
  const rounded = (abs % d) * 2n >= d ? q + 1n : q;
  return Number(negative ? -rounded : rounded);
}
