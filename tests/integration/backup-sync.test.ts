import { describe, expect, it } from 'vitest';
import { STORE_VARIANTS } from '../server/helpers/databases';
import { Device, pairedDevice, useLiveServer } from './support';
import { perform } from '../../src/data/commands/perform';
import { newId } from '../../src/data/commands/ids';
import { listLocations } from '../../src/data/queries/locations';
import { exportDeviceBackup, restoreDeviceBackup } from '../../src/data/backup';
import { exportUnsynced } from '../../src/data/unsynced';
import { importUnsyncedFile } from '../../src/sync/recovery';
import { pairDevice } from '../../src/sync/pairing';
import { httpTransport } from '../../src/sync/http';
import type { PullResponse } from '../../src/domain/sync/protocol';
import { testEnv } from '../factories/env';

async function issueCode(owner: Device, role: 'owner' | 'staff'): Promise<string> {
  const { code } = await owner.transport.request<{ code: string }>('POST', '/v1/devices/pairing-codes', { role }, await owner.token());
  return code;
}

/** The server's version: each applied mutation is exactly one, so "applied once" is countable. */
async function serverVersion(device: Device): Promise<number> {
  let cursor = 0;
  for (;;) {
    const page = await device.transport.request<PullResponse>('POST', '/v1/sync/pull', { cursor, limit: 5000 }, await device.token());
    cursor = page.cursor;
    if (!page.hasMore) return cursor;
  }
}

const names = async (device: Device): Promise<string[]> => (await listLocations(device.env.db)).map((l) => l.name).sort();

for (const variant of STORE_VARIANTS) {
  describe.skipIf(variant.skip)(`backups and unsynced changes against the real server ${variant.tag}`, () => {
    const server = useLiveServer(variant.kind);
    let owner: Device | undefined;
    const firstOwner = async (): Promise<Device> =>
      (owner ??= await pairedDevice(server.current, await server.current.ownerCode(), 'Owner tablet'));

    it('a backup restored on a fresh install pairs as a new device, relays what it carried once, and the original syncing later changes nothing', async () => {
      const boss = await firstOwner();
      const tablet = await pairedDevice(server.current, await issueCode(boss, 'owner'), 'Counter tablet');
      for (const name of ['Queued A', 'Queued B'])
        await perform(tablet.env, 'location.save', { id: newId(tablet.env), name, kind: 'floor' });
      const { zip } = await exportDeviceBackup(tablet.env.db, tablet.env.clock.now());

      const fresh = testEnv();
      fresh.clock.set(Date.now());
      await restoreDeviceBackup(fresh.db, fresh.random, zip);
      const transport = httpTransport(server.current.url);
      await pairDevice({ db: fresh.db, random: fresh.random, transport }, await issueCode(boss, 'owner'), 'Counter tablet (restored)');
      const restored = new Device(fresh, transport);
      await perform(restored.env, 'location.save', { id: newId(restored.env), name: 'Made after restore', kind: 'stall' });
      const before = await serverVersion(boss);
      await restored.sync();
      expect(await restored.env.db.outbox.count()).toBe(0);
      expect(await serverVersion(boss)).toBe(before + 3);

      // The original tablet comes back and pushes the same two changes: duplicates, nothing applied.
      await tablet.sync();
      expect(await tablet.env.db.outbox.count()).toBe(0);
      expect(await serverVersion(boss)).toBe(before + 3);
      await boss.sync();
      expect(await names(boss)).toEqual(expect.arrayContaining(['Made after restore', 'Queued A', 'Queued B']));
      expect((await names(boss)).filter((n) => n === 'Queued A')).toHaveLength(1);
    });

    it('an unsynced-changes file imported on another device is applied exactly once, however often it is imported', async () => {
      const boss = await firstOwner();
      const phone = await pairedDevice(server.current, await issueCode(boss, 'staff'), 'Stall phone');
      for (const name of ['Stall sale day 1', 'Stall sale day 2'])
        await perform(phone.env, 'location.save', { id: newId(phone.env), name, kind: 'stall' });
      // Hand-carried (e-mail, USB stick): the phone's screen is broken, it never syncs again.
      const text = JSON.stringify(await exportUnsynced(phone.env.db, Date.now()));

      const before = await serverVersion(boss);
      expect(await importUnsyncedFile({ db: boss.env.db, transport: boss.transport }, text)).toEqual({ queued: 2, skipped: 0 });
      await boss.sync();
      expect(await serverVersion(boss)).toBe(before + 2);
      expect(await names(boss)).toEqual(expect.arrayContaining(['Stall sale day 1', 'Stall sale day 2']));

      // Imported again (or on a second device): the server already has them.
      expect(await importUnsyncedFile({ db: boss.env.db, transport: boss.transport }, text)).toEqual({ queued: 0, skipped: 2 });
      const other = await pairedDevice(server.current, await issueCode(boss, 'owner'), 'Back office');
      expect(await importUnsyncedFile({ db: other.env.db, transport: other.transport }, text)).toEqual({ queued: 0, skipped: 2 });
      // …and if the phone does come back, its push is a duplicate.
      await phone.sync();
      expect(await serverVersion(boss)).toBe(before + 2);
    });
  });
}
