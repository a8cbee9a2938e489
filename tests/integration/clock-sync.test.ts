import { describe, expect, it } from 'vitest';
import { STORE_VARIANTS } from '../server/helpers/databases';
import { pairedDevice, useLiveServer, type Device } from './support';
import { perform } from '../../src/data/commands/perform';
import { newId } from '../../src/data/commands/ids';
import { readSyncView, openCases } from '../../src/data/queries/sync';
import { clockSkew } from '../../src/domain/clock';
import type { ItemRecord } from '../../src/domain/catalog/item';
import type { PullResponse } from '../../src/domain/sync/protocol';

const THREE_DAYS = 3 * 24 * 60 * 60 * 1000;

async function priceOn(device: Device, itemId: string): Promise<number | undefined> {
  return ((await device.env.db.items.get(itemId)) as unknown as ItemRecord | undefined)?.values.price;
}

async function serverPrice(device: Device, itemId: string): Promise<number | undefined> {
  let cursor = 0;
  let price: number | undefined;
  for (;;) {
    const page = await device.transport.request<PullResponse>('POST', '/v1/sync/pull', { cursor, limit: 5000 }, await device.token());
    for (const r of page.records) if (r.table === 'items' && r.id === itemId) price = (r.data as unknown as ItemRecord).values.price;
    if (!page.hasMore) return price;
    cursor = page.cursor;
  }
}

for (const variant of STORE_VARIANTS) {
  describe.skipIf(variant.skip)(`a device clock three days fast ${variant.tag}`, () => {
    const server = useLiveServer(variant.kind);

    it('loses to a correct device’s later real-time price edit, is told on screen and flagged by one case', async () => {
      const counter = await pairedDevice(server.current, await server.current.ownerCode(), 'Counter tablet');
      const { code } = await counter.transport.request<{ code: string }>(
        'POST',
        '/v1/devices/pairing-codes',
        { role: 'owner' },
        await counter.token(),
      );
      const phone = await pairedDevice(server.current, code, 'Phone three days fast');

      const itemId = newId(counter.env);
      await perform(counter.env, 'catalog.createProduct', {
        product: { id: newId(counter.env), title: 'Pearl studs' },
        items: [{ id: itemId, sku: 'PS-1', price: 4000, tracking: 'quantity' }],
      });
      await counter.sync();
      await phone.sync();
      expect(await priceOn(phone, itemId)).toBe(4000);

      // The phone's clock runs three days ahead: its edit carries a far-future HLC.
      phone.env.clock.set(Date.now() + THREE_DAYS);
      await perform(phone.env, 'item.save', { id: itemId, patch: { price: 4500 } });
      await phone.sync();
      // A moment later (real time) the counter, which has not pulled the phone's edit, sets its own price.
      await new Promise((r) => setTimeout(r, 20));
      counter.env.clock.set(Date.now());
      await perform(counter.env, 'item.save', { id: itemId, patch: { price: 3900 } });
      await counter.sync();
      phone.env.clock.set(Date.now() + THREE_DAYS);
      await phone.sync();

      // The later real-time edit wins everywhere, though the phone's stamp said three days later.
      expect(await serverPrice(counter, itemId)).toBe(3900);
      expect(await priceOn(counter, itemId)).toBe(3900);
      expect(await priceOn(phone, itemId)).toBe(3900);

      // The phone is told (the register's status strip shows this) and the shop has one case about it.
      const phoneView = await readSyncView(phone.env.db);
      expect(clockSkew(phoneView.clockOffsetMs)).toMatchObject({ direction: 'ahead' });
      expect(Math.abs(phoneView.clockOffsetMs! + THREE_DAYS)).toBeLessThan(60_000);
      expect(clockSkew((await readSyncView(counter.env.db)).clockOffsetMs)).toBeNull();
      for (const device of [counter, phone]) {
        await device.sync();
        const cases = (await openCases(device.env.db)).filter((c) => c.type === 'clock-wrong');
        expect(cases).toHaveLength(1);
        expect(cases[0]!.summary).toContain('Phone three days fast');
      }
    });
  });
}
