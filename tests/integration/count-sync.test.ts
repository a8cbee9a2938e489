import { describe, expect, it } from 'vitest';
import { STORE_VARIANTS } from '../server/helpers/databases';
import { pairedDevice, useLiveServer, type Device } from './support';
import { perform } from '../../src/data/commands/perform';
import { newId } from '../../src/data/commands/ids';
import { applyCount, planCount, recordCount, recordUnknownCode } from '../../src/data/commands/counts';
import { listCounts, reviewCount } from '../../src/data/queries/counts';
import { readStockByLocation } from '../../src/data/queries/stock';

async function issueCode(owner: Device): Promise<string> {
  const { code } = await owner.transport.request<{ code: string }>(
    'POST',
    '/v1/devices/pairing-codes',
    { role: 'owner' },
    await owner.token(),
  );
  return code;
}

for (const variant of STORE_VARIANTS) {
  describe.skipIf(variant.skip)(`a cycle count on two devices ${variant.tag}`, () => {
    const server = useLiveServer(variant.kind);

    it('two devices count different zones (one offline), the manager applies, and both end with the same stock', async () => {
      const laptop = await pairedDevice(server.current, await server.current.ownerCode(), 'Back-office laptop');
      const tablet = await pairedDevice(server.current, await issueCode(laptop), 'Floor tablet');
      const [floor, ring, chain] = [newId(laptop.env), newId(laptop.env), newId(laptop.env)];
      await perform(laptop.env, 'location.save', { id: floor, name: 'Shop floor', kind: 'floor' });
      await perform(laptop.env, 'catalog.createProduct', {
        product: { id: newId(laptop.env), title: 'Ring' },
        items: [
          { id: ring, sku: 'RING-K1', price: 3000, cost: 900, tracking: 'quantity' },
          { id: chain, sku: 'CHAIN-K1', price: 2000, cost: 500, tracking: 'quantity' },
        ],
      });
      for (const [itemId, quantity] of [
        [ring, 10],
        [chain, 3],
      ] as const)
        await perform(laptop.env, 'stock.receive', {
          eventId: newId(laptop.env),
          lotId: newId(laptop.env),
          itemId,
          locationId: floor,
          quantity,
          unitCost: 1000,
          supplierId: null,
          source: 'manual',
        });
      const countId = await planCount(laptop.env, { name: 'Floor', scope: 'location', refId: null, locationId: floor, blind: true });
      expect((await laptop.sync()).rejected).toEqual([]);
      await tablet.sync();
      expect((await listCounts(tablet.env.db)).map((c) => c.id)).toEqual([countId]);

      // The tablet goes offline and counts Case 1 (6 rings by scanning, an unknown code); the laptop counts the back shelf.
      for (let i = 0; i < 6; i += 1) await recordCount(tablet.env, countId, 'Case 1', ring, { kind: 'scan' });
      await recordUnknownCode(tablet.env, countId, 'Case 1', 'LOST-TAG');
      await recordCount(laptop.env, countId, 'Back shelf', ring, { kind: 'set', quantity: 3 });
      await recordCount(laptop.env, countId, 'Back shelf', chain, { kind: 'set', quantity: 3 });
      expect((await laptop.sync()).rejected).toEqual([]);
      // Back online.
      expect((await tablet.sync()).rejected).toEqual([]);
      await laptop.sync();

      const review = await reviewCount(laptop.env.db, countId, [], [], new Date().toISOString());
      expect(review!.lines.map((l) => [l.sku, l.counted, l.variance])).toEqual([
        ['CHAIN-K1', 3, 0],
        ['RING-K1', 9, -1],
      ]);
      expect(review!.count.unknownCodes.map((c) => c.code)).toEqual(['LOST-TAG']);
      await applyCount(laptop.env, {
        countId,
        choices: review!.lines.map((l) => ({ itemId: l.itemId, locationId: l.locationId, choice: 'counted' })),
        zeroes: [],
      });
      expect((await laptop.sync()).rejected).toEqual([]);
      await tablet.sync();

      const levels = async (d: Device) => (await readStockByLocation(d.env.db, ring)).map((l) => [l.location, l.onHand]);
      expect(await levels(laptop)).toEqual([['Shop floor', 9]]);
      expect(await levels(tablet)).toEqual(await levels(laptop));
      expect((await listCounts(tablet.env.db))[0]!.status).toBe('applied');
    });
  });

  describe.skipIf(variant.skip)(`a count applied before every line arrived ${variant.tag}`, () => {
    const server = useLiveServer(variant.kind);

    it('the server’s apply is authoritative: lines the manager’s device had not pulled yet still count', async () => {
      const laptop = await pairedDevice(server.current, await server.current.ownerCode(), 'Back-office laptop');
      const tablet = await pairedDevice(server.current, await issueCode(laptop), 'Floor tablet');
      const [floor, ring] = [newId(laptop.env), newId(laptop.env)];
      await perform(laptop.env, 'location.save', { id: floor, name: 'Shop floor', kind: 'floor' });
      await perform(laptop.env, 'catalog.createProduct', {
        product: { id: newId(laptop.env), title: 'Ring' },
        items: [{ id: ring, sku: 'RING-K2', price: 3000, cost: 900, tracking: 'quantity' }],
      });
      await perform(laptop.env, 'stock.receive', {
        eventId: newId(laptop.env),
        lotId: newId(laptop.env),
        itemId: ring,
        locationId: floor,
        quantity: 10,
        unitCost: 1000,
        supplierId: null,
        source: 'manual',
      });
      const countId = await planCount(laptop.env, { name: 'Floor', scope: 'full', refId: null, locationId: floor, blind: false });
      await laptop.sync();
      await tablet.sync();
      // The tablet counts 4 in Case 1 and syncs; the laptop counts 3 on the back shelf and applies
      // before it has pulled the tablet's lines: on the laptop alone that looks like 3 (−7).
      await recordCount(tablet.env, countId, 'Case 1', ring, { kind: 'set', quantity: 4 });
      expect((await tablet.sync()).rejected).toEqual([]);
      await recordCount(laptop.env, countId, 'Back shelf', ring, { kind: 'set', quantity: 3 });
      const local = await reviewCount(laptop.env.db, countId, [], [], new Date().toISOString());
      expect(local!.lines.map((l) => [l.counted, l.variance])).toEqual([[3, -7]]);
      await applyCount(laptop.env, { countId, choices: [], zeroes: [] });
      const onFloor = async (d: Device) => (await readStockByLocation(d.env.db, ring)).find((l) => l.locationId === floor)!.onHand;
      expect(await onFloor(laptop)).toBe(3); // provisional, on the laptop
      // The server applies the same mutation over every line it holds: 4 + 3 = 7 (−3). Both devices follow it.
      expect((await laptop.sync()).rejected).toEqual([]);
      await tablet.sync();
      expect(await onFloor(laptop)).toBe(7);
      expect(await onFloor(tablet)).toBe(7);
    });
  });
}
