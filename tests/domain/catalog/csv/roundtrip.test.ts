import { describe, expect, it } from 'vitest';
import Papa from 'papaparse';
import { csvLine, troveHeader, troveRow, type ExportLayout } from '../../../../src/domain/catalog/csv/export';
import { joinList, neutraliseFormula, restoreFormula, splitList } from '../../../../src/domain/catalog/csv/cells';
import { ITEM_DEFAULTS, type Item } from '../../../../src/domain/catalog/item';
import { PRODUCT_DEFAULTS, type Product } from '../../../../src/domain/catalog/product';
import type { ImportPlan } from '../../../../src/domain/catalog/csv/types';
import { plan } from './helpers';

/** Products name their category and collection, items their supplier (as the file does); ids are made when a plan is written. */
type Entry = {
  product: Omit<Product, 'categoryId' | 'collectionId'> & { category: string; collection: string };
  items: (Omit<Item, 'supplierId'> & { supplier: string; onHand: Record<string, number> })[];
};
const { categoryId: _c, collectionId: _k, ...PRODUCT } = PRODUCT_DEFAULTS;
// The CSV carries the supplier by name (with the supplier's SKU and the reorder point and quantity).
const { supplierId: _supplierId, ...ITEM } = ITEM_DEFAULTS;

const photo = (c: string): string => c.repeat(64);

/** A catalogue that uses every field, with the awkward values spreadsheets break. */
const CATALOGUE: Entry[] = [
  {
    product: {
      ...PRODUCT,
      title: '=HYPERLINK("http://evil.example","Ring")',
      description: 'Line one, with a comma\nLine "two"\n- a dash line',
      vendor: '@Atelier',
      category: 'Rings > Fine',
      collection: 'Winter 2026',
      season: 'Winter 2026',
      tags: ['gold|rose', 'back\\slash', '+plus'],
      options: [
        { name: 'Size', values: ['5', '6', '7'] },
        { name: 'Metal', values: ['Gold', 'Silver'] },
      ],
      status: 'active',
      photoIds: [photo('a'), photo('b')],
    },
    items: [
      {
        ...ITEM,
        sku: 'RG-6-G',
        barcodes: ['4006381333931', 'ALT-1'],
        optionValues: ['6', 'Gold'],
        price: 12000,
        compareAtPrice: 15000,
        cost: 4850,
        tags: ['new'],
        attributes: {
          metal: '18k gold',
          purity: '750',
          stone: 'Diamond',
          caratWeight: 0.25,
          grams: 3.1,
          size: '6',
          certificate: 'GIA 123',
          notes: "'=already quoted",
        },
        photoIds: [photo('c')],
        supplier: 'Atelier Nord',
        supplierSku: 'AN-R6',
        reorderPoint: 2,
        reorderQty: 6,
        onHand: { 'Shop floor': 3, Stall: 1 },
      },
      { ...ITEM, sku: 'RG-5-S', optionValues: ['5', 'Silver'], price: 8000, supplier: '', reorderPoint: 0, onHand: {} },
    ],
  },
  {
    product: { ...PRODUCT, title: 'One of a kind brooch', status: 'archived', category: '', collection: '' },
    items: [
      { ...ITEM, sku: 'BR-1', price: 0, cost: 0, tracking: 'piece', status: 'archived', supplier: '-Minus Supplies', onHand: { Stall: 1 } },
    ],
  },
];

const LAYOUT: ExportLayout = { optionCount: 2, locations: ['Shop floor', 'Stall'], digits: 2 };

function exportText(entries: Entry[], layout = LAYOUT): string {
  let out = csvLine(troveHeader(layout));
  for (const [
    n,
    {
      product: { category, collection, ...product },
      items,
    },
  ] of entries.entries()) {
    for (const { supplier, onHand, ...item } of items)
      out += csvLine(
        troveRow(layout, {
          handle: `p-${n}`,
          product: { ...product, categoryId: null, collectionId: null },
          item: { ...item, supplierId: null },
          category,
          collection,
          supplier,
          onHand: new Map(Object.entries(onHand)),
        }),
      );
  }
  return out;
}

/** The catalogue a plan would write, in the same shape as the original. */
function catalogueOf(p: ImportPlan): Entry[] {
  return p.products.map(({ line: _l, handle: _h, imageUrls: _i, items, ...product }) => ({
    product,
    items: items.map(({ line: _line, skuGenerated: _g, imageUrl: _u, quantities, supplier, ...item }) => ({
      ...item,
      supplier: supplier ?? '',
      onHand: Object.fromEntries(quantities.filter((q) => q.quantity > 0).map((q) => [q.location!, q.quantity])),
    })),
  }));
}

describe('formula injection', () => {
  it('prefixes cells that a spreadsheet would run, and only those', () => {
    expect(['=1+1', '+1', '-1', '@SUM(A1)', '\tx', '\rx', 'Ring', "'quoted", '', '1-2'].map(neutraliseFormula)).toEqual([
      "'=1+1",
      "'+1",
      "'-1",
      "'@SUM(A1)",
      "'\tx",
      "'\rx",
      'Ring',
      "'quoted",
      '',
      '1-2',
    ]);
  });

  it('restores exactly what it neutralised, including cells that already began with a quote', () => {
    for (const cell of ['=1', "'=1", "''=1", "'plain", 'plain', '-', '@']) expect(restoreFormula(neutraliseFormula(cell))).toBe(cell);
  });

  it('no exported cell starts with = + - @ once the file is read back by a spreadsheet parser', () => {
    const rows = Papa.parse<string[]>(exportText(CATALOGUE), { skipEmptyLines: true }).data;
    const risky = rows.flat().filter((c) => /^[=+\-@\t\r]/.test(c));
    expect(risky).toEqual([]);
    expect(rows.flat()).toContain('\'=HYPERLINK("http://evil.example","Ring")');
  });
});

describe('lists in one cell', () => {
  it('joins with | and escapes | and \\ so any value survives', () => {
    const values = ['a|b', 'c\\d', 'plain'];
    expect(joinList(values)).toBe('a\\|b|c\\\\d|plain');
    expect(splitList(joinList(values), '|')).toEqual(values);
    expect(splitList('Anchor, Gold, Leather', ',')).toEqual(['Anchor', 'Gold', 'Leather']);
  });
});

describe('Trove CSV: export → import', () => {
  it('gives back a deeply equal catalogue', async () => {
    const text = exportText(CATALOGUE);
    const p = await plan(text, { locationNames: ['Shop floor', 'Stall'] });
    expect(p.format.id).toBe('trove');
    expect(p.problems).toEqual([]);
    expect(p.unmapped).toEqual([]);
    expect(catalogueOf(p)).toEqual(CATALOGUE);
  });

  it('is a fixed point: exporting the re-imported catalogue gives the same text', async () => {
    const text = exportText(CATALOGUE);
    expect(exportText(catalogueOf(await plan(text)))).toBe(text);
  });

  it('keeps option values no variant uses yet, in their order', async () => {
    const p = await plan(exportText(CATALOGUE));
    expect(p.products[0]!.options[0]).toEqual({ name: 'Size', values: ['5', '6', '7'] });
  });
});
