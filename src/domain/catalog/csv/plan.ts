import { DEFAULT_SKU_PATTERN, generateSku, normaliseCode } from '../sku';
import { slug } from './cells';
import { type BuiltProduct } from './group';
import type { VariantDraft } from './parse-variant';
import type { ColumnMapping, CsvFormat, ImportPlan, PlanContext, PlannedProduct, RowProblem } from './types';

const lower = (s: string): string => s.trim().toLowerCase();

function dropVariant(v: VariantDraft, problems: RowProblem[], problem: RowProblem): void {
  problems.push(problem);
  for (const line of v.lines.slice(1))
    problems.push({ line, code: 'skipped', message: `Skipped with its variant (see line ${problem.line})` });
}

/**
 * SKUs and barcodes share one namespace (a scan must find one item): each must be new to the
 * catalogue and appear once in the file, where its first use keeps it.
 */
function checkCodes(built: BuiltProduct[], ctx: PlanContext, problems: RowProblem[]): Map<string, number> {
  const seen = new Map<string, number>();
  for (const product of built) {
    product.variants = product.variants.filter((v) => {
      const codes = new Map<string, { code: string; what: 'SKU' | 'Barcode' }>();
      if (v.item.sku) codes.set(normaliseCode(v.item.sku), { code: v.item.sku, what: 'SKU' });
      for (const code of v.item.barcodes) if (!codes.has(normaliseCode(code))) codes.set(normaliseCode(code), { code, what: 'Barcode' });
      for (const [n, { code, what }] of codes) {
        const first = seen.get(n);
        const where = first !== undefined ? `is also on line ${first}` : ctx.codeTaken(n) ? 'is already in the catalogue' : null;
        if (where) {
          dropVariant(v, problems, {
            line: v.row.line,
            code: what === 'SKU' ? 'duplicate-sku' : 'duplicate-barcode',
            message: `${what} ${code} ${where}`,
          });
          return false;
        }
      }
      for (const n of codes.keys()) seen.set(n, v.row.line);
      return true;
    });
  }
  return seen;
}

/** Items without a SKU get one from the shop's pattern: category code, register code, this device's sequence. */
function generateSkus(products: PlannedProduct[], ctx: PlanContext, taken: Map<string, number>): number {
  const pattern = ctx.skuPattern || DEFAULT_SKU_PATTERN;
  const codes = new Map(ctx.categories.map((c) => [lower(c.name), c.code || c.name]));
  let sequence = ctx.firstSequence ?? 1;
  let count = 0;
  for (const product of products) {
    for (const item of product.items) {
      if (item.sku) continue;
      let sku: string;
      do
        sku = generateSku(pattern, {
          category: codes.get(lower(product.category)) ?? product.category,
          register: ctx.registerCode,
          sequence: sequence++,
        });
      while (taken.has(normaliseCode(sku)) || ctx.codeTaken(normaliseCode(sku)));
      taken.set(normaliseCode(sku), item.line);
      item.sku = sku;
      item.skuGenerated = true;
      count += 1;
    }
  }
  return count;
}

function toPlanned(b: BuiltProduct): PlannedProduct {
  const items = b.variants.map((v) => v.item);
  const options = b.options.map((o, i) => {
    // Declared values (Trove's own export) first, in their order; then any others in file order.
    const values = [...o.declared];
    const known = new Set(values.map(lower));
    for (const item of items) {
      const value = item.optionValues[i]!;
      if (!known.has(lower(value))) {
        known.add(lower(value));
        values.push(value);
      }
    }
    return { name: o.name, values };
  });
  const fields = b.base;
  return { ...fields, options, line: b.line, handle: b.handle ?? slug(fields.title), imageUrls: b.images, items };
}

function distinctNew(names: Iterable<string>, existing: readonly string[]): string[] {
  const have = new Set(existing.map(lower));
  const out: string[] = [];
  for (const name of names) {
    if (have.has(lower(name))) continue;
    have.add(lower(name));
    out.push(name);
  }
  return out;
}

export interface PlanInput {
  format: CsvFormat;
  columns: ColumnMapping[];
  built: BuiltProduct[];
  problems: RowProblem[];
  records: number;
}

/** The confirmed-or-not plan: what would be written, and every row that would not. */
export function finishPlan(input: PlanInput, ctx: PlanContext): ImportPlan {
  const problems = [...input.problems];
  const taken = checkCodes(input.built, ctx, problems);
  const kept: BuiltProduct[] = [];
  for (const b of input.built) {
    if (b.variants.length > 0) {
      kept.push(b);
      continue;
    }
    const first = b.line;
    if (!b.hadVariantRows) problems.push({ line: first, code: 'missing-price', message: `“${b.base.title}” has no row with a price` });
    for (const row of b.imageRows) {
      if (row.line !== first || b.hadVariantRows)
        problems.push({ line: row.line, code: 'skipped', message: `Skipped: “${b.base.title}” has no valid variant` });
    }
  }
  const products = kept.map(toPlanned);
  const generatedSkus = generateSkus(products, ctx, taken);
  const items = products.flatMap((p) => p.items);
  const quantities = items.flatMap((i) => i.quantities).filter((q) => q.quantity > 0);
  const validRows = kept.reduce((n, b) => n + b.imageRows.length + b.variants.reduce((m, v) => m + v.lines.length, 0), 0);
  problems.sort((a, b) => a.line - b.line);
  return {
    format: input.format,
    columns: input.columns,
    unmapped: input.columns.filter((c) => !c.target && c.header).map((c) => c.header),
    products,
    newSuppliers: distinctNew(
      items.flatMap((i) => (i.supplier ? [i.supplier] : [])),
      ctx.supplierNames,
    ),
    newLocations: distinctNew(
      quantities.flatMap((q) => (q.location ? [q.location] : [])),
      ctx.locationNames,
    ),
    newCategories: distinctNew(
      products.flatMap((p) => (p.category ? [p.category] : [])),
      ctx.categories.map((c) => c.name),
    ),
    newCollections: distinctNew(
      products.flatMap((p) => (p.collection ? [p.collection] : [])),
      ctx.collectionNames,
    ),
    usesDefaultLocation: quantities.some((q) => q.location === null),
    problems,
    counts: {
      records: input.records,
      validRows,
      invalidRows: input.records - validRows,
      products: products.length,
      items: items.length,
      imageRows: kept.reduce((n, b) => n + b.imageRows.length, 0),
      images: products.reduce((n, p) => n + p.imageUrls.length, 0),
      generatedSkus,
      units: quantities.reduce((n, q) => n + q.quantity, 0),
      receipts: quantities.length,
    },
  };
}
