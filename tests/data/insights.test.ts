import { describe, expect, it } from 'vitest';
import { completeSale } from '../../src/data/commands/sales';
import { adjustStock } from '../../src/data/commands/stock';
import { perform } from '../../src/data/commands/perform';
import { newId } from '../../src/data/commands/ids';
import { applyPullPage, savePairing } from '../../src/data/sync-store';
import { readDims, readMovements, refreshRollups, rollupPeriod, rollupsStale, storedItemDays } from '../../src/data/insights/rollups';
import { kpiReport, readCatalogue, reorderReport, movementReport, supplierReport } from '../../src/data/insights/report';
import { receivePurchaseOrder, savePurchaseOrder, sendPurchaseOrder } from '../../src/data/commands/purchase-orders';
import { buildRollups, scopeRows, seriesOf } from '../../src/domain/insights/rollups';
import { rowsOf } from '../../src/domain/insights/item-days';
import { addDays } from '../../src/domain/insights/days';
import { businessDayOf } from '../../src/domain/sale/shift';
import type { PullResponse } from '../../src/domain/sync/protocol';
import { testEnv } from '../factories/env';
import { registerShop, ringLine } from '../factories/register-shop';
import type { Env } from '../../src/data/commands/perform';

const today = (env: Env) => businessDayOf(env.clock.now(), 'UTC');

/** The rollups stored on the device equal a from-scratch build over every movement it holds. */
async function expectStoredEqualsRebuild(env: Env): Promise<void> {
  const r = await refreshRollups(env.db, today(env), 'UTC');
  const movements = await readMovements(env.db, 'UTC');
  const { from, to } = rollupPeriod(movements, today(env));
  const rebuilt = buildRollups({ movements, items: await readDims(env.db), from, to });
  const stored = await storedItemDays(env.db);
  expect([...stored.keys()].sort()).toEqual([...rebuilt.items.keys()].sort());
  for (const [itemId, d] of rebuilt.items) expect(rowsOf(stored.get(itemId))).toEqual(rowsOf(d));
  expect([...r.items]).toEqual([...rebuilt.items]);
  expect(await rollupsStale(env.db)).toBe(false);
}

async function sell(env: Env, shop: Awaited<ReturnType<typeof registerShop>>, quantity: number) {
  return completeSale(env, {
    shiftId: shop.shiftId,
    locationId: shop.floor,
    lines: [ringLine(env, shop.ring, quantity)],
    saleDiscount: null,
    tenders: [{ kind: 'cash', amount: 3000 * quantity, method: null, reference: null }],
    staffId: null,
    approvedBy: null,
    customerId: null,
  });
}

describe('insights on the device: the §10 daily rollups and the reports', () => {
  it('stored rollups equal a from-scratch build after writes (receipts, sales, shrinkage)', async () => {
    const env = testEnv();
    const shop = await registerShop(env);
    await expectStoredEqualsRebuild(env);
    env.clock.advance(86_400_000);
    await sell(env, shop, 3);
    expect(await rollupsStale(env.db)).toBe(false); // the sale revised the stored rows in its own transaction
    env.clock.advance(86_400_000);
    await adjustStock(env, { itemId: shop.ring, pieceId: null, locationId: shop.floor, quantity: -1, reason: 'damaged', note: '' });
    await sell(env, shop, 1);
    await expectStoredEqualsRebuild(env);

    // The figures: 7 received at 10.00 ×2 + 12.00 ×5 = 80.00; 4 sold (FIFO: 10, 10, 12, 12 = 44.00); 1 damaged.
    const r = await refreshRollups(env.db, today(env), 'UTC');
    const c = await readCatalogue(env.db);
    const k = kpiReport(r, c, { kind: 'item', key: shop.ring }, r.from, r.to);
    expect(k.figures.sold).toBe(4);
    expect(k.figures.received).toBe(7);
    expect(k.grossMargin.value).toBe(4 * 3000 - 4400);
    expect(k.stockValueAtCost.value).toBe(2 * 1200);
    expect(k.stockValueAtRetail?.value).toBe(2 * 3000);
    // Nothing is synced: every day with movement is provisional — counted from the item's rows and the shop's dense series, to the last day of the period.
    const itemDays = (to: string) => rowsOf(r.items.get(shop.ring)).filter((x) => x.day <= to && x.provisional > 0).length;
    const shopDays = (to: string) => scopeRows(r, seriesOf(r, 'shop', 'all')).filter((x) => x.day <= to && x.provisional > 0).length;
    expect(itemDays(r.to)).toBeGreaterThan(0);
    const yesterday = addDays(r.to, -1);
    for (const to of [r.to, yesterday]) {
      expect(kpiReport(r, c, { kind: 'item', key: shop.ring }, r.from, to).provisionalDays).toBe(itemDays(to));
      expect(kpiReport(r, c, { kind: 'shop', key: 'all' }, r.from, to).provisionalDays).toBe(shopDays(to));
    }
  });

  it('stored rollups equal a from-scratch build after a pull brings another device’s receipt', async () => {
    const env = testEnv();
    await savePairing(env.db, env.random, { deviceId: 'dev-a', token: 't', registerCode: 'R1', role: 'owner', deviceName: 'Counter' });
    const shop = await registerShop(env);
    await sell(env, shop, 2);
    await expectStoredEqualsRebuild(env);
    const eventId = newId(env);
    const page: PullResponse = {
      cursor: 7,
      hasMore: false,
      events: [
        {
          table: 'stockEvents',
          id: eventId,
          version: 7,
          data: {
            id: eventId,
            type: 'receive',
            itemId: shop.ring,
            pieceId: null,
            locationId: shop.floor,
            quantity: 4,
            unitCost: 1500,
            occurredAt: new Date(env.clock.now() - 2 * 86_400_000).toISOString(),
            hlc: '000000000000001-0000-dev-b',
            deviceId: 'dev-b',
            mutationId: 'dev-b:1',
            source: 'manual',
            ref: null,
          },
        },
      ],
      records: [],
      lastMutationIds: {},
      hlc: '000000000000001-0000-server',
    };
    await applyPullPage(env.db, env.random, page, env.clock.now());
    expect(await rollupsStale(env.db)).toBe(false); // the pull revised them too
    await expectStoredEqualsRebuild(env);
    const r = await refreshRollups(env.db, today(env), 'UTC');
    const rows = rowsOf((await storedItemDays(env.db)).get(shop.ring));
    expect(rows.reduce((s, x) => s + x.received, 0)).toBe(11); // 2 + 5 here, 4 from the other device
    expect(rowsOf(r.items.get(shop.ring)).at(-1)!.onHand).toBe(2 + 5 + 4 - 2);
  });

  it('the order-now list takes the typed reorder point; a markdown is a price change that can be put back', async () => {
    const env = testEnv();
    const shop = await registerShop(env);
    const supplier = newId(env);
    await perform(env, 'supplier.save', { id: supplier, name: 'Aurum' });
    await perform(env, 'item.save', { id: shop.ring, patch: { supplierId: supplier, reorderPoint: 10, reorderQty: 6 } });
    let r = await refreshRollups(env.db, today(env), 'UTC');
    let c = await readCatalogue(env.db);
    const groups = reorderReport(r, c, today(env));
    expect(groups).toMatchObject([
      { supplierId: supplier, supplier: 'Aurum', lines: [{ itemId: shop.ring, quantity: 6, method: 'typed' }] },
    ]);

    // 200 days later nothing has sold: dead stock, with a 30 % markdown suggested.
    env.clock.advance(200 * 86_400_000);
    r = await refreshRollups(env.db, today(env), 'UTC');
    const dead = movementReport(r, c, today(env)).dead.find((d) => d.itemId === shop.ring)!;
    expect(dead.markdown.newPrice).toBe(2100);
    await perform(env, 'item.save', { id: shop.ring, patch: { price: dead.markdown.newPrice } });
    c = await readCatalogue(env.db);
    expect(c.items.get(shop.ring)!.price).toBe(2100);
    expect(c.previousPrice.get(shop.ring)).toBe(3000); // what "Revert" puts back
  });

  it('supplier scorecards and the reorder lead time use the lead time observed on received purchase orders', async () => {
    const env = testEnv();
    const shop = await registerShop(env);
    const supplier = newId(env);
    await perform(env, 'supplier.save', { id: supplier, name: 'Aurum', leadTimeDays: 7 });
    const po = await savePurchaseOrder(env, {
      id: null,
      supplierId: supplier,
      lines: [{ itemId: shop.ring, supplierSku: null, quantity: 4, unitCost: 1100 }],
      note: '',
      shippingCost: 0,
    });
    await sendPurchaseOrder(env, po);
    env.clock.advance(10 * 86_400_000); // 10 days: 3 late
    const order = (await env.db.purchaseOrders.get(po)) as unknown as { lines: { id: string }[] };
    await receivePurchaseOrder(env, {
      purchaseOrderId: po,
      locationId: shop.floor,
      landedCost: 0,
      lines: [{ lineId: order.lines[0]!.id, quantity: 4 }],
    });
    const r = await refreshRollups(env.db, today(env), 'UTC');
    const c = await readCatalogue(env.db);
    const card = supplierReport(r, c, r.from, r.to).find((s) => s.supplierId === supplier)!;
    expect(card.leadTime).toMatchObject({ promised: 7, observedMean: 10, onTimeShare: 0, meanDelay: 3, samples: 1 });
    // The newest layer's supplier makes the ring this supplier's: all its receipts count (7 + 4).
    expect(card.sellThrough.inputs).toMatchObject({ received: 11 });
  });
});
