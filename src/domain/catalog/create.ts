import * as v from 'valibot';
import { defineMutation } from '../sync/mutation';
import { DomainError } from '../errors';
import { itemFields, writeItem } from './item';
import { productFields, writeProduct } from './product';
import { uuid } from './fields';

const newItem = v.object({
  id: uuid('Item id'),
  ...v.partial(v.strictObject(itemFields)).entries,
  sku: itemFields.sku,
  price: itemFields.price,
});

/**
 * A product and its items (one per variant) in ONE mutation, so a device never holds a product
 * without its variants, or the other way round.
 */
export const createProduct = defineMutation({
  name: 'catalog.createProduct',
  version: 1,
  // New items carry their price and cost.
  restricted: true,
  tables: ['products', 'items', 'priceChanges', 'cases'],
  schema: v.strictObject({
    product: v.object({ id: uuid('Product id'), ...v.partial(v.strictObject(productFields)).entries, title: productFields.title }),
    items: v.pipe(v.array(newItem), v.minLength(1, 'A product needs at least one item'), v.maxLength(1000)),
  }),
  async apply(store, { product, items }, meta) {
    const { id, ...fields } = product;
    const optionCount = fields.options?.length ?? 0;
    for (const item of items) {
      if ((item.optionValues?.length ?? 0) !== optionCount) {
        throw new DomainError(
          'unknown-option',
          `Item ${item.sku} has ${item.optionValues?.length ?? 0} option values; the product has ${optionCount} options`,
          { sku: item.sku },
        );
      }
    }
    await writeProduct(store, id, fields, meta.hlc, true);
    for (const { id: itemId, ...patch } of items) await writeItem(store, itemId, id, patch, meta);
  },
});
