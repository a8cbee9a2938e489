import { expect, test } from './support/fixtures';
import { createItem } from './support/register';

test('adjust stock with a reason, transfer some to a market stall, see stock per location and the history', async ({ page }) => {
  await createItem(page, { title: 'Opal studs', price: '60.00', cost: '20.00', quantity: '5', barcode: 'TRV-OPAL-1' });

  // A market stall, made in Settings → Locations.
  await page.goto('/settings');
  const locations = page.getByRole('region', { name: 'Locations' });
  await locations.getByLabel('New location').fill('Market stall');
  await locations.getByRole('combobox', { name: 'Kind' }).selectOption('stall');
  await locations.getByRole('button', { name: 'Add location' }).click();
  await expect(locations.getByRole('list', { name: 'Locations' })).toContainText('Market stall');

  // From the item page: History → the Stock screen for that item.
  await page.goto('/catalogue');
  await page.getByRole('list', { name: 'Items' }).getByRole('link').first().click();
  await page.getByRole('link', { name: 'History' }).click();
  await expect(page).toHaveURL(/\/stock\/items\//);
  await expect(page.getByRole('heading', { name: 'Opal studs', level: 1 })).toBeVisible();
  const levels = page.getByRole('table', { name: 'Stock by location' });
  await expect(levels.getByRole('row', { name: /Shop floor/ })).toContainText('5');
  await expect(levels.getByRole('row', { name: /Market stall/ })).toContainText('0');

  // −1 damaged. Asking for 9 first warns (only 5 on hand) before it lets you go on.
  await page.getByRole('button', { name: 'Adjust', exact: true }).click();
  const adjust = page.getByRole('dialog', { name: 'Adjust stock' });
  await adjust.getByRole('combobox', { name: 'Location' }).selectOption({ label: 'Shop floor (5 on hand)' });
  await adjust.getByRole('combobox', { name: 'Reason' }).selectOption('damaged');
  await adjust.getByLabel('Units to take out').fill('9');
  await expect(adjust.getByRole('status')).toContainText('Only 5 on hand at Shop floor');
  await adjust.getByLabel('Units to take out').fill('1');
  await expect(adjust.getByRole('status')).toHaveCount(0);
  await adjust.getByLabel('Note').fill('Clasp bent');
  await adjust.getByRole('button', { name: 'Save adjustment' }).click();
  await expect(adjust).toHaveCount(0);
  await expect(levels.getByRole('row', { name: /Shop floor/ })).toContainText('4');

  // 2 to the stall, in transit first, then received.
  await page.getByRole('button', { name: 'Transfer', exact: true }).click();
  const transfer = page.getByRole('dialog', { name: 'Transfer stock' });
  await transfer.getByRole('combobox', { name: 'From' }).selectOption({ label: 'Shop floor (4)' });
  await transfer.getByRole('combobox', { name: 'To' }).selectOption({ label: 'Market stall' });
  await transfer.getByLabel('Units to move').fill('2');
  await transfer.getByRole('radio', { name: /In transit/ }).check();
  await transfer.getByRole('button', { name: 'Send' }).click();
  await expect(transfer).toHaveCount(0);
  const transit = page.getByRole('list', { name: 'Transfers in transit' });
  await expect(transit).toContainText('2 × Opal studs');
  // In transit counts at neither location.
  await expect(levels.getByRole('row', { name: /Shop floor/ })).toContainText('2');
  await expect(levels.getByRole('row', { name: /Market stall/ })).toContainText('0');
  await page.getByRole('button', { name: 'Receive 2 × Opal studs at Market stall' }).click();
  await expect(transit).toHaveCount(0);
  await expect(levels.getByRole('row', { name: /Market stall/ })).toContainText('2');
  await expect(levels.getByRole('row', { name: /Shop floor/ })).toContainText('2');

  const history = page.getByRole('list', { name: 'Stock history' });
  await expect(history.getByRole('listitem')).toHaveCount(4);
  await expect(history.getByRole('listitem').nth(0)).toContainText('Transfer · from Shop floor');
  await expect(history.getByRole('listitem').nth(1)).toContainText('Transfer · to Market stall');
  await expect(history.getByRole('listitem').nth(2)).toContainText('Damaged · Clasp bent');
  await expect(history.getByRole('listitem').nth(2)).toContainText('$20.00 each');
  await expect(history.getByRole('listitem').nth(3)).toContainText('Received');

  // Every control on the screen is at least 48 px tall and has a name.
  for (const control of await page.locator('main button, main a, main input, main select').all()) {
    if (!(await control.isVisible())) continue;
    const box = (await control.boundingBox())!;
    expect(box.height, await control.evaluate((el) => el.outerHTML.slice(0, 80))).toBeGreaterThanOrEqual(48);
  }
  // Clear the notices so the screenshots show the screen.
  const dismiss = page.getByRole('button', { name: 'Dismiss message' });
  while ((await dismiss.count()) > 0) await dismiss.first().click();
  await page.screenshot({ path: 'test-results/screenshots/tablet-stock-item.png', fullPage: true });
  await history.screenshot({ path: 'test-results/screenshots/tablet-stock-history.png' });
  await page.setViewportSize({ width: 390, height: 844 });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await page.screenshot({ path: 'test-results/screenshots/phone-stock-item.png', fullPage: true });
  await page.getByRole('region', { name: 'History' }).screenshot({ path: 'test-results/screenshots/phone-stock-history.png' });

  // The Stock screen's home: search, then in transit.
  await page.getByRole('button', { name: '‹ Stock' }).click();
  await page.getByRole('searchbox', { name: /Search by title/ }).fill('opal');
  await expect(page.getByRole('button', { name: 'Stock of Opal studs' })).toBeVisible();
  await page.screenshot({ path: 'test-results/screenshots/phone-stock-home.png', fullPage: true });
  await page.setViewportSize({ width: 768, height: 1024 });
  await page.screenshot({ path: 'test-results/screenshots/tablet-stock-home.png', fullPage: true });
});
