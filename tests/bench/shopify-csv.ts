// A Shopify-style product export of exactly `rows` records, made deterministically from a seed with
// the demo shop's word lists (issue #10: "CSV import of 100,000 rows"). The columns are those of a
// real Shopify export (../shared/fixtures/shopify-products.csv, Shopify's own jewelry sample) plus
// the "Product Category", "Cost per item" and "Status" columns current exports have. Like a real
// export: variant rows share the product's Handle and leave its fields empty, some products have
// image-only rows, descriptions are quoted HTML with commas, some with a line break inside.
import { ean13 } from '../../src/domain/demo/shop';
import { Rng } from '../../src/domain/demo/random';
import { CATEGORIES, NAMES, STONES, STYLES, SUPPLIER_NAMES } from '../../src/domain/demo/words';

export const SHOPIFY_HEADER = [
  'Handle',
  'Title',
  'Body (HTML)',
  'Vendor',
  'Product Category',
  'Type',
  'Tags',
  'Published',
  'Option1 Name',
  'Option1 Value',
  'Option2 Name',
  'Option2 Value',
  'Option3 Name',
  'Option3 Value',
  'Variant SKU',
  'Variant Grams',
  'Variant Inventory Tracker',
  'Variant Inventory Qty',
  'Variant Inventory Policy',
  'Variant Fulfillment Service',
  'Variant Price',
  'Variant Compare At Price',
  'Variant Requires Shipping',
  'Variant Taxable',
  'Variant Barcode',
  'Image Src',
  'Image Position',
  'Image Alt Text',
  'Gift Card',
  'SEO Title',
  'SEO Description',
  'Google Shopping / Google Product Category',
  'Google Shopping / Gender',
  'Google Shopping / Age Group',
  'Google Shopping / MPN',
  'Google Shopping / AdWords Grouping',
  'Google Shopping / AdWords Labels',
  'Google Shopping / Condition',
  'Google Shopping / Custom Product',
  'Google Shopping / Custom Label 0',
  'Google Shopping / Custom Label 1',
  'Google Shopping / Custom Label 2',
  'Google Shopping / Custom Label 3',
  'Google Shopping / Custom Label 4',
  'Variant Image',
  'Variant Weight Unit',
  'Variant Tax Code',
  'Cost per item',
  'Status',
] as const;

type Column = (typeof SHOPIFY_HEADER)[number];

const quote = (cell: string): string => (/[",\r\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell);
const money = (cents: number): string => (cents / 100).toFixed(2);

function record(cells: Partial<Record<Column, string>>): string {
  return SHOPIFY_HEADER.map((c) => quote(cells[c] ?? '')).join(',');
}

export interface ShopifyCsv {
  text: string;
  /** Data records (the header not counted): exactly the `rows` asked for. */
  rows: number;
  products: number;
  /** Variant rows, i.e. items the import should make. */
  variants: number;
}

/**
 * `rows` data records (plus the header), CRLF like Shopify writes them. Every variant has a unique
 * SKU and EAN-13 barcode, a price, a cost and a quantity, so the import writes a product, items
 * and FIFO receipts for each; about one product in five also has an image-only row.
 */
export function shopifyCsv(rows: number, seed = 1): ShopifyCsv {
  const rng = new Rng(seed);
  const lines = [SHOPIFY_HEADER.join(',')];
  let written = 0;
  let products = 0;
  let variants = 0;
  let seq = 0;
  while (written < rows) {
    products += 1;
    const category = CATEGORIES[rng.int(0, CATEGORIES.length - 1)]!;
    const stone = rng.chance(0.6) ? rng.pick(STONES) : undefined;
    const style = rng.pick(STYLES);
    const title = `${rng.chance(0.35) ? `${rng.pick(NAMES)} ` : ''}${style}${stone ? ` ${stone}` : ''} ${rng.pick(category.nouns)}`;
    const handle = `${title.toLowerCase().replace(/[^a-z0-9]+/g, '-')}-${products}`;
    const options = category.options
      .slice(0, 2)
      .map((o) => ({ name: o.name, values: rng.some(o.values, rng.int(1, Math.min(3, o.values.length))) }));
    const combos = options
      .reduce<string[][]>((acc, o) => acc.flatMap((c) => o.values.map((v) => [...c, v])), [[]])
      .slice(0, rows - written);
    const base = Math.max(100, Math.round((category.price[0] + (category.price[1] - category.price[0]) * rng.next() ** 2) / 100) * 100);
    const body = rng.chance(0.1)
      ? `<p>${style}, hand finished.</p>\n<p>${stone ?? 'Polished'} ${category.name.toLowerCase()}, made to order.</p>`
      : `<p>${style} ${category.name.toLowerCase()}, ${stone ? `set with ${stone.toLowerCase()}` : 'polished'}.</p>`;
    const image = (n: number) => `https://cdn.example.com/products/${handle}-${n}.jpg`;
    combos.forEach((values, i) => {
      seq += 1;
      const price = base + i * 500;
      const cells: Partial<Record<Column, string>> = {
        Handle: handle,
        'Option1 Name': i === 0 ? (options[0]?.name ?? 'Title') : '',
        'Option1 Value': values[0] ?? 'Default Title',
        'Option2 Name': i === 0 ? (options[1]?.name ?? '') : '',
        'Option2 Value': values[1] ?? '',
        'Variant SKU': `BN-${String(seq).padStart(7, '0')}`,
        'Variant Grams': String(rng.int(2, 40)),
        'Variant Inventory Tracker': 'shopify',
        'Variant Inventory Qty': String(rng.int(0, 6)),
        'Variant Inventory Policy': 'deny',
        'Variant Fulfillment Service': 'manual',
        'Variant Price': money(price),
        'Variant Compare At Price': rng.chance(0.2) ? money(Math.round(price * 1.25)) : '',
        'Variant Requires Shipping': 'true',
        'Variant Taxable': 'true',
        'Variant Barcode': ean13(`21${String(seq).padStart(10, '0')}`),
        'Image Src': image(i + 1),
        'Image Position': String(i + 1),
        'Variant Weight Unit': 'g',
        'Cost per item': money(Math.round(price * (0.28 + rng.next() * 0.2))),
      };
      if (i === 0)
        Object.assign(cells, {
          Title: title,
          'Body (HTML)': body,
          Vendor: rng.pick(SUPPLIER_NAMES),
          'Product Category': `Apparel & Accessories > Jewelry > ${category.name}`,
          Type: category.name,
          Tags: [category.name, stone, rng.chance(0.3) ? 'bestseller' : undefined].filter(Boolean).join(', '),
          Published: 'true',
          'Gift Card': 'false',
          Status: 'active',
        } satisfies Partial<Record<Column, string>>);
      lines.push(record(cells));
      written += 1;
      variants += 1;
    });
    if (written < rows && rng.chance(0.2)) {
      lines.push(record({ Handle: handle, 'Image Src': image(combos.length + 1), 'Image Position': String(combos.length + 1) }));
      written += 1;
    }
  }
  return { text: `${lines.join('\r\n')}\r\n`, rows: written, products, variants };
}
