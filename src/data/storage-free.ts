import type { TroveDb } from './db';
import type { StoredPhoto, WantedPhoto } from './photos';

/** Freeing space under storage pressure (see storage-pressure.ts for when); loaded on demand. */

export interface FreedSpace {
  /** Photos whose bytes were dropped (each now a `wanted` placeholder). */
  photos: number;
  /** Bytes of their full views and thumbnails. */
  bytes: number;
}

/**
 * Drops the full views and thumbnails of photos that are safe on the server, oldest first, until
 * `targetBytes` are freed (all of them without a target). Never a photo still to upload.
 */
export async function freeSpace(db: TroveDb, nowMs: number, targetBytes = Infinity): Promise<FreedSpace> {
  return db.transaction('rw', db.photos, async () => {
    const synced = (await db.photos.where('state').anyOf('uploaded', 'remote').toArray()) as StoredPhoto[];
    synced.sort((a, b) => a.addedAt.localeCompare(b.addedAt));
    const dropped: WantedPhoto[] = [];
    let bytes = 0;
    for (const photo of synced) {
      if (bytes >= targetBytes) break;
      bytes += (photo.full?.size ?? 0) + (photo.thumb && photo.thumb !== photo.full ? photo.thumb.size : 0);
      dropped.push({ id: photo.id, state: 'wanted', wantedAt: new Date(nowMs).toISOString() });
    }
    await db.photos.bulkPut(dropped);
    return { photos: dropped.length, bytes };
  });
}
