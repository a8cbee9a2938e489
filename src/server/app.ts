import type { IncomingMessage, ServerResponse } from 'node:http';
import { HttpError } from './http/http-error';
import { sendError } from './http/json';
import type { Router } from './http/router';
import { applySecurityHeaders } from './http/security-headers';
import { createStaticHandler } from './http/static-files';

export interface AppOptions {
  readonly router: Router;
  readonly staticDir: string;
  readonly https: boolean;
}

/** API paths answer in JSON and never fall back to the app shell. */
export function isApiPath(pathname: string): boolean {
  return ['/v1', '/healthz'].some((prefix) => pathname === prefix || pathname.startsWith(`${prefix}/`));
}

function parseUrl(raw: string | undefined): URL {
  const target = raw ?? '/';
  try {
    // Prefixing instead of using a base URL: with a base, "//host/x" would parse as a host name.
    return target.startsWith('/') ? new URL(`http://localhost${target}`) : new URL(target);
  } catch {
    throw new HttpError(400, 'invalid-path', 'The request path could not be parsed');
  }
}

/**
 * The request listener: security headers first, then an API route, then the static app.
 * Every failure becomes the JSON error shape; unexpected ones are logged and answered with 500.
 */
export function createRequestListener(options: AppOptions): (req: IncomingMessage, res: ServerResponse) => void {
  const serveStatic = createStaticHandler(options.staticDir);

  const respondWithError = (res: ServerResponse, error: unknown): void => {
    if (res.headersSent) {
      // Part of a body is out already; the only honest signal left is a cut connection.
      res.destroy();
      return;
    }
    const httpError = error instanceof HttpError ? error : new HttpError(500, 'internal-error', 'Something went wrong on the server');
    if (!(error instanceof HttpError)) {
      console.error(`Unexpected error while handling ${res.req.method ?? ''} ${res.req.url ?? ''}:`, error);
    }
    // Drop headers a failed handler may have set (ETag, Content-Encoding…), keep the security ones.
    for (const name of res.getHeaderNames()) res.removeHeader(name);
    applySecurityHeaders(res, options.https);
    sendError(res, httpError);
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    applySecurityHeaders(res, options.https);
    try {
      const method = req.method ?? 'GET';
      const url = parseUrl(req.url);
      const match = options.router.match(method, url.pathname);
      if (match.kind === 'found') {
        await match.handler({ req, res, url, params: match.params });
        return;
      }
      if (match.kind === 'method-not-allowed') {
        throw new HttpError(405, 'method-not-allowed', `${method} is not allowed on ${url.pathname}`, {
          headers: { Allow: match.allow.join(', ') },
        });
      }
      if (isApiPath(url.pathname)) {
        throw new HttpError(404, 'not-found', `There is no API route ${url.pathname}`);
      }
      if (method !== 'GET' && method !== 'HEAD') {
        throw new HttpError(405, 'method-not-allowed', `${method} is not allowed on ${url.pathname}`, {
          headers: { Allow: 'GET, HEAD' },
        });
      }
      await serveStatic(req, res, url.pathname);
    } catch (error) {
      respondWithError(res, error);
    }
  };

  return (req, res) => {
    void handle(req, res);
  };
}
