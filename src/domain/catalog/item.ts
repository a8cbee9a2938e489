import * as v from 'valibot';
import { defineMutation, type MutationMeta, type RecordStore } from '../sync/mutation';
import { applyLww, type Bases, type LwwRecord } from '../sync/lww';
import { basesSchema, noteOverwrittenEdits, stampBases } from '../cases/overwritten';
import { DomainError } from '../errors';
import { attributesSchema, code, money, photoIds, tags, uuid, wholeQty, type JewelryAttributes } from './fields';
import { normaliseCode } from './sku';
import { tokensOf } from './search';
import type { ProductRecord } from './product';
import { duplicateCodeCase, type CaseRecord } from '../cases';

export const itemFields = {
  sku: code('SKU'),
  barcodes: v.pipe(v.array(code('Barcode')), v.maxLength(10, 'At most 10 barcodes')),
  /** One value per product option, in the product's option order. */
  optionValues: v.pipe(v.array(v.pipe(v.string(), v.trim(), v.maxLength(60))), v.maxLength(20)),
  price: money('Price'),
  compareAtPrice: v.nullable(money('Compare-at price')),
  /** Unit cost for quantity-tracked items; pieces carry their own. Null = not known yet. */
  cost: v.nullable(money('Cost')),
  supplierId: v.nullable(uuid('Supplier')),
  /** The supplier's own code for this item (what goes on their order form). */
  supplierSku: v.nullable(code('Supplier SKU')),
  /** Reorder when on hand across sellable locations falls to this; null = not set. */
  reorderPoint: v.nullable(wholeQty('Reorder point')),
  /** How many to order when it does; null = not set. */
  reorderQty: v.nullable(wholeQty('Reorder quantity')),
  tracking: v.picklist(['quantity', 'piece']),
  tags,
  attributes: attributesSchema,
  photoIds,
  status: v.picklist(['active', 'archived']),
};

export const itemPatchSchema = v.partial(v.strictObject(itemFields));
export type Item = v.InferOutput<v.ObjectSchema<typeof itemFields, undefined>>;
export type ItemPatch = v.InferOutput<typeof itemPatchSchema>;

export const ITEM_DEFAULTS: Item = {
  sku: '',
  barcodes: [],
  optionValues: [],
  price: 0,
  compareAtPrice: null,
  cost: null,
  supplierId: null,
  supplierSku: null,
  reorderPoint: null,
  reorderQty: null,
  tracking: 'quantity',
  tags: [],
  attributes: {},
  photoIds: [],
  status: 'active',
};

/**
 * Stored item: LWW values plus the indexed fields (normalised SKU, barcodes, search tokens, and
 * the reorder point when one is set, so the low-stock list reads only items that have one).
 */
export type ItemRecord = LwwRecord<Item> & { productId: string; sku: string; barcodes: string[]; tokens: string[]; reorderPoint?: number };

/** A price or cost change, kept for the item's history (who, when, old, new). */
export type PriceChange = {
  id: string;
  itemId: string;
  field: 'price' | 'cost' | 'compareAtPrice';
  old: number | null;
  new: number | null;
  at: string;
  deviceId: string;
};

const PRICED = ['price', 'cost', 'compareAtPrice'] as const;

/** Whether an item patch sets a price, compare-at price or cost (a cashier may not; §10). */
export function touchesPrice(patch: ItemPatch): boolean {
  return PRICED.some((field) => patch[field] !== undefined);
}

const STOCK_POLICY = ['reorderPoint', 'reorderQty'] as const;

/** Whether an item patch sets its reorder point or quantity (stock policy is a manager's too). */
export function touchesStockPolicy(patch: ItemPatch): boolean {
  return STOCK_POLICY.some((field) => patch[field] !== undefined);
}

function attributeTexts(a: JewelryAttributes): string[] {
  return [a.metal, a.purity, a.stone, a.size, a.certificate].filter((t): t is string => Boolean(t));
}

export function itemTokens(product: ProductRecord | undefined, item: Item): string[] {
  const p = product?.values;
  return tokensOf(
    [p?.title, p?.vendor, ...(p?.tags ?? []), ...item.optionValues, ...item.tags, ...attributeTexts(item.attributes), item.sku],
    [item.sku, ...item.barcodes],
  );
}

function indexed(record: LwwRecord<Item>, productId: string, product: ProductRecord | undefined): ItemRecord {
  const reorderPoint = record.values.reorderPoint ?? null;
  return {
    id: record.id,
    values: record.values,
    clocks: record.clocks,
    productId,
    sku: normaliseCode(record.values.sku),
    barcodes: record.values.barcodes.map(normaliseCode),
    tokens: itemTokens(product, record.values),
    // Only set when there is one: IndexedDB leaves a record without the key out of the index.
    ...(reorderPoint === null ? {} : { reorderPoint }),
  };
}

/** Recomputes the search tokens of a product's items after the product's own words changed. */
export async function retokenItems(store: RecordStore, product: ProductRecord): Promise<void> {
  for (const itemId of product.itemIds) {
    const item = (await store.get('items', itemId)) as ItemRecord | undefined;
    if (item) await store.put('items', indexed(item, item.productId, product));
  }
}

/**
 * Writes an item (creating it under `productId` when it does not exist yet) and records each
 * price/cost change that took effect in the item's history.
 */
export async function writeItem(
  store: RecordStore,
  id: string,
  productId: string | undefined,
  patch: ItemPatch,
  meta: MutationMeta,
  bases?: Bases,
): Promise<ItemRecord> {
  const current = (await store.get('items', id)) as ItemRecord | undefined;
  const owner = current?.productId ?? productId;
  if (!owner) throw new DomainError('item-not-found', 'That item does not exist', { id });
  if (!current && (!patch.sku || patch.price === undefined))
    throw new DomainError('item-incomplete', 'A new item needs a SKU and a price', { id });
  const product = (await store.get('products', owner)) as ProductRecord | undefined;
  if (!product) throw new DomainError('product-not-found', 'The item’s product does not exist', { id, productId: owner });
  await noteOverwrittenEdits(store, 'items', id, patch, meta, bases);
  const next = indexed(applyLww(current, id, ITEM_DEFAULTS, patch, meta.hlc), owner, product);
  await store.put('items', next);
  await flagDuplicateCodes(store, next, meta.occurredAt);
  if (!product.itemIds.includes(id)) await store.put('products', { ...product, itemIds: [...product.itemIds, id] });
  for (const field of PRICED) {
    const before = current ? current.values[field] : null;
    const after = next.values[field];
    if (current && before !== after && next.clocks[field] === meta.hlc) {
      const change: PriceChange = {
        id: `${id}/${field}/${meta.hlc}`,
        itemId: id,
        field,
        old: before,
        new: after,
        at: meta.occurredAt,
        deviceId: meta.deviceId,
      };
      await store.put('priceChanges', change);
    }
  }
  return next;
}

/**
 * A SKU or barcode another item already uses: the device refuses that before it writes, but two
 * devices offline can each make one. The write stands (nothing is lost) and a case opens.
 */
async function flagDuplicateCodes(store: RecordStore, item: ItemRecord, at: string): Promise<void> {
  for (const code of new Set([item.sku, ...item.barcodes])) {
    const others = new Set([...(await store.find('items', 'sku', code)), ...(await store.find('items', 'barcodes', code))]);
    others.delete(item.id);
    if (others.size === 0) continue;
    const caseId = `duplicate-code:${code}`;
    const existing = (await store.get('cases', caseId)) as CaseRecord | undefined;
    if (existing?.status === 'open') continue;
    const ids = [...others, item.id];
    const labels = await Promise.all(ids.map(async (i) => ((await store.get('items', i)) as ItemRecord | undefined)?.values.sku ?? i));
    await store.put(
      'cases',
      duplicateCodeCase(
        code,
        ids,
        labels.map((sku, n) => `${sku} (#${n + 1})`),
        at,
      ),
    );
  }
}

export const saveItem = defineMutation({
  name: 'item.save',
  version: 1,
  // Price, cost and the reorder policy are a manager's; a cashier may still fix a SKU, a barcode,
  // the supplier's SKU, tags or photos.
  restricted: ({ patch }) => touchesPrice(patch) || touchesStockPolicy(patch),
  tables: ['items', 'products', 'priceChanges', 'cases'],
  schema: v.strictObject({ id: uuid('Item id'), productId: v.optional(uuid('Product id')), patch: itemPatchSchema, bases: basesSchema }),
  stamp: stampBases('items', (a) => a),
  async apply(store, { id, productId, patch, bases }, meta) {
    await writeItem(store, id, productId, patch, meta, bases);
  },
});
