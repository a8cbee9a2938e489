import type { Page } from '@playwright/test';
import { expect, test } from './support/fixtures';
import { expectSynced, pairThroughSettings, pairTwoDevices } from './support/devices';
import { createItem } from './support/register';
import { wedgeScan } from './support/scanning';
import { joinZone, planCount } from './camera-count/count-helpers';

/** On hand at `location` for an item, from the Stock screen (what staff see). */
async function onHand(page: Page, query: string, title: string, location: string): Promise<string> {
  await page.goto('/stock');
  await page.getByRole('searchbox', { name: /Search by title/ }).fill(query);
  await page.getByRole('button', { name: `Stock of ${title}` }).click();
  const row = page.getByRole('table', { name: 'Stock by location' }).getByRole('row', { name: new RegExp(location) });
  await expect(row).toBeVisible();
  return ((await row.getByRole('cell').last().textContent()) ?? '').trim();
}

/** Counts `code` once through the code field (what a typed code or a scanner into the field does). */
async function countCode(page: Page, code: string): Promise<void> {
  await page.getByLabel('Type a code or SKU').fill(code);
  await page.getByRole('button', { name: 'Count it' }).click();
}

/** Opens Settings and waits until nothing is left to sync. */
async function synced(page: Page): Promise<void> {
  await page.goto('/settings');
  await expectSynced(page);
}

async function dismissNotices(page: Page): Promise<void> {
  const dismiss = page.getByRole('button', { name: 'Dismiss message' });
  while ((await dismiss.count()) > 0) await dismiss.first().click();
}

test('two devices count zones of one category at once, one offline; the manager reviews and applies; stock agrees everywhere', async ({
  browser,
  server,
}) => {
  test.setTimeout(150_000);
  const { counter, stall, a, b } = await pairTwoDevices(browser, server);

  // The shop: three rings in the category Rings on the shop floor; the Pearl ring's stock is all in the stockroom.
  await createItem(a, { title: 'Opal ring', price: '60.00', cost: '20.00', quantity: '5', barcode: 'TRV-OPAL-1', category: 'Rings' });
  await createItem(a, { title: 'Moon ring', price: '80.00', cost: '30.00', quantity: '3', barcode: 'TRV-MOON-1', category: 'Rings' });
  await createItem(a, { title: 'Pearl ring', price: '90.00', cost: '40.00', quantity: '2', barcode: 'TRV-PEARL-1', category: 'Rings' });
  await a.goto('/settings');
  const locations = a.getByRole('region', { name: 'Locations' });
  await locations.getByLabel('New location').fill('Stockroom');
  await locations.getByRole('combobox', { name: 'Kind' }).selectOption('stockroom');
  await locations.getByRole('button', { name: 'Add location' }).click();
  await expect(locations.getByRole('list', { name: 'Locations' })).toContainText('Stockroom');
  await a.goto('/stock');
  await a.getByRole('searchbox', { name: /Search by title/ }).fill('pearl');
  await a.getByRole('button', { name: 'Stock of Pearl ring' }).click();
  await a.getByRole('button', { name: 'Transfer', exact: true }).click();
  const transfer = a.getByRole('dialog', { name: 'Transfer stock' });
  await transfer.getByRole('combobox', { name: 'From' }).selectOption({ label: 'Shop floor (2)' });
  await transfer.getByRole('combobox', { name: 'To' }).selectOption({ label: 'Stockroom' });
  await transfer.getByLabel('Units to move').fill('2');
  await transfer.getByRole('button', { name: 'Move stock' }).click();
  await expect(transfer).toHaveCount(0);

  // The manager (owner) plans a blind count of Rings on the shop floor.
  await planCount(a, { scope: 'category', group: 'Rings', location: 'Shop floor', name: 'Rings', blind: true });
  await synced(a);

  // The phone joins, then loses signal and counts Case 1 offline: 3 Opal rings and a tag nobody knows.
  await expect(async () => {
    await b.goto('/count');
    await expect(b.getByRole('button', { name: 'Join count Rings' })).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 30_000 });
  await b.screenshot({ path: 'test-results/screenshots/phone-count-list.png' });
  await joinZone(b, 'Rings', 'Case 1');
  await stall.setOffline(true);
  for (let i = 0; i < 3; i += 1) await countCode(b, 'TRV-OPAL-1');
  await expect(b.getByLabel('Running total')).toHaveText('3');
  // Blind: the phone never shows the expected figure.
  await expect(b.locator('main')).not.toContainText('expected');
  // A keyboard-wedge scanner reads a tag that is in no catalogue: it is listed, not dropped.
  await b.locator('main h1').click();
  await wedgeScan(b, 'TRV-LOST-9');
  await expect(b.getByRole('list', { name: 'Unknown codes' })).toContainText('TRV-LOST-9');
  // Exactly once: one wedge listener is active (the count's), not the register's as well.
  await expect(b.getByRole('list', { name: 'Unknown codes' }).getByRole('listitem')).toHaveCount(1);
  await expect(b.getByLabel('Running total')).toHaveCount(0);
  // Bad input: a fraction, then a negative, typed into the count field, are refused with a reason.
  const field = b.getByRole('list', { name: 'Counted in Case 1' }).getByRole('textbox').first();
  await field.fill('2.5');
  await field.press('Enter');
  await expect(b.getByRole('alert').filter({ hasText: 'Count whole units' })).toBeVisible();
  await field.fill('-1');
  await field.press('Enter');
  await expect(b.getByRole('alert').filter({ hasText: 'A count cannot be negative' })).toBeVisible();
  await expect(field).toHaveValue('3');
  await dismissNotices(b);
  await b.screenshot({ path: 'test-results/screenshots/phone-count-zone.png', fullPage: true });
  // Every control on the counting view has a name and is at least 44 px tall; nothing overflows the phone.
  for (const control of await b.locator('main button, main a, main input, main select').all()) {
    if (!(await control.isVisible())) continue;
    const box = (await control.boundingBox())!;
    expect(box.height, await control.evaluate((el) => el.outerHTML.slice(0, 80))).toBeGreaterThanOrEqual(44);
  }
  expect(await b.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);

  // Meanwhile the tablet counts the back shelf: 1 Opal ring (typed), 2 Moon rings (a scan, then +1).
  await joinZone(a, 'Rings', 'Back shelf');
  await countCode(a, 'TRV-OPAL-1');
  await countCode(a, 'TRV-MOON-1');
  const moon = a.getByRole('list', { name: 'Counted in Back shelf' }).getByRole('listitem').filter({ hasText: 'Moon ring' });
  await expect(moon.getByRole('textbox')).toHaveValue('1');
  await moon.getByRole('button', { name: /^One more / }).click();
  await expect(moon.getByRole('textbox')).toHaveValue('2');
  await expect(a.getByLabel('Running total')).toHaveText('2');
  // The Pearl ring is here although the records have it in the stockroom: a clear warning.
  await countCode(a, 'TRV-PEARL-1');
  await expect(a.getByRole('alert').filter({ hasText: 'Wrong location?' })).toContainText('Stockroom (2)');
  await dismissNotices(a);
  await a.screenshot({ path: 'test-results/screenshots/tablet-count-zone.png', fullPage: true });
  await synced(a);

  // The phone is back: its offline counts go up.
  await stall.setOffline(false);
  await synced(b);

  // The manager reviews before anything changes: zones summed, the wrong-location line flagged, the unknown code listed.
  await a.goto('/count');
  await a.getByRole('button', { name: 'Review count Rings' }).click();
  const lines = a.getByRole('list', { name: 'Count lines' });
  await expect(lines.getByRole('listitem')).toHaveCount(3);
  const opal = lines.getByRole('listitem').filter({ hasText: 'Opal ring' });
  await expect(opal).toContainText('Counted 4 (Back shelf: 1, Case 1: 3)');
  await expect(opal).toContainText('−1');
  await expect(lines.getByRole('listitem').filter({ hasText: 'Moon ring' })).toContainText('−1');
  const pearl = lines.getByRole('listitem').filter({ hasText: 'Pearl ring' });
  await expect(pearl).toContainText('Wrong location?');
  await pearl.getByRole('combobox', { name: /^Choice for / }).selectOption('skip');
  await expect(pearl.getByLabel(/^Variance of /)).toHaveText('0');
  await expect(a.getByRole('list', { name: 'Unknown codes' })).toContainText('TRV-LOST-9');
  await expect(a.getByRole('list', { name: 'Unknown codes' }).getByRole('listitem')).toHaveCount(1);
  await expect(a.getByRole('region', { name: 'Totals' })).toContainText('2 units');
  await expect(a.getByRole('region', { name: 'Totals' })).toContainText(/50\.00/);
  await dismissNotices(a);
  await a.screenshot({ path: 'test-results/screenshots/tablet-count-review.png', fullPage: true });
  await a.setViewportSize({ width: 390, height: 844 });
  await a.screenshot({ path: 'test-results/screenshots/phone-count-review.png', fullPage: true });
  await a.setViewportSize({ width: 768, height: 1024 });

  await a.getByRole('button', { name: 'Apply count' }).click();
  await a.getByRole('button', { name: 'Confirm apply' }).click();
  await expect(a.getByRole('heading', { name: 'Count', level: 1 })).toBeVisible();
  await expect(a.getByRole('region', { name: 'Recent counts' })).toContainText('Applied');
  await synced(a);
  await synced(b);

  // The same stock on both devices…
  for (const page of [a, b]) {
    await expect.poll(() => onHand(page, 'opal', 'Opal ring', 'Shop floor')).toBe('4');
    await expect.poll(() => onHand(page, 'moon', 'Moon ring', 'Shop floor')).toBe('2');
    await expect.poll(() => onHand(page, 'pearl', 'Pearl ring', 'Stockroom')).toBe('2');
  }
  // …and on the server: a third device, paired fresh, knows only what the server holds.
  await a.goto('/settings');
  const devices = a.getByRole('region', { name: 'Devices' });
  await devices.getByLabel("New device's role").selectOption('owner');
  await devices.getByRole('button', { name: 'New pairing code' }).click();
  const code = (await devices.getByTestId('issued-code').textContent())!;
  const fresh = await browser.newContext({ baseURL: server.url, viewport: { width: 768, height: 1024 } });
  const c = await fresh.newPage();
  await pairThroughSettings(c, code, 'Back office');
  await expect.poll(() => onHand(c, 'opal', 'Opal ring', 'Shop floor'), { timeout: 30_000 }).toBe('4');
  await expect.poll(() => onHand(c, 'moon', 'Moon ring', 'Shop floor')).toBe('2');

  await fresh.close();
  await counter.close();
  await stall.close();
});
