import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Money, MAX_MONEY } from '../../src/domain/money';
import { isDomainError } from '../../src/domain/errors';

const money = fc.integer({ min: -1_000_000_000, max: 1_000_000_000 }).map((n) => Money.of(n));

function reasonOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    return isDomainError(error) ? error.reason : 'other';
  }
  return undefined;
}

describe('Money', () => {
  it('rejects fractions, NaN and absurd sizes with specific reasons', () => {
    expect(reasonOf(() => Money.of(1.5))).toBe('money-not-integer');
    expect(reasonOf(() => Money.of(Number.NaN))).toBe('money-not-integer');
    expect(reasonOf(() => Money.of(MAX_MONEY + 1))).toBe('money-out-of-range');
    expect(reasonOf(() => Money.add(Money.of(MAX_MONEY), Money.of(1)))).toBe('money-out-of-range');
  });

  it('parses decimal text exactly and refuses extra precision', () => {
    expect(Money.parse('42.99')).toBe(4299);
    expect(Money.parse('55')).toBe(5500);
    expect(Money.parse('1,234.5')).toBe(123450);
    expect(Money.parse('-0.07')).toBe(-7);
    expect(Money.parse('0.1', 0 + 3)).toBe(100);
    expect(reasonOf(() => Money.parse('4.999'))).toBe('money-too-precise');
    expect(reasonOf(() => Money.parse('abc'))).toBe('money-invalid');
    expect(reasonOf(() => Money.parse(''))).toBe('money-invalid');
  });

  it('multiplies by whole quantities only', () => {
    expect(Money.times(Money.of(1999), 3)).toBe(5997);
    expect(reasonOf(() => Money.times(Money.of(1999), 0.5))).toBe('quantity-not-integer');
  });

  it('rounds percentages once, half away from zero, in basis points', () => {
    expect(Money.percent(Money.of(1000), 875)).toBe(88); // 87.5 -> 88
    expect(Money.percent(Money.of(-1000), 875)).toBe(-88);
    expect(Money.percent(Money.of(1000), 874)).toBe(87); // 87.4 -> 87
    expect(Money.percent(Money.of(5), 1000)).toBe(1); // 0.5 -> 1
    expect(Money.percent(Money.of(MAX_MONEY), 10_000)).toBe(MAX_MONEY);
  });

  it('allocates without losing or inventing a cent', () => {
    expect(Money.allocate(Money.of(100), [1, 1, 1])).toEqual([34, 33, 33]);
    expect(Money.allocate(Money.of(-100), [1, 1, 1])).toEqual([-34, -33, -33]);
    expect(Money.allocate(Money.of(1000), [5000, 3000, 2000])).toEqual([500, 300, 200]);
    expect(Money.allocate(Money.of(7), [0, 0])).toEqual([4, 3]);
    expect(reasonOf(() => Money.allocate(Money.of(7), []))).toBe('allocate-no-parts');
    expect(reasonOf(() => Money.allocate(Money.of(7), [-1, 2]))).toBe('allocate-bad-weight');
  });

  it('allocation always sums to the total and stays proportional within a cent', () => {
    fc.assert(
      fc.property(money, fc.array(fc.integer({ min: 0, max: 10_000_000 }), { minLength: 1, maxLength: 12 }), (total, weights) => {
        const parts = Money.allocate(total, weights);
        expect(parts.reduce((s, p) => s + p, 0)).toBe(total);
        const sum = weights.reduce((s, w) => s + w, 0);
        if (sum > 0) {
          parts.forEach((p, i) => expect(Math.abs(p - (total * weights[i]!) / sum)).toBeLessThan(1 + 1e-6));
        }
      }),
    );
  });

  it('addition is associative and subtract undoes add', () => {
    fc.assert(
      fc.property(money, money, money, (a, b, c) => {
        expect(Money.add(Money.add(a, b), c)).toBe(Money.add(a, Money.add(b, c)));
        expect(Money.subtract(Money.add(a, b), b)).toBe(a);
      }),
    );
  });
});
