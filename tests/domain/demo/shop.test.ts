import { describe, expect, it } from 'vitest';
import { demoSales, demoShop, ean13 } from '../../../src/domain/demo/shop';
import { loadAllMutations, prepare } from '../../../src/domain/sync/registry';

// Back-office mutations load on first use (registry.ts); these use prepare()/the map directly.
await loadAllMutations();

const all = (skus: number, seed: number) => [...demoShop({ skus, seed, chunkProducts: 25 })];

describe('demo shop generator', () => {
  it('is deterministic: the same seed gives the same mutations, another seed does not', () => {
    expect(JSON.stringify(all(300, 7))).toBe(JSON.stringify(all(300, 7)));
    expect(JSON.stringify(all(300, 8))).not.toBe(JSON.stringify(all(300, 7)));
  });

  it('makes exactly the requested number of SKUs, streamed in chunks', () => {
    for (const skus of [1, 17, 500]) {
      const chunks = all(skus, 1);
      const items = chunks.flatMap((c) =>
        c.mutations.filter((m) => m.name === 'catalog.createProduct').flatMap((m) => (m.args as { items: unknown[] }).items),
      );
      expect(items).toHaveLength(skus);
      expect(chunks.at(-1)!.skusDone).toBe(skus);
    }
    expect(all(500, 1).length).toBeGreaterThan(3);
  });

  it('only uses mutations that exist, with valid arguments', () => {
    for (const chunk of all(400, 3)) for (const m of chunk.mutations) expect(() => prepare(m.name, m.args)).not.toThrow();
  });

  it('has the jewelry shape: 8 categories, suppliers with lead times, seasons, variants, pieces with certificates, lots at varying costs', () => {
    const ms = all(3000, 11).flatMap((c) => c.mutations);
    const names = (n: string) => ms.filter((m) => m.name === n).map((m) => m.args as Record<string, unknown>);
    expect(names('category.save').map((c) => c['name'])).toEqual([
      'Rings',
      'Necklaces',
      'Earrings',
      'Bracelets',
      'Anklets',
      'Charms',
      'Findings',
      'Packaging',
    ]);
    expect(names('supplier.save').every((s) => typeof s['leadTimeDays'] === 'number')).toBe(true);
    expect(names('collection.save').some((c) => c['seasonEnd'] !== null)).toBe(true);
    const products = names('catalog.createProduct') as {
      product: { options: { name: string; values: string[] }[] };
      items: { tracking: string; sku: string; barcodes: string[] }[];
    }[];
    const rings = products.filter(
      (p) =>
        p.product.options.some((o) => o.name === 'Size' && o.values.includes('7')) && p.product.options.some((o) => o.name === 'Metal'),
    );
    expect(rings.length).toBeGreaterThan(10);
    const pieces = names('piece.receive');
    expect(pieces.length / 3000).toBeGreaterThan(0.02);
    expect(pieces.length / 3000).toBeLessThan(0.04);
    expect(pieces.every((p) => /^(GIA|IGI|HRD) \d+$/.test(String(p['certificate'])))).toBe(true);
    const costs = new Set(names('stock.receive').map((r) => r['unitCost']));
    expect(costs.size).toBeGreaterThan(100);
    const codes = products.flatMap((p) => p.items.flatMap((i) => [i.sku, ...i.barcodes]));
    expect(new Set(codes).size).toBe(codes.length);
  });

  it('makes valid EAN-13 barcodes', () => {
    expect(ean13('400638133393')).toBe('4006381333931');
  });

  it('sales history: one entry per day, busier in December than in March, deterministic', () => {
    const days = [...demoSales({ skus: 1000, seed: 2, days: 730 })];
    expect(days).toHaveLength(730);
    const per = (m: string) => days.filter((d) => d.day.slice(5, 7) === m).reduce((n, d) => n + d.lines.length, 0);
    expect(per('12')).toBeGreaterThan(per('03') * 1.5);
    expect(JSON.stringify([...demoSales({ skus: 1000, seed: 2, days: 30 })])).toBe(
      JSON.stringify([...demoSales({ skus: 1000, seed: 2, days: 30 })]),
    );
  });
});
