import { describe, expect, it } from 'vitest';
import { perform } from '../../src/data/commands/perform';
import { newId } from '../../src/data/commands/ids';
import { correctCost } from '../../src/data/commands/stock';
import {
  cancelPurchaseOrder,
  createReorderDrafts,
  receivePurchaseOrder,
  savePurchaseOrder,
  sendPurchaseOrder,
} from '../../src/data/commands/purchase-orders';
import { lineDefaults, listPurchaseOrders, readPurchaseOrder } from '../../src/data/queries/purchase-orders';
import { readItemHistory, readLayers, readStockByLocation } from '../../src/data/queries/stock';
import { listLowStock } from '../../src/data/queries/low-stock';
import type { OutboxRow } from '../../src/data/records';
import { testEnv } from '../factories/env';
import { registerShop } from '../factories/register-shop';

async function withSupplier() {
  const env = testEnv();
  const shop = await registerShop(env);
  const supplier = newId(env);
  await perform(env, 'supplier.save', { id: supplier, name: 'Atelier Or', email: 'orders@atelier.example', leadTimeDays: 7 });
  return { env, shop, supplier };
}

describe('purchase orders on the device', () => {
  it('draft → sent → receipt: the order, events, layers and outbox row are written in one transaction', async () => {
    const { env, shop, supplier } = await withSupplier();
    expect(await lineDefaults(env.db, shop.ring)).toEqual({ supplierSku: null, unitCost: 1200, supplierId: null });
    const id = await savePurchaseOrder(env, {
      id: null,
      supplierId: supplier,
      lines: [{ itemId: shop.ring, supplierSku: 'AO-1', quantity: 6, unitCost: 1250 }],
      note: 'rush',
      shippingCost: 800,
    });
    expect(await listPurchaseOrders(env.db)).toMatchObject([
      { id, supplier: 'Atelier Or', status: 'draft', unitsOrdered: 6, goodsTotal: 7500 },
    ]);
    env.clock.advance(60_000);
    await sendPurchaseOrder(env, id);
    const sent = await readPurchaseOrder(env.db, id);
    expect(sent).toMatchObject({
      order: { status: 'sent', promisedLeadTimeDays: 7, expectedAt: '2026-12-04' },
      supplier: { name: 'Atelier Or' },
    });
    const lineId = sent!.lines[0]!.id;

    env.clock.advance(3 * 86_400_000);
    const outboxBefore = await env.db.outbox.count();
    await receivePurchaseOrder(env, { purchaseOrderId: id, locationId: shop.floor, landedCost: 100, lines: [{ lineId, quantity: 4 }] });
    const rows = (await env.db.outbox.toArray()) as OutboxRow[];
    expect(rows).toHaveLength(outboxBefore + 1);
    expect(rows.at(-1)).toMatchObject({ name: 'purchaseOrder.receive' });
    // 4 × 12.50 + 1.00 = 51.00 → 12.75 a ring, one layer
    const layers = await readLayers(env.db, shop.ring);
    expect(layers.map((l) => [l.qtyRemaining, l.unitCost, l.supplier])).toEqual([
      [2, 1000, null],
      [5, 1200, null],
      [4, 1275, 'Atelier Or'],
    ]);
    expect((await readStockByLocation(env.db, shop.ring))[0]).toMatchObject({ onHand: 11 });
    expect((await readItemHistory(env.db, shop.ring))[0]).toMatchObject({
      type: 'receive',
      quantity: 4,
      detail: 'Received on a purchase order',
    });
    const after = await readPurchaseOrder(env.db, id);
    expect(after).toMatchObject({ order: { status: 'partly-received', actualLeadTimeDays: 3 }, lines: [{ received: 4, outstanding: 2 }] });

    // A receipt refused by the domain leaves nothing behind (one transaction).
    const count = await env.db.outbox.count();
    await cancelPurchaseOrder(env, id);
    await expect(
      receivePurchaseOrder(env, { purchaseOrderId: id, locationId: shop.floor, landedCost: 0, lines: [{ lineId, quantity: 2 }] }),
    ).rejects.toThrow('cancelled');
    expect(await env.db.outbox.count()).toBe(count + 1);
    expect(await readLayers(env.db, shop.ring)).toHaveLength(3);
  });

  it('a cost-unknown layer is shown as such, then “Set cost” revalues it', async () => {
    const { env, shop } = await withSupplier();
    const lotId = newId(env);
    await perform(env, 'stock.receive', {
      eventId: newId(env),
      lotId,
      itemId: shop.ring,
      locationId: shop.floor,
      quantity: 3,
      unitCost: null,
      supplierId: null,
      source: 'import',
    });
    expect((await readLayers(env.db, shop.ring)).find((l) => l.id === lotId)).toMatchObject({ unitCost: null });
    await correctCost(env, { lotId, unitCost: 1400, reason: '' });
    expect((await readLayers(env.db, shop.ring)).find((l) => l.id === lotId)).toMatchObject({ unitCost: 1400, qtyRemaining: 3 });
    expect((await readItemHistory(env.db, shop.ring))[0]).toMatchObject({ type: 'costCorrection', quantity: 0, detail: 'Cost corrected' });
  });

  it('reorder: low-stock rows become one draft per supplier; items without a supplier are skipped', async () => {
    const { env, shop, supplier } = await withSupplier();
    await perform(env, 'item.save', {
      id: shop.ring,
      patch: { supplierId: supplier, supplierSku: 'AO-RING', reorderPoint: 10, reorderQty: 12 },
    });
    const rows = await listLowStock(env.db);
    expect(rows).toMatchObject([{ itemId: shop.ring, supplierId: supplier }]);
    const { created, skipped } = await createReorderDrafts(env, [...rows, { ...rows[0]!, itemId: shop.ooak, supplierId: null }]);
    expect(skipped).toEqual([shop.ooak]);
    expect(created).toHaveLength(1);
    expect(await readPurchaseOrder(env.db, created[0]!)).toMatchObject({
      order: { status: 'draft', supplierId: supplier },
      lines: [{ itemId: shop.ring, supplierSku: 'AO-RING', quantity: 12, unitCost: 1200 }],
    });
  });
});
