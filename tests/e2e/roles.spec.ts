import type { Locator, Page } from '@playwright/test';
import { expect, test } from './support/fixtures';
import { expectSynced } from './support/devices';

async function addStaff(staff: Locator, name: string, role: string, pin: string): Promise<void> {
  await staff.getByLabel('Name', { exact: true }).fill(name);
  await staff.getByRole('combobox', { name: 'Role', exact: true }).selectOption(role);
  await staff.getByLabel('PIN', { exact: true }).fill(pin);
  await staff.getByLabel('Confirm PIN', { exact: true }).fill(pin);
  await staff.getByRole('button', { name: 'Add staff member' }).click();
  await expect(staff.getByRole('list', { name: 'Staff members' })).toContainText(name);
}

async function unlockAs(page: Page, name: string, pin: string): Promise<void> {
  await page.getByRole('button', { name: 'Lock register' }).click();
  const lock = page.getByRole('dialog');
  await lock.getByRole('button', { name: /Not .*\? Choose your name/ }).click();
  await lock.getByRole('button', { name: new RegExp(`^\\w?\\s*${name}`) }).click();
  const pad = lock.getByRole('group', { name: `PIN for ${name}` });
  for (const digit of pin) await pad.getByRole('button', { name: digit, exact: true }).click();
  await pad.getByRole('button', { name: 'OK' }).click();
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await expect(page.getByRole('button', { name: `${name} — switch user` })).toBeVisible();
}

/** What the page's IndexedDB holds: the device's sync state, and ids to forge a change with. */
async function readDevice(
  page: Page,
  staffName: string,
): Promise<{ token: string; deviceId: string; nextMutationId: number; staffId: string }> {
  return page.evaluate(async (name) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const open = indexedDB.open('trove');
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    const get = <T>(store: string, key?: string) =>
      new Promise<T>((resolve, reject) => {
        const request =
          key === undefined ? db.transaction(store).objectStore(store).getAll() : db.transaction(store).objectStore(store).get(key);
        request.onsuccess = () => resolve(request.result as T);
        request.onerror = () => reject(request.error);
      });
    const state = await get<{ token: string; deviceId: string; nextMutationId: number }>('syncState', 'device');
    const staff = await get<{ id: string; name: string }[]>('staff');
    db.close();
    return {
      token: state.token,
      deviceId: state.deviceId,
      nextMutationId: state.nextMutationId,
      staffId: staff.find((s) => s.name === name)!.id,
    };
  }, staffName);
}

// ARCHITECTURE §10: a cashier sees no costs and cannot change prices, costs or stock; and since a
// PIN is only a convenience gate, a change forged under the cashier straight to the API is refused.
test('a cashier sees no costs, cannot open Stock or edit prices, and a forged price change is rejected', async ({ page, server }) => {
  await page.goto('/settings');
  const staff = page.getByRole('region', { name: 'Staff' });
  await addStaff(staff, 'Margot', 'owner', '2580');
  await addStaff(staff, 'Leo', 'cashier', '1357');

  // Margot (signed in as the first owner) adds a ring with a price and a cost.
  // (In-app navigation: a reload locks the register.)
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Catalogue' }).click();
  await page.getByRole('button', { name: 'New product' }).click();
  await page.getByLabel('Title').fill('Opal stacking ring');
  await page.getByLabel('Price', { exact: true }).fill('45.00');
  await page.getByLabel('Cost', { exact: true }).fill('12.50');
  await page.getByLabel('Quantity each').fill('2');
  await page.getByRole('button', { name: 'Save product' }).click();
  const items = page.getByRole('list', { name: 'Items' });
  await expect(items.getByRole('listitem')).toHaveCount(1);
  await items.getByRole('link').first().click();
  await expect(page.getByLabel('Cost', { exact: true })).toHaveValue('12.50');
  const itemUrl = page.url();
  const itemId = itemUrl.split('/').at(-1)!;

  await unlockAs(page, 'Leo', '1357');

  // Stock: the screen is replaced, the nav item stays (so Leo knows it exists and whom to ask).
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Stock' }).click();
  await expect(page.getByRole('heading', { name: 'Stock', level: 1 })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Not available to cashiers — ask a manager' })).toBeVisible();
  await expect(page.getByText('No stock movements yet')).toHaveCount(0);
  await page.setViewportSize({ width: 768, height: 1024 });
  await page.screenshot({ path: 'test-results/screenshots/tablet-cashier-stock.png' });
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Insights' }).click();
  await expect(page.getByRole('heading', { name: 'Not available to cashiers — ask a manager' })).toBeVisible();

  // The catalogue: no new products or imports, no cost, and the price is read-only.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Catalogue' }).click();
  await expect(items.getByRole('listitem')).toHaveCount(1);
  await expect(page.getByRole('button', { name: 'New product' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Import / export' })).toHaveCount(0);
  await items.getByRole('link').first().click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Opal stacking ring');
  await expect(page.getByLabel('Cost', { exact: true })).toHaveCount(0);
  await expect(page.getByText('12.50')).toHaveCount(0);
  const price = page.getByLabel('Price', { exact: true });
  await expect(price).toHaveValue('45.00');
  await expect(price).not.toBeEditable();
  await expect(page.getByLabel('Compare-at price')).not.toBeEditable();
  await expect(page.getByText('Prices are set by a manager or owner')).toBeVisible();
  await page.screenshot({ path: 'test-results/screenshots/tablet-cashier-item.png', fullPage: true });
  // Typed into the address bar: the register locks on a reload, so Leo signs in again and still cannot.
  await page.goto('/catalogue/import');
  const lock = page.getByRole('dialog');
  await lock.getByRole('button', { name: /^L?\s*Leo/ }).click();
  const pad = lock.getByRole('group', { name: 'PIN for Leo' });
  for (const digit of '1357') await pad.getByRole('button', { name: digit, exact: true }).click();
  await pad.getByRole('button', { name: 'OK' }).click();
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await expect(page.getByRole('heading', { name: 'Not available to cashiers — ask a manager' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Import and export', level: 1 })).toBeVisible();

  // Settings: only what is a cashier's (sync, storage, theme); no shop, tax, locations or devices.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
  await expect(page.getByRole('region', { name: 'Appearance' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Shop', exact: true })).toHaveCount(0);
  await expect(page.getByRole('region', { name: 'Register and tax' })).toHaveCount(0);
  await expect(page.getByRole('region', { name: 'Locations' })).toHaveCount(0);
  await expect(page.getByText('Shop, tax, locations and device settings are for a manager or owner.')).toBeVisible();

  // Pair the device: what Margot did syncs (it was recorded under her, an owner).
  // As pairThroughSettings does, minus its page.goto (a reload would lock the register again).
  const sync = page.getByRole('region', { name: 'Sync' });
  await sync.getByLabel('Pairing code').fill(await server.pairingCode());
  await sync.getByLabel('Device name').fill('Counter tablet');
  await sync.getByRole('button', { name: 'Pair this device' }).click();
  await expect(sync).toContainText('Counter tablet');
  await expectSynced(page);

  // A forger with this tablet's token sends a price change under Leo straight to the API.
  const device = await readDevice(page, 'Leo');
  const wall = String(Date.now()).padStart(15, '0');
  const response = await page.request.post('/v1/sync/push', {
    headers: { Authorization: `Bearer ${device.token}` },
    data: {
      deviceId: device.deviceId,
      schemaVersion: 1,
      mutations: [
        {
          id: device.nextMutationId,
          name: 'item.save',
          v: 1,
          args: { id: itemId, patch: { price: 100 } },
          hlc: `${wall}-0000-forger`,
          occurredAt: new Date().toISOString(),
          staffId: device.staffId,
        },
      ],
    },
  });
  expect(response.status()).toBe(200);
  const body = (await response.json()) as { results: { status: string; reason?: string; message?: string }[] };
  expect(body.results).toEqual([
    expect.objectContaining({ status: 'rejected', reason: 'role-forbidden', message: expect.stringContaining('Leo is a cashier') }),
  ]);

  // The server still has the price Margot set.
  const pull = await page.request.post('/v1/sync/pull', { headers: { Authorization: `Bearer ${device.token}` }, data: { cursor: 0 } });
  const records = ((await pull.json()) as { records: { table: string; id: string; data: { values: { price: number } } }[] }).records;
  expect(records.find((r) => r.table === 'items' && r.id === itemId)?.data.values.price).toBe(4500);
});
