import { readFileSync } from 'node:fs';
import path from 'node:path';
import { readCatalogCsv } from '../../../../src/domain/catalog/csv/reader';
import type { ImportPlan, PlanContext, PlannedItem, PlannedProduct } from '../../../../src/domain/catalog/csv/types';

export const FIXTURES = path.resolve(import.meta.dirname, '../../../fixtures/csv');

export function fixture(name: string): string {
  return readFileSync(path.join(FIXTURES, name), 'utf8');
}

export function context(over: Partial<PlanContext> = {}): PlanContext {
  return { codeTaken: () => false, supplierNames: [], locationNames: [], categories: [], collectionNames: [], registerCode: 'R7', ...over };
}

/** Reads text the way the page does: small chunks with a pause between them. */
export function plan(text: string, over: Partial<PlanContext> = {}): Promise<ImportPlan> {
  return readCatalogCsv(text, context(over), { chunkSize: 64, pause: () => Promise.resolve() });
}

export function product(p: ImportPlan, title: string): PlannedProduct {
  const found = p.products.find((x) => x.title === title);
  if (!found) throw new Error(`No product “${title}” in ${p.products.map((x) => x.title).join(', ')}`);
  return found;
}

export function item(p: ImportPlan, sku: string): PlannedItem {
  const found = p.products.flatMap((x) => x.items).find((i) => i.sku === sku);
  if (!found) throw new Error(`No item ${sku}`);
  return found;
}
