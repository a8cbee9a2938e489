import { DomainError, isDomainError } from '../domain/errors';
import { FULL_SIDE, MAX_INPUT_BYTES, MAX_INPUT_PIXELS, PHOTO_QUALITY, PHOTO_TYPE, THUMB_SIDE, fitWithin, toHex } from '../domain/photos';
import type { Env } from './commands/perform';
import type { TroveDb } from './db';
import { canvasCodec, type DecodedImage, type PhotoCodec } from './photo-codec';
import { isQuotaError } from './storage-pressure';

/**
 * Photos are content-addressed blobs, not mutations: a record names a photo by the SHA-256 of its
 * full-size bytes (`photoIds`), and the bytes travel separately (PUT/GET /v1/blobs/<sha256>).
 *
 * States: `local` (taken here, not on the server yet) → `uploaded`; `failed` (the server refused
 * it; `failure` says why; never retried on its own); `wanted` (a pulled record names it and this
 * device has no bytes yet) → `remote` (downloaded). When storage runs short, `uploaded` and
 * `remote` photos lose their bytes and become `wanted` again (storage-pressure.ts), so a later sync
 * downloads them once there is room; `local` and `failed` ones are never dropped.
 */
export type PhotoState = 'local' | 'uploaded' | 'failed' | 'remote';

export interface StoredPhoto {
  id: string;
  state: PhotoState;
  /** The full view (longest side ≤ 1600 px); its bytes are what `id` hashes. */
  full: Blob;
  /** Longest side ≤ 240 px, made on this device (or the full view where it could not be made). */
  thumb: Blob;
  type: string;
  /** Of the full view; 0 when unknown (a download this platform could not decode). */
  width: number;
  height: number;
  /** Bytes of the full view. */
  size: number;
  addedAt: string;
  failure?: { reason: string; message: string };
}

/** A placeholder: records refer to this photo, the bytes are still on the server. */
export interface WantedPhoto {
  id: string;
  state: 'wanted';
  wantedAt: string;
}

export type PhotoRecord = StoredPhoto | WantedPhoto;

/** SHA-256 as lowercase hex (needs a secure context: HTTPS or localhost, as the camera does). */
export async function sha256Hex(blob: Blob): Promise<string> {
  if (!globalThis.crypto?.subtle) throw new DomainError('photo-unsupported', 'Photos need a secure (HTTPS) connection to the app');
  return toHex(await crypto.subtle.digest('SHA-256', await blob.arrayBuffer()));
}

async function decode(codec: PhotoCodec, file: Blob): Promise<DecodedImage> {
  try {
    return await codec.decode(file);
  } catch (error) {
    if (isDomainError(error)) throw error;
    throw new DomainError('photo-not-an-image', 'That file is not a picture this device can read (JPEG and PNG always work)');
  }
}

/**
 * Stores a photo taken with the camera or picked from files: decoded once, downscaled to a full
 * view and a thumbnail, named by the hash of the full view's bytes. Returns its id. Adding the
 * same picture twice gives the same id and keeps the first copy.
 */
export async function addPhoto(env: Pick<Env, 'db' | 'clock'>, file: Blob, codec: PhotoCodec = canvasCodec): Promise<string> {
  if (file.type && !file.type.startsWith('image/'))
    throw new DomainError('photo-not-an-image', 'That file is not a photo', { type: file.type });
  if (file.size === 0) throw new DomainError('photo-not-an-image', 'That file is empty');
  if (file.size > MAX_INPUT_BYTES) {
    throw new DomainError('photo-too-large', `That file is ${Math.round(file.size / 1048576)} MB; photos up to 25 MB can be added`, {
      size: file.size,
    });
  }
  const image = await decode(codec, file);
  let full: Blob;
  let thumb: Blob;
  const fullSize = fitWithin(image, FULL_SIDE);
  try {
    if (image.width < 1 || image.height < 1) throw new DomainError('photo-not-an-image', 'That picture has no pixels');
    if (image.width * image.height > MAX_INPUT_PIXELS) {
      throw new DomainError('photo-too-large', `That picture is ${image.width}×${image.height} pixels, too many to prepare on this device`);
    }
    full = await image.encode(fullSize, PHOTO_TYPE, PHOTO_QUALITY);
    thumb = await image.encode(fitWithin(image, THUMB_SIDE), PHOTO_TYPE, PHOTO_QUALITY);
  } finally {
    image.close();
  }
  const id = await sha256Hex(full);
  const record: StoredPhoto = {
    id,
    state: 'local',
    full,
    thumb,
    type: full.type || PHOTO_TYPE,
    width: fullSize.width,
    height: fullSize.height,
    size: full.size,
    addedAt: new Date(env.clock.now()).toISOString(),
  };
  await env.db.transaction('rw', env.db.photos, async () => {
    const existing = await env.db.photos.get(id);
    // Same bytes already here: keep that copy (and its upload state). A `wanted` placeholder
    // becomes this copy; uploading it again is harmless (PUT is idempotent).
    if (!existing || existing.state === 'wanted') await env.db.photos.put(record);
  });
  return id;
}

// ——— What the sync client uses (src/sync/blobs.ts) ———

/** Ids of photos taken here that the server does not have yet, oldest first. */
export async function photosToUpload(db: TroveDb): Promise<string[]> {
  return db.photos.where('state').equals('local').primaryKeys();
}

export async function readStoredPhoto(db: TroveDb, id: string): Promise<StoredPhoto | undefined> {
  const row = await db.photos.get(id);
  return row && row.state !== 'wanted' ? row : undefined;
}

/** After an upload attempt: `uploaded`, or `failed` with the server's reason (shown on the photo). */
export async function markUpload(db: TroveDb, id: string, failure?: { reason: string; message: string }): Promise<void> {
  await db.transaction('rw', db.photos, async () => {
    const photo = await readStoredPhoto(db, id);
    if (photo) await db.photos.put(failure ? { ...photo, state: 'failed', failure } : { ...photo, state: 'uploaded', failure: undefined });
  });
}

/** Remembers photos pulled records refer to and this device lacks (kept until downloaded). */
export async function wantPhotos(db: TroveDb, ids: readonly string[], nowMs: number): Promise<void> {
  if (ids.length === 0) return;
  await db.transaction('rw', db.photos, async () => {
    const have = new Set(
      await db.photos
        .where('id')
        .anyOf([...ids])
        .primaryKeys(),
    );
    const wantedAt = new Date(nowMs).toISOString();
    const missing: WantedPhoto[] = ids.filter((id) => !have.has(id)).map((id) => ({ id, state: 'wanted', wantedAt }));
    await db.photos.bulkPut(missing);
  });
}

export async function wantedPhotos(db: TroveDb): Promise<string[]> {
  return db.photos.where('state').equals('wanted').primaryKeys();
}

/**
 * Stores a photo downloaded from the server (its hash already checked) and makes its thumbnail
 * here. Where this platform cannot decode it, the full view doubles as the thumbnail.
 */
export async function storeDownloadedPhoto(
  env: Pick<Env, 'db' | 'clock'>,
  id: string,
  full: Blob,
  codec: PhotoCodec = canvasCodec,
): Promise<void> {
  let thumb = full;
  let width = 0;
  let height = 0;
  try {
    const image = await codec.decode(full);
    try {
      ({ width, height } = image);
      thumb = await image.encode(fitWithin(image, THUMB_SIDE), PHOTO_TYPE, PHOTO_QUALITY);
    } finally {
      image.close();
    }
  } catch {
    // Keep the bytes anyway: the id is what records refer to, and the full view still shows.
  }
  const record: StoredPhoto = {
    id,
    state: 'remote',
    full,
    thumb,
    type: full.type || PHOTO_TYPE,
    width,
    height,
    size: full.size,
    addedAt: new Date(env.clock.now()).toISOString(),
  };
  try {
    await env.db.transaction('rw', env.db.photos, async () => {
      const existing = await env.db.photos.get(id);
      if (!existing || existing.state === 'wanted') await env.db.photos.put(record);
    });
  } catch (error) {
    // No room for it now: it stays `wanted` and a later sync tries again (a sale matters more).
    if (!isQuotaError(error)) throw error;
  }
}
