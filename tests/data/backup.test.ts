import { describe, expect, it } from 'vitest';
import { zipSync, strToU8, unzipSync, strFromU8 } from 'fflate';
import { backupFileName, exportDeviceBackup, resetDevice, restoreDeviceBackup } from '../../src/data/backup';
import { exportUnsynced, importUnsynced, parseUnsynced } from '../../src/data/unsynced';
import { perform } from '../../src/data/commands/perform';
import { newId } from '../../src/data/commands/ids';
import { savePairing } from '../../src/data/sync-store';
import { isDomainError } from '../../src/domain/errors';
import type { StoredPhoto } from '../../src/data/photos';
import { dumpDb, testEnv } from '../factories/env';

type TestEnv = ReturnType<typeof testEnv>;

async function shopWithPendingChanges(): Promise<TestEnv> {
  const env = testEnv();
  await perform(env, 'location.save', { id: newId(env), name: 'Before pairing', kind: 'floor' });
  await savePairing(env.db, env.random, {
    deviceId: 'dev-counter',
    token: 'secret-token',
    registerCode: 'R1',
    role: 'owner',
    deviceName: 'Counter tablet',
  });
  await perform(env, 'location.save', { id: newId(env), name: 'Shop floor', kind: 'floor' });
  await perform(env, 'catalog.createProduct', {
    product: { id: newId(env), title: 'Opal ring' },
    items: [{ id: newId(env), sku: 'OR-1', price: 12000 }],
  });
  const bytes = new Uint8Array([137, 80, 78, 71, 1, 2, 3]);
  const photo: StoredPhoto = {
    id: 'a'.repeat(64),
    state: 'local',
    full: new Blob([bytes], { type: 'image/webp' }),
    thumb: new Blob([bytes.slice(0, 3)], { type: 'image/webp' }),
    type: 'image/webp',
    width: 10,
    height: 10,
    size: bytes.length,
    addedAt: '2026-11-27T09:00:00.000Z',
  };
  await env.db.photos.put(photo);
  return env;
}

const code = async (p: Promise<unknown>): Promise<string | undefined> =>
  p.then(
    () => undefined,
    (e: unknown) => (isDomainError(e) ? e.reason : String(e)),
  );

describe('full device backup', () => {
  it('restores every table, photo bytes included, into a fresh install that must pair as a new device', async () => {
    const source = await shopWithPendingChanges();
    const { zip, manifest } = await exportDeviceBackup(source.db, source.clock.now());
    expect(manifest).toMatchObject({ format: 'trove-device-backup', deviceId: 'dev-counter', deviceName: 'Counter tablet', pending: 3 });
    expect(backupFileName(manifest.deviceName, source.clock.now())).toBe('trove-backup-Counter-tablet-2026-11-27.zip');

    const target = testEnv();
    const { carried } = await restoreDeviceBackup(target.db, target.random, zip);
    expect(carried).toBe(3);
    const [before, after] = [await dumpDb(source), await dumpDb(target)];
    for (const table of Object.keys(before).filter((t) => t !== 'syncState' && t !== 'photos'))
      expect(after[table], table).toEqual(before[table]);

    const photo = (await target.db.photos.get('a'.repeat(64))) as StoredPhoto;
    expect(photo.full.type).toBe('image/webp');
    expect([...new Uint8Array(await photo.full.arrayBuffer())]).toEqual([137, 80, 78, 71, 1, 2, 3]);
    expect([...new Uint8Array(await photo.thumb.arrayBuffer())]).toEqual([137, 80, 78]);

    // A new identity: no token, a new install id (HLC node), the old cursor; carried rows keep their device.
    const [was, now] = [(await source.db.syncState.get('device'))!, (await target.db.syncState.get('device'))!];
    expect(now.token).toBeUndefined();
    expect(now.deviceId).toBeUndefined();
    expect(now.installId).not.toBe(was.installId);
    expect(now.hlc.endsWith(now.installId)).toBe(true);
    expect(now.deviceName).toBe('Counter tablet (restored)');
    expect((await target.db.outbox.toArray()).map((r) => r.origin)).toEqual(['dev-counter', 'dev-counter', 'dev-counter']);

    // Paired again: a new device id; what it carried still goes out under the old one.
    await savePairing(target.db, target.random, {
      deviceId: 'dev-new',
      token: 't2',
      registerCode: 'R7',
      role: 'owner',
      deviceName: 'Counter tablet (restored)',
    });
    await perform(target, 'location.save', { id: newId(target), name: 'After restore', kind: 'stall' });
    expect((await target.db.outbox.orderBy('seq').toArray()).map((r) => [r.origin, r.id])).toEqual([
      ['dev-counter', 1],
      ['dev-counter', 2],
      ['dev-counter', 3],
      ['dev-new', 1],
    ]);
  });

  it('refuses a device that already holds a shop, another file, a damaged backup and another data version', async () => {
    const source = await shopWithPendingChanges();
    const { zip } = await exportDeviceBackup(source.db, source.clock.now());
    expect(await code(restoreDeviceBackup(source.db, source.random, zip))).toBe('device-not-empty');
    expect(await source.db.outbox.count()).toBe(3); // nothing was touched

    const fresh = testEnv();
    expect(await code(restoreDeviceBackup(fresh.db, fresh.random, strToU8('not a zip')))).toBe('backup-invalid');
    expect(await code(restoreDeviceBackup(fresh.db, fresh.random, zipSync({ 'x.txt': strToU8('hi') })))).toBe('backup-invalid');
    const files = unzipSync(zip);
    const manifest = JSON.parse(strFromU8(files['manifest.json']!)) as { schemaVersion: number };
    const older = zipSync({
      ...files,
      'manifest.json': strToU8(JSON.stringify({ ...manifest, schemaVersion: manifest.schemaVersion - 1 })),
    });
    expect(await code(restoreDeviceBackup(fresh.db, fresh.random, older))).toBe('backup-version');
    const { 'tables/items.json': _dropped, ...truncated } = files;
    expect(await code(restoreDeviceBackup(fresh.db, fresh.random, zipSync(truncated)))).toBe('backup-invalid');
    expect(await fresh.db.items.count()).toBe(0);
  });
});

describe('resetting a device', () => {
  it('is refused while changes wait for the server, and erases everything once they are synced', async () => {
    const env = await shopWithPendingChanges();
    await expect(resetDevice(env.db)).rejects.toThrow('3 changes have not reached the server yet');
    expect(await env.db.items.count()).toBe(1);
    await env.db.outbox.clear(); // as after a sync that acknowledged them
    await resetDevice(env.db);
    for (const t of env.db.tables) expect(await t.count(), t.name).toBe(0);
  });
});

describe('unsynced changes file', () => {
  it('carries the outbox under its original identity; importing queues each change once', async () => {
    const broken = testEnv();
    await savePairing(broken.db, broken.random, {
      deviceId: 'dev-broken',
      token: 't',
      registerCode: 'R2',
      role: 'staff',
      deviceName: 'Stall phone',
    });
    for (const name of ['Saturday market', 'Sunday market', 'Repair bench'])
      await perform(broken, 'location.save', { id: newId(broken), name, kind: 'stall' });
    const file = parseUnsynced(JSON.stringify(await exportUnsynced(broken.db, broken.clock.now())));
    expect(file.changes.map((c) => [c.origin, c.id])).toEqual([
      ['dev-broken', 1],
      ['dev-broken', 2],
      ['dev-broken', 3],
    ]);

    const healthy = testEnv();
    await savePairing(healthy.db, healthy.random, {
      deviceId: 'dev-ok',
      token: 't',
      registerCode: 'R1',
      role: 'owner',
      deviceName: 'Counter',
    });
    // The server already has change 1 from the phone (it was pushed, the answer was lost).
    const devices = [
      { deviceId: 'dev-broken', lastMutationId: 1 },
      { deviceId: 'dev-ok', lastMutationId: 0 },
    ];
    expect(await importUnsynced(healthy.db, file, devices)).toEqual({ queued: 2, skipped: 1 });
    expect(await importUnsynced(healthy.db, file, devices)).toEqual({ queued: 0, skipped: 3 });
    const rows = await healthy.db.outbox.toArray();
    expect(rows.map((r) => [r.origin, r.id, r.touches])).toEqual([
      ['dev-broken', 2, []],
      ['dev-broken', 3, []],
    ]);
    expect(rows[0]).toMatchObject({ name: 'location.save', hlc: file.changes[1]!.hlc, args: file.changes[1]!.args });

    expect(await code(importUnsynced(testEnv().db, file, [{ deviceId: 'dev-ok', lastMutationId: 0 }]))).toBe('unknown-device');
    expect(() => parseUnsynced('{"format":"trove-unsynced-changes","version":1,"changes":[{"id":-1}]}')).toThrow('not a Trove');
  });

  it('has nothing to export when everything is synced, and refuses changes made before any pairing', async () => {
    const env = testEnv();
    expect(await code(exportUnsynced(env.db, 0))).toBe('nothing-unsynced');
    await perform(env, 'location.save', { id: newId(env), name: 'Unpaired', kind: 'floor' });
    expect(await code(exportUnsynced(env.db, 0))).toBe('never-paired');
  });
});
