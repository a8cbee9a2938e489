import { describe, expect, it } from 'vitest';
import { applyPullPage, savePairing, syncedTables } from '../../src/data/sync-store';
import { completeSale } from '../../src/data/commands/sales';
import { newId } from '../../src/data/commands/ids';
import type { PullResponse, SyncedRecord } from '../../src/domain/sync/protocol';
import type { Lot } from '../../src/domain/inventory/ledger';
import type { SaleRecord } from '../../src/domain/sale/types';
import { testEnv } from '../factories/env';
import { registerShop } from '../factories/register-shop';

const page = (records: SyncedRecord[], lastMutationIds: Record<string, number>, cursor: number): PullResponse => ({
  cursor,
  hasMore: false,
  events: [],
  records,
  lastMutationIds,
  hlc: '000000000000000-0000-server',
});

describe('a pending sale over newly pulled FIFO layers', () => {
  it('is replayed with every record it touched, so its provisional COGS and layers follow the confirmed state', async () => {
    const env = testEnv();
    await savePairing(env.db, env.random, { deviceId: 'dev-a', token: 't', registerCode: 'R1', role: 'owner', deviceName: 'Counter' });
    const shop = await registerShop(env);
    // The server confirms the set-up: everything as it is now, all of this device's mutations applied.
    const confirmed: SyncedRecord[] = [];
    for (const table of syncedTables(env.db)) for (const row of await env.db.table(table).toArray()) confirmed.push({ table, id: row.id, version: 1, data: row });
    const lastId = (await env.db.outbox.toArray()).at(-1)!.id;
    await applyPullPage(env.db, env.random, page(confirmed, { 'dev-a': lastId }, 1), env.clock.now());
    expect(await env.db.outbox.count()).toBe(0);

    // Offline: 3 rings. FIFO here: both January units (10.00) and one February unit (12.00).
    const { saleId } = await completeSale(env, {
      shiftId: shop.shiftId,
      locationId: shop.floor,
      lines: [{ lineId: newId(env), itemId: shop.ring, pieceId: null, title: 'Ring', sku: 'RING-1', quantity: 3, unitPrice: 3000, priceOverridden: false, taxRateBp: 0, discount: null, components: [] }],
      saleDiscount: null,
      tenders: [{ kind: 'cash', amount: 9000, method: null, reference: null }],
      staffId: null,
      approvedBy: null,
      customerId: null,
    });
    expect(((await env.db.sales.get(saleId)) as unknown as SaleRecord).lines[0]!.cogs).toBe(3200);

    // Another register sold one January unit first; the server's order puts it before ours.
    const lots = (await env.db.shadows.where('table').equals('lots').toArray()).map((s) => s.data as unknown as Lot);
    const january = lots.find((l) => l.unitCost === 1000)!;
    await applyPullPage(env.db, env.random, page([{ table: 'lots', id: january.id, version: 2, data: { ...january, qtyRemaining: 1 } }], {}, 2), env.clock.now());

    // Replayed over that: one January unit and two February ones — and the February layer shows it.
    expect(((await env.db.sales.get(saleId)) as unknown as SaleRecord).lines[0]!.cogs).toBe(1000 + 2 * 1200);
    const live = (await env.db.lots.where('itemId').equals(shop.ring).toArray()) as unknown as Lot[];
    expect(live.map((l) => [l.unitCost, l.qtyRemaining]).sort()).toEqual([
      [1000, 0],
      [1200, 3],
    ]);
    // Still one pending mutation, and the shadows still hold the confirmed state.
    expect(await env.db.outbox.count()).toBe(1);
    expect(((await env.db.shadows.get(['lots', january.id]))?.data as unknown as Lot).qtyRemaining).toBe(1);
  });
});
