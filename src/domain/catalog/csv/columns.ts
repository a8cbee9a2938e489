import { FIELD_LABELS } from './labels';
import type { ColumnMapping, CsvFormat, Field, FormatId, Target } from './types';

/**
 * Header aliases: every spelling we know of a field, after `headerKey` (lower case, punctuation and
 * underscores as spaces). To support another system, add its header names here (or a pattern
 * below for numbered/per-location columns, or a format with overrides when a name means
 * something else in that system). Order inside a list does not matter; a header may appear once.
 */
export const ALIASES: Record<Field, readonly string[]> = {
  handle: ['handle', 'url handle', 'product handle'],
  title: ['title', 'item name', 'product name', 'name', 'product title', 'product'],
  description: ['description', 'product description', 'short description', 'item description'],
  descriptionHtml: ['body html', 'body', 'description html'],
  vendor: ['vendor', 'brand', 'brand name', 'manufacturer', 'designer'],
  supplier: ['supplier', 'supplier name', 'default vendor name', 'vendor name'],
  type: ['type', 'product type', 'item type'],
  category: ['category', 'categories', 'product category', 'reporting category', 'department'],
  collection: ['collection', 'collections', 'collection name'],
  season: ['season'],
  productTags: ['tags', 'product tags', 'keywords'],
  productStatus: ['status', 'product status', 'active'],
  productPhotoIds: ['product photo ids'],
  variationName: ['variation name', 'variant name', 'variation', 'variant'],
  sku: ['sku', 'variant sku', 'item sku', 'custom sku', 'product code', 'item code', 'code', 'style number'],
  barcode: ['barcode', 'barcodes', 'variant barcode', 'gtin', 'upc', 'ean', 'isbn'],
  price: ['price', 'variant price', 'retail price', 'selling price', 'unit price', 'price each'],
  compareAtPrice: ['compare at price', 'variant compare at price', 'msrp', 'rrp', 'original price', 'was price', 'list price'],
  cost: [
    'cost',
    'cost per item',
    'variant cost',
    'unit cost',
    'default unit cost',
    'supply price',
    'default cost',
    'cost price',
    'purchase price',
  ],
  // Lightspeed X-Series: supplier_code, reorder_point, restock_level (how many to order).
  supplierSku: ['supplier sku', 'supplier code', 'vendor sku', 'vendor code', 'supplier item code', 'manufacturer sku'],
  reorderPoint: ['reorder point', 'reorder level', 'low stock level', 'minimum stock', 'min stock'],
  reorderQty: ['reorder quantity', 'reorder qty', 'reorder amount', 'restock level', 'order quantity'],
  quantity: [
    'quantity',
    'qty',
    'variant inventory qty',
    'inventory quantity',
    'inventory qty',
    'inventory',
    'stock',
    'in stock',
    'on hand',
    'available',
    'current quantity',
    'stock quantity',
    'quantity on hand',
  ],
  location: ['location', 'location name', 'outlet', 'store', 'shop location'],
  tracking: ['tracking', 'item tracking'],
  itemTags: ['item tags', 'variant tags'],
  metal: ['metal', 'material'],
  purity: ['purity', 'karat', 'fineness'],
  stone: ['stone', 'gemstone', 'stones'],
  caratWeight: ['carat weight', 'carat', 'carats', 'ct', 'ctw'],
  grams: ['grams', 'metal weight', 'weight g', 'weight grams', 'gram weight'],
  shippingGrams: ['variant grams', 'weight value grams'],
  size: ['size', 'ring size'],
  certificate: ['certificate', 'certificate number', 'cert', 'certificate no'],
  notes: ['notes', 'note', 'internal notes'],
  itemStatus: ['item status', 'variant status'],
  itemPhotoIds: ['item photo ids'],
  imageSrc: ['image src', 'product image url', 'image url', 'image', 'images', 'image link'],
  imagePosition: ['image position'],
  variantImage: ['variant image', 'variant image url'],
};

const WORD_NUMBERS: Record<string, number> = { one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10 };
const num = (s: string): number => WORD_NUMBERS[s] ?? Number(s);

/** Numbered option columns: Shopify "Option1 Name", Square "Option Name 1", Lightspeed "variant_option_one_name". */
const OPTION_PATTERNS: { re: RegExp; kind: 'optionName' | 'optionValue' | 'optionValues' }[] = [
  { re: /^(?:variant )?option ?(\d+|one|two|three|four|five|six|seven|eight|nine|ten) name$/, kind: 'optionName' },
  { re: /^(?:variant )?option ?(\d+|one|two|three|four|five|six|seven|eight|nine|ten) values$/, kind: 'optionValues' },
  { re: /^(?:variant )?option ?(\d+|one|two|three|four|five|six|seven|eight|nine|ten) value$/, kind: 'optionValue' },
  { re: /^option name (\d+)$/, kind: 'optionName' },
  { re: /^option value (\d+)$/, kind: 'optionValue' },
];

/**
 * Quantity per location, matched on the raw header (location names keep their case):
 * "Quantity: Main Street" (Trove), "Inventory: Main Street", "Qty (Stall)", Square's
 * "Current Quantity Main Street", Lightspeed's "inventory_Main_Outlet".
 */
const LOCATION_PATTERNS: RegExp[] = [
  /^(?:quantity|qty|inventory|on hand|available|stock)\s*[:@]\s*(.+)$/i,
  /^(?:quantity|qty|inventory|on hand|available|stock)\s*\((.+)\)$/i,
  /^current quantity\s+(.+)$/i,
  /^inventory_(.+)$/i,
];

const FORMATS: Record<FormatId, CsvFormat & { signature: string[]; overrides?: Record<string, Field> }> = {
  trove: {
    id: 'trove',
    name: 'Trove',
    listSeparator: '|',
    unescapesFormulas: true,
    signature: ['product status', 'item status', 'tracking'],
    // Trove writes the category's own name, not a "Jewelry > Rings" path.
    overrides: { category: 'type' },
  },
  'shopify-2024': {
    id: 'shopify-2024',
    name: 'Shopify (2024 and later)',
    listSeparator: ',',
    unescapesFormulas: false,
    signature: ['url handle'],
    // Shopify's new "Description" column holds the same HTML as the old "Body (HTML)".
    overrides: { description: 'descriptionHtml' },
  },
  shopify: { id: 'shopify', name: 'Shopify', listSeparator: ',', unescapesFormulas: false, signature: ['handle', 'variant price'] },
  square: {
    id: 'square',
    name: 'Square',
    listSeparator: ',',
    unescapesFormulas: false,
    signature: ['token', 'item name', 'variation name'],
  },
  'lightspeed-x': {
    id: 'lightspeed-x',
    name: 'Lightspeed (X-Series)',
    listSeparator: ',',
    unescapesFormulas: false,
    signature: ['handle', 'retail price'],
    overrides: { description: 'descriptionHtml' },
  },
  'lightspeed-r': {
    id: 'lightspeed-r',
    name: 'Lightspeed (R-Series)',
    listSeparator: ',',
    unescapesFormulas: false,
    signature: ['system id', 'custom sku'],
    // In Lightspeed Retail the item's name is its "Description"; "Vendor" is who supplies it.
    overrides: { description: 'title', vendor: 'supplier' },
  },
  generic: { id: 'generic', name: 'Spreadsheet', listSeparator: ',', unescapesFormulas: false, signature: [] },
};

/** "Body (HTML)" → "body html", "Compare-at price" → "compare at price", "inventory_Main" → "inventory main". */
export function headerKey(header: string): string {
  return header
    .replace(/^\ufeff/, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

const BY_KEY = new Map<string, Field>(
  (Object.entries(ALIASES) as [Field, readonly string[]][]).flatMap(([field, names]) => names.map((n) => [n, field] as const)),
);

export function detectFormat(headers: readonly string[]): CsvFormat {
  const keys = new Set(headers.map(headerKey));
  const found = Object.values(FORMATS).find((f) => f.signature.length > 0 && f.signature.every((s) => keys.has(s))) ?? FORMATS.generic;
  const { id, name, listSeparator, unescapesFormulas } = found;
  return { id, name, listSeparator, unescapesFormulas };
}

function targetOf(header: string, format: FormatId): Target | null {
  const key = headerKey(header);
  const field = FORMATS[format].overrides?.[key] ?? BY_KEY.get(key);
  if (field) return { kind: 'field', field };
  for (const { re, kind } of OPTION_PATTERNS) {
    const m = re.exec(key);
    if (m) return { kind, index: num(m[1]!) };
  }
  for (const re of LOCATION_PATTERNS) {
    const m = re.exec(header.trim());
    if (m) return { kind: 'locationQuantity', location: m[1]!.replace(/_/g, ' ').trim() };
  }
  return null;
}

function labelOf(target: Target): string {
  switch (target.kind) {
    case 'field':
      return FIELD_LABELS[target.field];
    case 'optionName':
      return `Option ${target.index} name`;
    case 'optionValue':
      return `Option ${target.index} value`;
    case 'optionValues':
      return `Option ${target.index} values`;
    case 'locationQuantity':
      return `Quantity at ${target.location}`;
  }
}

const targetKey = (t: Target): string =>
  t.kind === 'field' ? t.field : t.kind === 'locationQuantity' ? `loc:${t.location.toLowerCase()}` : `${t.kind}:${t.index}`;

/**
 * Maps each header to a field. The first column wins when two map to the same field (the second
 * is listed as unmapped), except barcodes: Lightspeed has both UPC and EAN, and both are kept.
 */
export function mapColumns(headers: readonly string[], format: CsvFormat): ColumnMapping[] {
  const used = new Set<string>();
  return headers.map((raw, column) => {
    const header = raw.replace(/^\ufeff/, '').trim();
    const target = header ? targetOf(header, format.id) : null;
    if (!target) return { column, header, target: null, label: header ? 'Not imported' : 'Empty header' };
    const key = targetKey(target);
    const repeatable = target.kind === 'field' && target.field === 'barcode';
    if (used.has(key) && !repeatable)
      return { column, header, target: null, label: `Not imported (${labelOf(target)} comes from an earlier column)` };
    used.add(key);
    return { column, header, target, label: labelOf(target) };
  });
}
