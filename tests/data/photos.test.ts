import { describe, expect, it } from 'vitest';
import { addPhoto, storeDownloadedPhoto, wantPhotos, wantedPhotos, type StoredPhoto } from '../../src/data/photos';
import { readPhoto } from '../../src/data/queries/photos';
import { TroveDb } from '../../src/data/db';
import { schema, SCHEMA_VERSION } from '../../src/data/schema';
import { isDomainError } from '../../src/domain/errors';
import { toHex } from '../../src/domain/photos';
import { testEnv } from '../factories/env';
import { fakeCodec, fakeImage } from '../factories/photo-codec';

const sha256 = async (blob: Blob) => toHex(await crypto.subtle.digest('SHA-256', await blob.arrayBuffer()));

async function reason(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (isDomainError(error)) return error.reason;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('adding a photo', () => {
  it('stores a 1600 px full view and a 240 px thumbnail, named by the SHA-256 of the full view', async () => {
    const env = testEnv();
    const codec = fakeCodec();
    const id = await addPhoto(env, fakeImage(4032, 3024, 'ring on velvet'), codec);

    const photo = (await env.db.photos.get(id)) as StoredPhoto;
    expect(id).toBe(await sha256(photo.full));
    expect(photo).toMatchObject({ state: 'local', type: 'image/jpeg', width: 1600, height: 1200, size: photo.full.size, addedAt: '2026-11-27T09:00:00.000Z' });
    expect(codec.encoded).toEqual([
      { width: 1600, height: 1200, type: 'image/jpeg', quality: 0.85 },
      { width: 240, height: 180, type: 'image/jpeg', quality: 0.85 },
    ]);
    expect(await photo.thumb.text()).toContain('240x180');
    expect(codec.closed).toBe(1); // the decoded pixels are freed
  });

  it('keeps a small picture at its own size', async () => {
    const env = testEnv();
    const codec = fakeCodec();
    const id = await addPhoto(env, fakeImage(300, 200), codec);
    expect(await env.db.photos.get(id)).toMatchObject({ width: 300, height: 200 });
    expect(codec.encoded.map((e) => `${e.width}x${e.height}`)).toEqual(['300x200', '240x160']);
  });

  it('the same picture twice is one photo, and its upload state is kept', async () => {
    const env = testEnv();
    const first = await addPhoto(env, fakeImage(800, 800, 'same'), fakeCodec());
    await env.db.photos.update(first, { state: 'uploaded' });
    const second = await addPhoto(env, fakeImage(800, 800, 'same'), fakeCodec());
    expect(second).toBe(first);
    expect(await env.db.photos.count()).toBe(1);
    expect((await env.db.photos.get(first))?.state).toBe('uploaded');
  });

  it('refuses files that are not images, empty, unreadable or absurdly large, with clear reasons', async () => {
    const env = testEnv();
    const codec = fakeCodec();
    expect(await reason(addPhoto(env, new Blob(['name,price'], { type: 'text/csv' }), codec))).toBe('photo-not-an-image');
    expect(await reason(addPhoto(env, new Blob([], { type: 'image/jpeg' }), codec))).toBe('photo-not-an-image');
    expect(await reason(addPhoto(env, new Blob(['garbage'], { type: 'image/jpeg' }), codec))).toBe('photo-not-an-image');
    expect(await reason(addPhoto(env, new Blob([new Uint8Array(25 * 1024 * 1024 + 1)], { type: 'image/jpeg' }), codec))).toBe('photo-too-large');
    expect(await reason(addPhoto(env, fakeImage(20_000, 20_000), codec))).toBe('photo-too-large');
    expect(codec.encoded).toEqual([]); // nothing was encoded for any of them…
    expect(await env.db.photos.count()).toBe(0); // …or stored
  });

  it('accepts a picture whose file has no type (some cameras) when it decodes', async () => {
    const env = testEnv();
    const id = await addPhoto(env, new Blob(['FAKEIMG 100x100 untyped']), fakeCodec());
    expect((await env.db.photos.get(id))?.state).toBe('local');
  });
});

describe('photos other devices took', () => {
  it('are wanted once named by a pulled record, and stored with a thumbnail made here', async () => {
    const env = testEnv();
    const full = new Blob(['FAKEIMG 1600x900 from the counter'], { type: 'image/jpeg' });
    const id = await sha256(full);
    const mine = await addPhoto(env, fakeImage(50, 50, 'mine'), fakeCodec());

    await wantPhotos(env.db, [id, mine], env.clock.now());
    expect(await wantedPhotos(env.db)).toEqual([id]); // the one this device already has is not wanted
    expect(await readPhoto(env.db, id, 'thumb')).toMatchObject({ state: 'wanted', blob: undefined });

    await storeDownloadedPhoto(env, id, full, fakeCodec());
    expect(await wantedPhotos(env.db)).toEqual([]);
    const view = await readPhoto(env.db, id, 'thumb');
    expect(view.state).toBe('remote');
    expect(await view.blob!.text()).toContain('240x135');
    expect(await (await readPhoto(env.db, id, 'full')).blob!.text()).toBe('FAKEIMG 1600x900 from the counter');
    expect(await env.db.photos.get(id)).toMatchObject({ width: 1600, height: 900 });
  });

  it('a download this device cannot decode still keeps its bytes (the full view doubles as thumbnail)', async () => {
    const env = testEnv();
    const full = new Blob(['not decodable here'], { type: 'image/heic' });
    const id = await sha256(full);
    await wantPhotos(env.db, [id], env.clock.now());
    await storeDownloadedPhoto(env, id, full, fakeCodec());
    expect(await (await readPhoto(env.db, id, 'thumb')).blob!.text()).toBe('not decodable here');
    expect(await env.db.photos.get(id)).toMatchObject({ state: 'remote', width: 0, height: 0 });
  });

  it('a photo no record of which exists reads as missing', async () => {
    expect(await readPhoto(testEnv().db, 'f'.repeat(64), 'thumb')).toMatchObject({ state: 'missing', blob: undefined });
  });
});

describe('schema v3', () => {
  it('a v2 device upgrades and can then find photos by state', async () => {
    const env = testEnv(schema.slice(0, 2));
    await env.db.items.put({ id: 'i1', productId: 'p1', sku: 'RNG-1', barcodes: [], tokens: ['ring'] });
    env.db.close();
    const upgraded = new TroveDb(env.name, schema);
    await upgraded.open();
    expect(upgraded.verno).toBe(SCHEMA_VERSION);
    expect(await upgraded.items.get('i1')).toMatchObject({ sku: 'RNG-1' });
    await addPhoto({ ...env, db: upgraded }, fakeImage(10, 10), fakeCodec());
    expect(await upgraded.photos.where('state').equals('local').count()).toBe(1);
    upgraded.close();
  });
});
