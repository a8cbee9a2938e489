import { describe, expect, it } from 'vitest';
import { perform } from '../../src/data/commands/perform';
import { newId } from '../../src/data/commands/ids';
import { ensureDefaultLocation } from '../../src/data/commands/locations';
import { applyPullPage, dropRejected, savePairing } from '../../src/data/sync-store';
import { projectStock } from '../../src/data/projections/stock';
import { testEnv } from '../factories/env';

async function shopWithRing() {
  const env = testEnv();
  await savePairing(env.db, env.random, { deviceId: 'dev-a', token: 't', registerCode: 'R1', role: 'owner', deviceName: 'Counter' });
  const productId = newId(env);
  const itemId = newId(env);
  await perform(env, 'catalog.createProduct', { product: { id: productId, title: 'Opal ring' }, items: [{ id: itemId, sku: 'RNG-1', price: 4500 }] });
  const floor = await ensureDefaultLocation(env);
  return { env, itemId, floor };
}

const receipt = (env: ReturnType<typeof testEnv>, itemId: string, locationId: string, quantity: number, unitCost: number | null) => ({
  eventId: newId(env),
  lotId: newId(env),
  itemId,
  locationId,
  quantity,
  unitCost,
  supplierId: null,
  source: 'manual',
});

describe('stock ledger on the device', () => {
  it('a receipt writes an event, a FIFO lot (cost-unknown when no cost) and the on-hand projection', async () => {
    const { env, itemId, floor } = await shopWithRing();
    await perform(env, 'stock.receive', receipt(env, itemId, floor, 3, 1200));
    await perform(env, 'stock.receive', receipt(env, itemId, floor, 2, null));
    expect(await env.db.stockLevels.get([itemId, floor])).toEqual({ itemId, locationId: floor, onHand: 5 });
    const lots = await env.db.lots.where('itemId').equals(itemId).toArray();
    expect(lots.map((l) => [l['qtyRemaining'], l['unitCost']])).toEqual([
      [3, 1200],
      [2, null],
    ]);
  });

  it('rebuilding from the ledger equals the incrementally kept projection', async () => {
    const { env, itemId, floor } = await shopWithRing();
    for (const q of [1, 4, 2]) await perform(env, 'stock.receive', receipt(env, itemId, floor, q, 900));
    const kept = await env.db.stockLevels.toArray();
    await env.db.stockLevels.clear();
    await env.db.transaction('rw', env.db.stockEvents, env.db.stockLevels, () => projectStock(env.db, [itemId]));
    expect(await env.db.stockLevels.toArray()).toEqual(kept);
  });

  it('a refused receipt disappears from the ledger and from on hand', async () => {
    const { env, itemId, floor } = await shopWithRing();
    const row = await perform(env, 'stock.receive', receipt(env, itemId, floor, 4, 900));
    await dropRejected(env.db, 'dev-a', [row.id]);
    expect(await env.db.stockEvents.count()).toBe(0);
    expect(await env.db.stockLevels.get([itemId, floor])).toBeUndefined();
  });

  it('events pulled from other devices update on hand', async () => {
    const { env, itemId, floor } = await shopWithRing();
    const event = { id: newId(env), type: 'receive', itemId, pieceId: null, locationId: floor, quantity: 7, unitCost: 500, occurredAt: '2026-11-27T09:00:00.000Z', hlc: 'x', deviceId: 'dev-b', source: 'manual', ref: null };
    await applyPullPage(env.db, env.random, { cursor: 9, hasMore: true, events: [{ table: 'stockEvents', id: event.id, version: 9, data: event }], records: [], lastMutationIds: {}, hlc: '000000000000000-0000-s' }, env.clock.now());
    expect((await env.db.stockLevels.get([itemId, floor]))?.['onHand']).toBe(7);
  });

  it('refuses a receipt for an unknown item or absurd quantities', async () => {
    const { env, floor } = await shopWithRing();
    await expect(perform(env, 'stock.receive', receipt(env, newId(env), floor, 1, 100))).rejects.toThrow('The received item does not exist');
    const { itemId } = await shopWithRing();
    await expect(perform(env, 'stock.receive', receipt(env, itemId, floor, 0, 100))).rejects.toThrow('Quantity is at least 1');
    await expect(perform(env, 'stock.receive', receipt(env, itemId, floor, 2, -1))).rejects.toThrow('Cost cannot be negative');
  });
});
