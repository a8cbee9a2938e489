import { afterEach, describe, expect, it } from 'vitest';
import { completeSale, type SaleInput } from '../../src/data/commands/sales';
import { perform, type Env } from '../../src/data/commands/perform';
import { storeDownloadedPhoto, wantedPhotos, type PhotoRecord } from '../../src/data/photos';
import { readPhoto } from '../../src/data/queries/photos';
import { checkPressure, isQuotaError, resetPressureCheck, storageFullError } from '../../src/data/storage-pressure';
import { freeSpace } from '../../src/data/storage-free';
import { isDomainError } from '../../src/domain/errors';
import { testEnv } from '../factories/env';
import { fakeCodec, fakeImage } from '../factories/photo-codec';
import { registerShop, ringLine } from '../factories/register-shop';

const quota = () => new DOMException('The quota has been exceeded.', 'QuotaExceededError');

/**
 * fake-indexeddb has no quota: the device is "full" by making a table refuse new rows with the
 * browser's QuotaExceededError — `times` times (Infinity: until the test lifts it).
 */
function fillUp(env: Env, table: string, times = Infinity): { attempts: number; lift: () => void } {
  const t = env.db.table(table);
  const state = {
    attempts: 0,
    lift: () => {
      t.hook('creating').unsubscribe(refuse);
      t.hook('updating').unsubscribe(refuse);
    },
  };
  function refuse(): void {
    state.attempts += 1;
    if (state.attempts <= times) throw quota();
  }
  t.hook('creating', refuse);
  // Rewriting a row with bigger contents (a placeholder getting its bytes) needs room too.
  if (table === 'photos') t.hook('updating', refuse);
  return state;
}

/** Photos in every state, 1 KB full views and 100-byte thumbnails, oldest first by id. */
async function somePhotos(env: Env): Promise<void> {
  const photo = (id: string, state: 'local' | 'uploaded' | 'failed' | 'remote', day: number): PhotoRecord => ({
    id,
    state,
    full: new Blob([new Uint8Array(1000)], { type: 'image/webp' }),
    thumb: new Blob([new Uint8Array(100)], { type: 'image/webp' }),
    type: 'image/webp',
    width: 100,
    height: 100,
    size: 1000,
    addedAt: `2026-11-0${day}T09:00:00.000Z`,
    ...(state === 'failed' ? { failure: { reason: 'photo-too-large', message: 'too large' } } : {}),
  });
  await env.db.photos.bulkPut([
    photo('a-uploaded', 'uploaded', 1),
    photo('b-remote', 'remote', 2),
    photo('c-local', 'local', 3),
    photo('d-failed', 'failed', 4),
    photo('e-uploaded', 'uploaded', 5),
    { id: 'f-wanted', state: 'wanted', wantedAt: '2026-11-06T09:00:00.000Z' },
  ]);
}

const states = async (env: Env) => Object.fromEntries((await env.db.photos.toArray()).map((p) => [p.id, p.state]));

function sale(env: Env, shop: Awaited<ReturnType<typeof registerShop>>, quantity = 1): SaleInput {
  return {
    shiftId: shop.shiftId,
    locationId: shop.floor,
    lines: [ringLine(env, shop.ring, quantity)],
    saleDiscount: null,
    tenders: [{ kind: 'cash', amount: 3000 * quantity, method: null, reference: null }],
    staffId: null,
    approvedBy: null,
    customerId: null,
  };
}

afterEach(() => resetPressureCheck());

describe('freeing storage', () => {
  it('drops only photos the server has (uploaded, remote), oldest first, never local or failed ones', async () => {
    const env = testEnv();
    await somePhotos(env);
    // A target of 1 byte: only the oldest synced photo goes.
    expect(await freeSpace(env.db, env.clock.now(), 1)).toEqual({ photos: 1, bytes: 1100 });
    expect(await states(env)).toEqual({
      'a-uploaded': 'wanted',
      'b-remote': 'remote',
      'c-local': 'local',
      'd-failed': 'failed',
      'e-uploaded': 'uploaded',
      'f-wanted': 'wanted',
    });
    expect(await freeSpace(env.db, env.clock.now())).toEqual({ photos: 2, bytes: 2200 });
    expect(await states(env)).toEqual({
      'a-uploaded': 'wanted',
      'b-remote': 'wanted',
      'c-local': 'local',
      'd-failed': 'failed',
      'e-uploaded': 'wanted',
      'f-wanted': 'wanted',
    });
    // The not-yet-uploaded photos keep their bytes; a dropped one shows as a placeholder.
    expect((await readPhoto(env.db, 'c-local', 'full')).blob?.size).toBe(1000);
    expect(await readPhoto(env.db, 'e-uploaded', 'thumb')).toMatchObject({ state: 'wanted', blob: undefined });
    expect(await freeSpace(env.db, env.clock.now())).toEqual({ photos: 0, bytes: 0 });
  });

  it('a dropped photo downloads again later, and a download with no room stays wanted instead of failing the sync', async () => {
    const env = testEnv();
    await somePhotos(env);
    await freeSpace(env.db, env.clock.now());
    // The next sync's download list holds the dropped ones (src/sync/blobs.ts downloads `wantedPhotos`).
    expect((await wantedPhotos(env.db)).sort()).toEqual(['a-uploaded', 'b-remote', 'e-uploaded', 'f-wanted']);
    const full = fakeImage(400, 300, 'again');
    const disk = fillUp(env, 'photos');
    await storeDownloadedPhoto(env, 'b-remote', full, fakeCodec());
    expect((await env.db.photos.get('b-remote'))?.state).toBe('wanted');
    disk.lift();
    await storeDownloadedPhoto(env, 'b-remote', full, fakeCodec());
    expect((await env.db.photos.get('b-remote'))?.state).toBe('remote');
  });

  it('above 90% of the quota, frees synced photos after a write; below it, drops nothing', async () => {
    const env = testEnv();
    await somePhotos(env);
    const calm = { estimate: async () => ({ usage: 50, quota: 100 }) } as unknown as StorageManager;
    expect(await checkPressure(env, calm)).toBeUndefined();
    expect((await states(env))['a-uploaded']).toBe('uploaded');
    resetPressureCheck();
    // 9,500 of 10,000 bytes used: aims for 80%, so 1,500 bytes → two synced photos (1,100 each).
    const tight = { estimate: async () => ({ usage: 9_500, quota: 10_000 }) } as unknown as StorageManager;
    expect(await checkPressure(env, tight)).toEqual({ photos: 2, bytes: 2200 });
    expect(await states(env)).toMatchObject({ 'a-uploaded': 'wanted', 'b-remote': 'wanted', 'c-local': 'local', 'e-uploaded': 'uploaded' });
  });

  it('recognises the quota error however Dexie wraps it', () => {
    expect(isQuotaError(quota())).toBe(true);
    expect(isQuotaError({ name: 'AbortError', inner: quota() })).toBe(true);
    expect(isQuotaError({ name: 'BulkError', failures: [quota()] })).toBe(true);
    expect(isQuotaError(new Error('disk on fire'))).toBe(false);
    expect(isQuotaError(undefined)).toBe(false);
  });
});

describe('a sale when the device is full', () => {
  it('frees synced photos and saves the sale on the one retry', async () => {
    const env = testEnv();
    const shop = await registerShop(env);
    await somePhotos(env);
    const outbox = await env.db.outbox.count();
    const disk = fillUp(env, 'outbox', 1);
    const done = await completeSale(env, sale(env, shop));
    disk.lift();
    expect(disk.attempts).toBe(2);
    expect(await env.db.sales.get(done.saleId)).toBeDefined();
    expect(done.receiptNumber).toMatch(/-000001$/);
    expect(await env.db.outbox.count()).toBe(outbox + 1);
    expect(await states(env)).toMatchObject({
      'a-uploaded': 'wanted',
      'b-remote': 'wanted',
      'e-uploaded': 'wanted',
      'c-local': 'local',
      'd-failed': 'failed',
    });
  });

  it('still full after freeing: storage-full with a clear message, and nothing of the sale was written', async () => {
    const env = testEnv();
    const shop = await registerShop(env);
    await somePhotos(env);
    await completeSale(env, sale(env, shop)); // an earlier sale, still in the outbox
    const before = {
      sales: await env.db.sales.toArray(),
      outbox: await env.db.outbox.toArray(),
      events: await env.db.stockEvents.count(),
      lots: await env.db.lots.toArray(),
      levels: await env.db.stockLevels.toArray(),
      receiptSeq: (await env.db.syncState.get('device'))?.receiptSeq,
    };
    const disk = fillUp(env, 'outbox');
    const error = await completeSale(env, sale(env, shop, 2)).catch((e: unknown) => e);
    disk.lift();
    expect(disk.attempts).toBe(2); // tried once more after freeing, no more
    expect(isDomainError(error, 'storage-full')).toBe(true);
    expect((error as Error).message).toBe(storageFullError('the sale').message);
    expect((error as Error).message).toMatch(/storage is full: the sale was NOT saved\. Nothing was lost/);
    expect(await env.db.sales.toArray()).toEqual(before.sales);
    expect(await env.db.outbox.toArray()).toEqual(before.outbox);
    expect(await env.db.stockEvents.count()).toBe(before.events);
    expect(await env.db.lots.toArray()).toEqual(before.lots);
    expect(await env.db.stockLevels.toArray()).toEqual(before.levels);
    expect((await env.db.syncState.get('device'))?.receiptSeq).toBe(before.receiptSeq);
    // The photos not on the server yet kept their bytes.
    expect(await states(env)).toMatchObject({ 'c-local': 'local', 'd-failed': 'failed' });
    // With room again the next sale takes the very next number.
    const next = await completeSale(env, sale(env, shop));
    expect(next.receiptNumber).toMatch(/-000002$/);
  });

  it('any other write (through perform) gets the same retry and the same clear refusal', async () => {
    const env = testEnv();
    await somePhotos(env);
    let disk = fillUp(env, 'outbox', 1);
    await perform(env, 'settings.update', { patch: { shopName: 'Maison Or' } });
    disk.lift();
    expect(await env.db.outbox.count()).toBe(1);
    disk = fillUp(env, 'outbox');
    const error = await perform(env, 'settings.update', { patch: { shopName: 'Maison Argent' } }).catch((e: unknown) => e);
    disk.lift();
    expect(isDomainError(error, 'storage-full')).toBe(true);
    expect((error as Error).message).toMatch(/this change was NOT saved/);
    expect(await env.db.outbox.count()).toBe(1);
    expect(await states(env)).toMatchObject({ 'c-local': 'local', 'd-failed': 'failed' });
  });

  it('other failures are not mistaken for a full device and are not retried', async () => {
    const env = testEnv();
    const shop = await registerShop(env);
    let attempts = 0;
    const fail = () => {
      attempts += 1;
      throw new Error('disk on fire');
    };
    env.db.outbox.hook('creating', fail);
    await expect(completeSale(env, sale(env, shop))).rejects.toThrow(/disk on fire/);
    env.db.outbox.hook('creating').unsubscribe(fail);
    expect(attempts).toBe(1);
  });
});
