import { createServer as createHttpServer } from 'node:http';
import type { Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { createRequestListener } from './app';
import type { ServerConfig } from './config';
import { createClientErrorHandler } from './http/client-error';
import { createApiRouter } from './routes/index';
import { StartupError, errorCode, firstLine } from './startup-error';
import { openStore } from './store/open-store';
import { EventHub } from './sync/event-hub';
import { ReceiptMailer } from './mail/receipt-mailer';
import { transportFor } from './mail/transport';
import type { Store } from './store/open-store';
import { loadTlsCredentials } from './tls';

export interface RunningServer {
  /** e.g. http://127.0.0.1:4173 — with the real port when PORT=0. */
  readonly url: string;
  readonly port: number;
  readonly store: Store;
  /** Sends receipt e-mails after pushes; `idle()` waits for a run in progress. */
  readonly mail: ReceiptMailer;
  /** Stops accepting requests, drops open connections, closes the store; safe to call twice. */
  close(): Promise<void>;
}

function listenError(error: unknown, host: string, port: number): StartupError {
  const code = errorCode(error);
  const messages: Readonly<Record<string, string>> = {
    EADDRINUSE: `Port ${port} on ${host} is already in use — stop the other process or set PORT`,
    EACCES: `Not allowed to listen on port ${port} on ${host} — use a port above 1024 or set PORT`,
    EADDRNOTAVAIL: `Cannot listen on ${host}: no network interface has that address — check HOST`,
    ENOTFOUND: `Cannot listen on ${host}: host name not found — check HOST`,
    EAI_AGAIN: `Cannot listen on ${host}: host name lookup failed — check HOST`,
  };
  const message = (code !== undefined ? messages[code] : undefined) ?? `Cannot listen on ${host}:${port}: ${firstLine(error)}`;
  return new StartupError(message, { cause: error });
}

function listen(server: Server, host: string, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (error: Error): void => reject(listenError(error, host, port));
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

function formatUrl(https: boolean, host: string, port: number): string {
  const hostPart = host.includes(':') ? `[${host}]` : host;
  return `${https ? 'https' : 'http'}://${hostPart}:${port}`;
}

/**
 * Opens the store (migrating it), then serves the API and the built app on one port.
 * Rejects with a StartupError (one-line message) when anything is missing or taken.
 */
export async function startServer(config: ServerConfig): Promise<RunningServer> {
  // TLS first: it is the cheapest check and needs nothing to be cleaned up when it fails.
  const tls = config.tls === undefined ? undefined : loadTlsCredentials(config.tls);
  const https = tls !== undefined;
  const store = await openStore(config);

  const events = new EventHub();
  const mail = new ReceiptMailer(store, transportFor(config));
  const listener = createRequestListener({
    router: createApiRouter({ store, events, afterPush: () => mail.kick() }),
    staticDir: config.staticDir,
    https,
  });
  const server: Server = tls === undefined ? createHttpServer(listener) : createHttpsServer({ ...tls }, listener);
  server.on('clientError', createClientErrorHandler(https));

  let port: number;
  try {
    port = await listen(server, config.host, config.port);
  } catch (error) {
    await mail.close();
    await store.close();
    throw error;
  }
  server.on('error', (error) => console.error(`HTTP server error: ${firstLine(error)}`));
  // Receipt e-mails a stopped server left unsent (the push committed, the send never ran).
  mail.kick();

  let closing: Promise<void> | undefined;
  const close = async (): Promise<void> => {
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    // Event streams never end by themselves: end them so devices see a clean close.
    events.closeAll();
    // close() alone waits for keep-alive and streaming (SSE) connections to end by themselves.
    server.closeAllConnections();
    await closed;
    // A send in progress finishes (and is recorded) before the database goes.
    await mail.close();
    await store.close();
  };
  return {
    url: formatUrl(https, config.host, port),
    port,
    store,
    mail,
    close: () => (closing ??= close()),
  };
}
