import { describe, expect, it } from 'vitest';
import { STORE_VARIANTS } from '../server/helpers/databases';
import { pairedDevice, useLiveServer, type Device } from './support';
import { perform } from '../../src/data/commands/perform';
import { newId } from '../../src/data/commands/ids';
import { readSettings } from '../../src/data/queries/settings';
import { listLocations } from '../../src/data/queries/locations';
import { SyncHttpError, type Transport } from '../../src/sync/http';
import { pairDevice } from '../../src/sync/pairing';
import type { PullResponse } from '../../src/domain/sync/protocol';

async function issueCode(owner: Device, role: 'owner' | 'staff'): Promise<string> {
  const { code } = await owner.transport.request<{ code: string }>('POST', '/v1/devices/pairing-codes', { role }, await owner.token());
  return code;
}

/** How many versions the server has: each applied mutation is exactly one. */
async function serverVersion(device: Device): Promise<number> {
  const page = await device.transport.request<PullResponse>('POST', '/v1/sync/pull', { cursor: 0, limit: 5000 }, await device.token());
  let cursor = page.cursor;
  let more = page.hasMore;
  while (more) {
    const next = await device.transport.request<PullResponse>('POST', '/v1/sync/pull', { cursor, limit: 5000 }, await device.token());
    cursor = next.cursor;
    more = next.hasMore;
  }
  return cursor;
}

for (const variant of STORE_VARIANTS) {
  describe.skipIf(variant.skip)(`sync client against the real server ${variant.tag}`, () => {
    const server = useLiveServer(variant.kind);
    let owner: Device | undefined;
    /** The shop's first owner device (the start-up pairing code works once). */
    const firstOwner = async (): Promise<Device> =>
      (owner ??= await pairedDevice(server.current, await server.current.ownerCode(), 'Owner tablet'));

    it('two devices converge: edits to different fields both survive, the same field goes to the later HLC', async () => {
      const a = await firstOwner();
      const b = await pairedDevice(server.current, await issueCode(a, 'owner'), 'Stall phone');
      b.env.clock.advance(1_000); // the stall's edits happen later

      await perform(a.env, 'settings.update', { patch: { shopName: 'Counter name', timeZone: 'Europe/Paris' } });
      await perform(b.env, 'settings.update', { patch: { shopName: 'Stall name', currency: 'EUR' } });
      await perform(b.env, 'location.save', { id: newId(b.env), name: 'Saturday market', kind: 'stall' });

      await b.sync(); // the later edit reaches the server first…
      await a.sync(); // …and the earlier one must not overwrite it
      await b.sync();

      for (const device of [a, b]) {
        expect(await readSettings(device.env.db)).toMatchObject({ shopName: 'Stall name', currency: 'EUR', timeZone: 'Europe/Paris' });
        expect((await listLocations(device.env.db)).map((l) => l.name)).toEqual(['Saturday market']);
        expect(await device.env.db.outbox.count()).toBe(0);
        expect(await device.env.db.shadows.count()).toBe(0);
      }
    });

    it('exactly once when the response to a push is lost: the retry is a duplicate', async () => {
      const first = await firstOwner();
      const device = await pairedDevice(server.current, await issueCode(first, 'owner'), 'Flaky tablet');
      const real = device.transport;
      let cut = true;
      const flaky: Transport = {
        async request<T>(method: 'GET' | 'POST' | 'PUT' | 'DELETE', path: string, body?: unknown, token?: string): Promise<T> {
          const response = await real.request<T>(method, path, body, token);
          if (path === '/v1/sync/push' && cut) {
            cut = false; // the server committed; the connection drops before we read the answer
            throw new SyncHttpError(0, 'unreachable', 'connection reset');
          }
          return response;
        },
      };
      device.transport = flaky;
      const before = await serverVersion(device);
      await perform(device.env, 'location.save', { id: newId(device.env), name: 'Back room', kind: 'stockroom' });
      await perform(device.env, 'settings.update', { patch: { receiptHeader: 'Thank you!' } });

      await expect(device.sync()).rejects.toThrow('connection reset');
      expect(await device.env.db.outbox.count()).toBe(2); // still queued: we never heard back
      expect((await device.env.db.syncState.get('device'))?.lastError).toBe('connection reset');

      const outcome = await device.sync();
      expect(outcome.rejected).toEqual([]);
      expect(await device.env.db.outbox.count()).toBe(0);
      expect(await serverVersion(device)).toBe(before + 2); // two mutations, two effects, no more
      expect((await listLocations(device.env.db)).filter((l) => l.name === 'Back room')).toHaveLength(1);
    });

    it('a push over the server limit gets 413 and the client splits it until it goes through', async () => {
      const first = await firstOwner();
      const device = await pairedDevice(server.current, await issueCode(first, 'owner'), 'Bulk tablet');
      const before = await serverVersion(device);
      const count = 4_200; // ≈ 1.3 MB of mutations: more than the server takes in one push
      for (let i = 0; i < count; i += 1) {
        await perform(device.env, 'location.save', { id: newId(device.env), name: `Display case ${i} ${'·'.repeat(40)}`, kind: 'floor' });
      }
      const pushes: number[] = [];
      const real = device.transport;
      device.transport = {
        request: (method, path, body, token) => {
          if (path === '/v1/sync/push') pushes.push(JSON.stringify(body).length);
          return real.request(method, path, body, token);
        },
      };
      await device.sync({ pushChunkBytes: 4 * 1024 * 1024 });
      expect(pushes[0]).toBeGreaterThan(1024 * 1024); // the first try was refused…
      expect(pushes.length).toBeGreaterThan(2); // …and split
      expect(await device.env.db.outbox.count()).toBe(0);
      expect(await serverVersion(device)).toBe(before + count);
    });

    it('a mutation the server refuses is undone on the device with a reason', async () => {
      const boss = await firstOwner();
      await perform(boss.env, 'settings.update', { patch: { shopName: 'Owner chose this' } });
      await boss.sync();
      const staff = await pairedDevice(server.current, await issueCode(boss, 'staff'), 'Staff tablet');
      await staff.sync();
      await perform(staff.env, 'settings.update', { patch: { shopName: 'Staff tried this' } });
      expect((await readSettings(staff.env.db)).shopName).toBe('Staff tried this');

      const outcome = await staff.sync();
      expect(outcome.rejected.map((r) => [r.row.name, r.reason])).toEqual([['settings.update', 'owner-only']]);
      expect((await readSettings(staff.env.db)).shopName).toBe('Owner chose this');
      expect(await staff.env.db.outbox.count()).toBe(0);
    });

    it('a device paired again (reset or restored) relays what it still had queued under its old identity', async () => {
      const boss = await firstOwner();
      const tablet = await pairedDevice(server.current, await issueCode(boss, 'owner'), 'Counter tablet');
      const oldId = (await tablet.env.db.syncState.get('device'))!.deviceId!;
      await perform(tablet.env, 'location.save', { id: newId(tablet.env), name: 'Queued before reset', kind: 'floor' });

      await pairDevice(
        { db: tablet.env.db, random: tablet.env.random, transport: tablet.transport },
        await issueCode(boss, 'owner'),
        'Counter tablet (reset)',
      );
      const newIdentity = (await tablet.env.db.syncState.get('device'))!.deviceId!;
      expect(newIdentity).not.toBe(oldId);
      await perform(tablet.env, 'location.save', { id: newId(tablet.env), name: 'Made after reset', kind: 'floor' });
      expect((await tablet.env.db.outbox.toArray()).map((r) => [r.origin, r.id])).toEqual([
        [oldId, 1],
        [newIdentity, 1],
      ]);

      await tablet.sync();
      expect(await tablet.env.db.outbox.count()).toBe(0);
      await boss.sync();
      const names = (await listLocations(boss.env.db)).map((l) => l.name);
      expect(names).toEqual(expect.arrayContaining(['Queued before reset', 'Made after reset']));
      const page = await boss.transport.request<PullResponse>('POST', '/v1/sync/pull', { cursor: 0, limit: 1 }, await boss.token());
      expect(page.lastMutationIds).toMatchObject({ [oldId]: 1, [newIdentity]: 1 });
    });

    it('the same SKU made on two devices offline: both items kept, one case on every device', async () => {
      const boss = await firstOwner();
      const other = await pairedDevice(server.current, await issueCode(boss, 'owner'), 'Stall phone');
      for (const [device, title] of [
        [boss, 'Opal ring'],
        [other, 'Garnet studs'],
      ] as const) {
        await perform(device.env, 'catalog.createProduct', {
          product: { id: newId(device.env), title },
          items: [{ id: newId(device.env), sku: 'DUP-0001', price: 1000 }],
        });
      }
      await boss.sync();
      await other.sync();
      await boss.sync();
      for (const device of [boss, other]) {
        expect(await device.env.db.items.where('sku').equals('DUP-0001').count()).toBe(2);
        const open = await device.env.db.cases.where('status').equals('open').toArray();
        expect(open.filter((c) => c['type'] === 'duplicate-code')).toEqual([expect.objectContaining({ id: 'duplicate-code:DUP-0001' })]);
      }
    });

    it('a revoked device is told to pair again and keeps what it had queued', async () => {
      const boss = await firstOwner();
      const lost = await pairedDevice(server.current, await issueCode(boss, 'staff'), 'Lost phone');
      const { deviceId } = (await lost.env.db.syncState.get('device'))!;
      await boss.transport.request('DELETE', `/v1/devices/${deviceId}`, undefined, await boss.token());
      await perform(lost.env, 'location.save', { id: newId(lost.env), name: 'Car boot', kind: 'other' });
      await expect(lost.sync()).rejects.toSatisfy((e) => e instanceof SyncHttpError && e.status === 401);
      const state = (await lost.env.db.syncState.get('device'))!;
      expect(state.token).toBeUndefined();
      expect(state.lastError).toMatch(/removed from the shop/);
      expect(await lost.env.db.outbox.count()).toBe(1);
    });
  });
}
