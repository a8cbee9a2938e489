import { formatMoneyCell, joinList, neutraliseFormula } from './cells';
import type { Item } from '../item';
import type { Product } from '../product';

/**
 * Trove's own CSV: every product and item field, one row per item, product fields repeated on
 * each row (so sorting the sheet loses nothing). Lists are joined with `|`, money is decimal
 * text, and each option's declared values are kept so a re-import rebuilds the same catalogue.
 * The header names are all in the alias map (columns.ts), so this file reads back as format "trove".
 */
const PRODUCT_COLUMNS = [
  'Handle',
  'Title',
  'Description',
  'Vendor',
  'Category',
  'Collection',
  'Season',
  'Product tags',
  'Product status',
  'Product photo ids',
];
const ITEM_COLUMNS = [
  'SKU',
  'Barcodes',
  'Price',
  'Compare-at price',
  'Cost',
  'Supplier',
  'Supplier SKU',
  'Reorder point',
  'Reorder quantity',
  'Tracking',
  'Item tags',
  'Metal',
  'Purity',
  'Stone',
  'Carat weight',
  'Grams',
  'Size',
  'Certificate',
  'Notes',
  'Item status',
  'Item photo ids',
];

export interface ExportLayout {
  /** The most options any product has: that many Option columns. */
  optionCount: number;
  /** Location names, one quantity column each. */
  locations: readonly string[];
  /** Minor digits of the shop currency. */
  digits: number;
}

export function troveHeader(layout: ExportLayout): string[] {
  const options = Array.from({ length: layout.optionCount }, (_, i) => [
    `Option${i + 1} Name`,
    `Option${i + 1} Values`,
    `Option${i + 1} Value`,
  ]).flat();
  return [...PRODUCT_COLUMNS, ...options, ...ITEM_COLUMNS, ...layout.locations.map((l) => `Quantity: ${l}`)];
}

export interface ExportRow {
  handle: string;
  product: Product;
  item: Item;
  /** Names of the product's category and collection, and of the item's supplier ('' = none). */
  category: string;
  collection: string;
  supplier: string;
  /** On hand by location name (the layout's names). */
  onHand: ReadonlyMap<string, number>;
}

const num = (n: number | null | undefined): string => (n === null || n === undefined ? '' : String(n));

export function troveRow(
  layout: ExportLayout,
  { handle, product: p, item: i, category, collection, supplier, onHand }: ExportRow,
): string[] {
  const money = (m: number | null): string => (m === null ? '' : formatMoneyCell(m, layout.digits));
  const options = Array.from({ length: layout.optionCount }, (_, k) => {
    const o = p.options[k];
    return o ? [o.name, joinList(o.values), i.optionValues[k] ?? ''] : ['', '', ''];
  }).flat();
  const a = i.attributes;
  return [
    handle,
    p.title,
    p.description,
    p.vendor,
    category,
    collection,
    p.season,
    joinList(p.tags),
    p.status,
    joinList(p.photoIds),
    ...options,
    i.sku,
    joinList(i.barcodes),
    money(i.price),
    money(i.compareAtPrice),
    money(i.cost),
    supplier,
    i.supplierSku ?? '',
    num(i.reorderPoint),
    num(i.reorderQty),
    i.tracking,
    joinList(i.tags),
    a.metal ?? '',
    a.purity ?? '',
    a.stone ?? '',
    num(a.caratWeight),
    num(a.grams),
    a.size ?? '',
    a.certificate ?? '',
    a.notes ?? '',
    i.status,
    joinList(i.photoIds),
    ...layout.locations.map((l) => (onHand.get(l) ? String(onHand.get(l)) : '')),
  ];
}

/** One CSV record (RFC 4180, CRLF), with formula-like cells neutralised for spreadsheets. */
export function csvLine(cells: readonly string[]): string {
  return (
    cells
      .map((raw) => {
        const cell = neutraliseFormula(raw);
        return /[",\r\n]|^\s|\s$/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell;
      })
      .join(',') + '\r\n'
  );
}
