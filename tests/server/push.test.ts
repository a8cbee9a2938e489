import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { CaseRecord } from '../../src/domain/cases';
import { Hlc, MAX_DRIFT_MS } from '../../src/domain/hlc';
import type { LocationRecord } from '../../src/domain/locations';
import { MAX_PUSH_BYTES } from '../../src/domain/sync/protocol';
import type { PushResponse } from '../../src/domain/sync/protocol';
import { STORE_VARIANTS } from './helpers/databases';
import { request } from './helpers/http';
import { api, hlcAt, mutation, saveLocation, settingsUpdate, useSyncServer } from './helpers/sync';

for (const variant of STORE_VARIANTS) {
  describe.skipIf(variant.skip)(`push ${variant.tag}`, () => {
    const sync = useSyncServer(variant);

    it('applies a push and the pull brings the records, the last ids and the HLC back', async () => {
      const device = await sync.pair('owner');
      const locationId = randomUUID();
      const before = await sync.shopVersion();
      const sent = [
        saveLocation(1, 'Stockroom', locationId),
        settingsUpdate(2, { shopName: 'Gold & Co' }, hlcAt('owner', Date.now() - 1000)),
      ];
      const pushed = await sync.pushOk(device, sent);
      expect(pushed).toEqual({
        lastMutationId: 2,
        results: [
          { id: 1, status: 'applied' },
          { id: 2, status: 'applied' },
        ],
      });
      expect(await sync.shopVersion()).toBe(before + 2);

      const page = await sync.pull(device, before);
      expect(page.hasMore).toBe(false);
      expect(page.cursor).toBe(before + 2);
      expect(page.events).toEqual([]);
      expect(page.records.map((r) => [r.table, r.id, r.version])).toEqual([
        ['locations', locationId, before + 1],
        ['settings', 'shop', before + 2],
      ]);
      expect((page.records[0]?.data as LocationRecord).values).toEqual({ name: 'Stockroom', kind: 'stockroom', archived: false });
      expect(page.lastMutationIds[device.deviceId]).toBe(2);
      // The highest HLC applied so far, here the location's (the settings edit was a second older).
      expect(page.hlc).toBe(sent[0]?.hlc);
    });

    it('upgrades an old mutation version: location.save v1 { id, name } becomes a floor', async () => {
      const device = await sync.pair('staff');
      const locationId = randomUUID();
      const res = await sync.pushOk(device, [mutation(1, 'location.save', { id: locationId, name: 'Front' }, { v: 1 })]);
      expect(res.results).toEqual([{ id: 1, status: 'applied' }]);
      const record = (await sync.pullAll(device)).flatMap((p) => p.records).find((r) => r.id === locationId);
      expect((record?.data as LocationRecord).values).toMatchObject({ name: 'Front', kind: 'floor' });
    });

    it('rejects an unknown mutation and invalid arguments per mutation; the queue moves on', async () => {
      const device = await sync.pair('owner');
      const res = await sync.pushOk(device, [
        mutation(1, 'sale.teleport', {}),
        mutation(2, 'location.save', { id: 'not-a-uuid', name: 'X' }, { v: 2 }),
        mutation(3, 'location.save', { id: randomUUID(), name: 'X' }, { v: 9 }),
        saveLocation(4, 'Applied after the rejections'),
      ]);
      expect(res.lastMutationId).toBe(4);
      expect(res.results.map((r) => [r.id, r.status, r.reason])).toEqual([
        [1, 'rejected', 'unknown-mutation'],
        [2, 'rejected', 'invalid-args'],
        [3, 'rejected', 'unsupported-version'],
        [4, 'applied', undefined],
      ]);
      expect(res.results[1]?.message).toBe('Location id must be a UUID');
      const names = (await sync.pullAll(device)).flatMap((p) => p.records).map((r) => (r.data as LocationRecord).values?.name);
      expect(names).toContain('Applied after the rejections');
    });

    it('rejects settings.update from a staff device (owner-only) and applies it from an owner', async () => {
      const staff = await sync.pair('staff');
      const owner = await sync.pair('owner');
      const refused = await sync.pushOk(staff, [settingsUpdate(1, { receiptHeader: 'Staff was here' })]);
      expect(refused.results).toEqual([{ id: 1, status: 'rejected', reason: 'owner-only', message: expect.any(String) }]);
      expect(refused.lastMutationId).toBe(1);
      const accepted = await sync.pushOk(owner, [settingsUpdate(1, { receiptHeader: 'Owner wrote this' })]);
      expect(accepted.results[0]?.status).toBe('applied');
      const settings = (await sync.pullAll(owner))
        .flatMap((p) => p.records)
        .filter((r) => r.table === 'settings')
        .at(-1);
      expect(settings?.data).toMatchObject({ values: { receiptHeader: 'Owner wrote this' } });
    });

    it('clamps an HLC far ahead of the server, flags it and opens one clock-wrong case', async () => {
      const device = await sync.pair('owner', 'Tablet with a bad clock');
      const future = Date.now() + 24 * 60 * 60 * 1000;
      const before = await sync.shopVersion();
      const res = await sync.pushOk(device, [
        mutation(1, 'location.save', { id: randomUUID(), name: 'Later' }, { v: 2, hlc: hlcAt('bad', future) }),
        mutation(2, 'location.save', { id: randomUUID(), name: 'Later still' }, { v: 2, hlc: hlcAt('bad', future + 1) }),
      ]);
      expect(res.results.map((r) => [r.status, r.reason])).toEqual([
        ['flagged', 'clock-ahead'],
        ['flagged', 'clock-ahead'],
      ]);
      const again = await sync.pushOk(device, [
        mutation(3, 'location.save', { id: randomUUID(), name: 'x' }, { v: 2, hlc: hlcAt('bad', future) }),
      ]);
      expect(again.results[0]?.status).toBe('flagged');

      const pages = await sync.pullAll(device);
      const cases = pages
        .flatMap((p) => p.records)
        .filter((r) => r.table === 'cases')
        .map((r) => r.data as CaseRecord);
      const mine = cases.filter((c) => c.concerns.includes(`devices/${device.deviceId}`));
      expect(mine).toHaveLength(1);
      expect(mine[0]).toMatchObject({ type: 'clock-wrong', status: 'open' });
      expect(mine[0]?.summary).toContain('Tablet with a bad clock');
      // The case rides on the version of the mutation that revealed the clock: one per mutation.
      expect(await sync.shopVersion()).toBe(before + 3);
      const caseRow = pages.flatMap((p) => p.records).find((r) => r.table === 'cases' && r.id === mine[0]?.id);
      expect(caseRow?.version).toBe(before + 1);
      // The stored edits carry the clamped time, never the device's far-future one.
      const wall = Hlc.parse(pages.at(-1)?.hlc ?? '').wall;
      expect(wall).toBeLessThanOrEqual(Date.now() + MAX_DRIFT_MS);
      expect(wall).toBeLessThan(future);
      const row = await sync.server.store.db
        .selectFrom('devices')
        .select('clock_wrong_at')
        .where('id', '=', device.deviceId)
        .executeTakeFirstOrThrow();
      expect(row.clock_wrong_at).not.toBeNull();
    });

    it('flags the clock even when the mutation carrying the far-future time is refused', async () => {
      const device = await sync.pair('staff', 'Phone from the future');
      const future = hlcAt('phone', Date.now() + 60 * 60 * 1000);
      const res = await sync.pushOk(device, [mutation(1, 'settings.update', { patch: { shopName: 'x' } }, { hlc: future })]);
      expect(res.results.map((r) => [r.status, r.reason])).toEqual([['rejected', 'owner-only']]);
      const cases = (await sync.pullAll(device)).flatMap((p) => p.records).filter((r) => r.table === 'cases');
      expect(cases.filter((c) => (c.data as CaseRecord).concerns.includes(`devices/${device.deviceId}`))).toHaveLength(1);
    });

    it('relays mutations of another device of the shop under that device id; an unknown id is 403', async () => {
      const earlier = await sync.pair('owner', 'Laptop before the reset');
      const now = await sync.pair('owner', 'Laptop after the reset');
      const carried = saveLocation(1);
      await sync.pushOk(earlier, [carried]);
      expect((await api(sync.url, 'DELETE', `/v1/devices/${earlier.deviceId}`, { token: now.token })).status).toBe(200);

      const relayed = await sync.push(now, [carried, saveLocation(2, 'Carried over')], earlier.deviceId);
      expect(relayed.status).toBe(200);
      const body = relayed.json() as PushResponse;
      expect(body.lastMutationId).toBe(2);
      expect(body.results.map((r) => r.status)).toEqual(['duplicate', 'applied']);
      const page = await sync.pull(now, 0, 5000);
      expect(page.lastMutationIds[earlier.deviceId]).toBe(2);
      expect(page.lastMutationIds[now.deviceId]).toBe(0);

      // A staff token may carry an owner's queue, but not make owner-only changes under its name.
      const staff = await sync.pair('staff');
      const asOwner = await sync.push(staff, [settingsUpdate(3, { shopName: 'Staff in disguise' })], earlier.deviceId);
      expect((asOwner.json() as PushResponse).results).toEqual([
        { id: 3, status: 'rejected', reason: 'owner-only', message: expect.any(String) },
      ]);

      const unknown = await sync.push(now, [saveLocation(1)], randomUUID());
      expect(unknown.status).toBe(403);
      expect(unknown.json()).toMatchObject({ error: 'unknown-device' });
    });

    it('answers an id that skips ahead with 409 mutation-gap and keeps nothing; in order it applies', async () => {
      const device = await sync.pair('owner');
      await sync.pushOk(device, [saveLocation(1)]);
      const version = await sync.shopVersion();
      const gap = await sync.push(device, [saveLocation(3), saveLocation(4)]);
      expect(gap.status).toBe(409);
      expect(gap.json()).toMatchObject({ error: 'mutation-gap', expected: 2 });
      expect(await sync.shopVersion()).toBe(version);
      const ok = await sync.pushOk(device, [saveLocation(2), saveLocation(3), saveLocation(4)]);
      expect(ok.lastMutationId).toBe(4);
      expect(ok.results.every((r) => r.status === 'applied')).toBe(true);
    });

    it('refuses the whole push with 409 mutation-conflict when a seen id comes with another payload', async () => {
      const device = await sync.pair('owner');
      const first = saveLocation(1, 'Original');
      await sync.pushOk(device, [first]);
      const version = await sync.shopVersion();
      const res = await sync.push(device, [{ ...first, args: { ...(first.args as object), name: 'Changed' } }, saveLocation(2)]);
      expect(res.status).toBe(409);
      expect(res.json()).toMatchObject({ error: 'mutation-conflict' });
      expect(await sync.shopVersion()).toBe(version);
      // Same payload with the keys in another order is the same mutation: a duplicate.
      const reordered = { occurredAt: first.occurredAt, hlc: first.hlc, args: first.args, v: first.v, name: first.name, id: 1 };
      const dup = await sync.pushOk(device, [reordered, saveLocation(2)]);
      expect(dup.results.map((r) => [r.status, r.original])).toEqual([
        ['duplicate', 'applied'],
        ['applied', undefined],
      ]);
    });

    it('answers bodies that are not a push: 413 oversize, 400 bad JSON, 400 invalid-push', async () => {
      const device = await sync.pair('owner');
      const headers = { authorization: `Bearer ${device.token}`, 'content-type': 'application/json' };
      const huge = JSON.stringify({ deviceId: device.deviceId, schemaVersion: 1, mutations: [], pad: 'x'.repeat(MAX_PUSH_BYTES) });
      const tooBig = await request(sync.url, '/v1/sync/push', { method: 'POST', headers, body: huge });
      expect(tooBig.status).toBe(413);
      expect(tooBig.json()).toMatchObject({ error: 'payload-too-large' });

      const broken = await request(sync.url, '/v1/sync/push', { method: 'POST', headers, body: '{"deviceId":' });
      expect(broken.status).toBe(400);
      expect(broken.json()).toMatchObject({ error: 'invalid-json' });

      const cases: [unknown, RegExp][] = [
        [{ deviceId: device.deviceId, schemaVersion: 1 }, /^mutations: /],
        [{ deviceId: device.deviceId, schemaVersion: 1, mutations: [{ ...saveLocation(1), hlc: 'yesterday' }] }, /^mutations\.0\.hlc: /],
        [{ deviceId: device.deviceId, schemaVersion: 1, mutations: [saveLocation(1), saveLocation(3)] }, /^mutations\.1\.id: /],
        [[1, 2, 3], /./],
      ];
      for (const [body, message] of cases) {
        const res = await api(sync.url, 'POST', '/v1/sync/push', { token: device.token, body });
        expect(res.status).toBe(400);
        const json = res.json() as { error: string; message: string };
        expect(json.error).toBe('invalid-push');
        expect(json.message).toMatch(message);
      }
      const row = await sync.server.store.db
        .selectFrom('devices')
        .select('last_mutation_id')
        .where('id', '=', device.deviceId)
        .executeTakeFirstOrThrow();
      expect(row.last_mutation_id).toBe(0);
    });
  });
}
