import type { ServerResponse } from 'node:http';

/** Proxies and NATs drop idle connections; a comment line every 25 s keeps the stream alive. */
export const PING_INTERVAL_MS = 25_000;

interface Stream {
  readonly deviceId: string;
  readonly res: ServerResponse;
}

/**
 * The open `GET /v1/sync/events` streams. After each committed push every stream gets a `pull`
 * event; revoking a device ends its streams; closing the server ends them all.
 */
export class EventHub {
  readonly #streams = new Set<Stream>();
  #timer: NodeJS.Timeout | undefined;

  constructor(private readonly pingIntervalMs: number = PING_INTERVAL_MS) {}

  get size(): number {
    return this.#streams.size;
  }

  /** Starts an event stream on `res` (headers, `hello`); it is forgotten when the connection ends. */
  open(deviceId: string, res: ServerResponse, version: number): void {
    res.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      Connection: 'keep-alive',
      // nginx buffers responses by default, which would hold events back.
      'X-Accel-Buffering': 'no',
    });
    res.socket?.setNoDelay(true);
    res.write(`event: hello\ndata: ${JSON.stringify({ version })}\n\n`);
    const stream: Stream = { deviceId, res };
    this.#streams.add(stream);
    res.on('close', () => {
      this.#streams.delete(stream);
      this.#updateTimer();
    });
    this.#updateTimer();
  }

  /** Tells every listener to pull; called after a push commits. */
  notify(version: number): void {
    const message = `event: pull\ndata: ${JSON.stringify({ version })}\n\n`;
    for (const { res } of this.#streams) res.write(message);
  }

  /** Sends a named event to every listener (`reservations`: the set of reserved pieces changed). */
  broadcast(event: string, data: unknown): void {
    const message = `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
    for (const { res } of this.#streams) res.write(message);
  }

  closeDevice(deviceId: string): void {
    for (const stream of [...this.#streams]) if (stream.deviceId === deviceId) this.#end(stream);
  }

  closeAll(): void {
    for (const stream of [...this.#streams]) this.#end(stream);
  }

  #end(stream: Stream): void {
    this.#streams.delete(stream);
    stream.res.end();
    this.#updateTimer();
  }

  #updateTimer(): void {
    if (this.#streams.size === 0 && this.#timer !== undefined) {
      clearInterval(this.#timer);
      this.#timer = undefined;
    } else if (this.#streams.size > 0 && this.#timer === undefined) {
      this.#timer = setInterval(() => {
        for (const { res } of this.#streams) res.write(': ping\n\n');
      }, this.pingIntervalMs);
      // Never the reason the process stays up.
      this.#timer.unref();
    }
  }
}
