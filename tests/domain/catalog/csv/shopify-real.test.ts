import { existsSync, readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import path from 'node:path';
import Papa from 'papaparse';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ImportPlan } from '../../../../src/domain/catalog/csv/types';
import { plan } from './helpers';

// Shopify's own jewelry sample export, kept beside the clone (CI has it; see its README there).
const repo = path.resolve(import.meta.dirname, '../../../..');
const CSV = path.resolve(repo, '../shared/fixtures/shopify-products.csv');
const EXPECTED = path.resolve(repo, '../shared/fixtures/shopify-products.expected.json');
const present = existsSync(CSV) && existsSync(EXPECTED);

interface ExpectedVariant {
  option1_value: string;
  sku: string;
  barcode: string;
  price_minor: number;
  compare_at_minor: number | null;
  inventory_qty: number;
  grams: number;
}
interface ExpectedProduct {
  handle: string;
  title: string;
  option1_name: string;
  variant_count: number;
  variants: ExpectedVariant[];
  image_positions: number[];
  image_count: number;
  image_only_rows: number;
}
interface Expected {
  file: { bytes: number; sha256: string; header_columns: number; physical_lines_LF_count: number; columns_absent: string[] };
  counts: Record<string, number>;
  products: ExpectedProduct[];
  quirks: string[];
}

describe.skipIf(!present)(
  `Shopify’s real jewelry export${present ? '' : ' (skipped: ../shared/fixtures/shopify-products.csv is not beside this clone)'}`,
  () => {
    let text: string;
    let expected: Expected;
    let p: ImportPlan;

    beforeAll(async () => {
      const bytes = readFileSync(CSV);
      text = bytes.toString('utf8');
      expected = JSON.parse(readFileSync(EXPECTED, 'utf8')) as Expected;
      expect(bytes.length).toBe(expected.file.bytes);
      expect(createHash('sha256').update(bytes).digest('hex')).toBe(expected.file.sha256);
      p = await plan(text);
    });

    it('reads the whole file with no problem: every record, product, variant and image row', () => {
      const c = expected.counts;
      expect(p.format.id).toBe('shopify');
      expect(p.problems).toEqual([]);
      expect(p.columns).toHaveLength(expected.file.header_columns);
      expect(p.counts).toMatchObject({
        records: c['data_records'],
        validRows: c['data_records'],
        products: c['distinct_products_handles'],
        items: c['variants'],
        imageRows: c['image_only_rows'],
        images: c['total_images'],
        units: c['sum_inventory_qty'],
      });
      expect(p.products.filter((x) => x.items.length > 1)).toHaveLength(c['products_with_multiple_variants']!);
      // The last record starts on the last physical line: 54 line feeds, no final newline.
      expect(p.products.at(-1)!.line).toBe(expected.file.physical_lines_LF_count + 1);
    });

    it('matches every product and variant of expected.json, in file order', () => {
      expect(p.products.map((x) => x.handle)).toEqual(expected.products.map((e) => e.handle));
      for (const [n, e] of expected.products.entries()) {
        const got = p.products[n]!;
        expect(got.title, e.handle).toBe(e.title);
        // Shopify's "Title / Default Title" is its way of saying the product has no options.
        if (e.option1_name === 'Title') {
          expect(got.options, e.handle).toEqual([]);
          expect(e.variants.every((v) => v.option1_value === 'Default Title')).toBe(true);
        } else {
          expect(got.options, e.handle).toEqual([{ name: e.option1_name, values: e.variants.map((v) => v.option1_value) }]);
        }
        expect(got.items, e.handle).toHaveLength(e.variant_count);
        for (const [k, v] of e.variants.entries()) {
          const item = got.items[k]!;
          expect(item.optionValues, e.handle).toEqual(e.option1_name === 'Title' ? [] : [v.option1_value]);
          expect([item.price, item.compareAtPrice], e.handle).toEqual([v.price_minor, v.compare_at_minor]);
          expect(item.quantities, e.handle).toEqual([{ location: null, quantity: v.inventory_qty }]);
          expect(item.barcodes).toEqual(v.barcode ? [v.barcode] : []);
          // Variant Grams is grams whatever the display unit ('oz' on boho-earrings); 0 = not entered.
          expect(item.attributes.grams, e.handle).toBe(v.grams === 0 ? undefined : v.grams);
          // No "Cost per item" column: cost unknown, so stock arrives as cost-unknown layers.
          expect(item.cost).toBeNull();
        }
        expect(got.imageUrls, e.handle).toHaveLength(e.image_count);
        expect(got.imageUrls.length - got.items.length, e.handle).toBe(e.image_only_rows);
        expect(got.status).toBe('active');
      }
    });

    it('orders each product’s images by Image Position', () => {
      const rows = Papa.parse<Record<string, string>>(text, { header: true }).data;
      for (const e of expected.products) {
        const byPosition = rows
          .filter((r) => r['Handle'] === e.handle && r['Image Src'])
          .sort((a, b) => Number(a['Image Position']) - Number(b['Image Position']));
        expect(byPosition.map((r) => Number(r['Image Position']))).toEqual(e.image_positions);
        expect(p.products.find((x) => x.handle === e.handle)!.imageUrls).toEqual(byPosition.map((r) => r['Image Src']));
      }
    });

    it('generates a SKU for every variant (the file has none) from the Type and the register code, and says so', () => {
      expect(expected.counts['skus_nonblank']).toBe(0);
      expect(p.counts.generatedSkus).toBe(expected.counts['variants']);
      const skus = p.products.flatMap((x) => x.items.map((i) => i.sku));
      expect(new Set(skus).size).toBe(skus.length);
      for (const x of p.products)
        for (const i of x.items)
          expect(i).toMatchObject({
            skuGenerated: true,
            sku: expect.stringMatching(new RegExp(`^${x.category.toUpperCase().slice(0, 6)}-R7\\d{4}$`)),
          });
      expect(new Set(p.products.map((x) => x.category))).toEqual(new Set(['Bracelet', 'Earrings', 'Necklace']));
      expect(p.newCategories).toEqual(['Bracelet', 'Earrings', 'Necklace']);
    });

    it('keeps the quirks: Colour spelling, misspelled handles, titles that differ from handles, vendors as suppliers', () => {
      expect(p.products.find((x) => x.handle === 'gemstone')!.options[0]!.name).toBe('Colour');
      expect(p.products.map((x) => x.handle)).toEqual(expect.arrayContaining(['dainty-gold-neclace', 'stylish-summer-neclace']));
      expect(p.products.find((x) => x.handle === 'looped-earrings')!.title).toBe('Gold Elephant Earrings');
      expect(p.products.find((x) => x.handle === 'leather-anchor')!.items.map((i) => [i.price, i.compareAtPrice])).toEqual([
        [6999, 8500],
        [5500, 8500],
      ]);
      const sterling = [
        'dreamcatcher-pendant-necklace',
        'galaxy-earrings',
        'gemstone',
        'guardian-angel-earrings',
        'origami-crane-necklace',
        'silver-threader-necklace',
      ];
      for (const x of p.products) {
        const vendor = sterling.includes(x.handle) ? 'Sterling Ltd' : 'Company 123';
        expect(x.vendor, x.handle).toBe(vendor);
        expect(x.items.every((i) => i.supplier === vendor)).toBe(true);
      }
      expect(p.newSuppliers).toEqual(['Company 123', 'Sterling Ltd']);
      expect(p.products.find((x) => x.handle === 'choker-with-gold-pendant')!.description).toMatch(
        /^Black cord choker with gold pendant\. Beautifully .*\n• 14k yellow gold\n• Leather\n/s,
      );
    });
  },
);
