/// <reference lib="webworker" />
import { clientsClaim } from 'workbox-core';
import { cleanupOutdatedCaches, createHandlerBoundToURL, precacheAndRoute } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';
import { appEnv } from '../data/env';
import { runSync, SYNC_TAG } from '../sync/run';

// The worker caches the app shell, never the shop's data: IndexedDB is the source of truth and
// sync responses must never be served from a cache.
declare const self: ServiceWorkerGlobalScope & { __WB_MANIFEST: Array<{ url: string; revision: string | null }> };
const sw = self;

// The first install takes control at once so a brand-new tablet is offline-ready without a
// reload; later versions wait for the user (see the message handler below).
clientsClaim();
cleanupOutdatedCaches();
precacheAndRoute(self.__WB_MANIFEST);

// Every in-app path (/sell, /catalogue, …) opens the cached shell, online or off.
registerRoute(new NavigationRoute(createHandlerBoundToURL('index.html'), { denylist: [/^\/v1\//, /^\/healthz/] }));

// A new version waits until the page says the user accepted and no sale is open.
sw.addEventListener('message', (event: ExtendableMessageEvent) => {
  if ((event.data as { type?: string } | null)?.type === 'SKIP_WAITING') void sw.skipWaiting();
});

// Background Sync: the browser wakes the worker when the network is back, even with no page open,
// and the worker flushes the outbox with the same client the page uses (one run at a time, under
// the shared Web Lock).
interface SyncEvent extends ExtendableEvent {
  readonly tag: string;
}
sw.addEventListener('sync', (event) => {
  const syncEvent = event as SyncEvent;
  if (syncEvent.tag !== SYNC_TAG) return;
  syncEvent.waitUntil(runSync(appEnv(), sw.location.origin).then(() => undefined));
});
