import { describe, expect, it } from 'vitest';
import { STORE_VARIANTS } from '../server/helpers/databases';
import { pairedDevice, useLiveServer, type Device } from './support';
import { perform } from '../../src/data/commands/perform';
import { newId } from '../../src/data/commands/ids';
import { addPhoto, type StoredPhoto } from '../../src/data/photos';
import { readItem } from '../../src/data/queries/catalog';
import type { Transport } from '../../src/sync/http';
import { syncOnce } from '../../src/sync/client';
import { fakeCodec, fakeImage } from '../factories/photo-codec';

async function issueCode(owner: Device): Promise<string> {
  const { code } = await owner.transport.request<{ code: string }>(
    'POST',
    '/v1/devices/pairing-codes',
    { role: 'owner' },
    await owner.token(),
  );
  return code;
}

/** A ring with one item, made on `device`; returns the item id. */
async function ring(device: Device, sku: string): Promise<string> {
  const itemId = newId(device.env);
  await perform(device.env, 'catalog.createProduct', {
    product: { id: newId(device.env), title: 'Opal ring' },
    items: [{ id: itemId, sku, price: 4500 }],
  });
  return itemId;
}

/** Like Device.sync, with the photo part of the outcome typed. */
const sync = (device: Device) => syncOnce({ ...device.env, transport: device.transport });
const bytes = async (blob: Blob) => new Uint8Array(await blob.arrayBuffer());

for (const variant of STORE_VARIANTS) {
  describe.skipIf(variant.skip)(`photos between devices through the real server ${variant.tag}`, () => {
    const server = useLiveServer(variant.kind);
    let owner: Device | undefined;
    const firstOwner = async (): Promise<Device> =>
      (owner ??= await pairedDevice(server.current, await server.current.ownerCode(), 'Counter tablet'));

    it('a photo added to an item on one device arrives on another: same id, same bytes', async () => {
      const a = await firstOwner();
      const b = await pairedDevice(server.current, await issueCode(a), 'Stall phone');
      const itemId = await ring(a, 'RNG-PHOTO-1');
      const photoId = await addPhoto(a.env, fakeImage(3000, 2000, 'opal ring on slate'), fakeCodec());
      await perform(a.env, 'item.save', { id: itemId, patch: { photoIds: [photoId] } });

      const up = await sync(a);
      expect(up.photos).toMatchObject({ uploaded: 1, failed: [] });
      expect((await a.env.db.photos.get(photoId))?.state).toBe('uploaded');

      const down = await sync(b);
      expect(down.photos.downloaded).toBe(1);
      expect((await readItem(b.env.db, itemId))?.item.values.photoIds).toEqual([photoId]);
      const mine = (await a.env.db.photos.get(photoId)) as StoredPhoto;
      const theirs = (await b.env.db.photos.get(photoId)) as StoredPhoto;
      expect(theirs.state).toBe('remote');
      expect(await bytes(theirs.full)).toEqual(await bytes(mine.full));
      expect(theirs.type).toBe('image/jpeg'); // the server kept the content type
    });

    it('a record that arrives before its photo leaves it wanted (no failed sync) until the photo is uploaded', async () => {
      const a = await firstOwner();
      const b = await pairedDevice(server.current, await issueCode(a), 'Back office laptop');
      const itemId = await ring(a, 'RNG-PHOTO-2');
      const photoId = await addPhoto(a.env, fakeImage(800, 800, 'late photo'), fakeCodec());
      await perform(a.env, 'item.save', { id: itemId, patch: { photoIds: [photoId] } });

      // A's mutations go through a JSON-only transport: the photo stays behind on A.
      const real = a.transport;
      const jsonOnly: Transport = { request: (method, path, body, token) => real.request(method, path, body, token) };
      a.transport = jsonOnly;
      await sync(a);
      a.transport = real;

      await sync(b);
      expect((await b.env.db.photos.get(photoId))?.state).toBe('wanted');
      expect((await b.env.db.syncState.get('device'))?.lastError).toBeUndefined();

      await sync(a); // now it goes up
      const later = await sync(b);
      expect(later.photos.downloaded).toBe(1);
      expect((await b.env.db.photos.get(photoId))?.state).toBe('remote');
    });

    it('bytes the server refuses (hash-mismatch) mark the photo failed and the mutations still go', async () => {
      const a = await firstOwner();
      const itemId = await ring(a, 'RNG-PHOTO-3');
      const photoId = await addPhoto(a.env, fakeImage(500, 500, 'corrupted later'), fakeCodec());
      const stored = (await a.env.db.photos.get(photoId)) as StoredPhoto;
      await a.env.db.photos.put({ ...stored, full: new Blob(['bit rot'], { type: 'image/jpeg' }) });
      await perform(a.env, 'item.save', { id: itemId, patch: { photoIds: [photoId] } });

      const outcome = await sync(a);
      expect(outcome.photos.failed).toEqual([{ id: photoId, reason: 'hash-mismatch', message: expect.stringContaining('does not hash') }]);
      expect(await a.env.db.outbox.count()).toBe(0);
      expect(await a.env.db.photos.get(photoId)).toMatchObject({ state: 'failed', failure: { reason: 'hash-mismatch' } });
    });
  });
}
