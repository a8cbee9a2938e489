/**
 * Listens to the server's event stream (GET /v1/sync/events) over `fetch`, so the bearer token can
 * go in a header (EventSource cannot send one). Each `pull` event calls `onPull`. Reconnects with a
 * growing delay until `stop()` is called.
 */
export function listenForServerEvents(
  url: string,
  token: () => string | undefined,
  onPull: () => void,
  fetchImpl: typeof fetch = (...args) => fetch(...args),
  /** Every event by name (`hello` on each (re)connect, `reservations`…), for listeners other than sync. */
  onEvent: (name: string, data: string) => void = () => undefined,
): { stop(): void } {
  let stopped = false;
  let controller: AbortController | undefined;
  let delay = 1_000;

  async function connect(): Promise<void> {
    while (!stopped) {
      const bearer = token();
      if (bearer) {
        controller = new AbortController();
        try {
          const response = await fetchImpl(url, {
            headers: { authorization: `Bearer ${bearer}`, accept: 'text/event-stream' },
            signal: controller.signal,
            cache: 'no-store',
          });
          if (response.ok && response.body) {
            delay = 1_000;
            await readEvents(response.body, (event, data) => {
              if (event === 'pull') onPull();
              onEvent(event, data);
            });
          }
        } catch {
          // Offline or the server restarted: try again after the delay.
        }
      }
      if (stopped) return;
      await new Promise((resolve) => setTimeout(resolve, delay));
      delay = Math.min(delay * 2, 60_000);
    }
  }

  void connect();
  return {
    stop() {
      stopped = true;
      controller?.abort();
    },
  };
}

/** Parses a text/event-stream body, calling `onEvent(name)` for each complete event. */
export async function readEvents(body: ReadableStream<Uint8Array>, onEvent: (name: string, data: string) => void): Promise<void> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffer += decoder.decode(value, { stream: true }).replaceAll('\r\n', '\n');
    let end: number;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      let name = 'message';
      let data = '';
      for (const line of block.split('\n')) {
        if (line.startsWith('event:')) name = line.slice(6).trim();
        else if (line.startsWith('data:')) data += line.slice(5).trim();
      }
      if (!block.split('\n').every((line) => line.startsWith(':'))) onEvent(name, data);
    }
  }
}
