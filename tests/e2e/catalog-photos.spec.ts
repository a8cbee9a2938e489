import type { Locator, Page } from '@playwright/test';
import { expect, test } from './support/fixtures';
import { expectSynced, pairTwoDevices } from './support/devices';
import { ringPng } from './support/png';

const png = (name: string, width: number, height: number, hue = 0) => ({
  name,
  mimeType: 'image/png',
  buffer: ringPng(width, height, hue),
});

/** Waits until `img` has decoded, and returns its natural size. */
async function naturalSize(img: Locator): Promise<{ width: number; height: number }> {
  await expect(img).toBeVisible();
  await expect.poll(() => img.evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth)).toBeGreaterThan(0);
  return img.evaluate((el: HTMLImageElement) => ({ width: el.naturalWidth, height: el.naturalHeight }));
}

async function newProductWithPhoto(page: Page, title: string): Promise<void> {
  await page.goto('/catalogue/new');
  await page.getByLabel('Title').fill(title);
  await page.getByLabel('Price', { exact: true }).fill('45.00');
  await page.getByLabel('Quantity each').fill('1');
  await page.getByLabel('Photo file').setInputFiles(png('ring.png', 600, 400));
  await expect(page.getByRole('region', { name: 'Photos' }).getByRole('img', { name: `${title}, photo 1` })).toBeVisible();
  await page.getByRole('button', { name: 'Save product' }).click();
  await expect(page.getByRole('heading', { name: 'Catalogue', level: 1 })).toBeVisible();
}

test('a new product with a photo: the thumbnail shows in the list, the full view on the item page', async ({ page }) => {
  // Not a picture: refused next to the button, nothing added.
  await page.goto('/catalogue/new');
  await page.getByLabel('Photo file').setInputFiles({ name: 'prices.csv', mimeType: 'text/csv', buffer: Buffer.from('sku,price\nA,1\n') });
  await expect(page.getByRole('alert')).toHaveText('That file is not a photo');
  await expect(page.getByRole('region', { name: 'Photos' })).toContainText('No photos yet.');

  await page.goto('/catalogue/new');
  await page.getByLabel('Title').fill('Garnet studs');
  await page.getByLabel('Price', { exact: true }).fill('30');
  await page.getByRole('button', { name: 'Save product' }).click();
  await expect(page.getByRole('heading', { name: 'Catalogue', level: 1 })).toBeVisible();
  await newProductWithPhoto(page, 'Opal stacking ring');
  await expect(page.getByRole('list', { name: 'Items' }).getByRole('listitem')).toHaveCount(2);
  const thumb = page.getByRole('list', { name: 'Items' }).getByRole('img', { name: 'Opal stacking ring' });
  expect(await naturalSize(thumb)).toEqual({ width: 240, height: 160 }); // downscaled on the device
  await page.screenshot({ path: 'test-results/screenshots/tablet-photos-list.png' });

  // A search result shows it too.
  await page.getByLabel('Search catalogue').fill('opal');
  await naturalSize(thumb);

  await page.getByRole('list', { name: 'Items' }).getByRole('link').first().click();
  const photos = page.getByRole('region', { name: 'Photos' });
  await expect(photos).toContainText('The product’s photos, shown for every variant.');
  await naturalSize(photos.getByRole('img', { name: 'Opal stacking ring, product photo 1' }));
  await photos.getByRole('button', { name: 'View photo 1' }).click();
  const full = page.getByRole('dialog', { name: 'Photo of Opal stacking ring' }).getByRole('img');
  expect(await naturalSize(full)).toEqual({ width: 600, height: 400 }); // a small picture is never upscaled
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog')).toHaveCount(0);

  // The variant gets its own photo; removing it falls back to the product's again.
  await photos.getByLabel('Photo file').setInputFiles(png('closeup.png', 2400, 1800, 80));
  await expect(photos.getByRole('button', { name: 'Remove photo 1' })).toBeVisible();
  const own = photos.getByRole('img', { name: 'Opal stacking ring, photo 1' });
  expect(await naturalSize(own)).toEqual({ width: 240, height: 180 });
  await page.screenshot({ path: 'test-results/screenshots/tablet-photos-item.png', fullPage: true });
  await photos.getByRole('button', { name: 'View photo 1' }).click();
  expect(await naturalSize(page.getByRole('dialog').getByRole('img'))).toEqual({ width: 1600, height: 1200 });
  await page.screenshot({ path: 'test-results/screenshots/tablet-photos-full.png' });
  await page.getByRole('button', { name: 'Close' }).click();
  await photos.getByRole('button', { name: 'Remove photo 1' }).click();
  await expect(photos.getByRole('button', { name: /Remove photo/ })).toHaveCount(0);
  await expect(photos.getByRole('img', { name: 'Opal stacking ring, product photo 1' })).toBeVisible();
});

test('a photo added on one device while another, offline, changes the price: both survive on both', async ({ browser, server }) => {
  // The owner pairs the counter tablet with the server's code, then issues a code for the stall phone.
  const { counter, stall, a, b } = await pairTwoDevices(browser, server);

  await newProductWithPhoto(a, 'Garnet signet');
  await a.goto('/settings');
  await expectSynced(a);
  await b.goto('/settings');
  await b.getByRole('button', { name: 'Sync now' }).click();
  await expectSynced(b);

  const open = async (page: Page) => {
    await page.goto('/catalogue');
    await page.getByLabel('Search catalogue').fill('garnet');
    await page.getByRole('list', { name: 'Items' }).getByRole('link').first().click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Garnet signet');
  };
  // The product photo came with the first sync.
  await b.goto('/catalogue');
  await naturalSize(b.getByRole('list', { name: 'Items' }).getByRole('img', { name: 'Garnet signet' }));

  await stall.setOffline(true);
  await open(b);
  await b.getByLabel('Price', { exact: true }).fill('52.00');
  await b.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(b.getByRole('region', { name: 'Price history' })).toContainText('$52.00');

  await open(a);
  await a
    .getByRole('region', { name: 'Photos' })
    .getByLabel('Photo file')
    .setInputFiles(png('on-hand.png', 900, 1200, 120));
  await naturalSize(a.getByRole('region', { name: 'Photos' }).getByRole('img', { name: 'Garnet signet, photo 1' }));

  await stall.setOffline(false);
  for (const page of [a, b]) {
    await expect(page.getByLabel('Price', { exact: true })).toHaveValue('52.00', { timeout: 20_000 });
    const photo = page.getByRole('region', { name: 'Photos' }).getByRole('img', { name: 'Garnet signet, photo 1' });
    await expect(photo).toBeVisible({ timeout: 20_000 });
    expect(await naturalSize(photo)).toEqual({ width: 180, height: 240 });
    await expect(page.getByRole('region', { name: 'Photos' }).getByRole('button', { name: 'Remove photo 1' })).toBeVisible();
  }
  await counter.close();
  await stall.close();
});
