import { describe, expect, it } from 'vitest';
import { STORE_VARIANTS } from '../server/helpers/databases';
import { pairedDevice, useLiveServer, type Device } from './support';
import { addStaff, setStaffPin, updateStaff } from '../../src/data/commands/staff';
import { listStaff, readStaffRecords } from '../../src/data/queries/staff';
import { verifyPin } from '../../src/data/pin';

async function issueCode(owner: Device, role: 'owner' | 'staff'): Promise<string> {
  const { code } = await owner.transport.request<{ code: string }>('POST', '/v1/devices/pairing-codes', { role }, await owner.token());
  return code;
}

for (const variant of STORE_VARIANTS) {
  describe.skipIf(variant.skip)(`staff and PINs across devices ${variant.tag}`, () => {
    const server = useLiveServer(variant.kind);

    it('staff set up on the owner’s laptop unlock the counter tablet; a staff tablet cannot change them', async () => {
      const laptop = await pairedDevice(server.current, await server.current.ownerCode(), 'Back-office laptop');
      const tablet = await pairedDevice(server.current, await issueCode(laptop, 'staff'), 'Counter tablet');

      const margot = await addStaff(laptop.env, { name: 'Margot', role: 'owner', pin: '2580' });
      // As the staff session does: the first owner with a PIN is signed in, and records what follows.
      laptop.env.staffId = () => margot;
      const leo = await addStaff(laptop.env, { name: 'Leo', role: 'cashier', pin: '1357' });
      expect((await laptop.sync()).rejected).toEqual([]);
      await tablet.sync();

      // The tablet has the same people and can check their PINs: only the hashes travelled.
      expect(await listStaff(tablet.env.db)).toEqual(await listStaff(laptop.env.db));
      const onTablet = new Map((await readStaffRecords(tablet.env.db)).map((r) => [r.id, r.values.pin!]));
      expect(await verifyPin('1357', onTablet.get(leo)!)).toBe(true);
      expect(await verifyPin('2580', onTablet.get(margot)!)).toBe(true);
      expect(await verifyPin('2580', onTablet.get(leo)!)).toBe(false);

      // A staff device trying to make Leo an owner is refused by the server and undone locally.
      await updateStaff(tablet.env, leo, { role: 'owner' });
      const outcome = await tablet.sync();
      expect(outcome.rejected.map((r) => [r.row.name, r.reason])).toEqual([['staff.save', 'owner-only']]);
      expect((await listStaff(tablet.env.db)).find((s) => s.id === leo)?.role).toBe('cashier');

      // The owner resets Leo's PIN: the old one stops working on the tablet after the next pull.
      await setStaffPin(laptop.env, leo, '8642');
      await laptop.sync();
      await tablet.sync();
      const reset = (await readStaffRecords(tablet.env.db)).find((r) => r.id === leo)!.values.pin!;
      expect(await verifyPin('1357', reset)).toBe(false);
      expect(await verifyPin('8642', reset)).toBe(true);
    });
  });
}
