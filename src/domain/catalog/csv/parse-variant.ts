import * as v from 'valibot';
import { itemFields } from '../item';
import { checkBarcode, normaliseCode } from '../sku';
import type { JewelryAttributes } from '../fields';
import { parseDecimalCell, parseMoneyCell, parseQuantityCell, parseStatusCell, splitList, type Parsed } from './cells';
import type { CsvFormat, MappedRow, PlannedItem, ProblemCode, Quantity, RowProblem } from './types';

const itemCheck = v.partial(v.strictObject(itemFields));

/** The option values a row gives, by option index (the product's declared options decide which are allowed). */
export interface VariantDraft {
  row: MappedRow;
  /** Lines of every record merged into this variant (a Location column gives one row per location). */
  lines: number[];
  item: PlannedItem;
}

export interface VariantContext {
  format: CsvFormat;
  digits: number;
  /** Option indices the product declares, in order (index 0 = an implicit "Variant" option). */
  optionIndices: readonly number[];
}

class Problems {
  list: RowProblem[] = [];
  constructor(private readonly line: number) {}
  add(code: ProblemCode, message: string): undefined {
    this.list.push({ line: this.line, code, message });
    return undefined;
  }
  take<T>(parsed: Parsed<T>, code: ProblemCode): T | undefined {
    if (parsed.ok) return parsed.value;
    this.add(code, parsed.message);
    return undefined;
  }
}

function attributesOf(row: MappedRow, p: Problems): JewelryAttributes {
  const f = row.fields;
  const a: JewelryAttributes = {};
  if (f.metal) a.metal = f.metal;
  if (f.purity) a.purity = f.purity;
  if (f.stone) a.stone = f.stone;
  if (f.size) a.size = f.size;
  if (f.certificate) a.certificate = f.certificate;
  if (f.notes) a.notes = f.notes;
  if (f.caratWeight) a.caratWeight = p.take(parseDecimalCell(f.caratWeight, 'Carat weight'), 'bad-number');
  if (f.grams) a.grams = p.take(parseDecimalCell(f.grams, 'Weight'), 'bad-number');
  else if (f.shippingGrams) {
    // Shopify's shipping weight: 0 means "not entered", so only a real weight is kept.
    const grams = p.take(parseDecimalCell(f.shippingGrams, 'Weight'), 'bad-number');
    if (grams) a.grams = grams;
  }
  return a;
}

function quantitiesOf(row: MappedRow, p: Problems): Quantity[] {
  const out: Quantity[] = [];
  if (row.fields.quantity !== undefined) {
    const q = p.take(parseQuantityCell(row.fields.quantity, 'Quantity'), 'bad-quantity');
    if (q !== undefined) out.push({ location: row.fields.location ?? null, quantity: q });
  }
  for (const [location, text] of row.locationQuantities) {
    const q = p.take(parseQuantityCell(text, `Quantity at ${location}`), 'bad-quantity');
    if (q !== undefined) out.push({ location, quantity: q });
  }
  return out;
}

function optionValuesOf(row: MappedRow, ctx: VariantContext, p: Problems): string[] {
  for (const [index, value] of row.optionValues) {
    if (!ctx.optionIndices.includes(index)) {
      p.add('unknown-option', `“${value}” is a value for option ${index}, which this product does not have (no Option${index} Name)`);
    }
  }
  return ctx.optionIndices.map((index) => {
    const value = index === 0 ? row.fields.variationName : row.optionValues.get(index);
    if (value === undefined)
      p.add(
        'missing-option-value',
        index === 0 ? 'No variant name, but other rows of this product have one' : `No value for option ${index}`,
      );
    return value ?? '';
  });
}

/** One variant row → an item (or the row's problems). Money in minor units; cost null = unknown. */
export function parseVariant(row: MappedRow, ctx: VariantContext): { variant?: VariantDraft; problems: RowProblem[] } {
  const p = new Problems(row.line);
  const f = row.fields;
  const optionValues = optionValuesOf(row, ctx, p);
  const price =
    f.price === undefined ? p.add('missing-price', 'No price') : p.take(parseMoneyCell(f.price, 'Price', ctx.digits), 'bad-price');
  const compareAtPrice =
    f.compareAtPrice === undefined ? null : p.take(parseMoneyCell(f.compareAtPrice, 'Compare-at price', ctx.digits), 'bad-price');
  const cost = f.cost === undefined ? null : p.take(parseMoneyCell(f.cost, 'Cost', ctx.digits), 'bad-price');
  const policy = (text: string | undefined, label: string): number | null | undefined =>
    text === undefined ? null : p.take(parseQuantityCell(text, label, 'leave it empty for none'), 'bad-quantity');
  const reorderPoint = policy(f.reorderPoint, 'Reorder point');
  const reorderQty = policy(f.reorderQty, 'Reorder quantity');
  const status = f.itemStatus === undefined ? 'active' : p.take(parseStatusCell(f.itemStatus, 'Item status'), 'bad-value');
  const tracking = f.tracking === undefined ? 'quantity' : f.tracking.toLowerCase();
  if (tracking !== 'quantity' && tracking !== 'piece') p.add('bad-value', `Tracking “${f.tracking}” is not quantity or piece`);
  const attributes = attributesOf(row, p);
  const quantities = quantitiesOf(row, p);
  const fields = {
    ...(f.sku === undefined ? {} : { sku: f.sku }),
    supplierSku: f.supplierSku ?? null,
    barcodes: row.barcodes,
    optionValues,
    tags: f.itemTags ? splitList(f.itemTags, ctx.format.listSeparator) : [],
    attributes,
    photoIds: f.itemPhotoIds ? splitList(f.itemPhotoIds, '|') : [],
  };
  for (const code of row.barcodes) {
    const check = checkBarcode(normaliseCode(code));
    if (!check.ok) p.add('bad-value', check.message);
  }
  if (p.list.length === 0) {
    const checked = v.safeParse(itemCheck, fields);
    if (!checked.success) p.add('bad-value', checked.issues[0].message);
  }
  if (
    p.list.length > 0 ||
    price === undefined ||
    compareAtPrice === undefined ||
    cost === undefined ||
    status === undefined ||
    reorderPoint === undefined ||
    reorderQty === undefined
  ) {
    return { problems: p.list };
  }
  const item: PlannedItem = {
    line: row.line,
    sku: f.sku ?? '',
    skuGenerated: false,
    barcodes: fields.barcodes,
    optionValues,
    price,
    compareAtPrice,
    cost,
    supplierSku: fields.supplierSku,
    reorderPoint,
    reorderQty,
    supplier: null,
    tracking: tracking === 'piece' ? 'piece' : 'quantity',
    tags: fields.tags,
    attributes,
    photoIds: fields.photoIds,
    status,
    imageUrl: f.variantImage ?? null,
    quantities,
  };
  return { variant: { row, lines: [row.line], item }, problems: [] };
}

/**
 * A file with a Location column lists a variant once per location: the later rows only add
 * their quantity. The same location twice is a duplicate, not a sum.
 */
export function mergeLocationRow(into: VariantDraft, extra: VariantDraft): RowProblem | null {
  const same = (a: Quantity, b: Quantity) => (a.location ?? '').toLowerCase() === (b.location ?? '').toLowerCase();
  for (const q of extra.item.quantities) {
    if (into.item.quantities.some((l) => same(l, q))) {
      return {
        line: extra.row.line,
        code: 'duplicate-variant',
        message: `This variant is listed twice for ${q.location ?? 'the default location'} (first on line ${into.row.line})`,
      };
    }
  }
  into.item.quantities.push(...extra.item.quantities);
  into.lines.push(extra.row.line);
  return null;
}
