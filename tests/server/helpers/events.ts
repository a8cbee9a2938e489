import { request as httpRequest } from 'node:http';
import type { IncomingHttpHeaders } from 'node:http';

export interface EventStream {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  /** Everything received so far. */
  text(): string;
  /** Resolves once the received text matches `pattern`. */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<RegExpMatchArray>;
  /** Resolves when the server ends the stream. */
  readonly ended: Promise<void>;
  close(): void;
}

/** Opens GET /v1/sync/events as a device would (Authorization header, streamed body). */
export function openEvents(baseUrl: string, token: string): Promise<EventStream> {
  const { hostname, port } = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const req = httpRequest({
      host: hostname,
      port,
      path: '/v1/sync/events',
      agent: false,
      headers: { authorization: `Bearer ${token}`, accept: 'text/event-stream' },
    });
    req.on('error', reject);
    req.on('response', (res) => {
      let text = '';
      const waiters = new Set<() => void>();
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        text += chunk;
        for (const check of [...waiters]) check();
      });
      const ended = new Promise<void>((done) => res.on('close', () => done()));
      resolve({
        status: res.statusCode ?? 0,
        headers: res.headers,
        text: () => text,
        ended,
        close: () => req.destroy(),
        waitFor: (pattern, timeoutMs = 5000) =>
          new Promise((found, fail) => {
            const timer = setTimeout(() => {
              waiters.delete(check);
              fail(new Error(`no ${pattern} in event stream; got ${JSON.stringify(text)}`));
            }, timeoutMs);
            const check = (): void => {
              const match = text.match(pattern);
              if (match === null) return;
              clearTimeout(timer);
              waiters.delete(check);
              found(match);
            };
            waiters.add(check);
            check();
          }),
      });
    });
    req.end();
  });
}
