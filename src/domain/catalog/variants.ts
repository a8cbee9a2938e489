import { DomainError } from '../errors';

export interface ProductOption {
  name: string;
  values: string[];
}

/** Far above any real jewelry line, low enough that a typo (100 sizes × 100 metals) is caught. */
export const MAX_VARIANTS = 1000;

/**
 * Every combination of option values, in the order a person reads them (first option slowest).
 * Any number of options: no 3-option cap.
 */
export function expandVariants(options: readonly ProductOption[]): string[][] {
  const used = options.filter((o) => o.values.length > 0);
  const count = used.reduce((n, o) => n * o.values.length, 1);
  if (count > MAX_VARIANTS) {
    throw new DomainError('too-many-variants', `${count} combinations is more than ${MAX_VARIANTS}; split the product`, { count });
  }
  for (const option of used) {
    const seen = new Set<string>();
    for (const value of option.values) {
      const key = value.trim().toLowerCase();
      if (seen.has(key))
        throw new DomainError('duplicate-option-value', `“${value}” is listed twice under ${option.name}`, { option: option.name, value });
      seen.add(key);
    }
  }
  return used.reduce<string[][]>((combos, option) => combos.flatMap((combo) => option.values.map((v) => [...combo, v])), [[]]);
}

/** "Size 7 / Silver" — how a variant is named on screens and receipts. */
export function variantLabel(values: readonly string[]): string {
  return values.filter(Boolean).join(' / ');
}
