import { MAX_UPLOAD_BYTES } from '../domain/photos';
import type { Clock } from '../domain/clock';
import type { TroveDb } from '../data/db';
import type { PhotoCodec } from '../data/photo-codec';
import { markUpload, photosToUpload, readStoredPhoto, sha256Hex, storeDownloadedPhoto, wantedPhotos } from '../data/photos';
import { SyncHttpError, type Transport } from './http';

/**
 * Photo blobs beside the mutation sync (ARCHITECTURE.md §10 "Protocol details"): photos are
 * content-addressed, so both directions are idempotent and need no bookkeeping on the server.
 * Neither direction ever fails a sync: a refused photo is marked with its reason, a photo not on
 * the server yet (or a dropped connection) just waits for the next run.
 */
export interface BlobDeps {
  db: TroveDb;
  clock: Clock;
  transport: Transport;
  /** Makes thumbnails of downloaded photos (the browser's canvas unless a test passes a fake). */
  photoCodec?: PhotoCodec;
}

export interface PhotoFailure {
  id: string;
  reason: string;
  message: string;
}

export interface PhotoTransfer {
  uploaded: number;
  downloaded: number;
  /** Photos the server refused this run (also stored on the photo, so screens can show why). */
  failed: PhotoFailure[];
}

const path = (id: string) => `/v1/blobs/${id}`;

/** 400 (hash-mismatch, invalid-hash) and 413 (too big) would fail again: the photo stops trying. */
const refused = (error: unknown): error is SyncHttpError => error instanceof SyncHttpError && (error.status === 400 || error.status === 413);

/** Uploads every photo taken here that the server lacks, oldest first. */
export async function uploadPhotos(deps: BlobDeps, token: string, outcome: PhotoTransfer): Promise<void> {
  const { db, transport } = deps;
  if (!transport.putBytes) return;
  for (const id of await photosToUpload(db)) {
    const photo = await readStoredPhoto(db, id);
    if (!photo) continue;
    if (photo.size > MAX_UPLOAD_BYTES) {
      const failure = { reason: 'photo-too-large', message: 'This photo is too large for the sync server' };
      await markUpload(db, id, failure);
      outcome.failed.push({ id, ...failure });
      continue;
    }
    try {
      await transport.putBytes(path(id), photo.full, token); // 201 new, 200 already there: both done
      await markUpload(db, id);
      outcome.uploaded += 1;
    } catch (error) {
      if (!refused(error)) return; // offline, server down, token revoked: the push will say so
      const failure = { reason: error.reason, message: `The server refused this photo: ${error.message}` };
      await markUpload(db, id, failure);
      outcome.failed.push({ id, ...failure });
    }
  }
}

/** Downloads the photos pulled records refer to that this device lacks. */
export async function downloadPhotos(deps: BlobDeps, token: string, outcome: PhotoTransfer): Promise<void> {
  const { db, transport } = deps;
  if (!transport.getBytes) return;
  for (const id of await wantedPhotos(db)) {
    let blob: Blob;
    try {
      blob = await transport.getBytes(path(id), token);
    } catch (error) {
      if (error instanceof SyncHttpError && error.status === 404) continue; // its device has not uploaded it yet
      return; // offline or the server is unwell: the rest wait for the next sync
    }
    // The name is the content's hash: bytes that do not match are not this photo (keep waiting).
    // (Without WebCrypto — plain HTTP — trust the server, which checked the hash on upload.)
    if ((await sha256Hex(blob).catch(() => id)) !== id) continue;
    await storeDownloadedPhoto(deps, id, blob, deps.photoCodec);
    outcome.downloaded += 1;
  }
}
