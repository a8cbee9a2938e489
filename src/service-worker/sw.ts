/// <reference lib="webworker" />
import { clientsClaim } from 'workbox-core';
import { cleanupOutdatedCaches, createHandlerBoundToURL, precacheAndRoute } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';

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
