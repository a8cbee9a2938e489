import type { Page } from '@playwright/test';
import { expect, test } from './support/fixtures';
import { pairTwoDevices } from './support/devices';
import { syncNow } from './support/sync';

const RING = 'Opal solitaire ring';

async function setPrice(page: Page, price: string): Promise<void> {
  await page.goto('/catalogue');
  await page.getByLabel('Search catalogue').fill('opal');
  await page.getByRole('list', { name: 'Items' }).getByRole('link').first().click();
  await page.getByLabel('Price', { exact: true }).fill(price);
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByRole('region', { name: 'Price history' })).toContainText(price);
}

test('a price edited on two devices, one offline: the later one wins and the other is shown in one case', async ({ browser, server }) => {
  test.setTimeout(180_000);
  const { counter, stall, a, b } = await pairTwoDevices(browser, server);
  await a.goto('/catalogue/new');
  await a.getByLabel('Title').fill(RING);
  await a.getByLabel('Price', { exact: true }).fill('50.00');
  await a.getByLabel('Cost', { exact: true }).fill('20.00');
  await a.getByRole('button', { name: 'Save product' }).click();
  await expect(a.getByRole('heading', { name: 'Catalogue', level: 1 })).toBeVisible();
  await syncNow(a);
  await syncNow(b);

  // The stall phone edits offline first; the counter edits later and syncs first.
  await stall.setOffline(true);
  await setPrice(b, '48.00');
  await setPrice(a, '52.00');
  await syncNow(a);
  await stall.setOffline(false);
  await syncNow(b);
  await syncNow(a);

  for (const [page, tag] of [
    [a, 'tablet'],
    [b, 'phone'],
  ] as const) {
    await page.getByTestId('cases-badge').click();
    const open = page.getByRole('region', { name: 'To resolve (1)' });
    await expect(open.getByRole('link')).toHaveCount(1);
    await expect(open).toContainText('$52.00 was kept (the later edit)');
    await page.screenshot({ path: `test-results/screenshots/${tag}-edit-overwritten-inbox.png` });
    await open.getByRole('link').click();
    await expect(page.getByRole('heading', { name: 'Edited on two devices', level: 1 })).toBeVisible();
    const edits = page.getByRole('region', { name: /Price of/ });
    await expect(edits.getByRole('listitem')).toHaveCount(2);
    await expect(edits.getByRole('listitem').filter({ hasText: 'Kept — the later edit' })).toContainText('52.00');
    await expect(edits.getByRole('listitem').filter({ hasText: 'Not kept' })).toContainText('48.00');
    await expect(page.getByText(/was set to .*52\.00.* and to .*48\.00.*; .*52\.00 was kept \(the later edit\)\./)).toBeVisible();
    await page.screenshot({ path: `test-results/screenshots/${tag}-edit-overwritten-case.png`, fullPage: true });
  }

  // The counter's manager brings the stall's price back: a new edit every device takes.
  await a.getByRole('button', { name: 'Use the other value' }).click();
  await a.screenshot({ path: 'test-results/screenshots/tablet-edit-overwritten-dialog.png' });
  await a.getByRole('button', { name: 'Confirm' }).click();
  await expect(a.getByText('Other value used').first()).toBeVisible();
  await syncNow(a);
  await syncNow(b);
  for (const page of [a, b]) {
    await setPriceCheck(page, '48.00');
  }
  await counter.close();
  await stall.close();
});

async function setPriceCheck(page: Page, price: string): Promise<void> {
  await page.goto('/catalogue');
  await page.getByLabel('Search catalogue').fill('opal');
  await page.getByRole('list', { name: 'Items' }).getByRole('link').first().click();
  await expect(page.getByLabel('Price', { exact: true })).toHaveValue(price);
}
