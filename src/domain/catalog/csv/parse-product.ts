import * as v from 'valibot';
import { productFields, type Product } from '../product';
import { htmlToText, parseStatusCell, splitList } from './cells';
import type { CsvFormat, Field, MappedRow, RowProblem } from './types';

const productCheck = v.partial(v.strictObject(productFields));

/** The product's own fields, option names aside; category and collection by name. */
export type ProductBase = Omit<Product, 'options' | 'categoryId' | 'collectionId'> & { category: string; collection: string };

/**
 * Product fields come from the first row that fills them (Shopify writes them on a product's
 * first row only; Square repeats them on every row: both read the same).
 */
function firstOf(rows: readonly MappedRow[], field: Field): { text: string; line: number } | undefined {
  for (const row of rows) {
    const text = row.fields[field];
    if (text !== undefined) return { text, line: row.line };
  }
  return undefined;
}

/** "Apparel & Accessories > Jewelry > Bracelets" → "Bracelets". */
function categoryName(rows: readonly MappedRow[]): string {
  const type = firstOf(rows, 'type')?.text;
  if (type) return type;
  const path = firstOf(rows, 'category')?.text ?? '';
  return path.split('>').at(-1)?.trim() ?? '';
}

export function parseProduct(rows: readonly MappedRow[], format: CsvFormat): { product?: ProductBase; problem?: RowProblem } {
  const first = rows[0]!;
  const title = firstOf(rows, 'title');
  if (!title) {
    const handle = first.fields.handle;
    return { problem: { line: first.line, code: 'missing-title', message: handle ? `No title for “${handle}”` : 'No title' } };
  }
  const problem = (line: number, message: string): { problem: RowProblem } => ({ problem: { line, code: 'bad-value', message } });
  const plain = firstOf(rows, 'description');
  const html = firstOf(rows, 'descriptionHtml');
  const status = firstOf(rows, 'productStatus');
  let parsedStatus: Product['status'] = 'active';
  if (status) {
    const s = parseStatusCell(status.text, 'Status');
    if (!s.ok) return problem(status.line, s.message);
    parsedStatus = s.value;
  }
  const tags = firstOf(rows, 'productTags');
  const base: ProductBase = {
    title: title.text,
    description: plain ? plain.text : html ? htmlToText(html.text) : '',
    vendor: firstOf(rows, 'vendor')?.text ?? '',
    season: firstOf(rows, 'season')?.text ?? '',
    tags: tags ? splitList(tags.text, format.listSeparator) : [],
    status: parsedStatus,
    photoIds: splitList(firstOf(rows, 'productPhotoIds')?.text ?? '', '|'),
    category: categoryName(rows),
    collection: firstOf(rows, 'collection')?.text ?? '',
  };
  const { category, collection, ...checked } = base;
  if (category.length > 60 || collection.length > 60) return problem(title.line, 'A category or collection name is at most 60 characters');
  const result = v.safeParse(productCheck, checked);
  if (!result.success) return problem(title.line, result.issues[0].message);
  return { product: base };
}

/** Image URLs of a product in Image Position order (rows without a position keep file order). */
export function imagesOf(rows: readonly MappedRow[]): string[] {
  const seen = new Set<string>();
  const images: { url: string; position: number; order: number }[] = [];
  rows.forEach((row, order) => {
    const url = row.fields.imageSrc;
    if (!url || seen.has(url)) return;
    seen.add(url);
    const position = Number(row.fields.imagePosition);
    images.push({ url, position: Number.isFinite(position) && row.fields.imagePosition ? position : Number.MAX_SAFE_INTEGER, order });
  });
  return images.sort((a, b) => a.position - b.position || a.order - b.order).map((i) => i.url);
}
