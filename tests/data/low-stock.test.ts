import { describe, expect, it } from 'vitest';
import { perform } from '../../src/data/commands/perform';
import { newId } from '../../src/data/commands/ids';
import { countLowStock, listLowStock } from '../../src/data/queries/low-stock';
import { testEnv } from '../factories/env';
import { registerShop } from '../factories/register-shop';
import type { Env } from '../../src/data/commands/perform';

const receive = (env: Env, itemId: string, locationId: string, quantity: number, unitCost: number | null = null) =>
  perform(env, 'stock.receive', {
    eventId: newId(env),
    lotId: newId(env),
    itemId,
    locationId,
    quantity,
    unitCost,
    supplierId: null,
    source: 'manual',
  });

describe('low stock on the device', () => {
  it('lists active quantity-tracked items at or below their reorder point, counting only sellable stock', async () => {
    const env = testEnv();
    const shop = await registerShop(env); // the ring: 7 on the floor (layers at 10.00 then 12.00)
    const repair = newId(env);
    const damaged = newId(env);
    const supplier = newId(env);
    await perform(env, 'location.save', { id: repair, name: 'Jeweller', kind: 'repair' });
    await perform(env, 'location.save', { id: damaged, name: 'Damaged', kind: 'stockroom' });
    await perform(env, 'supplier.save', { id: supplier, name: 'Aurum Findings', leadTimeDays: 14, minimumOrder: 50_000 });

    await perform(env, 'item.save', {
      id: shop.ring,
      patch: { reorderPoint: 8, reorderQty: 12, supplierId: supplier, supplierSku: 'AF-RING-1' },
    });
    await perform(env, 'item.save', { id: shop.ooak, patch: { reorderPoint: 5 } }); // a piece: never low

    // A gift set of two rings, and a pendant with no stock and no layers (last cost = its cost).
    const setProduct = newId(env);
    const set = newId(env);
    const pendant = newId(env);
    const archived = newId(env);
    const unset = newId(env);
    await perform(env, 'catalog.createProduct', {
      product: { id: setProduct, title: 'Gift set' },
      items: [
        { id: set, sku: 'SET-1', price: 5000, tracking: 'quantity', reorderPoint: 1 },
        { id: pendant, sku: 'PND-1', price: 4000, cost: 700, tracking: 'quantity', reorderPoint: 0, reorderQty: 2 },
        { id: archived, sku: 'OLD-1', price: 4000, tracking: 'quantity', reorderPoint: 3, status: 'archived' },
        { id: unset, sku: 'NONE-1', price: 4000, tracking: 'quantity' },
      ],
    });
    await perform(env, 'bundle.save', { itemId: set, components: [{ itemId: shop.ring, quantity: 2 }] });

    // Stock at the repair bench and in "Damaged" cannot be sold: the ring is still low.
    await receive(env, shop.ring, repair, 5, 1300);
    await receive(env, shop.ring, damaged, 5, 1400);
    expect(await listLowStock(env.db)).toEqual([
      {
        itemId: shop.ring,
        productId: shop.productId,
        title: 'Stacking ring',
        sku: 'RING-1',
        onHand: 7,
        reorderPoint: 8,
        reorderQty: 12,
        supplierId: supplier,
        supplier: 'Aurum Findings',
        supplierSku: 'AF-RING-1',
        lastCost: 1400,
      },
      {
        itemId: pendant,
        productId: setProduct,
        title: 'Gift set',
        sku: 'PND-1',
        onHand: 0,
        reorderPoint: 0,
        reorderQty: 2,
        supplierId: null,
        supplier: null,
        supplierSku: null,
        lastCost: 700,
      },
    ]);
    expect(await countLowStock(env.db)).toBe(2);

    // At the reorder point is still low; above it is not.
    await receive(env, shop.ring, shop.floor, 1, null);
    expect((await listLowStock(env.db)).map((r) => [r.sku, r.onHand])).toEqual([
      ['PND-1', 0],
      ['RING-1', 8],
    ]);
    await receive(env, shop.ring, shop.floor, 1, null);
    expect((await listLowStock(env.db)).map((r) => r.sku)).toEqual(['PND-1']);

    // Clearing the reorder point takes the item out of the index.
    await perform(env, 'item.save', { id: pendant, patch: { reorderPoint: null } });
    expect(await countLowStock(env.db)).toBe(0);
    expect(await env.db.items.where('reorderPoint').aboveOrEqual(0).primaryKeys()).toEqual(
      expect.arrayContaining([shop.ring, shop.ooak, set, archived]),
    );
    expect(await env.db.items.where('reorderPoint').aboveOrEqual(0).count()).toBe(4);
  });
});
