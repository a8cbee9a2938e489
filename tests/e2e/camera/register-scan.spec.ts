import { expect, test } from '../support/fixtures';
import { CAMERA_FEED_CODE } from '../support/camera-feed';
import { cartLines, createItemWithBarcode, expectSingleLine, openSell, quantityOf } from '../support/scanning';

// Runs in the `camera` project: Chromium's camera is a fake that shows CAMERA_FEED_CODE
// (TROVE-SCAN-0001, Code 128) without pause — the tag never leaves the frame.

test('a tag held in front of the camera rings up once, however long it stays in the frame', async ({ page }) => {
  await createItemWithBarcode(page, 'Scan Ring', CAMERA_FEED_CODE);
  await openSell(page);

  const scan = page.getByRole('button', { name: /scan with camera/i });
  await expect(scan).toBeVisible();
  await scan.click();
  const dialog = page.getByRole('dialog', { name: 'Camera scanner' });
  await expect(dialog).toBeVisible();

  await expectSingleLine(page, 'Scan Ring', 1);
  await expect(dialog.getByRole('status', { name: 'Reads' })).toContainText(CAMERA_FEED_CODE);
  await page.screenshot({ path: 'test-results/screenshots/tablet-camera-scan.png' });

  // Still in the frame for two more seconds (some 20 decoded frames): no second line, no quantity 2.
  await page.waitForTimeout(2_000);
  await expect(cartLines(page)).toHaveCount(1);
  expect(await quantityOf(cartLines(page).first())).toBe(1);

  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(dialog).toBeHidden();
  await expectSingleLine(page, 'Scan Ring', 1);
});
