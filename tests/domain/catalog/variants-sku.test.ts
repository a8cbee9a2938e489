import { describe, expect, it } from 'vitest';
import { expandVariants, variantLabel, MAX_VARIANTS } from '../../../src/domain/catalog/variants';
import { checkBarcode, generateSku, normaliseCode } from '../../../src/domain/catalog/sku';
import { bundleAvailability } from '../../../src/domain/catalog/bundle';
import { matchesAll, planQuery, tokenize, tokensOf } from '../../../src/domain/catalog/search';
import { isDomainError } from '../../../src/domain/errors';

describe('variants', () => {
  it('expands every combination of any number of options, first option slowest', () => {
    const combos = expandVariants([
      { name: 'Size', values: ['5', '6', '7'] },
      { name: 'Metal', values: ['Silver', 'Gold vermeil'] },
      { name: 'Stone', values: ['Opal', 'Garnet'] },
      { name: 'Finish', values: ['Polished', 'Hammered'] }, // a fourth option: no 3-option cap
    ]);
    expect(combos).toHaveLength(24);
    expect(combos[0]).toEqual(['5', 'Silver', 'Opal', 'Polished']);
    expect(combos[1]).toEqual(['5', 'Silver', 'Opal', 'Hammered']);
    expect(combos.at(-1)).toEqual(['7', 'Gold vermeil', 'Garnet', 'Hammered']);
    expect(new Set(combos.map((c) => variantLabel(c))).size).toBe(24);
    expect(expandVariants([])).toEqual([[]]);
  });

  it('refuses absurd combinations and repeated values with a clear reason', () => {
    const many = Array.from({ length: 40 }, (_, i) => String(i));
    try {
      expandVariants([{ name: 'A', values: many }, { name: 'B', values: many }]);
      expect.unreachable();
    } catch (e) {
      expect(isDomainError(e, 'too-many-variants') && e.message).toContain(`more than ${MAX_VARIANTS}`);
    }
    expect(() => expandVariants([{ name: 'Size', values: ['7', ' 7'] }])).toThrow('“ 7” is listed twice under Size');
  });
});

describe('SKUs and barcodes', () => {
  it('generates SKUs from a pattern with category, register and sequence', () => {
    expect(generateSku('{CAT}-{REG}{SEQ:4}', { category: 'Rings', register: 'r2', sequence: 7 })).toBe('RINGS-R20007');
    expect(generateSku('{CAT}{REG}-{SEQ}', { category: '', register: 'R1', sequence: 12 })).toBe('GENR1-12');
  });

  it('two devices with different register codes never generate the same SKU', () => {
    const a = new Set(Array.from({ length: 500 }, (_, i) => generateSku('{CAT}-{REG}{SEQ:4}', { category: 'RNG', register: 'R1', sequence: i + 1 })));
    const b = Array.from({ length: 500 }, (_, i) => generateSku('{CAT}-{REG}{SEQ:4}', { category: 'RNG', register: 'R2', sequence: i + 1 }));
    expect(b.some((sku) => a.has(sku))).toBe(false);
  });

  it('a pattern without the register or sequence is refused', () => {
    expect(() => generateSku('{CAT}-{SEQ}', { category: 'X', register: 'R1', sequence: 1 })).toThrow('needs {REG}');
    expect(() => generateSku('{CAT}-{REG}', { category: 'X', register: 'R1', sequence: 1 })).toThrow('needs {SEQ}');
  });

  it('checks EAN/UPC check digits and accepts other codes as they are', () => {
    expect(checkBarcode('4006381333931')).toEqual({ ok: true }); // EAN-13
    expect(checkBarcode('036000291452')).toEqual({ ok: true }); // UPC-A
    expect(checkBarcode('96385074')).toEqual({ ok: true }); // EAN-8
    expect(checkBarcode('4006381333932')).toEqual({ ok: false, message: '4006381333932 is not a valid EAN code (check digit should be 1)' });
    expect(checkBarcode('RNG-R10007')).toEqual({ ok: true });
    expect(normaliseCode(' rng-r1 0007 ')).toBe('RNG-R10007');
  });
});

describe('gift sets', () => {
  it('availability is the scarcest component over its quantity', () => {
    const onHand: Record<string, number> = { box: 10, studs: 7, cloth: 3 };
    const components = [
      { itemId: 'box', quantity: 1 },
      { itemId: 'studs', quantity: 2 },
      { itemId: 'cloth', quantity: 1 },
    ];
    expect(bundleAvailability(components, (id) => onHand[id] ?? 0)).toBe(3);
    onHand['studs'] = 5;
    expect(bundleAvailability(components, (id) => onHand[id] ?? 0)).toBe(2);
    onHand['cloth'] = -2; // oversold component
    expect(bundleAvailability(components, (id) => onHand[id] ?? 0)).toBe(0);
    expect(bundleAvailability([], () => 5)).toBe(0);
  });
});

describe('search tokens', () => {
  it('normalises case and accents and splits words; codes stay whole', () => {
    expect(tokenize('Bague Émeraude 18K-or')).toEqual(['bague', 'emeraude', '18k', 'or']);
    expect(tokensOf(['Opal ring'], ['RNG-R10007'])).toEqual(['opal', 'ring', 'rng-r10007']);
  });

  it('scans the longest word and requires every word as a prefix', () => {
    expect(planQuery('op silver ring')).toEqual({ scan: 'silver', rest: ['ring', 'op'] });
    expect(planQuery('  ')).toBeUndefined();
    expect(matchesAll(['opal', 'ring', 'silver'], ['op', 'sil'])).toBe(true);
    expect(matchesAll(['opal', 'ring'], ['op', 'gold'])).toBe(false);
  });
});
