/** Talks to the sync server: JSON for the protocol, raw bytes for photo blobs. Only src/sync does HTTP. */

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
  /**
   * Sends raw bytes (a photo) with the Blob's type as Content-Type; resolves to the HTTP status.
   * Optional so JSON-only test transports stay small: without it photos simply wait.
   */
  putBytes?(path: string, body: Blob, token: string): Promise<number>;
  /** Fetches raw bytes (a photo) as a Blob typed by the response's Content-Type. */
  getBytes?(path: string, token: string): Promise<Blob>;
}

/** Turns a failed response's `{ error, message }` body into a SyncHttpError. */
async function failure(response: Response): Promise<SyncHttpError> {
  const text = await response.text();
  let json: Record<string, unknown> = {};
  try {
    json = text ? (JSON.parse(text) as Record<string, unknown>) : {};
  } catch {
    // Not JSON (a proxy's error page): the status says enough.
  }
  const reason = typeof json['error'] === 'string' ? json['error'] : `http-${response.status}`;
  const message = typeof json['message'] === 'string' ? json['message'] : `The server answered ${response.status}`;
  return new SyncHttpError(response.status, reason, message, json);
}

/** Transport over `fetch` (page and service worker alike). `base` is the server's origin. */
export function httpTransport(base: string, fetchImpl: typeof fetch = (...args) => fetch(...args)): Transport {
  async function send(method: string, path: string, headers: Record<string, string>, body?: BodyInit): Promise<Response> {
    try {
      return await fetchImpl(new URL(path, base), { method, headers, body, cache: 'no-store' });
    } catch (error) {
      throw new SyncHttpError(0, 'unreachable', `The sync server cannot be reached (${error instanceof Error ? error.message : String(error)})`);
    }
  }
  const auth = (token: string | undefined): Record<string, string> => (token ? { authorization: `Bearer ${token}` } : {});

  return {
    async request<T>(method: string, path: string, body?: unknown, token?: string): Promise<T> {
      const headers = { ...auth(token), ...(body !== undefined ? { 'content-type': 'application/json' } : {}) };
      const response = await send(method, path, headers, body === undefined ? undefined : JSON.stringify(body));
      if (!response.ok) throw await failure(response);
      const text = await response.text();
      try {
        return (text ? JSON.parse(text) : {}) as T;
      } catch {
        throw new SyncHttpError(response.status, 'bad-response', 'The server sent something that is not JSON');
      }
    },

    async putBytes(path: string, body: Blob, token: string): Promise<number> {
      const response = await send('PUT', path, { ...auth(token), 'content-type': body.type || 'application/octet-stream' }, body);
      if (!response.ok) throw await failure(response);
      await response.body?.cancel(); // the JSON receipt adds nothing to the status
      return response.status;
    },

    async getBytes(path: string, token: string): Promise<Blob> {
      const response = await send('GET', path, auth(token));
      if (!response.ok) throw await failure(response);
      return response.blob();
    },
  };
}
