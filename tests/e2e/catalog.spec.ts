import type { Page } from '@playwright/test';
import { expect, test } from './support/fixtures';
import { expectSynced, pairTwoDevices } from './support/devices';

async function createRing(page: Page): Promise<void> {
  await page.goto('/catalogue');
  await page.getByRole('button', { name: 'New product' }).click();
  await page.getByLabel('Title').fill('Opal stacking ring');
  await page.getByLabel('Vendor').fill('Atelier Lune');
  await page.getByLabel('Category').fill('Rings');
  await page.getByLabel('Collection').fill('Autumn 2026');
  await page.getByLabel('Price', { exact: true }).fill('45.00');
  await page.getByLabel('Cost', { exact: true }).fill('12.50');
  await page.getByLabel('Quantity each').fill('2');
  await page.getByLabel('Metal').fill('Sterling silver');
  await page.getByLabel('Stone').fill('Opal');
  await page.getByRole('button', { name: 'Add option' }).click();
  await page.getByLabel('Option 1 name').fill('Size');
  await page.getByLabel('Option 1 values').fill('5, 6, 7');
  await expect(page.getByRole('table', { name: 'Variants' }).getByRole('row')).toHaveCount(4);
  await page.getByLabel('Price for 7').fill('48.00');
  await page.screenshot({ path: 'test-results/screenshots/tablet-new-product.png', fullPage: true });
  await page.getByRole('button', { name: 'Save product' }).click();
  await expect(page.getByRole('heading', { name: 'Catalogue', level: 1 })).toBeVisible();
}

test('create a ring in three sizes, find it by an attribute, edit its price and see the history', async ({ page }) => {
  await createRing(page);
  const items = page.getByRole('list', { name: 'Items' });
  await expect(items.getByRole('listitem')).toHaveCount(3);
  await expect(items).toContainText('RINGS-R0');
  await expect(items).toContainText('2 on hand');
  await page.screenshot({ path: 'test-results/screenshots/tablet-catalogue-list.png' });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: 'test-results/screenshots/phone-catalogue-list.png' });
  await page.setViewportSize({ width: 768, height: 1024 });

  await page.getByLabel('Search catalogue').fill('sterl op');
  await expect(items.getByRole('listitem')).toHaveCount(3);
  await page.getByLabel('Search catalogue').fill('opal 7');
  await expect(items.getByRole('listitem')).toHaveCount(1);
  await expect(items).toContainText('$48.00');
  await page.getByLabel('Search catalogue').fill('garnet');
  await expect(page.getByText('Nothing matches “garnet”.')).toBeVisible();

  await page.getByLabel('Search catalogue').fill('opal 6');
  await items.getByRole('link').first().click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Opal stacking ring · 6');
  await expect(page.getByRole('region', { name: 'Stock' })).toContainText(/Shop floor\s*2/);
  await expect(page.getByRole('region', { name: 'Details' })).toContainText(/Category\s*Rings/);
  await expect(page.getByRole('region', { name: 'Details' })).toContainText(/Collection\s*Autumn 2026/);
  await page.getByLabel('Price', { exact: true }).fill('49.50');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByRole('region', { name: 'Price history' })).toContainText('Price: $45.00 → $49.50');
  await page.screenshot({ path: 'test-results/screenshots/tablet-item-page.png', fullPage: true });
});

test('a SKU another item uses is refused, naming that item', async ({ page }) => {
  await createRing(page);
  const firstSku = (await page.getByRole('list', { name: 'Items' }).getByRole('listitem').first().textContent())!.match(/RINGS-R0\d+/)![0];
  await page.getByRole('button', { name: 'New product' }).click();
  await page.getByLabel('Title').fill('Garnet studs');
  await page.getByLabel('Price', { exact: true }).fill('30');
  await page.getByRole('button', { name: 'Add option' }).click();
  await page.getByLabel('Option 1 name').fill('Metal');
  await page.getByLabel('Option 1 values').fill('Silver');
  await page.getByLabel('SKU for Silver').fill(firstSku);
  await page.getByRole('button', { name: 'Save product' }).click();
  await expect(page.getByRole('alert')).toContainText(`${firstSku} is already used by Opal stacking ring`);
  await page.getByLabel('SKU for Silver').fill('');
  await page.getByLabel('Price', { exact: true }).fill('-3');
  await page.getByRole('button', { name: 'Save product' }).click();
  await expect(page.getByRole('alert')).toHaveText('Price cannot be negative');
  await page.getByLabel('Price', { exact: true }).fill('3.999');
  await page.getByRole('button', { name: 'Save product' }).click();
  await expect(page.getByRole('alert')).toHaveText('"3.999" has more than 2 decimals');
  await page.goto('/catalogue');
  await expect(page.getByRole('list', { name: 'Items' }).getByRole('listitem')).toHaveCount(3); // nothing half-saved
});

test('bulk edit: a new price and a tag on the selected items', async ({ page }) => {
  await createRing(page);
  const items = page.getByRole('list', { name: 'Items' });
  await items.getByRole('checkbox').nth(0).check();
  await items.getByRole('checkbox').nth(1).check();
  await page.getByRole('button', { name: 'Edit selected' }).click();
  await page.getByLabel('New price').fill('39.00');
  await page.getByLabel('Add tag').fill('autumn-sale');
  await page.getByLabel('Move to category').fill('Stacking rings');
  await page.getByRole('button', { name: 'Apply to 2 items' }).click();
  await expect(items.getByText('$39.00')).toHaveCount(2);
  await items.getByRole('link').first().click();
  await expect(page.getByRole('region', { name: 'Details' })).toContainText(/Category\s*Stacking rings/);
  await page.goto('/catalogue');
  await page.getByLabel('Search catalogue').fill('autumn');
  await expect(items.getByRole('listitem')).toHaveCount(2);
});

test('two devices edit the same item, one offline: the price and the tags both survive', async ({ browser, server }) => {
  // The owner pairs the counter tablet with the server's code, then issues a code for the stall phone.
  const { counter, stall, a, b } = await pairTwoDevices(browser, server);

  await createRing(a);
  await a.goto('/settings');
  await expectSynced(a);
  await b.goto('/settings');
  await b.getByRole('button', { name: 'Sync now' }).click();
  await expectSynced(b);

  const open = async (page: Page) => {
    await page.goto('/catalogue');
    await page.getByLabel('Search catalogue').fill('opal 5');
    await page.getByRole('list', { name: 'Items' }).getByRole('link').first().click();
  };
  await stall.setOffline(true);
  await open(b);
  await b.getByLabel('Tags').fill('bestseller, gift');
  await b.getByRole('button', { name: 'Save', exact: true }).click();

  await open(a);
  await a.getByLabel('Price', { exact: true }).fill('52.00');
  await a.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(a.getByRole('region', { name: 'Price history' })).toContainText('$52.00');

  await stall.setOffline(false);
  for (const page of [a, b]) {
    await expect(page.getByLabel('Price', { exact: true })).toHaveValue('52.00', { timeout: 20_000 });
    await expect(page.getByLabel('Tags')).toHaveValue('bestseller, gift', { timeout: 20_000 });
  }
  await counter.close();
  await stall.close();
});

test('a one-of-a-kind pendant is a piece with its own serial, cost and status journey', async ({ page }) => {
  await page.goto('/catalogue/new');
  await page.getByLabel('Title').fill('Hand-forged moonstone pendant');
  await page.getByLabel('Price', { exact: true }).fill('320');
  await page.getByLabel('Cost', { exact: true }).fill('95');
  await page.getByLabel('One-of-a-kind').check();
  await page.getByRole('button', { name: 'Save product' }).click();
  await page.getByLabel('Search catalogue').fill('moonstone');
  await page.getByRole('list', { name: 'Items' }).getByRole('link').first().click();
  const pieces = page.getByRole('region', { name: 'Pieces' });
  await expect(pieces).toContainText(/GEN-R0\d+-1/);
  await expect(pieces).toContainText('Cost $95.00');
  await expect(pieces.getByRole('list', { name: /Journey of/ })).toContainText('Received');
  await expect(pieces.getByRole('list', { name: /Journey of/ })).toContainText('In stock');
  await expect(page.getByRole('region', { name: 'Stock' })).toContainText(/Shop floor\s*1/);

  await pieces.getByRole('button', { name: /Edit piece/ }).click();
  const editor = pieces.getByRole('form', { name: /Edit piece/ });
  await editor.getByLabel('Certificate').fill('GIA 2141438171');
  await editor.getByLabel('Barcode').fill('4006381333931');
  await editor.getByLabel('Piece cost').fill('90');
  await editor.getByRole('button', { name: 'Save piece' }).click();
  await expect(pieces).toContainText('Certificate GIA 2141438171');
  await expect(pieces).toContainText('Barcode 4006381333931');
  await expect(pieces).toContainText('Cost $90.00');
});

test('a gift set lists its components with their stock and how many sets can be made', async ({ page }) => {
  await createRing(page);
  const items = page.getByRole('list', { name: 'Items' });
  const skuOf = async (size: string) => {
    await page.getByLabel('Search catalogue').fill(`opal ${size}`);
    await expect(items.getByRole('listitem')).toHaveCount(1);
    return (await items.textContent())!.match(/RINGS-R0\d+/)![0];
  };
  const [five, six] = [await skuOf('5'), await skuOf('6')];

  await page.goto('/catalogue/new');
  await page.getByLabel('Title').fill('Stacking gift box');
  await page.getByLabel('Price', { exact: true }).fill('120');
  await page.getByLabel('Quantity each').fill('0');
  await page.getByRole('button', { name: 'Save product' }).click();
  await page.getByLabel('Search catalogue').fill('gift box');
  await items.getByRole('link').first().click();

  const set = page.getByRole('region', { name: 'Gift set' });
  await set.getByLabel('Component SKU or barcode').fill(five);
  await set.getByRole('button', { name: 'Add to set' }).click();
  await expect(set.getByTestId('bundle-available')).toHaveText('2');
  await set.getByLabel('Component SKU or barcode').fill(six);
  await set.getByLabel('Quantity in set').fill('2');
  await set.getByRole('button', { name: 'Add to set' }).click();
  await expect(set.getByRole('list', { name: 'Set components' }).getByRole('listitem')).toHaveCount(2);
  await expect(set.getByTestId('bundle-available')).toHaveText('1');
  await set.getByLabel('Component SKU or barcode').fill('NOPE-1');
  await set.getByRole('button', { name: 'Add to set' }).click();
  await expect(set.getByRole('alert')).toHaveText('No item has the SKU or barcode NOPE-1');
});

test('labels for items chosen in the list open in a print preview', async ({ page }) => {
  await createRing(page);
  const items = page.getByRole('list', { name: 'Items' });
  await items.getByRole('checkbox').nth(0).check();
  await items.getByRole('checkbox').nth(2).check();
  await page.getByRole('button', { name: 'Print labels' }).click();
  await expect(page.getByRole('heading', { name: 'Print labels', level: 1 })).toBeVisible();
  const preview = page.getByRole('region', { name: 'Print preview' });
  await expect(preview).toContainText('$48.00');
  await expect(preview).toContainText('$45.00');
  await expect(preview).toContainText('Opal stacking ring');
});
