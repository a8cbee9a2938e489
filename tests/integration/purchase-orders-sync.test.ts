import { describe, expect, it } from 'vitest';
import { STORE_VARIANTS } from '../server/helpers/databases';
import { pairedDevice, useLiveServer, type Device } from './support';
import { perform } from '../../src/data/commands/perform';
import { newId } from '../../src/data/commands/ids';
import { adjustStock } from '../../src/data/commands/stock';
import { receivePurchaseOrder, savePurchaseOrder, sendPurchaseOrder } from '../../src/data/commands/purchase-orders';
import { readPurchaseOrder } from '../../src/data/queries/purchase-orders';
import { readLayers, readStockByLocation } from '../../src/data/queries/stock';

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
  describe.skipIf(variant.skip)(`purchase-order receipts across devices ${variant.tag}`, () => {
    const server = useLiveServer(variant.kind);

    it('the stockroom tablet receives offline; after sync both devices have the same layers, stock and order', async () => {
      const laptop = await pairedDevice(server.current, await server.current.ownerCode(), 'Back-office laptop');
      const tablet = await pairedDevice(server.current, await issueCode(laptop), 'Stockroom tablet');
      const [floor, ring, supplier] = [newId(laptop.env), newId(laptop.env), newId(laptop.env)];
      await perform(laptop.env, 'location.save', { id: floor, name: 'Shop floor', kind: 'floor' });
      await perform(laptop.env, 'supplier.save', { id: supplier, name: 'Atelier Or', leadTimeDays: 10 });
      await perform(laptop.env, 'catalog.createProduct', {
        product: { id: newId(laptop.env), title: 'Ring' },
        items: [{ id: ring, sku: 'RING-PO1', price: 3000, cost: 900, tracking: 'quantity' }],
      });
      await perform(laptop.env, 'stock.receive', {
        eventId: newId(laptop.env),
        lotId: newId(laptop.env),
        itemId: ring,
        locationId: floor,
        quantity: 2,
        unitCost: 1000,
        supplierId: null,
        source: 'manual',
      });
      const po = await savePurchaseOrder(laptop.env, {
        id: null,
        supplierId: supplier,
        lines: [{ itemId: ring, supplierSku: null, quantity: 6, unitCost: 1100 }],
        note: '',
        shippingCost: 0,
      });
      await sendPurchaseOrder(laptop.env, po);
      expect((await laptop.sync()).rejected).toEqual([]);
      await tablet.sync();
      const lineId = (await readPurchaseOrder(tablet.env.db, po))!.lines[0]!.id;

      // Offline: the tablet receives 4 with 2.00 shipping; the laptop writes one off as damaged.
      await receivePurchaseOrder(tablet.env, { purchaseOrderId: po, locationId: floor, landedCost: 200, lines: [{ lineId, quantity: 4 }] });
      await adjustStock(laptop.env, { itemId: ring, pieceId: null, locationId: floor, quantity: -1, reason: 'damaged', note: '' });
      expect((await laptop.sync()).rejected).toEqual([]);
      expect((await tablet.sync()).rejected).toEqual([]);
      await laptop.sync();

      const layers = async (device: Device) => (await readLayers(device.env.db, ring)).map((l) => [l.qtyRemaining, l.unitCost, l.supplier]);
      // 1 left of the 10.00 layer; 4 at (44.00 + 2.00) / 4 = 11.50 from Atelier Or.
      expect(await layers(laptop)).toEqual([
        [1, 1000, null],
        [4, 1150, 'Atelier Or'],
      ]);
      expect(await layers(tablet)).toEqual(await layers(laptop));
      const onHand = async (device: Device) => (await readStockByLocation(device.env.db, ring)).map((l) => l.onHand);
      expect(await onHand(laptop)).toEqual([5]);
      expect(await onHand(tablet)).toEqual([5]);
      for (const device of [laptop, tablet])
        expect(await readPurchaseOrder(device.env.db, po)).toMatchObject({
          order: { status: 'partly-received' },
          lines: [{ received: 4, outstanding: 2 }],
        });
    });
  });
}
