import type { Page } from '@playwright/test';
import { expect, test } from './support/fixtures';
import { pairTwoDevices } from './support/devices';
import { addBySearch, openRegister, payCash } from './support/register';
import { syncNow } from './support/sync';

const RING = 'Sapphire halo ring';

/** The server's on-hand for the item named `sku`: every stock event a fresh pull returns, summed. */
async function serverOnHand(page: Page, baseUrl: string, title: string): Promise<number> {
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
  const records = new Map<string, Record<string, unknown>>();
  for (let cursor = 0; ;) {
    const response = await page.request.post(`${baseUrl}/v1/sync/pull`, {
      data: { cursor },
      headers: { authorization: `Bearer ${token}` },
    });
    const page_ = (await response.json()) as {
      cursor: number;
      hasMore: boolean;
      events: { table: string; id: string; data: Record<string, unknown> }[];
      records: { table: string; id: string; data: Record<string, unknown> }[];
    };
    for (const r of [...page_.events, ...page_.records]) records.set(`${r.table}/${r.id}`, r.data);
    cursor = page_.cursor;
    if (!page_.hasMore) break;
  }
  const products = [...records]
    .filter(([k, v]) => k.startsWith('products/') && (v['values'] as { title: string }).title === title)
    .map(([, v]) => v['id']);
  const items = [...records].filter(([k, v]) => k.startsWith('items/') && products.includes(v['productId'])).map(([, v]) => v['id']);
  return [...records]
    .filter(([k, v]) => k.startsWith('stockEvents/') && items.includes(v['itemId']))
    .reduce((sum, [, v]) => sum + (v['quantity'] as number), 0);
}

test('both registers sell the same one-of-a-kind ring offline: one case on both, resolved by a refund, stock 0 everywhere', async ({
  browser,
  server,
}) => {
  test.setTimeout(180_000);
  const { counter, stall, a, b } = await pairTwoDevices(browser, server);
  await a.goto('/catalogue/new');
  await a.getByLabel('Title').fill(RING);
  await a.getByLabel('Price', { exact: true }).fill('890');
  await a.getByLabel('Cost', { exact: true }).fill('410');
  await a.getByLabel('One-of-a-kind').check();
  await a.getByRole('button', { name: 'Save product' }).click();
  await expect(a.getByRole('heading', { name: 'Catalogue', level: 1 })).toBeVisible();
  await syncNow(a);
  await syncNow(b);
  await openRegister(a);
  await openRegister(b);
  await syncNow(a);
  await syncNow(b);

  // Both offline; both sell the ring.
  await counter.setOffline(true);
  await stall.setOffline(true);
  const receipts: string[] = [];
  for (const page of [a, b]) {
    await page.getByRole('link', { name: 'Sell' }).click();
    await addBySearch(page, 'sapphire', RING);
    receipts.push(await payCash(page));
    await page.getByRole('button', { name: 'New sale' }).click();
  }
  const [first, second] = receipts as [string, string];
  // The counter reaches the server first: the stall's sale is the later one. (The stall comes
  // online only after, or its own background sync on "online" could win the race.)
  await counter.setOffline(false);
  await syncNow(a);
  await stall.setOffline(false);
  for (const page of [b, a]) await syncNow(page);

  for (const page of [a, b]) {
    const badge = page.getByTestId('cases-badge');
    await expect(badge).toHaveAccessibleName('1 open conflict');
    await expect(badge).toHaveText('⚠ 1');
  }
  // The badge is on every screen.
  for (const screen of ['Sell', 'Catalogue', 'Stock', 'Insights']) {
    await b.getByRole('link', { name: screen, exact: true }).click();
    await expect(b.getByTestId('cases-badge')).toBeVisible();
  }

  for (const [page, tag] of [
    [a, 'tablet'],
    [b, 'phone'],
  ] as const) {
    await page.getByTestId('cases-badge').click();
    await expect(page.getByRole('heading', { name: 'Conflicts', level: 1 })).toBeVisible();
    const open = page.getByRole('region', { name: 'To resolve (1)' });
    await expect(open.getByRole('link')).toHaveCount(1);
    await expect(open).toContainText(`${RING}`);
    await page.screenshot({ path: `test-results/screenshots/${tag}-conflicts-inbox.png`, fullPage: true });
    await open.getByRole('link').click();
    await expect(page.getByRole('heading', { name: 'Piece sold twice', level: 1 })).toBeVisible();
    const sales = page.getByRole('region', { name: 'The sales' });
    await expect(sales.getByRole('listitem')).toHaveCount(2);
    await expect(sales.getByRole('listitem').filter({ hasText: `Receipt ${second}` })).toContainText('Later — flagged');
    await expect(sales.getByRole('listitem').filter({ hasText: `Receipt ${first}` })).toContainText('First');
    await expect(page.getByTestId('case-on-hand')).toHaveText('-1');
    await page.screenshot({ path: `test-results/screenshots/${tag}-conflict-case.png`, fullPage: true });
  }

  // A manager on the counter refunds the stall's (later) sale to its cash.
  await a.getByRole('button', { name: `Refund ${second}` }).click();
  const dialog = a.getByRole('dialog', { name: 'Resolve the case' });
  await expect(dialog.getByRole('radio', { name: 'The original payment' })).toBeChecked();
  await dialog.getByLabel('Note').fill('Second customer chose the emerald instead');
  await a.screenshot({ path: 'test-results/screenshots/tablet-conflict-refund-dialog.png' });
  await dialog.getByRole('button', { name: 'Refund $890.00' }).click();
  await expect(a.getByRole('region', { name: 'How it was resolved' })).toContainText('One sale refunded');
  await expect(a.getByRole('region', { name: 'How it was resolved' })).toContainText('Second customer chose the emerald instead');
  await expect(a.getByTestId('case-on-hand')).toHaveText('0');
  await expect(a.getByTestId('cases-badge')).toHaveCount(0);
  await a.screenshot({ path: 'test-results/screenshots/tablet-conflict-resolved.png', fullPage: true });

  for (const page of [a, b]) await syncNow(page);
  for (const page of [a, b]) {
    await expect(page.getByTestId('cases-badge')).toHaveCount(0);
    await page.getByRole('link', { name: 'Catalogue' }).click();
    await page.getByLabel('Search catalogue').fill('sapphire');
    await expect(page.getByRole('list', { name: 'Items' })).toContainText('0 on hand');
  }
  expect(await serverOnHand(a, server.url, RING)).toBe(0);
  await counter.close();
  await stall.close();
});
