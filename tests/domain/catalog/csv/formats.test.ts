import { describe, expect, it } from 'vitest';
import { detectFormat, headerKey, mapColumns } from '../../../../src/domain/catalog/csv/columns';
import { fixture, item, plan, product } from './helpers';

describe('header alias map', () => {
  it('normalises headers so spellings from different systems meet', () => {
    expect(headerKey('Body (HTML)')).toBe('body html');
    expect(headerKey('Compare-at price')).toBe('compare at price');
    expect(headerKey('\ufeffVariant_Inventory_Qty')).toBe('variant inventory qty');
  });

  it('maps numbered options and per-location quantity columns of every system', () => {
    const headers = [
      'Option1 Name',
      'Option2 value',
      'Option Name 3',
      'variant_option_one_value',
      'Quantity: Back room',
      'Current Quantity Main Street',
      'inventory_Main_Outlet',
      'Qty (Stall)',
      'Fancy column',
    ];
    const labels = mapColumns(headers, detectFormat(headers)).map((c) => c.label);
    expect(labels).toEqual([
      'Option 1 name',
      'Option 2 value',
      'Option 3 name',
      'Option 1 value',
      'Quantity at Back room',
      'Quantity at Main Street',
      'Quantity at Main Outlet',
      'Quantity at Stall',
      'Not imported',
    ]);
  });

  it('keeps the first of two columns for one field and lists the other as not imported', () => {
    const columns = mapColumns(['SKU', 'Variant SKU', 'UPC', 'EAN'], detectFormat([]));
    expect(columns.map((c) => c.target?.kind === 'field' && c.target.field)).toEqual(['sku', false, 'barcode', 'barcode']);
    expect(columns[1]!.label).toMatch(/comes from an earlier column/);
  });
});

describe('Shopify (classic headers)', () => {
  it('groups variants by Handle, keeps image-only rows as images, reads money, cost, status and options', async () => {
    const p = await plan(fixture('shopify-classic.csv'));
    expect(p.format.id).toBe('shopify');
    expect(p.problems).toEqual([]);
    expect(p.counts).toMatchObject({
      records: 7,
      validRows: 7,
      products: 3,
      items: 5,
      imageRows: 2,
      images: 5,
      generatedSkus: 1,
      units: 11,
      receipts: 4,
    });
    const ring = product(p, 'Stacking Ring');
    expect(ring).toMatchObject({
      handle: 'stacking-ring',
      description: 'Thin band for stacking & layering.',
      vendor: 'Atelier Nord',
      category: 'Ring',
      tags: ['Gold', 'Stacking'],
      status: 'active',
      options: [
        { name: 'Size', values: ['6', '7'] },
        { name: 'Metal', values: ['Gold', 'Silver'] },
      ],
      imageUrls: ['https://cdn.example.com/sr-1.jpg', 'https://cdn.example.com/sr-2.jpg', 'https://cdn.example.com/sr-3.jpg'],
    });
    expect(ring.items.map((i) => [i.sku, i.optionValues, i.price, i.compareAtPrice, i.cost, i.quantities])).toEqual([
      ['SR-6-G', ['6', 'Gold'], 12000, 15000, 4850, [{ location: null, quantity: 3 }]],
      ['SR-6-S', ['6', 'Silver'], 8000, null, 3100, [{ location: null, quantity: 0 }]],
      ['SR-7-G', ['7', 'Gold'], 12000, 15000, 4850, [{ location: null, quantity: 2 }]],
    ]);
    expect(item(p, 'SR-6-G')).toMatchObject({
      barcodes: ['4006381333931'],
      attributes: { grams: 2 },
      imageUrl: 'https://cdn.example.com/sr-gold.jpg',
      supplier: 'Atelier Nord',
    });
    // Title / Default Title is Shopify's way of saying "no options".
    expect(product(p, 'Pearl Studs')).toMatchObject({ options: [], items: [{ sku: 'PS-1', optionValues: [], price: 4500, cost: null }] });
    // A draft is not for sale yet; no SKU in the file → one is generated from the Type.
    const cuff = product(p, 'Winter Cuff');
    expect(cuff.status).toBe('archived');
    expect(cuff.items[0]).toMatchObject({ sku: 'BRACEL-R70001', skuGenerated: true });
    expect(p.newSuppliers).toEqual(['Atelier Nord', 'Maison Lune']);
    expect(p.newCategories).toEqual(['Ring', 'Earrings', 'Bracelet']);
    expect(p.usesDefaultLocation).toBe(true);
    expect(p.unmapped).toEqual(['Published']);
  });

  it('continues the device’s SKU sequence and skips codes already in use', async () => {
    const p = await plan(fixture('shopify-classic.csv'), { firstSequence: 41, codeTaken: (c) => c === 'BRACEL-R70041' });
    expect(product(p, 'Winter Cuff').items[0]!.sku).toBe('BRACEL-R70042');
  });

  it('uses the code of a category that already exists, and the shop’s own SKU pattern', async () => {
    const p = await plan(fixture('shopify-classic.csv'), {
      categories: [{ name: 'bracelet', code: 'BR' }],
      skuPattern: '{REG}-{CAT}-{SEQ:3}',
    });
    expect(product(p, 'Winter Cuff').items[0]!.sku).toBe('R7-BR-001');
    expect(p.newCategories).toEqual(['Ring', 'Earrings']);
  });

  it('reuses suppliers that already exist, whatever their case', async () => {
    const p = await plan(fixture('shopify-classic.csv'), { supplierNames: ['atelier nord'] });
    expect(p.newSuppliers).toEqual(['Maison Lune']);
  });
});

describe('Shopify (2024 and later headers)', () => {
  it('reads URL handle, Price, Compare-at price, Inventory quantity, Product image URL, Status', async () => {
    const p = await plan(fixture('shopify-2024.csv'));
    expect(p.format.id).toBe('shopify-2024');
    expect(p.problems).toEqual([]);
    const lariat = product(p, 'Lariat Necklace');
    expect(lariat).toMatchObject({
      handle: 'lariat-necklace',
      description: 'Adjustable lariat.',
      category: 'Necklaces',
      options: [{ name: 'Length', values: ['40 cm', '45 cm'] }],
      imageUrls: ['https://cdn.example.com/ln-1.jpg', 'https://cdn.example.com/ln-2.jpg'],
    });
    expect(lariat.items.map((i) => [i.sku, i.price, i.compareAtPrice, i.cost, i.quantities[0]!.quantity, i.attributes.grams])).toEqual([
      ['LN-40', 9500, 11000, 3000, 4, 6],
      ['LN-45', 9900, null, 3200, 1, 6],
    ]);
    expect(product(p, 'Signet Ring')).toMatchObject({ status: 'archived', options: [], items: [{ sku: 'SG-1', price: 15000 }] });
    expect(p.counts).toMatchObject({ products: 2, items: 3, imageRows: 1, receipts: 2, units: 5 });
  });
});

describe('Square', () => {
  it('groups variations by Item Name and puts Current Quantity columns at their locations', async () => {
    const p = await plan(fixture('square.csv'), { locationNames: ['Main Street'] });
    expect(p.format.id).toBe('square');
    expect(p.problems).toEqual([]);
    const charm = product(p, 'Charm Bracelet');
    expect(charm).toMatchObject({
      description: 'Silver charm bracelet',
      category: 'Bracelets',
      options: [{ name: 'Size', values: ['Small', 'Large'] }],
    });
    expect(item(p, 'CB-S')).toMatchObject({
      price: 5500,
      cost: 2000,
      supplier: 'Silverline Co',
      quantities: [
        { location: 'Main Street', quantity: 4 },
        { location: 'Market Stall', quantity: 1 },
      ],
    });
    // "Regular" is Square's only-variation name: no options.
    expect(product(p, 'Gift Box')).toMatchObject({ options: [], items: [{ sku: 'GB-1', optionValues: [], cost: 150, supplier: null }] });
    expect(item(p, 'HE-1').quantities).toEqual([{ location: 'Market Stall', quantity: 3 }]);
    expect(p.newLocations).toEqual(['Market Stall']);
    expect(p.usesDefaultLocation).toBe(false);
    expect(p.unmapped).toEqual(['Token', 'Enabled Main Street', 'New Quantity Main Street', 'Stock Alert Count Main Street']);
  });
});

describe('Lightspeed and generic spreadsheets', () => {
  it('reads a Lightspeed X-Series export (supply/retail price, brand, supplier, inventory per outlet)', async () => {
    const p = await plan(fixture('lightspeed-x.csv'));
    expect(p.format.id).toBe('lightspeed-x');
    expect(p.problems).toEqual([]);
    expect(product(p, 'Twist Hoops')).toMatchObject({
      vendor: 'Lune',
      description: 'Small twisted hoops',
      tags: ['hoops', 'gold'],
      options: [{ name: 'Size', values: ['Small', 'Large'] }],
    });
    expect(item(p, 'TH-L')).toMatchObject({
      price: 5900,
      cost: 1400,
      supplier: 'Goldsmiths Ltd',
      quantities: [{ location: 'Main Outlet', quantity: 3 }],
    });
  });

  it('reads a semicolon file with decimal commas, a Variation Name column and a Supplier column', async () => {
    const p = await plan(fixture('generic-semicolon.csv'));
    expect(p.format.id).toBe('generic');
    expect(p.problems).toEqual([]);
    expect(product(p, 'Solitaire Ring')).toMatchObject({
      options: [],
      vendor: '',
      items: [{ sku: 'SOL-1', price: 125000, cost: 60000, supplier: 'Diamant & Co', attributes: { metal: 'Platinum', caratWeight: 0.5 } }],
    });
    expect(product(p, 'Chain')).toMatchObject({ options: [{ name: 'Variant', values: ['45 cm', '50 cm'] }] });
    expect(item(p, 'CH-50')).toMatchObject({ price: 4450, cost: null, quantities: [{ location: null, quantity: 2 }] });
    expect(p.newSuppliers).toEqual(['Diamant & Co', 'Kettenwerk']);
  });
});

describe('multi-location files', () => {
  it('merges one-row-per-location into one item with a quantity per location; the same location twice is an error', async () => {
    const p = await plan(fixture('multi-location.csv'), { locationNames: ['shop floor'] });
    expect(item(p, 'BP-G').quantities).toEqual([
      { location: 'Shop floor', quantity: 2 },
      { location: 'Warehouse', quantity: 5 },
    ]);
    expect(item(p, 'BP-S').quantities).toEqual([
      { location: 'Shop floor', quantity: 1 },
      { location: 'Warehouse', quantity: 0 },
    ]);
    expect(p.problems).toEqual([
      { line: 6, code: 'duplicate-variant', message: 'This variant is listed twice for Warehouse (first on line 4)' },
    ]);
    expect(p.newLocations).toEqual(['Warehouse']);
    expect(p.counts).toMatchObject({ records: 5, validRows: 4, invalidRows: 1, items: 2, receipts: 3, units: 8 });
  });
});

describe('CRLF, BOM and line breaks inside quoted cells', () => {
  it('reads the cells intact and reports the line a record starts on', async () => {
    const p = await plan(fixture('crlf-bom.csv'));
    expect(p.columns[0]!.header).toBe('Handle');
    expect(product(p, 'Opal Drop').description).toBe('Line one\nLine "two"\nLine three');
    expect(product(p, 'Moon Ring').items[0]).toMatchObject({ price: 3000, quantities: [{ location: null, quantity: 1 }] });
    // Header = 1, Opal Drop = lines 2–4, Moon Ring = 5, the broken row starts on 6.
    expect(p.problems).toEqual([{ line: 6, code: 'bad-price', message: 'Price “abc” is not an amount' }]);
  });
});
