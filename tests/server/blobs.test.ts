import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { MAX_BLOB_BYTES } from '../../src/server/routes/blobs';
import { STORE_VARIANTS } from './helpers/databases';
import { request } from './helpers/http';
import { useSyncServer } from './helpers/sync';

const sha256 = (data: Buffer): string => createHash('sha256').update(data).digest('hex');

for (const variant of STORE_VARIANTS) {
  describe.skipIf(variant.skip)(`blobs ${variant.tag}`, () => {
    const sync = useSyncServer(variant);
    let token = '';
    const put = async (hash: string, body: Buffer, contentType = 'image/jpeg') => {
      token ||= (await sync.pair('staff')).token;
      return request(sync.url, `/v1/blobs/${hash}`, {
        method: 'PUT',
        headers: { authorization: `Bearer ${token}`, 'content-type': contentType },
        body,
      });
    };
    const get = async (hash: string, headers: Record<string, string> = {}) => {
      token ||= (await sync.pair('staff')).token;
      return request(sync.url, `/v1/blobs/${hash}`, { headers: { authorization: `Bearer ${token}`, ...headers } });
    };

    it('stores a blob under its sha256 and serves the same bytes, type and immutable caching', async () => {
      // Every byte value, so a text conversion anywhere on the way would show.
      const photo = Buffer.from(Array.from({ length: 4096 }, (_, i) => i % 256));
      const hash = sha256(photo);
      const created = await put(hash, photo);
      expect(created.status).toBe(201);
      expect(created.json()).toEqual({ sha256: hash, size: photo.length });

      const res = await get(hash);
      expect(res.status).toBe(200);
      expect(res.body.equals(photo)).toBe(true);
      expect(res.headers['content-type']).toBe('image/jpeg');
      expect(res.headers['cache-control']).toBe('private, max-age=31536000, immutable');
      expect((await get(hash, { 'if-none-match': `"${hash}"` })).status).toBe(304);
    });

    it('is idempotent: the same blob again answers 200 and keeps one copy', async () => {
      const photo = Buffer.from('the same ring, photographed once');
      const hash = sha256(photo);
      expect((await put(hash, photo, 'image/png')).status).toBe(201);
      const again = await put(hash, photo, 'image/png');
      expect(again.status).toBe(200);
      expect(again.json()).toEqual({ sha256: hash, size: photo.length });
      const rows = await sync.server.store.db.selectFrom('blobs').select('hash').where('hash', '=', hash).execute();
      expect(rows).toHaveLength(1);
    });

    it('refuses a body that does not hash to the name (400 hash-mismatch) and stores nothing', async () => {
      const hash = sha256(Buffer.from('what was promised'));
      const res = await put(hash, Buffer.from('what was sent'));
      expect(res.status).toBe(400);
      expect(res.json()).toMatchObject({ error: 'hash-mismatch' });
      expect((await get(hash)).status).toBe(404);
    });

    it('answers 404 not-found for an unknown blob and 400 for a name that is not a sha256', async () => {
      const missing = await get(sha256(Buffer.from('never uploaded')));
      expect(missing.status).toBe(404);
      expect(missing.json()).toMatchObject({ error: 'not-found' });
      expect((await get('ABC')).status).toBe(400);
      expect((await get('A'.repeat(64))).status).toBe(400);
    });

    it('answers 413 for a blob over the size limit', async () => {
      const big = Buffer.alloc(MAX_BLOB_BYTES + 1, 1);
      const res = await put(sha256(big), big);
      expect(res.status).toBe(413);
      expect(res.json()).toMatchObject({ error: 'payload-too-large' });
    });
  });
}
