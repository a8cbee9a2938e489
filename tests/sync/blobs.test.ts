// @vitest-environment node
// Node, not happy-dom: happy-dom's Blob does not survive fake-indexeddb's structured clone, Node's does.
import { describe, expect, it } from 'vitest';
import { syncOnce } from '../../src/sync/client';
import { SyncHttpError, type Transport } from '../../src/sync/http';
import { savePairing } from '../../src/data/sync-store';
import { addPhoto, type StoredPhoto } from '../../src/data/photos';
import { perform } from '../../src/data/commands/perform';
import { toHex } from '../../src/domain/photos';
import type { PullResponse, PushResponse, SyncedRecord } from '../../src/domain/sync/protocol';
import type { Mutation } from '../../src/domain/sync/mutation';
import { testEnv } from '../factories/env';
import { fakeCodec, fakeImage } from '../factories/photo-codec';

const sha256 = async (blob: Blob) => toHex(await crypto.subtle.digest('SHA-256', await blob.arrayBuffer()));

/**
 * A server in memory: acknowledges every push, serves `records` on pull, and keeps blobs by
 * hash (checking the hash like the real one). `calls` records the order of requests.
 */
class FakeServer implements Transport {
  calls: string[] = [];
  blobs = new Map<string, Blob>();
  records: SyncedRecord[] = [];
  pushed: Mutation[] = [];
  /** Answers for PUT/GET by blob id, instead of the normal behaviour. */
  failPut = new Map<string, SyncHttpError>();
  failGet = new Map<string, SyncHttpError>();
  #last = 0;

  async request<T>(method: string, path: string, body?: unknown, _token?: string): Promise<T> {
    this.calls.push(`${method} ${path}`);
    if (path === '/v1/sync/push') {
      const { mutations } = body as { mutations: Mutation[] };
      this.pushed.push(...mutations);
      this.#last = mutations.at(-1)?.id ?? this.#last;
      const response: PushResponse = { lastMutationId: this.#last, results: mutations.map((m) => ({ id: m.id, status: 'applied' })) };
      return response as T;
    }
    const { cursor } = body as { cursor: number };
    const records = this.records.filter((r) => r.version > cursor);
    const response: PullResponse = {
      cursor: records.at(-1)?.version ?? cursor,
      hasMore: false,
      events: [],
      records,
      lastMutationIds: { 'dev-a': this.#last },
      hlc: '000000000000000-0000-server',
    };
    return response as T;
  }

  async putBytes(path: string, body: Blob): Promise<number> {
    this.calls.push(`PUT ${path}`);
    const id = path.split('/').at(-1)!;
    const failure = this.failPut.get(id);
    if (failure) throw failure;
    if ((await sha256(body)) !== id) throw new SyncHttpError(400, 'hash-mismatch', 'The body does not hash to the sha256 in the path');
    const known = this.blobs.has(id);
    this.blobs.set(id, body);
    return known ? 200 : 201;
  }

  async getBytes(path: string): Promise<Blob> {
    this.calls.push(`GET ${path}`);
    const id = path.split('/').at(-1)!;
    const failure = this.failGet.get(id);
    if (failure) throw failure;
    const blob = this.blobs.get(id);
    if (!blob) throw new SyncHttpError(404, 'not-found', 'No blob with that sha256 has been uploaded');
    return blob;
  }
}

async function pairedDevice() {
  const env = testEnv();
  await savePairing(env.db, env.random, { deviceId: 'dev-a', token: 't', registerCode: 'R1', role: 'owner', deviceName: 'Counter' });
  return env;
}

/** A pulled item naming `photoIds`, as another device's edit would arrive. */
function itemRecord(version: number, photoIds: string[]): SyncedRecord {
  const id = '01900000-0000-7000-8000-000000000001';
  return { table: 'items', id, version, data: { id, productId: 'p', sku: 'RNG-1', barcodes: [], tokens: [], values: { photoIds }, clocks: {} } };
}

describe('uploading photos', () => {
  it('photos taken offline go up before the mutations that name them, once', async () => {
    const env = await pairedDevice();
    const server = new FakeServer();
    const id = await addPhoto(env, fakeImage(2000, 1000), fakeCodec());
    await perform(env, 'settings.update', { patch: { shopName: 'Atelier Lune' } });

    const outcome = await syncOnce({ ...env, transport: server });
    expect(server.calls.slice(0, 2)).toEqual([`PUT /v1/blobs/${id}`, 'POST /v1/sync/push']);
    expect(outcome.photos).toMatchObject({ uploaded: 1, failed: [] });
    expect(await server.blobs.get(id)!.text()).toContain('1600x800');
    expect((await env.db.photos.get(id))?.state).toBe('uploaded');

    server.calls = [];
    await syncOnce({ ...env, transport: server });
    expect(server.calls.filter((c) => c.startsWith('PUT'))).toEqual([]);
  });

  it('a photo the server refuses is marked with the reason and never holds up the outbox', async () => {
    const env = await pairedDevice();
    const server = new FakeServer();
    const refused = await addPhoto(env, fakeImage(100, 100, 'refused'), fakeCodec());
    const fine = await addPhoto(env, fakeImage(100, 100, 'fine'), fakeCodec());
    server.failPut.set(refused, new SyncHttpError(413, 'payload-too-large', 'The body is over the limit'));
    await perform(env, 'settings.update', { patch: { shopName: 'Atelier Lune' } });

    const outcome = await syncOnce({ ...env, transport: server });
    expect(outcome.photos.failed).toEqual([{ id: refused, reason: 'payload-too-large', message: 'The server refused this photo: The body is over the limit' }]);
    expect(server.pushed.map((m) => m.name)).toEqual(['settings.update']);
    expect(await env.db.outbox.count()).toBe(0);
    expect(await env.db.photos.get(refused)).toMatchObject({ state: 'failed', failure: { reason: 'payload-too-large' } });
    expect((await env.db.photos.get(fine))?.state).toBe('uploaded'); // the next one still went

    server.calls = [];
    await syncOnce({ ...env, transport: server });
    expect(server.calls).not.toContain(`PUT /v1/blobs/${refused}`); // it would fail again: not retried
  });

  it('bytes that do not match their name are refused (400 hash-mismatch) and marked', async () => {
    const env = await pairedDevice();
    const id = await addPhoto(env, fakeImage(100, 100), fakeCodec());
    const photo = (await env.db.photos.get(id)) as StoredPhoto;
    await env.db.photos.put({ ...photo, full: new Blob(['tampered'], { type: 'image/jpeg' }) });
    await syncOnce({ ...env, transport: new FakeServer() });
    expect(await env.db.photos.get(id)).toMatchObject({ state: 'failed', failure: { reason: 'hash-mismatch' } });
  });

  it('a dropped connection leaves the photo waiting for the next sync', async () => {
    const env = await pairedDevice();
    const server = new FakeServer();
    const id = await addPhoto(env, fakeImage(100, 100), fakeCodec());
    server.failPut.set(id, new SyncHttpError(0, 'unreachable', 'The sync server cannot be reached'));
    const outcome = await syncOnce({ ...env, transport: server });
    expect(outcome.photos).toMatchObject({ uploaded: 0, failed: [] });
    expect((await env.db.photos.get(id))?.state).toBe('local');

    server.failPut.clear();
    await syncOnce({ ...env, transport: server });
    expect((await env.db.photos.get(id))?.state).toBe('uploaded');
  });

  it('a transport without binary support (JSON only) syncs mutations and leaves photos waiting', async () => {
    const env = await pairedDevice();
    const server = new FakeServer();
    const jsonOnly: Transport = { request: (method, path, body, token) => server.request(method, path, body, token) };
    const id = await addPhoto(env, fakeImage(100, 100), fakeCodec());
    await perform(env, 'settings.update', { patch: { shopName: 'Atelier Lune' } });
    await syncOnce({ ...env, transport: jsonOnly });
    expect(await env.db.outbox.count()).toBe(0);
    expect((await env.db.photos.get(id))?.state).toBe('local');
  });
});

describe('downloading photos', () => {
  it('fetches photos pulled records name, makes the thumbnail here, and waits on a 404', async () => {
    const env = await pairedDevice();
    const server = new FakeServer();
    const there = new Blob(['FAKEIMG 1600x1200 from the stall'], { type: 'image/jpeg' });
    const notYet = new Blob(['FAKEIMG 1600x1200 not uploaded yet'], { type: 'image/jpeg' });
    const [thereId, notYetId] = [await sha256(there), await sha256(notYet)];
    server.blobs.set(thereId, there);
    server.records = [itemRecord(1, [thereId, notYetId])];

    const outcome = await syncOnce({ ...env, transport: server, photoCodec: fakeCodec() });
    expect(outcome.photos.downloaded).toBe(1);
    const stored = (await env.db.photos.get(thereId)) as StoredPhoto;
    expect(stored).toMatchObject({ state: 'remote', width: 1600, height: 1200 });
    expect(await stored.full.text()).toBe('FAKEIMG 1600x1200 from the stall');
    expect(await stored.thumb.text()).toContain('240x180');
    expect((await env.db.photos.get(notYetId))?.state).toBe('wanted');
    expect((await env.db.syncState.get('device'))?.lastError).toBeUndefined(); // the 404 did not fail the sync

    server.blobs.set(notYetId, notYet); // its device uploads it later; no new record is needed
    await syncOnce({ ...env, transport: server, photoCodec: fakeCodec() });
    expect((await env.db.photos.get(notYetId))?.state).toBe('remote');
  });

  it('bytes that do not hash to the name are not kept; an outage leaves the rest for later', async () => {
    const env = await pairedDevice();
    const server = new FakeServer();
    const a = 'a'.repeat(64);
    const b = 'b'.repeat(64);
    server.blobs.set(a, new Blob(['something else'], { type: 'image/jpeg' }));
    server.failGet.set(b, new SyncHttpError(503, 'http-503', 'Unavailable'));
    server.records = [itemRecord(1, [a, b])];
    await syncOnce({ ...env, transport: server, photoCodec: fakeCodec() });
    expect((await env.db.photos.get(a))?.state).toBe('wanted');
    expect((await env.db.photos.get(b))?.state).toBe('wanted');
  });
});
