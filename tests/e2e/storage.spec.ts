import type { Page } from '@playwright/test';
import { expect, test, waitForServiceWorker } from './support/fixtures';
import { expectSynced, pairThroughSettings } from './support/devices';
import { addBySearch, countRows, createItem, openRegister, payCash, storedSales } from './support/register';

/** Every sale record the server hands a fresh pull, as receipt numbers (one entry per record version). */
async function serverReceipts(page: Page, baseUrl: string): Promise<string[]> {
  const token = await page.evaluate(
    () =>
      new Promise<string>((resolve, reject) => {
        const open = indexedDB.open('trove');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const req = open.result.transaction('syncState').objectStore('syncState').get('device');
          req.onsuccess = () => {
            open.result.close();
            resolve((req.result as { token: string }).token);
          };
        };
      }),
  );
  const sales = new Map<string, string>();
  for (let cursor = 0; ;) {
    const response = await page.request.post(`${baseUrl}/v1/sync/pull`, {
      data: { cursor },
      headers: { authorization: `Bearer ${token}` },
    });
    const body = (await response.json()) as {
      cursor: number;
      hasMore: boolean;
      records: { table: string; id: string; data: { receiptNumber?: string } }[];
    };
    for (const r of body.records) if (r.table === 'sales') sales.set(r.id, r.data.receiptNumber!);
    cursor = body.cursor;
    if (!body.hasMore) break;
  }
  return [...sales.values()].sort();
}

/** One small write to a scratch database: 'ok' or the name of the error that aborted it. */
function probeWrite(page: Page): Promise<string> {
  return page.evaluate(
    () =>
      new Promise<string>((resolve) => {
        const open = indexedDB.open('quota-probe', 1);
        open.onupgradeneeded = () => open.result.createObjectStore('x');
        open.onerror = () => resolve(open.error?.name ?? 'error');
        open.onsuccess = () => {
          const tx = open.result.transaction('x', 'readwrite');
          tx.objectStore('x').put('probe', Date.now());
          tx.oncomplete = () => (open.result.close(), resolve('ok'));
          tx.onabort = () => (open.result.close(), resolve(tx.error?.name ?? 'aborted'));
        };
      }),
  );
}

test('storage quota shrunk while the outbox holds sales: the next sale is refused clearly, no sale is lost or doubled', async ({
  page,
  context,
  server,
}) => {
  test.setTimeout(300_000);
  await pairThroughSettings(page, await server.pairingCode(), 'Counter tablet');
  await createItem(page, { title: 'Pearl studs', price: '45.00', cost: '12.00', quantity: '20', barcode: '4006381333931' });
  await page.goto('/settings');
  await page.getByRole('region', { name: 'Sync' }).getByRole('button', { name: 'Sync now' }).click();
  await expectSynced(page);
  await waitForServiceWorker(page); // the payment screen loads from the cached shell offline

  // Offline all day: three sales wait in the outbox.
  await context.setOffline(true);
  await openRegister(page);
  const receipts: string[] = [];
  for (let i = 0; i < 3; i += 1) {
    await addBySearch(page, 'Pearl', 'Pearl studs');
    receipts.push(await payCash(page));
  }
  expect(Object.keys(await storedSales(page)).sort()).toEqual([...receipts].sort());
  const pending = (await countRows(page, ['outbox']))['outbox']!;
  expect(pending).toBeGreaterThanOrEqual(4); // the shift and three sales at least

  // The device fills up: the origin's quota shrinks to what it already uses.
  const origin = new URL(server.url).origin;
  const cdp = await context.newCDPSession(page);
  // (The page's own estimate() keeps reporting the real quota; the override is enforced on writes.)
  const { usage } = await cdp.send('Storage.getUsageAndQuota', { origin });
  await cdp.send('Storage.overrideQuotaForOrigin', { origin, quotaSize: usage });
  // Chromium's IndexedDB keeps using the space left it last looked up for a while: wait until a
  // scratch database (not the shop's) is refused too.
  await expect.poll(() => probeWrite(page), { timeout: 150_000, intervals: [2_000] }).toBe('QuotaExceededError');

  await addBySearch(page, 'Pearl', 'Pearl studs');
  await page.getByRole('button', { name: /^Charge / }).click();
  const pay = page.getByRole('dialog', { name: 'Take payment' });
  await pay.getByRole('button', { name: 'Add cash' }).click();
  await pay.getByRole('button', { name: 'Complete sale' }).click();
  const alert = pay.getByRole('alert');
  await expect(alert).toContainText('Storage full — sale not saved');
  await expect(alert).toContainText('storage is full: the sale was NOT saved. Nothing was lost');
  await page.screenshot({ path: 'test-results/screenshots/tablet-storage-full.png' });
  await page.setViewportSize({ width: 390, height: 844 });
  await expect(alert).toBeVisible();
  await page.screenshot({ path: 'test-results/screenshots/phone-storage-full.png' });
  await page.setViewportSize({ width: 768, height: 1024 });

  // Nothing of the refused sale was written, nothing earlier was lost.
  expect(Object.keys(await storedSales(page)).sort()).toEqual([...receipts].sort());
  expect((await countRows(page, ['outbox']))['outbox']).toBe(pending);

  // Space again (the owner cleared room): the same cart completes with the very next number.
  await cdp.send('Storage.overrideQuotaForOrigin', { origin });
  await pay.getByRole('button', { name: 'Complete sale' }).click();
  const done = page.getByRole('heading', { name: /^Sale .+ complete$/ });
  await expect(done).toBeVisible();
  receipts.push((await done.textContent())!.replace(/^Sale | complete$/g, ''));
  expect(new Set(receipts).size).toBe(4);

  // Back online: every sale reaches the server exactly once.
  await context.setOffline(false);
  await page.goto('/settings');
  await page.getByRole('region', { name: 'Sync' }).getByRole('button', { name: 'Sync now' }).click();
  await expectSynced(page);
  expect(await serverReceipts(page, server.url)).toEqual([...receipts].sort());
  expect((await countRows(page, ['outbox']))['outbox']).toBe(0);
});

test('the Storage panel shows usage and warns when the device is nearly full', async ({ page }) => {
  // Chromium's estimate() ignores the DevTools quota override, so the page is told 95% is used.
  await page.addInitScript(() => {
    const real = navigator.storage.estimate.bind(navigator.storage);
    navigator.storage.estimate = async () => ({ ...(await real()), usage: 950 * 1024 * 1024, quota: 1000 * 1024 * 1024 });
  });
  await page.goto('/settings');
  const panel = page.getByRole('region', { name: 'Storage on this device' });
  await expect(panel.getByTestId('usage')).toHaveText('950.0 MB of 1000.0 MB (95%)');
  await expect(panel.getByTestId('storage-warning')).toContainText('Storage is almost full');
  await expect(panel.getByRole('meter', { name: 'Storage used' })).toBeVisible();
  await panel.scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'test-results/screenshots/tablet-storage-panel-full.png' });
  await page.setViewportSize({ width: 390, height: 844 });
  await panel.scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'test-results/screenshots/phone-storage-panel-full.png' });
  // Nothing synced to drop here (no photos): it says so rather than pretending.
  await panel.getByRole('button', { name: 'Remove synced photo copies now' }).click();
  await expect(page.getByText('No downloaded photo copies to remove')).toBeVisible();
});
