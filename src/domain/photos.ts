/**
 * Product photos, the pure parts: how big the stored images are, how a photo is named (the
 * lowercase hex SHA-256 of its full-size bytes, so the same bytes are the same photo on every
 * device and on the server) and which photos a synced record refers to.
 */

/** Longest side of the stored full view: sharp on a 10" tablet, a few hundred KB as JPEG. */
export const FULL_SIDE = 1600;
/** Longest side of the thumbnail shown in lists, search results and the register (2× a 48–120 px box). */
export const THUMB_SIDE = 240;
/** JPEG everywhere: every browser encodes it (Safari's canvas cannot write WebP). */
export const PHOTO_TYPE = 'image/jpeg';
export const PHOTO_QUALITY = 0.85;
/** A file bigger than this is not a product photo (a 48 MP RAW-ish export, a video…). */
export const MAX_INPUT_BYTES = 25 * 1024 * 1024;
/** Decoding more pixels than this would exhaust a tablet's memory (e.g. a decompression bomb). */
export const MAX_INPUT_PIXELS = 100_000_000;
/** The server refuses bigger blobs (src/server/routes/blobs.ts); a 1600 px JPEG is far below it. */
export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;

const PHOTO_ID = /^[0-9a-f]{64}$/;

export function isPhotoId(id: string): boolean {
  return PHOTO_ID.test(id);
}

export interface Size {
  width: number;
  height: number;
}

/**
 * The size of an image scaled so its longest side is at most `maxSide`, keeping the aspect ratio.
 * Never upscales (a small photo stays as sharp as it is); never returns a side below 1 px.
 */
export function fitWithin(source: Size, maxSide: number): Size {
  const longest = Math.max(source.width, source.height);
  if (longest <= maxSide) return { width: source.width, height: source.height };
  const scale = maxSide / longest;
  return {
    width: Math.max(1, Math.round(source.width * scale)),
    height: Math.max(1, Math.round(source.height * scale)),
  };
}

/** Bytes as lowercase hex (how SHA-256 digests name photos, matching the server's). */
export function toHex(bytes: ArrayBuffer | Uint8Array): string {
  const view = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
  let hex = '';
  for (const byte of view) hex += byte.toString(16).padStart(2, '0');
  return hex;
}

/** Tables whose records carry `values.photoIds` (catalogue products and items). */
const PHOTO_TABLES: ReadonlySet<string> = new Set(['products', 'items']);

/** The photo ids that synced records (as pulled: `{ table, data }`) refer to, without repeats. */
export function photoIdsIn(records: readonly { table: string; data: unknown }[]): string[] {
  const ids = new Set<string>();
  for (const record of records) {
    if (!PHOTO_TABLES.has(record.table)) continue;
    const values = (record.data as { values?: { photoIds?: unknown } } | null)?.values;
    const list = values?.photoIds;
    if (!Array.isArray(list)) continue;
    for (const id of list) if (typeof id === 'string' && isPhotoId(id)) ids.add(id);
  }
  return [...ids];
}
