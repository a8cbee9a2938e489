import type { IncomingMessage, ServerResponse } from 'node:http';
import { HttpError } from './http-error';

export type HttpMethod = 'GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface RouteContext {
  readonly req: IncomingMessage;
  readonly res: ServerResponse;
  readonly url: URL;
  /** Values of `:name` segments, percent-decoded. */
  readonly params: Readonly<Record<string, string>>;
}

export type RouteHandler = (ctx: RouteContext) => void | Promise<void>;

export type RouteMatch =
  | { readonly kind: 'found'; readonly handler: RouteHandler; readonly params: Record<string, string> }
  | { readonly kind: 'method-not-allowed'; readonly allow: readonly string[] }
  | { readonly kind: 'not-found' };

interface Route {
  readonly method: HttpMethod;
  readonly segments: readonly string[];
  readonly handler: RouteHandler;
}

function split(path: string): string[] {
  return path.split('/').slice(1);
}

/** Matches `segments` against a pattern; `:name` captures one whole segment. */
function matchSegments(pattern: readonly string[], actual: readonly string[]): Record<string, string> | undefined {
  if (pattern.length !== actual.length) return undefined;
  const params: Record<string, string> = {};
  for (const [i, part] of pattern.entries()) {
    const value = actual[i] ?? '';
    if (part.startsWith(':')) {
      if (value === '') return undefined;
      try {
        params[part.slice(1)] = decodeURIComponent(value);
      } catch {
        throw new HttpError(400, 'invalid-path', 'The request path is not valid percent-encoding');
      }
    } else if (part !== value) {
      return undefined;
    }
  }
  return params;
}

/**
 * A tiny exact-path router: `/v1/devices/:deviceId`. No wildcards or regexes on purpose — the
 * API is small and every route is listed in one place. HEAD is answered by the GET handler
 * (sendJson leaves out the body) unless a HEAD route is registered.
 */
export class Router {
  readonly #routes: Route[] = [];

  add(method: HttpMethod, pattern: string, handler: RouteHandler): this {
    if (!pattern.startsWith('/')) throw new Error(`Route pattern must start with "/": ${pattern}`);
    this.#routes.push({ method, segments: split(pattern), handler });
    return this;
  }

  get(pattern: string, handler: RouteHandler): this {
    return this.add('GET', pattern, handler);
  }

  post(pattern: string, handler: RouteHandler): this {
    return this.add('POST', pattern, handler);
  }

  put(pattern: string, handler: RouteHandler): this {
    return this.add('PUT', pattern, handler);
  }

  delete(pattern: string, handler: RouteHandler): this {
    return this.add('DELETE', pattern, handler);
  }

  /** Throws HttpError 400 when a captured segment is malformed percent-encoding. */
  match(method: string, pathname: string): RouteMatch {
    const actual = split(pathname);
    const allow = new Set<string>();
    let fallback: RouteMatch | undefined;
    for (const route of this.#routes) {
      const params = matchSegments(route.segments, actual);
      if (params === undefined) continue;
      allow.add(route.method);
      if (route.method === 'GET') allow.add('HEAD');
      if (route.method === method) return { kind: 'found', handler: route.handler, params };
      if (method === 'HEAD' && route.method === 'GET') fallback ??= { kind: 'found', handler: route.handler, params };
    }
    if (fallback !== undefined) return fallback;
    return allow.size > 0 ? { kind: 'method-not-allowed', allow: [...allow] } : { kind: 'not-found' };
  }
}
