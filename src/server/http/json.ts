import type { IncomingMessage, ServerResponse } from 'node:http';
import { HttpError } from './http-error';

/**
 * Sends `body` as JSON. API answers are never cached: IndexedDB on the device is the source of
 * truth, a cached sync response would only be stale. HEAD gets the headers without the body.
 */
export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Readonly<Record<string, string>> = {}): void {
  const payload = Buffer.from(JSON.stringify(body), 'utf8');
  res.writeHead(status, {
    ...headers,
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': String(payload.length),
    'Cache-Control': 'no-store',
  });
  res.end(res.req.method === 'HEAD' ? undefined : payload);
}

/** The one error shape of the API: `{ "error": "<kebab-reason>", "message": "…", ...extra }`. */
export function sendError(res: ServerResponse, error: HttpError): void {
  sendJson(res, error.status, { ...error.extra, error: error.code, message: error.message }, error.headers);
}

const JSON_TYPE = /^application\/(?:[\w.+-]+\+)?json$/i;

function isJsonContentType(header: string | undefined): boolean {
  const mediaType = header?.split(';')[0]?.trim();
  return mediaType !== undefined && JSON_TYPE.test(mediaType);
}

function tooLarge(limitBytes: number): HttpError {
  // Connection: close — the client may still be sending; don't read the rest of a huge body.
  return new HttpError(413, 'payload-too-large', `The request body is over the ${limitBytes}-byte limit`, {
    headers: { Connection: 'close' },
  });
}

/** Collects the raw body, failing as soon as it grows past `limitBytes`. */
function readRawBody(req: IncomingMessage, limitBytes: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    // Already torn down (the client hung up while a handler awaited something): no event will
    // ever come, so waiting would hang the handler forever.
    if (req.destroyed) {
      reject(new HttpError(400, 'request-aborted', 'The request body was cut off'));
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    const cleanup = (): void => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
      req.off('aborted', onAborted);
    };
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size <= limitBytes) {
        chunks.push(chunk);
        return;
      }
      cleanup();
      // Keep the stream flowing into nothing: a socket closed with unread input is reset, and
      // the client would lose the 413 we are about to send. Connection: close ends it after.
      req.resume();
      reject(tooLarge(limitBytes));
    };
    const onEnd = (): void => {
      cleanup();
      resolve(Buffer.concat(chunks, size));
    };
    const onError = (): void => {
      cleanup();
      reject(new HttpError(400, 'request-aborted', 'The request body was cut off'));
    };
    const onAborted = onError;
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
    req.on('aborted', onAborted);
  });
}

/**
 * Reads a raw (binary) request body of at most `limitBytes`, with the same early 413 as
 * readJsonBody. Throws HttpError 413 / 400.
 */
export async function readBody(req: IncomingMessage, limitBytes: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limitBytes) {
    req.resume(); // see readRawBody: discard, don't reset
    throw tooLarge(limitBytes);
  }
  return readRawBody(req, limitBytes);
}

/** True when the request carries no body at all (no Content-Length or 0, not chunked). */
export function hasNoBody(req: IncomingMessage): boolean {
  const length = req.headers['content-length'];
  return req.headers['transfer-encoding'] === undefined && (length === undefined || Number(length) === 0);
}

/**
 * Reads a JSON request body of at most `limitBytes`. The limit is enforced while the body
 * streams in (a declared Content-Length over it fails before reading anything), so a client can't
 * make the server buffer more than the limit. Throws HttpError 415 / 413 / 400.
 */
export async function readJsonBody(req: IncomingMessage, limitBytes: number): Promise<unknown> {
  if (!isJsonContentType(req.headers['content-type'])) {
    throw new HttpError(415, 'unsupported-media-type', 'The request body must be JSON (Content-Type: application/json)');
  }
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limitBytes) {
    req.resume(); // see readRawBody: discard, don't reset
    throw tooLarge(limitBytes);
  }
  const raw = await readRawBody(req, limitBytes);

  let text: string;
  try {
    // fatal: invalid UTF-8 is a broken body, not something to patch with U+FFFD.
    text = new TextDecoder('utf-8', { fatal: true }).decode(raw);
  } catch {
    throw new HttpError(400, 'invalid-json', 'The request body is not valid UTF-8');
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new HttpError(400, 'invalid-json', 'The request body is not valid JSON');
  }
}
