import Database from 'better-sqlite3';
import path from 'node:path';
import { expect, test, waitForServiceWorker } from './support/fixtures';
import { pairThroughSettings } from './support/devices';

/** The shop name as the SERVER holds it (read straight from its SQLite file). */
function serverShopName(dataDir: string): string | undefined {
  const db = new Database(path.join(dataDir, 'trove.sqlite'), { readonly: true, fileMustExist: true });
  try {
    const row = db.prepare("select data from records where tbl = 'settings' and id = 'shop'").get() as { data: string } | undefined;
    return row ? (JSON.parse(row.data) as { values: { shopName: string } }).values.shopName : undefined;
  } finally {
    db.close();
  }
}

test('Background Sync flushes the outbox from the service worker with no Trove page open', async ({ page, context, server }) => {
  await pairThroughSettings(page, await server.pairingCode(), 'Counter tablet');
  await waitForServiceWorker(page);

  // A change made with no signal stays queued on the device.
  await context.setOffline(true);
  await page.getByLabel('Shop name').fill('Written offline');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByTestId('pending')).toHaveText('1 change');

  // Leave the app: no Trove page is open any more. Then the signal returns.
  const cdp = await context.newCDPSession(page);
  await cdp.send('ServiceWorker.enable');
  const registration = new Promise<string>((resolve) => {
    cdp.on(
      'ServiceWorker.workerRegistrationUpdated',
      ({ registrations }: { registrations: { registrationId: string; scopeURL: string }[] }) => {
        const mine = registrations.find((r) => r.scopeURL.startsWith(server.url));
        if (mine) resolve(mine.registrationId);
      },
    );
  });
  const registrationId = await registration;
  await page.goto('about:blank');
  await context.setOffline(false);
  expect(serverShopName(server.dataDir)).toBeUndefined();

  // The browser's Background Sync wakes the worker (fired here through the DevTools protocol).
  await cdp.send('ServiceWorker.dispatchSyncEvent', { origin: server.url, registrationId, tag: 'trove-sync', lastChance: false });
  await expect.poll(() => serverShopName(server.dataDir), { timeout: 15_000 }).toBe('Written offline');

  // Back in the app: the queue is empty, the worker already sent it.
  await page.goto(`${server.url}/settings`);
  await expect(page.getByTestId('pending')).toHaveText('0 changes');
});
