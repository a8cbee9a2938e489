import * as v from 'valibot';
import { defineMutation, type RecordStore } from '../sync/mutation';
import { applyLww, type LwwRecord } from '../sync/lww';
import { basesSchema, noteOverwrittenEdits, stampBases } from '../cases/overwritten';
import { DomainError } from '../errors';
import { requiredText, tags, text, uuid, photoIds } from './fields';
import { retokenItems } from './item';

export const productOptionSchema = v.strictObject({
  name: requiredText('Option name', 40),
  values: v.pipe(v.array(requiredText('Option value', 60)), v.minLength(1, 'An option needs at least one value'), v.maxLength(200)),
});

export const productFields = {
  title: requiredText('Title', 200),
  description: text('Description', 10_000),
  vendor: text('Vendor', 100),
  categoryId: v.nullable(uuid('Category')),
  collectionId: v.nullable(uuid('Collection')),
  season: text('Season', 40),
  tags,
  /** Any number of options (size, metal, length, stone…): no 3-option cap. */
  options: v.pipe(v.array(productOptionSchema), v.maxLength(20, 'At most 20 options')),
  status: v.picklist(['active', 'archived']),
  photoIds,
};

export const productPatchSchema = v.partial(v.strictObject(productFields));
export type Product = v.InferOutput<v.ObjectSchema<typeof productFields, undefined>>;
export type ProductPatch = v.InferOutput<typeof productPatchSchema>;

export const PRODUCT_DEFAULTS: Product = {
  title: '',
  description: '',
  vendor: '',
  categoryId: null,
  collectionId: null,
  season: '',
  tags: [],
  options: [],
  status: 'active',
  photoIds: [],
};

/** Stored product: LWW values plus `title` mirrored for the index and the ids of its items. */
export type ProductRecord = LwwRecord<Product> & { title: string; itemIds: string[] };

export async function readProduct(store: RecordStore, id: string): Promise<ProductRecord | undefined> {
  return (await store.get('products', id)) as ProductRecord | undefined;
}

/** Applies a patch to a product (creating it when `create`) and re-tokens its items. */
export async function writeProduct(
  store: RecordStore,
  id: string,
  patch: ProductPatch,
  hlc: string,
  create: boolean,
): Promise<ProductRecord> {
  const current = await readProduct(store, id);
  if (!current && !create) throw new DomainError('product-not-found', 'That product does not exist', { id });
  const lww = applyLww(current, id, PRODUCT_DEFAULTS, patch, hlc);
  const next: ProductRecord = { ...lww, title: lww.values.title, itemIds: current?.itemIds ?? [] };
  await store.put('products', next);
  if (current) await retokenItems(store, next);
  return next;
}

export const saveProduct = defineMutation({
  name: 'product.save',
  version: 1,
  tables: ['products', 'items', 'cases'],
  schema: v.strictObject({ id: uuid('Product id'), patch: productPatchSchema, bases: basesSchema }),
  stamp: stampBases('products', (a) => a),
  async apply(store, { id, patch, bases }, meta) {
    await noteOverwrittenEdits(store, 'products', id, patch, meta, bases);
    await writeProduct(store, id, patch, meta.hlc, false);
  },
});
