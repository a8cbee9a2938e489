import type { TroveDb } from '../db';
import type { PhotoState } from '../photos';

/** What a screen needs to show one photo. */
export interface PhotoView {
  id: string;
  /** `missing`: no record of it on this device at all (e.g. a record from a CSV import). */
  state: PhotoState | 'wanted' | 'missing';
  /** The requested size, once the bytes are on this device. */
  blob: Blob | undefined;
  /** Why the server refused it (state `failed`). */
  failure: string | undefined;
}

/** One photo at `size` (the thumbnail for lists, the full view for a close look). */
export async function readPhoto(db: TroveDb, id: string, size: 'thumb' | 'full'): Promise<PhotoView> {
  const row = await db.photos.get(id);
  if (!row) return { id, state: 'missing', blob: undefined, failure: undefined };
  if (row.state === 'wanted') return { id, state: 'wanted', blob: undefined, failure: undefined };
  return { id, state: row.state, blob: size === 'thumb' ? row.thumb : row.full, failure: row.failure?.message };
}
