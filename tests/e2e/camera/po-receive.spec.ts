import { expect, test } from '../support/fixtures';
import { CAMERA_FEED_CODE } from '../support/camera-feed';
import { createItemWithBarcode } from '../support/scanning';

// Runs in the `camera` project: Chromium's camera is a fake that shows CAMERA_FEED_CODE
// (TROVE-SCAN-0001, Code 128) without pause — the tag never leaves the frame, so it counts once.

test('receiving a purchase order by scanning with the camera counts one unit on the scanned line', async ({ page }) => {
  await createItemWithBarcode(page, 'Scan Ring', CAMERA_FEED_CODE);

  // A supplier and a sent order for 3 Scan Rings.
  await page.goto('/stock/suppliers');
  await page.getByRole('button', { name: 'New supplier' }).click();
  const supplier = page.getByRole('form', { name: 'Supplier' });
  await supplier.getByLabel('Name', { exact: true }).fill('Camera Supplies');
  await supplier.getByRole('button', { name: 'Save supplier' }).click();
  await expect(page.getByRole('list', { name: 'Suppliers' })).toContainText('Camera Supplies');

  await page.goto('/stock/orders');
  await page.getByRole('button', { name: 'New order' }).click();
  await page.getByRole('combobox', { name: 'Supplier' }).selectOption({ label: 'Camera Supplies' });
  await page.getByRole('searchbox', { name: 'Add an item: search or scan' }).fill('Scan Ring');
  await page.getByRole('button', { name: 'Add Scan Ring' }).click();
  const lines = page.getByRole('list', { name: 'Order lines' });
  await lines.getByLabel('Quantity of Scan Ring').fill('3');
  await lines.getByLabel('Unit cost of Scan Ring').fill('20.00');
  await page.getByRole('button', { name: 'Mark sent' }).click();
  await expect(page.getByTestId('po-status')).toHaveText('Sent');

  // Receive: start the camera; the tag in the frame counts 1 on its line.
  await page.getByRole('button', { name: 'Receive', exact: true }).click();
  await page.getByRole('button', { name: 'Scan with camera' }).click();
  const dialog = page.getByRole('dialog', { name: 'Camera scanner' });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('status', { name: 'Reads' })).toContainText(CAMERA_FEED_CODE);
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByLabel('Receiving now: Scan Ring')).toHaveValue('1');
  await expect(page.getByText('Scan Ring: 1 this receipt')).toBeVisible();
  await page.screenshot({ path: 'test-results/screenshots/tablet-po-camera-receive.png', fullPage: true });

  await page.getByRole('button', { name: 'Record receipt' }).click();
  await expect(page.getByTestId('po-status')).toHaveText('Partly received');
  await expect(
    page
      .getByRole('table', { name: 'Lines' })
      .getByRole('row', { name: /Scan Ring/ })
      .getByRole('cell')
      .nth(1),
  ).toHaveText('1');
});
