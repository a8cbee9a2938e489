import { describe, expect, it } from 'vitest';
import { STORE_VARIANTS } from '../server/helpers/databases';
import { pairedDevice, useLiveServer, type Device } from './support';
import { perform } from '../../src/data/commands/perform';
import { newId } from '../../src/data/commands/ids';
import { completeSale, openShift } from '../../src/data/commands/sales';
import { applyCount, planCount, recordCount } from '../../src/data/commands/counts';
import { countWarning, listCounts, reviewCount } from '../../src/data/queries/counts';
import { readStockByLocation } from '../../src/data/queries/stock';
import { readSettings } from '../../src/data/queries/settings';
import { ensureItemClasses, itemsOfClass, readItemClass, shopToday } from '../../src/data/insights/classes';
import type { CountRecord } from '../../src/domain/inventory/count';
import { ringLine } from '../factories/register-shop';

async function issueCode(owner: Device): Promise<string> {
  const { code } = await owner.transport.request<{ code: string }>(
    'POST',
    '/v1/devices/pairing-codes',
    { role: 'owner' },
    await owner.token(),
  );
  return code;
}

async function sell(d: Device, shiftId: string, locationId: string, itemId: string, sku: string, quantity: number, unitPrice: number) {
  await completeSale(d.env, {
    shiftId,
    locationId,
    lines: [ringLine(d.env, itemId, quantity, { sku, title: sku, unitPrice })],
    saleDiscount: null,
    tenders: [{ kind: 'cash', amount: unitPrice * quantity, method: null, reference: null }],
    staffId: null,
    approvedBy: null,
    customerId: null,
  });
}

for (const variant of STORE_VARIANTS) {
  describe.skipIf(variant.skip)(`a count planned by ABC class on two devices ${variant.tag}`, () => {
    const server = useLiveServer(variant.kind);

    it('covers the items the planning device resolved — on every device, even one whose own classes differ — and converges', async () => {
      const laptop = await pairedDevice(server.current, await server.current.ownerCode(), 'Back-office laptop');
      const tablet = await pairedDevice(server.current, await issueCode(laptop), 'Floor tablet');
      const [floor, ring, cloth] = [newId(laptop.env), newId(laptop.env), newId(laptop.env)];
      await perform(laptop.env, 'location.save', { id: floor, name: 'Shop floor', kind: 'floor' });
      await perform(laptop.env, 'catalog.createProduct', {
        product: { id: newId(laptop.env), title: 'Ring' },
        items: [
          { id: ring, sku: 'RING-ABC', price: 3000, cost: 900, tracking: 'quantity' },
          { id: cloth, sku: 'CLOTH-ABC', price: 500, cost: 100, tracking: 'quantity' },
        ],
      });
      for (const [itemId, quantity] of [
        [ring, 10],
        [cloth, 50],
      ] as const)
        await perform(laptop.env, 'stock.receive', {
          eventId: newId(laptop.env),
          lotId: newId(laptop.env),
          itemId,
          locationId: floor,
          quantity,
          unitCost: 100,
          supplierId: null,
          source: 'manual',
        });
      const laptopShift = await openShift(laptop.env, { locationId: floor, openingFloat: 0, staffId: null });
      await sell(laptop, laptopShift, floor, ring, 'RING-ABC', 2, 3000); // 60.00 of ring
      expect((await laptop.sync()).rejected).toEqual([]);
      await tablet.sync();

      // The tablet, offline, sells 40 cloths (200.00): on the tablet alone the cloth is class A.
      const tabletShift = await openShift(tablet.env, { locationId: floor, openingFloat: 0, staffId: null });
      await sell(tablet, tabletShift, floor, cloth, 'CLOTH-ABC', 40, 500);
      await ensureItemClasses(tablet.env.db, tablet.env.clock.now());
      expect((await readItemClass(tablet.env.db, cloth))?.class).toBe('A');

      // The laptop has not seen that sale: for it the ring is A, the cloth C. It plans a class A count.
      await ensureItemClasses(laptop.env.db, laptop.env.clock.now());
      expect((await readItemClass(laptop.env.db, ring))?.class).toBe('A');
      expect((await readItemClass(laptop.env.db, cloth))?.class).toBe('C');
      const settings = await readSettings(laptop.env.db);
      const itemIds = await itemsOfClass(laptop.env.db, 'A', false, shopToday(laptop.env.clock.now(), settings.timeZone), settings);
      expect(itemIds).toEqual([ring]);
      const countId = await planCount(laptop.env, {
        name: 'Class A count',
        scope: 'abc',
        refId: null,
        locationId: floor,
        blind: true,
        abcClass: 'A',
        itemIds,
      });
      expect((await laptop.sync()).rejected).toEqual([]);
      expect((await tablet.sync()).rejected).toEqual([]);
      await laptop.sync();

      // Both devices read the same scope from the count, not from their own classes.
      for (const d of [laptop, tablet]) {
        const count = (await d.env.db.counts.get(countId)) as unknown as CountRecord;
        expect(count.scope).toEqual({ kind: 'abc', refId: null, abcClass: 'A', itemIds: [ring] });
        expect(await countWarning(d.env.db, count, cloth)).toBe('CLOTH-ABC is not part of this count (ABC class A · 1 item)');
        const review = await reviewCount(d.env.db, countId, [], [], new Date().toISOString());
        expect(review!.notCounted.map((n) => n.sku)).toEqual(['RING-ABC']);
      }

      // The tablet counts 7 rings (the ledger says 8): the laptop applies; both end the same.
      await recordCount(tablet.env, countId, 'Case 1', ring, { kind: 'set', quantity: 7 });
      expect((await tablet.sync()).rejected).toEqual([]);
      await laptop.sync();
      const review = await reviewCount(laptop.env.db, countId, [], [], new Date().toISOString());
      expect(review!.lines.map((l) => [l.sku, l.counted, l.variance])).toEqual([['RING-ABC', 7, -1]]);
      await applyCount(laptop.env, {
        countId,
        choices: review!.lines.map((l) => ({ itemId: l.itemId, locationId: l.locationId, choice: 'counted' })),
        zeroes: [],
      });
      expect((await laptop.sync()).rejected).toEqual([]);
      await tablet.sync();
      const levels = async (d: Device) => (await readStockByLocation(d.env.db, ring)).map((l) => [l.location, l.onHand]);
      expect(await levels(laptop)).toEqual([['Shop floor', 7]]);
      expect(await levels(tablet)).toEqual(await levels(laptop));
      expect((await listCounts(tablet.env.db)).find((c) => c.id === countId)!.status).toBe('applied');
    });
  });
}
