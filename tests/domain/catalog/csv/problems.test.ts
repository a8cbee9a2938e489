import { describe, expect, it } from 'vitest';
import { fixture, plan, product } from './helpers';

describe('per-row problems with the file’s line numbers', () => {
  it('names each bad row by the line it starts on, and keeps the good ones', async () => {
    const p = await plan(fixture('bad-rows.csv'), { codeTaken: (code) => code === 'EXIST-1' });
    expect(p.problems).toEqual([
      { line: 6, code: 'missing-title', message: 'No title for “no-title”' },
      { line: 7, code: 'bad-price', message: 'Price “4.999” has more than 2 decimals' },
      { line: 8, code: 'bad-price', message: 'Price “abc” is not an amount' },
      { line: 9, code: 'bad-price', message: 'Price “-5.00” is negative' },
      { line: 10, code: 'duplicate-sku', message: 'SKU GR-6 is also on line 2' },
      { line: 11, code: 'duplicate-sku', message: 'SKU EXIST-1 is already in the catalogue' },
      { line: 12, code: 'unknown-option', message: '“Gold” is a value for option 2, which this product does not have (no Option2 Name)' },
      { line: 13, code: 'bad-price', message: 'Cost “1.2.3” is not an amount' },
      { line: 14, code: 'bad-quantity', message: 'Quantity “two” is not a whole number' },
      { line: 15, code: 'duplicate-variant', message: 'Same product and options 6 as line 2' },
      { line: 18, code: 'missing-price', message: 'No price' },
    ]);
    // Good Ring: its two good variants (line 2 spans lines 2–4) and its image-only row.
    const ring = product(p, 'Good Ring');
    expect(ring.description).toBe('Line one\n\nLine two\n\nLine three');
    expect(ring.items.map((i) => i.sku)).toEqual(['GR-6', 'GR-7']);
    expect(ring.options).toEqual([{ name: 'Size', values: ['6', '7'] }]);
    expect(ring.imageUrls).toEqual(['https://cdn.example.com/good-ring-2.jpg']);
    expect(p.counts).toMatchObject({ records: 14, validRows: 3, invalidRows: 11, products: 1, items: 2 });
  });

  it('a product without a title skips all its rows, each saying why', async () => {
    const text = 'Handle,Title,Variant Price,Image Src\nring,,10.00,\nring,,12.00,\nring,,,https://x.example/a.jpg\n';
    const p = await plan(text);
    expect(p.problems).toEqual([
      { line: 2, code: 'missing-title', message: 'No title for “ring”' },
      { line: 3, code: 'skipped', message: 'Skipped with its product (see line 2)' },
      { line: 4, code: 'skipped', message: 'Skipped with its product (see line 2)' },
    ]);
    expect(p.counts).toMatchObject({ records: 3, validRows: 0, invalidRows: 3, products: 0 });
  });

  it('a file without a title or handle column says so once, not once per row', async () => {
    const p = await plan('Colour,Amount\nred,1\nblue,2\n');
    expect(p.problems).toEqual([
      { line: 1, code: 'no-columns', message: 'No column names the products (expected Title, Item Name, Name or Handle)' },
    ]);
    expect(p.counts).toMatchObject({ records: 2, validRows: 0, invalidRows: 2 });
  });

  it('an empty file is a problem, not a crash', async () => {
    expect((await plan('')).problems).toEqual([{ line: 1, code: 'no-columns', message: 'The file is empty' }]);
  });

  it('barcodes share the SKU namespace and must have a right check digit', async () => {
    const text = 'Title,SKU,Barcode,Price\nA,A-1,4006381333931,1\nB,4006381333931,,1\nC,C-1,4006381333932,1\nD,D-1,TAKEN,1\n';
    const p = await plan(text, { codeTaken: (c) => c === 'TAKEN' });
    expect(p.problems).toEqual([
      { line: 3, code: 'duplicate-sku', message: 'SKU 4006381333931 is also on line 2' },
      { line: 4, code: 'bad-value', message: '4006381333932 is not a valid EAN code (check digit should be 1)' },
      { line: 5, code: 'duplicate-barcode', message: 'Barcode TAKEN is already in the catalogue' },
    ]);
  });

  it('field rules of the catalogue apply per row (a SKU with a space, an over-long title)', async () => {
    const text = `Title,SKU,Price\nRing,RING 1,10\n${'x'.repeat(201)},X-1,10\n`;
    const p = await plan(text);
    expect(p.problems).toEqual([
      { line: 2, code: 'bad-value', message: 'SKU may use letters, digits and symbols, no spaces' },
      { line: 3, code: 'bad-value', message: 'Title is at most 200 characters' },
    ]);
  });

  it('an unclosed quote is reported at the row it starts on', async () => {
    const p = await plan('Title,Price\nGood,1\n"Broken,2\nLost,3\n');
    expect(p.problems).toEqual([expect.objectContaining({ line: 3, code: 'bad-csv' })]);
    expect(p.products.map((x) => x.title)).toEqual(['Good']);
  });
});

describe('supplier SKU and reorder columns', () => {
  it('reads Lightspeed-style supplier_code, reorder_point and restock_level onto the item', async () => {
    const text = 'handle,name,retail_price,supplier_code,reorder_point,restock_level\nhoop,Gold hoop,45.00,AN-77,3,12\n';
    const p = await plan(text);
    expect(p.problems).toEqual([]);
    expect(product(p, 'Gold hoop').items[0]).toMatchObject({ supplierSku: 'AN-77', reorderPoint: 3, reorderQty: 12 });
  });

  it('a negative or fractional reorder figure rejects the row with its line and column', async () => {
    const text = 'Handle,Title,Variant Price,Reorder point,Reorder quantity\na,A,1.00,-2,\nb,B,1.00,1,2.5\nc,C,1.00,,\n';
    const p = await plan(text);
    expect(p.problems).toEqual([
      { line: 2, code: 'bad-quantity', message: 'Reorder point “-2” is below zero: leave it empty for none' },
      { line: 3, code: 'bad-quantity', message: 'Reorder quantity “2.5” is not a whole number' },
    ]);
    expect(product(p, 'C').items[0]).toMatchObject({ reorderPoint: null, reorderQty: null, supplierSku: null });
  });
});
