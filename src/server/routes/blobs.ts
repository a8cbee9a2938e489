import { authenticate } from '../auth/authenticate';
import { sha256Hex } from '../auth/secrets';
import { HttpError } from '../http/http-error';
import { readBody, sendJson } from '../http/json';
import type { Router } from '../http/router';
import type { Store } from '../store/open-store';

/** Photos are the only blobs; a phone camera JPEG is a few MB. */
export const MAX_BLOB_BYTES = 10 * 1024 * 1024;
const SHA256 = /^[0-9a-f]{64}$/;
/** type/subtype with optional parameters; anything else is stored as opaque bytes. */
const CONTENT_TYPE = /^[\w.+-]+\/[\w.+-]+(?:\s*;\s*[\w.+-]+=[\w.+-]+)*$/;

function checkHash(hash: string | undefined): string {
  if (hash === undefined || !SHA256.test(hash)) {
    throw new HttpError(400, 'invalid-hash', 'A blob is named by its sha256 as 64 lower-case hex digits');
  }
  return hash;
}

/**
 * Content-addressed blobs: PUT is idempotent (201 new, 200 already there), GET is immutable
 * (the name is the content's hash), so the device may cache it forever.
 */
export function registerBlobRoutes(router: Router, store: Store): void {
  router.put('/v1/blobs/:sha256', async ({ req, res, params }) => {
    await authenticate(store, req);
    const hash = checkHash(params.sha256);
    const content = await readBody(req, MAX_BLOB_BYTES);
    if (sha256Hex(content) !== hash) {
      throw new HttpError(400, 'hash-mismatch', 'The body does not hash to the sha256 in the path');
    }
    const declared = req.headers['content-type']?.trim() ?? '';
    const contentType = declared.length <= 200 && CONTENT_TYPE.test(declared) ? declared : 'application/octet-stream';
    const inserted = await store.db
      .insertInto('blobs')
      .values({ hash, content, content_type: contentType, size: content.length, created_at: new Date().toISOString() })
      .onConflict((oc) => oc.column('hash').doNothing())
      .executeTakeFirst();
    sendJson(res, Number(inserted.numInsertedOrUpdatedRows ?? 0n) > 0 ? 201 : 200, { sha256: hash, size: content.length });
  });

  router.get('/v1/blobs/:sha256', async ({ req, res, params }) => {
    await authenticate(store, req);
    const hash = checkHash(params.sha256);
    const etag = `"${hash}"`;
    if ((req.headers['if-none-match'] ?? '').split(',').some((tag) => tag.trim() === etag)) {
      res.writeHead(304, { ETag: etag }).end();
      return;
    }
    const blob = await store.db.selectFrom('blobs').select(['content', 'content_type']).where('hash', '=', hash).executeTakeFirst();
    if (blob === undefined) throw new HttpError(404, 'not-found', 'No blob with that sha256 has been uploaded');
    res.writeHead(200, {
      'Content-Type': blob.content_type,
      'Content-Length': String(blob.content.length),
      'Cache-Control': 'private, max-age=31536000, immutable',
      ETag: etag,
    });
    res.end(req.method === 'HEAD' ? undefined : blob.content);
  });
}
