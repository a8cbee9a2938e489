import type { ItemRecord } from '../../domain/catalog/item';
import type { ProductRecord } from '../../domain/catalog/product';
import type { LabelSource } from '../../domain/catalog/labels';
import type { TroveDb } from '../db';

/** More than anyone picks in a list; keeps a pasted or mistyped URL from loading the catalogue. */
export const MAX_LABEL_ITEMS = 500;

export interface LabelItems {
  /** In the order asked for, each id once. */
  items: LabelSource[];
  /** Ids asked for that are not (or no longer) in the catalogue. */
  missing: string[];
}

/** The chosen items with their product titles: two indexed bulk reads, never a table scan. */
export async function readLabelItems(db: TroveDb, ids: readonly string[]): Promise<LabelItems> {
  const wanted = [...new Set(ids)].slice(0, MAX_LABEL_ITEMS);
  const rows = (await db.items.bulkGet(wanted)) as (ItemRecord | undefined)[];
  const found = rows.filter((r): r is ItemRecord => r !== undefined);
  const productIds = [...new Set(found.map((i) => i.productId))];
  const products = (await db.products.bulkGet(productIds)) as (ProductRecord | undefined)[];
  const titles = new Map(products.filter((p): p is ProductRecord => p !== undefined).map((p) => [p.id, p.values.title]));
  return {
    items: found.map((item) => ({
      id: item.id,
      sku: item.values.sku,
      title: titles.get(item.productId) ?? '',
      optionValues: item.values.optionValues,
      attributes: item.values.attributes,
      price: item.values.price,
      compareAtPrice: item.values.compareAtPrice,
    })),
    missing: wanted.filter((_, i) => rows[i] === undefined),
  };
}
