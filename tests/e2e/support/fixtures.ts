import { test as base, expect, type Page } from '@playwright/test';
import { disposeServer, startServer, type RunningServer } from './server';

/** Each test gets its own real server (fresh data, own copy of the build). */
export const test = base.extend<{ server: RunningServer }>({
  // eslint-disable-next-line no-empty-pattern -- Playwright reads a fixture's needs from this pattern
  server: async ({}, use) => {
    const server = await startServer();
    await use(server);
    await disposeServer(server);
  },
  baseURL: async ({ server }, use) => {
    await use(server.url);
  },
});

export { expect };

/** Waits until the service worker controls the page (the shell is then precached). */
export async function waitForServiceWorker(page: Page): Promise<void> {
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    if (!navigator.serviceWorker.controller) {
      await new Promise<void>((resolve) => navigator.serviceWorker.addEventListener('controllerchange', () => resolve(), { once: true }));
    }
  });
}
