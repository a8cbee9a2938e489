import type { Locator, Page } from '@playwright/test';
import { expect, test } from './support/fixtures';
import { addBySearch, createItem, openRegister } from './support/register';

async function addStaff(staff: Locator, name: string, role: string, pin: string): Promise<void> {
  await staff.getByLabel('Name', { exact: true }).fill(name);
  await staff.getByRole('combobox', { name: 'Role', exact: true }).selectOption(role);
  await staff.getByLabel('PIN', { exact: true }).fill(pin);
  await staff.getByLabel('Confirm PIN', { exact: true }).fill(pin);
  await staff.getByRole('button', { name: 'Add staff member' }).click();
  await expect(staff.getByRole('list', { name: 'Staff members' })).toContainText(name);
}

async function signInAs(page: Page, name: string, pin: string): Promise<void> {
  await page.getByRole('button', { name: 'Lock register' }).click();
  const lock = page.getByRole('dialog');
  const notMe = lock.getByRole('button', { name: /^Not .+\? Choose your name$/ });
  if (await notMe.isVisible()) await notMe.click();
  await lock.getByRole('button', { name: new RegExp(`^\\w?\\s*${name}`) }).click();
  await page.keyboard.type(pin);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('button', { name: `${name} — switch user` })).toBeVisible();
}

/** The stored sale (straight from IndexedDB) and the staff ids by name. */
async function lastSale(page: Page): Promise<{ sale: Record<string, unknown>; staff: Record<string, string> }> {
  return page.evaluate(
    () =>
      new Promise((resolve, reject) => {
        const open = indexedDB.open('trove');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const tx = open.result.transaction(['sales', 'staff']);
          const sales = tx.objectStore('sales').getAll();
          const staff = tx.objectStore('staff').getAll();
          tx.oncomplete = () => {
            open.result.close();
            const byName = Object.fromEntries(
              (staff.result as { id: string; values: { name: string } }[]).map((s) => [s.values.name, s.id]),
            );
            resolve({ sale: (sales.result as Record<string, unknown>[])[0]!, staff: byName });
          };
        };
      }),
  );
}

test('a cashier’s big discount needs a manager’s PIN; the sale records who sold and who approved', async ({ page }) => {
  // Set up before any PIN exists (a reload locks the register once PINs are in use).
  await createItem(page, { title: 'Opal ring', price: '40.00', cost: '12.00', quantity: '3', barcode: 'TRV-OPAL-1' });
  await openRegister(page);
  await page.getByRole('link', { name: 'Settings' }).click();
  const staff = page.getByRole('region', { name: 'Staff' });
  await addStaff(staff, 'Margot', 'owner', '2580');
  await addStaff(staff, 'Leo', 'cashier', '1357');
  await signInAs(page, 'Leo', '1357');
  await page.getByRole('link', { name: 'Sell' }).click();

  await addBySearch(page, 'opal', 'Opal ring');
  await page.getByRole('button', { name: 'Discount', exact: true }).click();
  const discount = page.getByRole('dialog', { name: 'Discount on the sale' });
  await discount.getByLabel('Percent off').fill('50');
  await discount.getByLabel('Reason').fill('Friend of the owner');
  await discount.getByRole('button', { name: 'Apply discount' }).click();
  await page.getByRole('button', { name: 'Charge $20.00' }).click();

  // The manager is asked; a cashier's PIN is not enough, Cancel keeps the cart, the owner's PIN approves.
  const approval = page.getByRole('dialog', { name: /approval/i });
  await expect(approval).toContainText('A discount above the limit or a changed price');
  await page.keyboard.type('1357');
  await page.keyboard.press('Enter');
  await expect(approval.getByRole('alert')).toContainText(/Wrong PIN|not/i);
  await approval.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByRole('list', { name: 'Cart' })).toContainText('Opal ring');
  await page.getByRole('button', { name: 'Charge $20.00' }).click();
  await page.keyboard.type('2580');
  await page.keyboard.press('Enter');
  const pay = page.getByRole('dialog', { name: 'Take payment' });
  await pay.getByRole('button', { name: 'Add cash' }).click();
  await pay.getByRole('button', { name: 'Complete sale' }).click();
  await expect(page.getByRole('heading', { name: /^Sale .+ complete$/ })).toBeVisible();

  const { sale, staff: ids } = await lastSale(page);
  expect(sale).toMatchObject({ staffId: ids['Leo'], approvedBy: ids['Margot'], flagged: null, discountTotal: 2000, total: 2000 });
});
