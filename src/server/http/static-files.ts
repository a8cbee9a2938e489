import { createReadStream } from 'node:fs';
import type { Stats } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, resolve, sep } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import { HttpError } from './http-error';
import { contentTypeFor, isCompressible } from './mime';

/** Vite puts content-hashed files here: a changed file gets a new name, so cache forever. */
const IMMUTABLE_PREFIX = '/assets/';
const IMMUTABLE = 'public, max-age=31536000, immutable';
/** Everything else (index.html, sw.js, manifest, icons) must be revalidated or updates never land. */
const REVALIDATE = 'no-cache';
const GZIP_MIN_BYTES = 1024;

/**
 * Turns a URL pathname into a path relative to the static root, or throws. The URL parser has
 * already collapsed literal and %2e%2e dot segments; this catches what decoding reveals after
 * that (%2f inside a segment, a backslash, NUL), so no request can name a file outside the root.
 */
function safeRelativePath(pathname: string): string {
  // Empty segments (`//x`, a trailing slash) carry no meaning here; dropping them also keeps a
  // leading "/" out of the result, which path.resolve would treat as the file-system root.
  const segments = pathname.split('/').filter((segment) => segment !== '');
  const decoded = segments.map((segment) => {
    let value: string;
    try {
      value = decodeURIComponent(segment);
    } catch {
      throw new HttpError(400, 'invalid-path', 'The request path is not valid percent-encoding');
    }
    if (value === '.' || value === '..' || /[/\\\0]/.test(value)) {
      throw new HttpError(400, 'invalid-path', 'The request path is not allowed');
    }
    return value;
  });
  return decoded.join('/');
}

function isInside(root: string, path: string): boolean {
  return path === root || path.startsWith(root + sep);
}

/** The file at `relative` if it is a regular file really inside `root` (symlinks resolved). */
async function findFile(root: string, relative: string): Promise<{ path: string; stats: Stats } | undefined> {
  const candidate = resolve(root, relative);
  if (!isInside(root, candidate)) return undefined;
  try {
    const stats = await stat(candidate);
    if (!stats.isFile()) return undefined;
    const [realRoot, realFile] = await Promise.all([realpath(root), realpath(candidate)]);
    return isInside(realRoot, realFile) ? { path: realFile, stats } : undefined;
  } catch {
    return undefined;
  }
}

function acceptsGzip(req: IncomingMessage): boolean {
  const header = req.headers['accept-encoding'] ?? '';
  return header
    .split(',')
    .map((part) => part.trim().toLowerCase())
    .some((part) => (part === 'gzip' || part.startsWith('gzip;')) && !/;\s*q=0(?:\.0*)?$/.test(part));
}

async function sendFile(
  req: IncomingMessage,
  res: ServerResponse,
  file: { path: string; stats: Stats },
  cacheControl: string,
): Promise<void> {
  const extension = extname(file.path);
  const compressible = isCompressible(extension);
  const gzip = compressible && file.stats.size >= GZIP_MIN_BYTES && acceptsGzip(req);
  // The gzip variant is a different representation, so it needs its own validator.
  const etag = `W/"${file.stats.size.toString(16)}-${Math.floor(file.stats.mtimeMs).toString(16)}${gzip ? '-gz' : ''}"`;
  res.setHeader('Content-Type', contentTypeFor(extension));
  res.setHeader('Cache-Control', cacheControl);
  res.setHeader('ETag', etag);
  res.setHeader('Last-Modified', file.stats.mtime.toUTCString());
  if (compressible) res.setHeader('Vary', 'Accept-Encoding');

  const candidates = (req.headers['if-none-match'] ?? '').split(',').map((tag) => tag.trim());
  if (candidates.includes(etag) || candidates.includes('*')) {
    res.writeHead(304).end();
    return;
  }
  if (gzip) res.setHeader('Content-Encoding', 'gzip');
  else res.setHeader('Content-Length', String(file.stats.size));
  res.writeHead(200);
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  const source = createReadStream(file.path);
  try {
    if (gzip) await pipeline(source, createGzip(), res);
    else await pipeline(source, res);
  } catch {
    // The client went away mid-download; pipeline already closed both ends.
  }
}

export type StaticHandler = (req: IncomingMessage, res: ServerResponse, pathname: string) => Promise<void>;

/**
 * Serves the built PWA from `root` for GET/HEAD. A path with no file extension that names no
 * file is an app route (e.g. /sell/123) and gets index.html, so deep links and reloads work.
 */
export function createStaticHandler(root: string): StaticHandler {
  const absoluteRoot = resolve(root);
  return async (req, res, pathname) => {
    const relative = safeRelativePath(pathname);
    const direct = relative === '' ? undefined : await findFile(absoluteRoot, relative);
    if (direct !== undefined) {
      const immutable = pathname.startsWith(IMMUTABLE_PREFIX);
      await sendFile(req, res, direct, immutable ? IMMUTABLE : REVALIDATE);
      return;
    }
    if (extname(relative) !== '') {
      throw new HttpError(404, 'not-found', 'No such file');
    }
    const index = await findFile(absoluteRoot, 'index.html');
    if (index === undefined) {
      throw new HttpError(404, 'app-not-built', 'The app has not been built: there is no index.html to serve');
    }
    await sendFile(req, res, index, REVALIDATE);
  };
}
