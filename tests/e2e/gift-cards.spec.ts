import { expect, test } from './support/fixtures';
import { addBySearch, createItem, openRegister, payCash } from './support/register';

test('sell a 50.00 gift card for cash, spend 30.00 of it on a 40.00 ring with the rest in cash, and 20.00 is left', async ({ page }) => {
  await createItem(page, { title: 'Opal ring', price: '40.00', cost: '12.00', quantity: '3', barcode: 'TRV-OPAL-1' });
  await openRegister(page, '100.00');

  // Sell the card: a code made for it (a card with none printed), 50.00 on it.
  await page.getByRole('button', { name: 'Sell a gift card' }).click();
  const sell = page.getByRole('dialog', { name: 'Sell a gift card' });
  await expect(sell.getByLabel('Card code')).toBeFocused();
  await expect(sell.getByLabel('Card code')).toHaveAttribute('data-wedge', 'off');
  await sell.getByRole('button', { name: 'Add to sale' }).click();
  await expect(sell.getByRole('alert')).toHaveText('Scan the card’s barcode, type its code, or make a code');
  await sell.getByRole('button', { name: 'Make a code' }).click();
  await expect(sell.getByLabel('Card code')).toHaveValue(/^GC-[A-Z0-9]{1,8}-[0-9A-F]{8}$/);
  const code = await sell.getByLabel('Card code').inputValue();
  await expect(sell.getByLabel('Amount', { exact: true })).toBeFocused();
  await sell.getByLabel('Amount', { exact: true }).fill('50.00');
  await page.screenshot({ path: 'test-results/screenshots/tablet-gift-card.png' });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: 'test-results/screenshots/phone-gift-card.png' });
  await page.setViewportSize({ width: 768, height: 1024 });
  await sell.getByRole('button', { name: 'Add to sale' }).click();
  await expect(sell).toBeHidden();
  const cart = page.getByRole('list', { name: 'Cart' });
  await expect(cart).toContainText(`Gift card ${code}`);
  await expect(cart.getByRole('button', { name: `One more Gift card ${code}` })).toHaveCount(0);
  await expect(page.getByLabel('Total', { exact: true })).toHaveText('$50.00');
  await page.screenshot({ path: 'test-results/screenshots/tablet-gift-card-cart.png', fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: 'test-results/screenshots/phone-gift-card-cart.png', fullPage: true });
  await page.setViewportSize({ width: 768, height: 1024 });
  const cardReceipt = await payCash(page);
  await page.getByRole('button', { name: 'New sale' }).click();

  // Spend it: a 40.00 ring, 30.00 from the card and 10.00 in cash.
  await addBySearch(page, 'opal', 'Opal ring');
  await page.getByRole('button', { name: 'Charge $40.00' }).click();
  const pay = page.getByRole('dialog', { name: 'Take payment' });
  await pay.getByRole('radio', { name: 'Store credit' }).check();
  await pay.getByLabel('Credit code').fill(code);
  await pay.getByLabel('Amount', { exact: true }).fill('30.00');
  await pay.getByRole('button', { name: 'Add store credit' }).click();
  await expect(pay.getByRole('list', { name: 'Payments' })).toContainText(`Store credit · ${code}`);
  await pay.getByRole('radio', { name: 'Cash' }).check();
  await expect(pay.getByLabel('Cash received')).toHaveValue('10.00');
  await pay.getByRole('button', { name: 'Add cash' }).click();
  await pay.getByRole('button', { name: 'Complete sale' }).click();
  await expect(page.getByRole('heading', { name: /^Sale .+ complete$/ })).toBeVisible();
  await page.getByRole('button', { name: 'New sale' }).click();

  // The balance lookup: 20.00 left.
  await page.getByRole('button', { name: 'Gift card balance' }).click();
  const balance = page.getByRole('dialog', { name: 'Gift card balance' });
  await balance.getByLabel('Card code').fill(code.toLowerCase());
  await balance.getByRole('button', { name: 'Check' }).click();
  await expect(balance.getByRole('status')).toContainText(`${code} has $20.00 left`);
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: 'test-results/screenshots/phone-gift-card-balance.png' });
  await page.setViewportSize({ width: 768, height: 1024 });
  await balance.getByRole('button', { name: 'Done' }).click();

  // The card is not returned: its sale shows it without a stepper, and cannot be voided.
  await page.getByRole('navigation', { name: 'Register tasks' }).getByRole('link', { name: 'Returns' }).click();
  await page.getByRole('searchbox', { name: 'Receipt number' }).fill(cardReceipt);
  await page.getByRole('button', { name: 'Find', exact: true }).click();
  const lines = page.getByRole('list', { name: 'Lines to return' });
  await expect(lines).toContainText('a gift card cannot be returned');
  await expect(lines.getByRole('button', { name: /Return one more/ })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Void the whole sale' })).toHaveCount(0);
  await page.getByRole('button', { name: 'Cancel' }).click();
  await page.getByRole('link', { name: 'Back to the register' }).click();

  // The X report: the card is owed, not revenue; what paid for it is in payments and the drawer.
  await page.getByRole('navigation', { name: 'Register tasks' }).getByRole('link', { name: 'Shift' }).click();
  await page.getByRole('region', { name: 'Open shift' }).getByRole('button', { name: 'X report' }).click();
  await expect(page.getByRole('table', { name: 'Gift cards' })).toContainText(/Gift cards sold \(1\)\s*\$50\.00/);
  await expect(page.getByRole('table', { name: 'Sales', exact: true })).toContainText(/Sales \(1\)\s*\$40\.00/);
  await expect(page.getByRole('table', { name: 'Sales', exact: true })).toContainText(/Revenue excluding tax\s*\$40\.00/);
  await expect(page.getByRole('table', { name: 'Payments taken' })).toContainText(/Total taken\s*\$90\.00/);
  await expect(page.getByRole('region', { name: 'Cash count' })).toContainText(/Expected cash\s*\$160\.00/);
});
