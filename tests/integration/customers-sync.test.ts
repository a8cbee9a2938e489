import { describe, expect, it } from 'vitest';
import { STORE_VARIANTS } from '../server/helpers/databases';
import { pairedDevice, useLiveServer, type Device } from './support';
import { createCustomer, updateCustomer } from '../../src/data/commands/customers';
import { readCustomer, searchCustomers } from '../../src/data/queries/customers';

async function issueCode(owner: Device, role: 'owner' | 'staff'): Promise<string> {
  const { code } = await owner.transport.request<{ code: string }>('POST', '/v1/devices/pairing-codes', { role }, await owner.token());
  return code;
}

for (const variant of STORE_VARIANTS) {
  describe.skipIf(variant.skip)(`customers across devices ${variant.tag}`, () => {
    const server = useLiveServer(variant.kind);

    it('a customer registered at the stall reaches the laptop; edits to different fields on both devices both survive', async () => {
      const laptop = await pairedDevice(server.current, await server.current.ownerCode(), 'Back-office laptop');
      const stall = await pairedDevice(server.current, await issueCode(laptop, 'staff'), 'Market stall phone');

      // Registered on a staff device (no network needed for that), synced later.
      const id = await createCustomer(stall.env, { name: 'Inès Moreau', phone: '+33 6 12 34 56 78' });
      expect((await stall.sync()).rejected).toEqual([]);
      await laptop.sync();
      expect(await readCustomer(laptop.env.db, id)).toEqual(await readCustomer(stall.env.db, id));
      expect((await searchCustomers(laptop.env.db, '5678')).customers.map((c) => c.id)).toEqual([id]);

      // Both edit while apart: the stall fixes the phone, the laptop notes the ring size and renames.
      stall.env.clock.advance(1_000);
      await updateCustomer(stall.env, id, { phone: '+33 6 99 88 77 66', notes: 'Wants the matching earrings' });
      laptop.env.clock.advance(2_000);
      await updateCustomer(laptop.env, id, { ringSize: 'EU 52', name: 'Inès Moreau-Blanc' });
      await laptop.sync();
      await stall.sync();
      await laptop.sync();

      const onLaptop = await readCustomer(laptop.env.db, id);
      expect(onLaptop).toEqual(await readCustomer(stall.env.db, id));
      expect(onLaptop).toMatchObject({
        name: 'Inès Moreau-Blanc',
        phone: '+33 6 99 88 77 66',
        ringSize: 'EU 52',
        notes: 'Wants the matching earrings',
      });
      // The index keys followed the merge on both devices.
      for (const device of [laptop, stall]) {
        expect((await searchCustomers(device.env.db, '7766')).customers.map((c) => c.name)).toEqual(['Inès Moreau-Blanc']);
        expect((await searchCustomers(device.env.db, '5678')).customers).toEqual([]);
      }
    });
  });
}
