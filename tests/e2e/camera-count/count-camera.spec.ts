import { expect, test } from '../support/fixtures';
import { COUNT_FEED_APPEARANCES, COUNT_FEED_CODE } from '../support/camera-feed';
import { createItemWithBarcode } from '../support/scanning';
import { joinZone, planCount } from './count-helpers';

// Runs in the `camera-count` project: Chromium's camera plays COUNT_FEED — 3 s of an empty counter
// (while the camera starts), then TROVE-COUNT-0001 in view 3 times for 1.4 s each with 1.4 s of
// empty counter between, then 20 s of empty counter before the file loops (≈ 30 s a pass). A tag counts again only after it has left the frame, so the running
// total must be exactly 3 during the feed's first pass, and stay 3 through the blank tail.

test('a tag shown K = 3 times in front of the camera counts exactly 3', async ({ page }) => {
  await createItemWithBarcode(page, 'Count Ring', COUNT_FEED_CODE);
  await planCount(page, { scope: 'full', name: 'Camera count', blind: true });
  await joinZone(page, 'Camera count', 'Case 1');

  await page.getByRole('button', { name: 'Scan with camera' }).click();
  await expect(page.getByRole('region', { name: 'Camera' })).toBeVisible();
  const total = page.getByLabel('Running total');

  // The three appearances are over about 10 s after the camera starts.
  await expect(total).toHaveText(String(COUNT_FEED_APPEARANCES), { timeout: 20_000 });
  const sku = (await page.getByRole('list', { name: 'Counted in Case 1' }).getByRole('listitem').first().textContent()) ?? '';
  expect(sku).toContain('Count Ring');
  // Well into the blank tail (the loop restarts only ~30 s after the camera started): still 3.
  await page.waitForTimeout(4_000);
  await expect(total).toHaveText(String(COUNT_FEED_APPEARANCES));
  await expect(page.getByRole('list', { name: 'Counted in Case 1' }).getByRole('textbox')).toHaveValue(String(COUNT_FEED_APPEARANCES));
  await page.screenshot({ path: 'test-results/screenshots/phone-count-camera.png' });
  await page.setViewportSize({ width: 768, height: 1024 });
  await page.screenshot({ path: 'test-results/screenshots/tablet-count-camera.png' });
  await page.getByRole('button', { name: 'Stop camera' }).click();
  await expect(page.getByRole('region', { name: 'Camera' })).toHaveCount(0);
});
