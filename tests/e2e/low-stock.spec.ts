import { expect, test } from './support/fixtures';
import { createItem } from './support/register';

test('a supplier, a reorder point on an item, the low-stock list and the Stock badge until stock is found', async ({ page }) => {
  // A supplier, from the Stock screen.
  await page.goto('/stock');
  await page.getByRole('region', { name: 'Low stock' }).getByRole('link', { name: 'Suppliers' }).click();
  await expect(page.getByRole('heading', { name: 'Suppliers', level: 1 })).toBeVisible();
  await page.getByRole('button', { name: 'New supplier' }).click();
  const form = page.getByRole('form', { name: 'Supplier' });
  await form.getByLabel('Name', { exact: true }).fill('Aurum Findings');
  await form.getByLabel('Email').fill('orders at aurum');
  await form.getByRole('button', { name: 'Save supplier' }).click();
  await expect(form.getByRole('alert')).toHaveText('Enter an email like orders@supplier.com');
  await form.getByLabel('Email').fill('orders@aurum.example');
  await form.getByLabel('Contact name').fill('Marta Rossi');
  await form.getByLabel('Terms').fill('30 days net');
  await form.getByLabel('Promised lead time (days)').fill('14');
  await form.getByLabel('Minimum order').fill('500.00');
  await form.getByRole('button', { name: 'Save supplier' }).click();
  const list = page.getByRole('list', { name: 'Suppliers' });
  await expect(list).toContainText('Aurum Findings');
  await expect(list).toContainText('Marta Rossi · 14 days lead time · minimum $500.00');

  // An item with 3 on hand: reorder at 3, order 6, with the supplier's SKU.
  await createItem(page, { title: 'Gold hoops', price: '80.00', cost: '30.00', quantity: '3', barcode: 'TRV-HOOP-1' });
  await page.getByRole('list', { name: 'Items' }).getByRole('link').first().click();
  const item = page.getByRole('form', { name: 'Item details' });
  await item.getByRole('combobox', { name: 'Supplier', exact: true }).selectOption({ label: 'Aurum Findings' });
  await item.getByLabel('Supplier SKU').fill('AU-HOOP-18');
  await item.getByLabel('Reorder point').fill('3');
  await item.getByLabel('Reorder quantity').fill('6');
  await item.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByText('Saved', { exact: true })).toBeVisible();
  await item.screenshot({ path: 'test-results/screenshots/tablet-item-reorder.png' });

  // The Stock link keeps its name; the badge describes it.
  const stockLink = page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Stock', exact: true });
  await expect(stockLink).toHaveAccessibleDescription('1 item low on stock');
  await stockLink.click();
  const low = page.getByRole('list', { name: 'Items low on stock' });
  await expect(low.getByRole('listitem')).toHaveCount(1);
  await expect(low).toContainText('Gold hoops');
  await expect(low).toContainText('Aurum Findings · AU-HOOP-18');
  await expect(low).toContainText(/On hand\s*3/);
  await expect(low).toContainText(/Reorder at\s*3/);
  await expect(low).toContainText(/Order\s*6/);
  await expect(low).toContainText('$30.00');

  const dismiss = page.getByRole('button', { name: 'Dismiss message' });
  while ((await dismiss.count()) > 0) await dismiss.first().click();
  await page.getByRole('region', { name: 'Low stock' }).screenshot({ path: 'test-results/screenshots/tablet-low-stock.png' });
  await page.screenshot({ path: 'test-results/screenshots/tablet-stock-home.png', fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await page.screenshot({ path: 'test-results/screenshots/phone-low-stock.png', fullPage: true });
  await page.setViewportSize({ width: 768, height: 1024 });

  // +5 found, from the Stock screen: 8 on hand, above the reorder point, and the badge goes.
  await low.getByRole('link', { name: 'Gold hoops' }).click();
  await page.getByRole('button', { name: 'Adjust', exact: true }).click();
  const adjust = page.getByRole('dialog', { name: 'Adjust stock' });
  await adjust.getByRole('combobox', { name: 'Reason' }).selectOption('found');
  await adjust.getByLabel('Units to add').fill('5');
  await adjust.getByRole('button', { name: 'Save adjustment' }).click();
  await expect(adjust).toHaveCount(0);
  await expect(page.getByTestId('low-stock-badge')).toHaveCount(0);
  await expect(stockLink).not.toHaveAttribute('aria-describedby');
  await page.goto('/stock');
  await expect(page.getByRole('region', { name: 'Low stock' })).toContainText('Nothing at or below its reorder point');
});
