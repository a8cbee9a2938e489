import { describe, expect, it } from 'vitest';
import { applyMutation } from '../../../src/domain/sync/registry';
import type { ItemRecord, PriceChange } from '../../../src/domain/catalog/item';
import type { ProductRecord } from '../../../src/domain/catalog/product';
import { isDomainError } from '../../../src/domain/errors';
import { memoryStore, meta } from '../../factories/memory-store';

const P = '0190b6a2-3c4d-7e5f-8a6b-000000000001';
const I = (n: number) => `0190b6a2-3c4d-7e5f-8a6b-00000000010${n}`;

function ringArgs() {
  return {
    product: { id: P, title: 'Opal stacking ring', vendor: 'Atelier Lune', tags: ['rings'], options: [{ name: 'Size', values: ['5', '6', '7'] }] },
    items: ['5', '6', '7'].map((size, i) => ({ id: I(i), sku: `RNG-R1000${i + 1}`, price: 4_500, cost: 1_200, optionValues: [size], attributes: { metal: 'Sterling silver', stone: 'Opal', size } })),
  };
}

describe('catalogue mutations', () => {
  it('creates a product and its variants in one mutation, indexed for search', async () => {
    const store = memoryStore();
    await applyMutation(store, 'catalog.createProduct', 1, ringArgs(), meta(1000));
    const product = (await store.get('products', P)) as ProductRecord;
    expect(product.itemIds).toEqual([I(0), I(1), I(2)]);
    const item = (await store.get('items', I(1))) as ItemRecord;
    expect(item).toMatchObject({ productId: P, sku: 'RNG-R10002', values: { price: 4_500, optionValues: ['6'] } });
    expect(item.tokens).toEqual(expect.arrayContaining(['opal', 'stacking', 'ring', 'sterling', 'silver', 'atelier', 'rings', 'rng-r10002']));
  });

  it('refuses items whose option values do not fit the product', async () => {
    const args = ringArgs();
    args.items[0]!.optionValues = ['5', 'Gold'];
    await expect(applyMutation(memoryStore(), 'catalog.createProduct', 1, args, meta(1000))).rejects.toSatisfy((e) => isDomainError(e, 'unknown-option'));
  });

  it('a tag edit on one device and a price edit on another both survive, in any order', async () => {
    for (const order of ['price-first', 'tags-first']) {
      const store = memoryStore();
      await applyMutation(store, 'catalog.createProduct', 1, ringArgs(), meta(1000));
      const price = () => applyMutation(store, 'item.save', 1, { id: I(0), patch: { price: 4_900 } }, meta(2000, 'dev-a'));
      const tags = () => applyMutation(store, 'item.save', 1, { id: I(0), patch: { tags: ['bestseller'] } }, meta(1500, 'dev-b'));
      if (order === 'price-first') await price().then(tags);
      else await tags().then(price);
      const item = (await store.get('items', I(0))) as ItemRecord;
      expect(item.values).toMatchObject({ price: 4_900, tags: ['bestseller'] });
      expect(item.tokens).toContain('bestseller');
    }
  });

  it('keeps every price and cost change with who, when, old and new', async () => {
    const store = memoryStore();
    await applyMutation(store, 'catalog.createProduct', 1, ringArgs(), meta(1000));
    await applyMutation(store, 'item.save', 1, { id: I(0), patch: { price: 4_900, cost: 1_300 } }, meta(2000, 'dev-b'));
    await applyMutation(store, 'item.save', 1, { id: I(0), patch: { tags: ['x'] } }, meta(3000));
    const history = store.all('priceChanges') as unknown as PriceChange[];
    expect(history.map((h) => [h.field, h.old, h.new, h.deviceId, h.at])).toEqual([
      ['price', 4_500, 4_900, 'dev-b', new Date(2000).toISOString()],
      ['cost', 1_200, 1_300, 'dev-b', new Date(2000).toISOString()],
    ]);
  });

  it('renaming the product re-tokens its items', async () => {
    const store = memoryStore();
    await applyMutation(store, 'catalog.createProduct', 1, ringArgs(), meta(1000));
    await applyMutation(store, 'product.save', 1, { id: P, patch: { title: 'Moonstone band' } }, meta(2000));
    const item = (await store.get('items', I(2))) as ItemRecord;
    expect(item.tokens).toContain('moonstone');
    expect(item.tokens).not.toContain('stacking');
  });

  it('bulk edit sets a price and adds a tag on many items, keeping their other tags', async () => {
    const store = memoryStore();
    await applyMutation(store, 'catalog.createProduct', 1, ringArgs(), meta(1000));
    await applyMutation(store, 'item.save', 1, { id: I(0), patch: { tags: ['sale'] } }, meta(1500));
    await applyMutation(store, 'items.bulkEdit', 1, { itemIds: [I(0), I(1)], price: 3_900, addTags: ['autumn'] }, meta(2000));
    const [a, b, c] = (await Promise.all([0, 1, 2].map((n) => store.get('items', I(n))))) as ItemRecord[];
    expect(a!.values).toMatchObject({ price: 3_900, tags: ['sale', 'autumn'] });
    expect(b!.values).toMatchObject({ price: 3_900, tags: ['autumn'] });
    expect(c!.values.price).toBe(4_500);
  });

  it('bad numbers are refused with specific messages', async () => {
    const store = memoryStore();
    await applyMutation(store, 'catalog.createProduct', 1, ringArgs(), meta(1000));
    for (const [patch, message] of [
      [{ price: -5 }, 'Price cannot be negative'],
      [{ price: 12.5 }, 'Price must be whole cents'],
      [{ price: 1e15 }, 'Price is not a realistic amount'],
      [{ sku: 'has space' }, 'SKU may use letters, digits and symbols, no spaces'],
    ] as const) {
      await expect(applyMutation(store, 'item.save', 1, { id: I(0), patch }, meta(2000))).rejects.toSatisfy((e) => isDomainError(e, 'invalid-args') && e.message === message);
    }
  });

  it('a gift set lists its components; a set cannot contain itself', async () => {
    const store = memoryStore();
    await applyMutation(store, 'catalog.createProduct', 1, ringArgs(), meta(1000));
    await applyMutation(store, 'bundle.save', 1, { itemId: I(0), components: [{ itemId: I(1), quantity: 2 }] }, meta(2000));
    expect(await store.get('bundles', I(0))).toMatchObject({ components: [{ itemId: I(1), quantity: 2 }] });
    await expect(applyMutation(store, 'bundle.save', 1, { itemId: I(0), components: [{ itemId: I(0), quantity: 1 }] }, meta(3000))).rejects.toSatisfy((e) =>
      isDomainError(e, 'bundle-contains-itself'),
    );
  });
});

describe('duplicate codes made offline on two devices', () => {
  it('both writes stand and one case opens naming both items, however often it is seen', async () => {
    const store = memoryStore();
    await applyMutation(store, 'catalog.createProduct', 1, ringArgs(), meta(1000));
    const other = '0190b6a2-3c4d-7e5f-8a6b-000000000002';
    const args = { product: { id: other, title: 'Garnet studs' }, items: [{ id: '0190b6a2-3c4d-7e5f-8a6b-000000000201', sku: 'rng-r10001', price: 3_000, barcodes: [] }] };
    await applyMutation(store, 'catalog.createProduct', 1, args, meta(2000, 'dev-b'));
    await applyMutation(store, 'item.save', 1, { id: '0190b6a2-3c4d-7e5f-8a6b-000000000201', patch: { tags: ['x'] } }, meta(3000, 'dev-b'));
    const cases = store.all('cases');
    expect(cases).toHaveLength(1);
    expect(cases[0]).toMatchObject({ id: 'duplicate-code:RNG-R10001', type: 'duplicate-code', status: 'open', concerns: [`items/${I(0)}`, 'items/0190b6a2-3c4d-7e5f-8a6b-000000000201'] });
    expect(store.all('items')).toHaveLength(4);
  });
});

describe('categories and collections', () => {
  it('bulk edit moves the chosen items’ products into a category, once per product', async () => {
    const store = memoryStore();
    const cat = '0190b6a2-3c4d-7e5f-8a6b-000000000901';
    await applyMutation(store, 'catalog.createProduct', 1, ringArgs(), meta(1000));
    await applyMutation(store, 'category.save', 1, { id: cat, name: 'Stacking rings', code: 'stk' }, meta(1000));
    await applyMutation(store, 'items.bulkEdit', 1, { itemIds: [I(0), I(1)], categoryId: cat }, meta(2000));
    expect(((await store.get('products', P)) as ProductRecord).values.categoryId).toBe(cat);
    expect(await store.get('categories', cat)).toMatchObject({ name: 'Stacking rings', values: { code: 'STK' } });
  });

  it('a collection carries its season end as a business day', async () => {
    const store = memoryStore();
    const id = '0190b6a2-3c4d-7e5f-8a6b-000000000902';
    await applyMutation(store, 'collection.save', 1, { id, name: 'Autumn 2026', seasonEnd: '2026-11-30' }, meta(1000));
    expect(await store.get('collections', id)).toMatchObject({ values: { seasonEnd: '2026-11-30' } });
    await expect(applyMutation(store, 'collection.save', 1, { id, seasonEnd: '30/11/2026' }, meta(2000))).rejects.toThrow('Season end is a date (yyyy-MM-dd)');
  });
});
