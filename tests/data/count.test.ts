import { describe, expect, it } from 'vitest';
import { applyCount, cancelCount, planCount, recordCount, recordUnknownCode } from '../../src/data/commands/counts';
import { countWarning, listCounts, matchCode, readZone, reviewCount } from '../../src/data/queries/counts';
import { perform } from '../../src/data/commands/perform';
import { newId } from '../../src/data/commands/ids';
import { readStockByLocation } from '../../src/data/queries/stock';
import type { CountRecord } from '../../src/domain/inventory/count';
import { isDomainError } from '../../src/domain/errors';
import { testEnv } from '../factories/env';
import { registerShop } from '../factories/register-shop';

async function shopWithStockroom() {
  const env = testEnv();
  const shop = await registerShop(env); // RING: 2 @ 10.00 + 5 @ 12.00 on the floor
  const stockroom = newId(env);
  const chain = newId(env);
  await perform(env, 'location.save', { id: stockroom, name: 'Stockroom', kind: 'stockroom' });
  await perform(env, 'catalog.createProduct', {
    product: { id: newId(env), title: 'Chain' },
    items: [{ id: chain, sku: 'CHAIN-1', price: 2500, cost: 700, tracking: 'quantity' }],
  });
  await perform(env, 'stock.receive', {
    eventId: newId(env),
    lotId: newId(env),
    itemId: chain,
    locationId: stockroom,
    quantity: 4,
    unitCost: 700,
    supplierId: null,
    source: 'manual',
  });
  return { env, ...shop, stockroom, chain };
}

const now = (env: ReturnType<typeof testEnv>) => new Date(env.clock.now()).toISOString();

describe('cycle counts on the device', () => {
  it('each count action is one mutation: the record and its outbox row are written together', async () => {
    const { env, floor, ring } = await shopWithStockroom();
    const before = await env.db.outbox.count();
    const countId = await planCount(env, { name: 'Floor', scope: 'location', refId: null, locationId: floor, blind: false });
    expect(await recordCount(env, countId, 'Case 1', ring, { kind: 'scan' })).toBe(1);
    expect(await recordCount(env, countId, 'Case 1', ring, { kind: 'scan' })).toBe(2);
    expect(await recordCount(env, countId, 'Case 1', ring, { kind: 'add', quantity: -1 })).toBe(1);
    expect(await recordCount(env, countId, 'Case 2', ring, { kind: 'set', quantity: 4 })).toBe(4);
    await recordUnknownCode(env, countId, 'Case 2', ' ZZ-9 ');
    const rows = (await env.db.outbox.toArray()).slice(before);
    expect(rows.map((r) => [r.name, (r.args as { kind?: string }).kind ?? null])).toEqual([
      ['count.open', null],
      ['count.record', 'scan'],
      ['count.record', 'scan'],
      ['count.record', 'add'],
      ['count.record', 'set'],
      ['count.record', 'unknown'],
    ]);
    // One line per zone on this device; the Case 1 line kept its id across scans.
    const lines = await env.db.countLines.where('countId').equals(countId).toArray();
    expect(lines.map((l) => [l['zone'], l['quantity']])).toEqual([
      ['Case 1', 1],
      ['Case 2', 4],
    ]);
    const zone = await readZone(env.db, countId, 'Case 1');
    expect(zone).toMatchObject([{ itemId: ring, sku: 'RING-1', zone: 1, total: 5, expected: 7, warning: null }]);
    const [summary] = await listCounts(env.db);
    expect(summary).toMatchObject({
      id: countId,
      status: 'open',
      location: 'Shop floor',
      zones: ['Case 1', 'Case 2'],
      unknownCodes: [expect.objectContaining({ code: 'ZZ-9' })],
    });
  });

  it('a refused entry writes nothing (no record, no outbox row)', async () => {
    const { env, floor, ring } = await shopWithStockroom();
    const countId = await planCount(env, { name: 'Floor', scope: 'location', refId: null, locationId: floor, blind: false });
    const before = await env.db.outbox.count();
    await expect(recordCount(env, countId, 'Case 1', ring, { kind: 'add', quantity: -1 })).rejects.toSatisfy((e) =>
      isDomainError(e, 'count-negative'),
    );
    await expect(recordCount(env, countId, 'Case 1', ring, { kind: 'set', quantity: 1.5 })).rejects.toThrow('Count whole units');
    expect(await env.db.outbox.count()).toBe(before);
    expect(await env.db.countLines.count()).toBe(0);
  });

  it('warns about an item counted at the wrong location or outside the scope, and lists it in review', async () => {
    const { env, floor, ring, chain } = await shopWithStockroom();
    const countId = await planCount(env, { name: 'Floor', scope: 'location', refId: null, locationId: floor, blind: true });
    const count = (await env.db.counts.get(countId)) as unknown as CountRecord;
    expect(await countWarning(env.db, count, ring)).toBeNull();
    expect(await countWarning(env.db, count, chain)).toBe('Wrong location? The records have CHAIN-1 at Stockroom (4), not at Shop floor');
    expect(await matchCode(env.db, '4006381333931')).toMatchObject({ kind: 'item', itemId: ring, sku: 'RING-1' });
    expect(await matchCode(env.db, 'nope')).toEqual({ kind: 'unknown', code: 'nope' });
    await recordCount(env, countId, 'Case 1', chain, { kind: 'set', quantity: 1 });
    const review = await reviewCount(env.db, countId, [], [], now(env));
    expect(review!.lines.map((l) => [l.sku, l.variance, l.warning])).toEqual([
      ['CHAIN-1', 1, 'Wrong location? The records have CHAIN-1 at Stockroom (4), not at Shop floor'],
    ]);
    expect(review!.notCounted.map((n) => [n.sku, n.onHand])).toEqual([['RING-1', 7]]);
  });

  it('reviews variances in units and value before anything changes, then applies them in one mutation', async () => {
    const { env, floor, ring } = await shopWithStockroom();
    const countId = await planCount(env, { name: 'Floor', scope: 'location', refId: null, locationId: floor, blind: false });
    await recordCount(env, countId, 'Case 1', ring, { kind: 'set', quantity: 4 });
    const review = await reviewCount(env.db, countId, [], [], now(env));
    // 4 counted against 7: −3 = 2 @ 10.00 + 1 @ 12.00 = −32.00 of shrinkage.
    expect(review!.lines).toMatchObject([{ sku: 'RING-1', counted: 4, onHandNow: 7, variance: -3, value: -3200 }]);
    expect(review!.totals).toEqual({ units: -3, value: -3200, short: 3, over: 0, unknownValue: 0 });
    expect((await readStockByLocation(env.db, ring)).find((l) => l.locationId === floor)!.onHand).toBe(7);
    const before = await env.db.outbox.count();
    await applyCount(env, { countId, choices: [{ itemId: ring, locationId: floor, choice: 'counted' }], zeroes: [] });
    expect(await env.db.outbox.count()).toBe(before + 1);
    expect((await readStockByLocation(env.db, ring)).find((l) => l.locationId === floor)!.onHand).toBe(4);
    expect(((await env.db.counts.get(countId)) as unknown as CountRecord).status).toBe('applied');
    await expect(recordCount(env, countId, 'Case 1', ring, { kind: 'scan' })).rejects.toSatisfy((e) => isDomainError(e, 'count-closed'));
  });

  it('a cancelled count changes no stock', async () => {
    const { env, floor, ring } = await shopWithStockroom();
    const countId = await planCount(env, { name: 'Floor', scope: 'full', refId: null, locationId: floor, blind: false });
    await recordCount(env, countId, 'Case 1', ring, { kind: 'set', quantity: 1 });
    await cancelCount(env, countId);
    expect((await readStockByLocation(env.db, ring)).find((l) => l.locationId === floor)!.onHand).toBe(7);
    expect((await listCounts(env.db))[0]!.status).toBe('cancelled');
  });
});
