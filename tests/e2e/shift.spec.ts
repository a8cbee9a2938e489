import { expect, test } from './support/fixtures';
import { addBySearch, createItem, openRegister, payCash } from './support/register';

test('a shift: two sales, a pay-out, a blind count 1.00 short, and the Z report that shows it', async ({ page }) => {
  await createItem(page, { title: 'Opal ring', price: '40.00', cost: '12.00', quantity: '3', barcode: 'TRV-OPAL-1' });
  await createItem(page, { title: 'Silver chain', price: '25.00', cost: '7.00', quantity: '3', barcode: 'TRV-CHAIN-1' });
  await openRegister(page, '100.00');

  // One sale in cash (40.00), one on card (25.00).
  await addBySearch(page, 'opal', 'Opal ring');
  await payCash(page);
  await page.getByRole('button', { name: 'New sale' }).click();
  await addBySearch(page, 'chain', 'Silver chain');
  await page.getByRole('button', { name: 'Charge $25.00' }).click();
  const pay = page.getByRole('dialog', { name: 'Take payment' });
  await pay.getByRole('radio', { name: 'Card' }).check();
  await pay.getByLabel('Amount', { exact: true }).fill('25.00');
  await pay.getByRole('button', { name: 'Add card payment' }).click();
  await pay.getByRole('button', { name: 'Complete sale' }).click();
  await expect(page.getByRole('heading', { name: /^Sale .+ complete$/ })).toBeVisible();

  await page.getByRole('navigation', { name: 'Register tasks' }).getByRole('link', { name: 'Shift' }).click();
  await expect(page.getByRole('heading', { name: 'Shift', level: 1 })).toBeVisible();
  const open = page.getByRole('region', { name: 'Open shift' });
  await expect(open).toContainText('$100.00');
  await expect(open).toContainText('Owner (no PIN set)');

  // The X report so far: 100.00 float + 40.00 cash.
  await open.getByRole('button', { name: 'X report' }).click();
  await expect(page.getByRole('heading', { name: 'X report', level: 1 })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Cash count' })).toContainText(/Expected cash\s*\$140\.00/);
  await expect(page.getByRole('table', { name: 'Payments taken' })).toContainText(/Card \(1\)\s*\$25\.00/);
  await page.getByRole('link', { name: 'Shift and Z reports' }).click();

  // Pay out 5.00 for the window cleaner; a reason is required.
  await page.getByRole('button', { name: 'Pay out' }).click();
  const payOut = page.getByRole('dialog', { name: 'Pay out' });
  await payOut.getByLabel('Amount').fill('5.00');
  await payOut.getByRole('button', { name: 'Record pay-out' }).click();
  await expect(payOut.getByRole('alert')).toHaveText('Give a reason for the pay-out');
  await payOut.getByLabel('Reason').fill('Window cleaner');
  await payOut.getByRole('button', { name: 'Record pay-out' }).click();
  await expect(payOut).toBeHidden();
  await expect(page.getByRole('status').filter({ hasText: 'Paid out' })).toHaveText('Paid out $5.00: Window cleaner.');
  await page.screenshot({ path: 'test-results/screenshots/tablet-shift-open.png' });

  // Close with a blind count: nothing says what the drawer should hold until the shift is closed.
  await page.getByRole('button', { name: 'Close shift' }).click();
  const close = page.getByRole('region', { name: 'Close shift' });
  await expect(page.getByText(/Expected/)).toHaveCount(0);
  await expect(page.getByText('$135.00')).toHaveCount(0);
  await close.getByLabel('Counted cash').fill('134.00');
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: 'test-results/screenshots/phone-shift-close.png' });
  await page.setViewportSize({ width: 768, height: 1024 });
  await close.getByRole('button', { name: 'Continue' }).click();
  await expect(close).toContainText('Close this shift with $134.00 counted?');
  await expect(page.getByText(/Expected/)).toHaveCount(0);
  await close.getByRole('button', { name: 'Close the shift' }).click();

  // The Z report: 100.00 + 40.00 − 5.00 = 135.00 expected, 134.00 counted, 1.00 short.
  await expect(page.getByRole('heading', { name: 'Z report', level: 1 })).toBeVisible();
  const count = page.getByRole('region', { name: 'Cash count' });
  await expect(count).toContainText(/Expected cash\s*\$135\.00/);
  await expect(count).toContainText(/Counted\s*\$134\.00/);
  await expect(count).toContainText(/Short\s*-\$1\.00/);
  const drawer = page.getByRole('table', { name: 'Cash drawer' });
  await expect(drawer.getByRole('row', { name: /Opening float/ })).toContainText('$100.00');
  await expect(drawer.getByRole('row', { name: /Cash sales/ })).toContainText('$40.00');
  await expect(drawer.getByRole('row', { name: /Paid out/ })).toContainText('-$5.00');
  await expect(drawer.getByRole('row', { name: /Expected cash/ })).toContainText('$135.00');
  await expect(drawer.getByRole('row', { name: /Counted cash/ })).toContainText('$134.00');
  await expect(drawer.getByRole('row', { name: /^Short/ })).toContainText('-$1.00');
  await expect(page.getByRole('table', { name: 'Sales' }).getByRole('row', { name: /Sales \(2\)/ })).toContainText('$65.00');
  await expect(page.getByRole('table', { name: 'Paid in and out' })).toContainText('Out: Window cleaner');
  await expect(page.getByRole('table', { name: 'Sales by staff' })).toContainText('Owner (no PIN set)');
  await page.screenshot({ path: 'test-results/screenshots/tablet-z-report.png', fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await expect(page.getByRole('button', { name: 'Print Z report (80 mm)' })).toBeVisible();
  await page.screenshot({ path: 'test-results/screenshots/phone-z-report.png', fullPage: true });
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  // The app scrolls inside its shell under a fixed tab bar: the whole report is shot on its own,
  // in a window tall enough to hold it.
  await page.setViewportSize({ width: 390, height: 2400 });
  await page.getByRole('article', { name: /^Z report/ }).screenshot({ path: 'test-results/screenshots/phone-z-report-paper.png' });
  await page.setViewportSize({ width: 768, height: 1024 });

  // Printing (the dialog stubbed): only the 80 mm report goes on the paper.
  await page.evaluate(() => {
    window.print = () => document.body.setAttribute('data-printed', 'yes');
  });
  await page.getByRole('button', { name: 'Print Z report (80 mm)' }).click();
  await expect(page.locator('body')).toHaveAttribute('data-printed', 'yes');
  await page.emulateMedia({ media: 'print' });
  await expect(page.getByRole('heading', { name: 'Z report', level: 1 })).toBeHidden();
  await expect(page.locator('.print-root')).toBeVisible();
  await page.screenshot({ path: 'test-results/screenshots/print-z-report-80mm.png', fullPage: true });
  await page.emulateMedia({ media: null });

  // The register is closed: back at the register, it offers a new shift; the Z is in the list.
  await page.getByRole('link', { name: 'Back to the register' }).click();
  await expect(page.getByRole('heading', { name: 'Open the register' })).toBeVisible();
  await page.goto('/sell/shift');
  await expect(page.getByRole('heading', { name: 'The register is closed' })).toBeVisible();
  const list = page.getByRole('list', { name: 'Z reports' });
  await expect(list.getByRole('listitem')).toHaveCount(1);
  await expect(list).toContainText('Short -$1.00');
  await list.getByRole('button').click();
  await expect(page.getByRole('region', { name: 'Cash count' })).toContainText(/Counted\s*\$134\.00/);
});
