import * as v from 'valibot';
import { defineMutation } from '../sync/mutation';
import { money, tags, uuid } from './fields';
import { writeItem, type ItemRecord } from './item';
import { writeProduct } from './product';

/** Edit many items at once (price, tags): one mutation, merged per field like any other edit. */
export const bulkEditItems = defineMutation({
  name: 'items.bulkEdit',
  version: 1,
  // A bulk price change is a manager's; tags and categories are open to everyone.
  restricted: ({ price }) => price !== undefined,
  tables: ['items', 'products', 'priceChanges', 'cases'],
  schema: v.strictObject({
    itemIds: v.pipe(v.array(uuid('Item id')), v.minLength(1, 'Choose at least one item'), v.maxLength(1000, 'At most 1,000 items at once')),
    price: v.optional(money('Price')),
    /** Added to each item's own tags (an edit that adds a tag keeps the others). */
    addTags: v.optional(tags),
    removeTags: v.optional(tags),
    /** Category is the product's: it moves every product the chosen items belong to. */
    categoryId: v.optional(v.nullable(uuid('Category'))),
  }),
  async apply(store, { itemIds, price, addTags = [], removeTags = [], categoryId }, meta) {
    const moved = new Set<string>();
    for (const id of itemIds) {
      const current = (await store.get('items', id)) as ItemRecord | undefined;
      if (!current) continue; // deleted or not synced yet elsewhere: nothing to edit
      const tagsChanged = addTags.length > 0 || removeTags.length > 0;
      const nextTags = [...new Set([...current.values.tags.filter((t) => !removeTags.includes(t)), ...addTags])];
      await writeItem(
        store,
        id,
        undefined,
        { ...(price === undefined ? {} : { price }), ...(tagsChanged ? { tags: nextTags } : {}) },
        meta,
      );
      if (categoryId !== undefined && !moved.has(current.productId)) {
        moved.add(current.productId);
        await writeProduct(store, current.productId, { categoryId }, meta.hlc, false);
      }
    }
  },
});
