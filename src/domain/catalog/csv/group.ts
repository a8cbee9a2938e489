import { hasVariantData } from './rows';
import { splitList } from './cells';
import { imagesOf, parseProduct, type ProductBase } from './parse-product';
import { mergeLocationRow, parseVariant, type VariantDraft } from './parse-variant';
import type { CsvFormat, MappedRow, RowProblem } from './types';

/** All rows of one product key (a Handle, or the title when the file has no handles). */
export interface Draft {
  rows: MappedRow[];
  variantRows: MappedRow[];
  imageRows: MappedRow[];
}

export interface GroupOptions {
  format: CsvFormat;
  digits: number;
  /** The file has its own Supplier column; otherwise Vendor names the supplier too. */
  hasSupplierColumn: boolean;
}

export interface BuiltProduct {
  /** The line of the product's first row, and its Handle when the file has one. */
  line: number;
  handle: string | undefined;
  base: ProductBase;
  options: { name: string; declared: string[] }[];
  variants: VariantDraft[];
  images: string[];
  imageRows: MappedRow[];
  hadVariantRows: boolean;
}

/** A product key: rows sharing a handle (or, without handles, a title) are one product. */
export function keyOf(row: MappedRow): string | undefined {
  if (row.fields.handle) return `h:${row.fields.handle.toLowerCase()}`;
  if (row.fields.title) return `t:${row.fields.title.toLowerCase().replace(/\s+/g, ' ')}`;
  return undefined;
}

export function addToDraft(draft: Draft, row: MappedRow): void {
  draft.rows.push(row);
  // Shopify's image-only rows: a handle and an image, no variant data. They add images, not variants.
  if (!hasVariantData(row) && (row.fields.imageSrc || row.fields.variantImage)) draft.imageRows.push(row);
  else draft.variantRows.push(row);
}

const skip = (rows: readonly MappedRow[], except: number, message: string): RowProblem[] =>
  rows.filter((r) => r.line !== except).map((r) => ({ line: r.line, code: 'skipped', message }));

/** Option names by index: the first row that names an option decides it; a different name later is an error. */
function optionNames(rows: readonly MappedRow[], problems: RowProblem[], bad: Set<MappedRow>): Map<number, string> {
  const names = new Map<number, string>();
  for (const row of rows) {
    for (const [index, name] of row.optionNames) {
      const known = names.get(index);
      if (known === undefined) names.set(index, name);
      else if (known.toLowerCase() !== name.toLowerCase()) {
        problems.push({
          line: row.line,
          code: 'unknown-option',
          message: `Option ${index} is “${name}” here but “${known}” on an earlier row of this product`,
        });
        bad.add(row);
      }
    }
  }
  return names;
}

const DEFAULT_VALUES = new Set(['default title', 'default', 'regular', '']);

/** Turns one product's rows into a product with its variants, or problems for the rows that cannot be. */
export function buildProduct(draft: Draft, opts: GroupOptions, problems: RowProblem[]): BuiltProduct | null {
  const parsed = parseProduct(draft.rows, opts.format);
  if (!parsed.product) {
    const p = parsed.problem!;
    problems.push(p, ...skip(draft.rows, p.line, `Skipped with its product (see line ${p.line})`));
    return null;
  }
  const base = parsed.product;
  const bad = new Set<MappedRow>();
  const names = optionNames(draft.variantRows, problems, bad);
  const indices = [...names.keys()].sort((a, b) => a - b);
  // Square and spreadsheets name variants in one column ("Small", "Large"): one implicit option.
  if (indices.length === 0 && draft.variantRows.some((r) => r.fields.variationName !== undefined)) {
    indices.push(0);
    names.set(0, 'Variant');
  }
  const variants: VariantDraft[] = [];
  const byKey = new Map<string, VariantDraft>();
  for (const row of draft.variantRows) {
    if (bad.has(row)) continue;
    const { variant, problems: rowProblems } = parseVariant(row, { format: opts.format, digits: opts.digits, optionIndices: indices });
    if (!variant) {
      problems.push(...rowProblems);
      continue;
    }
    variant.item.supplier = opts.hasSupplierColumn ? (row.fields.supplier ?? null) : base.vendor || null;
    const key = variant.item.optionValues.map((o) => o.toLowerCase()).join('\u0000');
    const earlier = byKey.get(key);
    if (!earlier) {
      byKey.set(key, variant);
      variants.push(variant);
      continue;
    }
    if (row.fields.location !== undefined) {
      const clash = mergeLocationRow(earlier, variant);
      if (clash) problems.push(clash);
      continue;
    }
    const what = key ? `options ${variant.item.optionValues.join(' / ')}` : 'no options';
    problems.push({ line: row.line, code: 'duplicate-variant', message: `Same product and ${what} as line ${earlier.row.line}` });
  }
  // Shopify's single-variant convention (Title / Default Title) and Square's "Regular" mean: no options.
  const single =
    variants.length <= 1 && indices.length === 1 && variants.every((v) => DEFAULT_VALUES.has(v.item.optionValues[0]!.toLowerCase()));
  const isDefault = single && (indices[0] === 0 || names.get(indices[0]!)!.toLowerCase() === 'title');
  if (isDefault) for (const v of variants) v.item.optionValues = [];
  const declared = (index: number): string[] => {
    const row = draft.rows.find((r) => r.declaredValues.has(index));
    return row ? splitList(row.declaredValues.get(index)!, opts.format.listSeparator) : [];
  };
  return {
    line: draft.rows[0]!.line,
    handle: draft.rows.find((r) => r.fields.handle)?.fields.handle,
    base,
    options: isDefault ? [] : indices.map((i) => ({ name: names.get(i)!, declared: declared(i) })),
    variants,
    images: imagesOf(draft.rows),
    imageRows: draft.imageRows,
    hadVariantRows: draft.variantRows.length > 0,
  };
}
