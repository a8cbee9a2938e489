/** Talks JSON to the sync server. Only src/sync does HTTP. */

export class SyncHttpError extends Error {
  constructor(
    readonly status: number,
    readonly reason: string,
    message: string,
    readonly body: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'SyncHttpError';
  }
}

export interface Transport {
  request<T>(method: 'GET' | 'POST' | 'PUT' | 'DELETE', path: string, body?: unknown, token?: string): Promise<T>;
}

/** Transport over `fetch` (page and service worker alike). `base` is the server's origin. */
export function httpTransport(base: string, fetchImpl: typeof fetch = (...args) => fetch(...args)): Transport {
  return {
    async request<T>(method: string, path: string, body?: unknown, token?: string): Promise<T> {
      const headers: Record<string, string> = {};
      if (body !== undefined) headers['content-type'] = 'application/json';
      if (token) headers['authorization'] = `Bearer ${token}`;
      let response: Response;
      try {
        response = await fetchImpl(new URL(path, base), {
          method,
          headers,
          body: body === undefined ? undefined : JSON.stringify(body),
          cache: 'no-store',
        });
      } catch (error) {
        throw new SyncHttpError(
          0,
          'unreachable',
          `The sync server cannot be reached (${error instanceof Error ? error.message : String(error)})`,
        );
      }
      const text = await response.text();
      let json: Record<string, unknown> = {};
      try {
        json = text ? (JSON.parse(text) as Record<string, unknown>) : {};
      } catch {
        if (response.ok) throw new SyncHttpError(response.status, 'bad-response', 'The server sent something that is not JSON');
      }
      if (!response.ok) {
        const reason = typeof json['error'] === 'string' ? json['error'] : `http-${response.status}`;
        const message = typeof json['message'] === 'string' ? json['message'] : `The server answered ${response.status}`;
        throw new SyncHttpError(response.status, reason, message, json);
      }
      return json as T;
    },
  };
}
