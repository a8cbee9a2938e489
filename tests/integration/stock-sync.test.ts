import { describe, expect, it } from 'vitest';
import { STORE_VARIANTS } from '../server/helpers/databases';
import { pairedDevice, useLiveServer, type Device } from './support';
import { perform } from '../../src/data/commands/perform';
import { newId } from '../../src/data/commands/ids';
import { adjustStock, receiveTransfer, transferStock } from '../../src/data/commands/stock';
import { listInTransit, readStockByLocation } from '../../src/data/queries/stock';

/** A second device's pairing code, issued by the first (as Settings → Devices does). */
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
  describe.skipIf(variant.skip)(`stock adjustments and transfers across devices ${variant.tag}`, () => {
    const server = useLiveServer(variant.kind);

    it('a laptop and a stall tablet, one working offline, end with the same stock at every location', async () => {
      const laptop = await pairedDevice(server.current, await server.current.ownerCode(), 'Back-office laptop');
      const tablet = await pairedDevice(server.current, await issueCode(laptop), 'Stall tablet');
      const [floor, stall, ring] = [newId(laptop.env), newId(laptop.env), newId(laptop.env)];
      await perform(laptop.env, 'location.save', { id: floor, name: 'Shop floor', kind: 'floor' });
      await perform(laptop.env, 'location.save', { id: stall, name: 'Market stall', kind: 'stall' });
      await perform(laptop.env, 'catalog.createProduct', {
        product: { id: newId(laptop.env), title: 'Ring' },
        items: [{ id: ring, sku: 'RING-X1', price: 3000, cost: 900, tracking: 'quantity' }],
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
      // 3 sent to the stall (in transit), synced; the tablet learns of it.
      const sent = await transferStock(laptop.env, {
        itemId: ring,
        pieceId: null,
        fromLocationId: floor,
        toLocationId: stall,
        quantity: 3,
        receivedNow: false,
      });
      expect((await laptop.sync()).rejected).toEqual([]);
      await tablet.sync();
      expect((await listInTransit(tablet.env.db)).map((t) => t.id)).toEqual([sent]);

      // Offline, both receive it (only the first counts); the tablet writes off one as a sample, the laptop one damaged.
      await receiveTransfer(tablet.env, sent);
      await adjustStock(tablet.env, { itemId: ring, pieceId: null, locationId: stall, quantity: -1, reason: 'sample', note: 'Fair' });
      await receiveTransfer(laptop.env, sent);
      await adjustStock(laptop.env, { itemId: ring, pieceId: null, locationId: floor, quantity: -1, reason: 'damaged', note: '' });
      expect((await tablet.sync()).rejected).toEqual([]);
      expect((await laptop.sync()).rejected).toEqual([]);
      await tablet.sync();

      const levels = async (db: typeof laptop.env.db) => (await readStockByLocation(db, ring)).map((l) => [l.location, l.onHand]);
      // Floor 10 − 3 − 1 = 6; stall 3 − 1 = 2; the second receipt of the same transfer adds nothing.
      expect(await levels(laptop.env.db)).toEqual([
        ['Market stall', 2],
        ['Shop floor', 6],
      ]);
      expect(await levels(tablet.env.db)).toEqual(await levels(laptop.env.db));
      expect(await listInTransit(laptop.env.db)).toEqual([]);
      expect(await listInTransit(tablet.env.db)).toEqual([]);
    });
  });
}
