import { expect, test } from './support/fixtures';
import { expectSynced, pairTwoDevices } from './support/devices';

test('two devices paired to one server: changes made while one is offline reach both', async ({ browser, server }) => {
  // The owner pairs the counter tablet with the server's code, then issues a code for the stall phone.
  const { counter, stall, a, b } = await pairTwoDevices(browser, server);
  await expect(a.getByRole('region', { name: 'Sync' })).toContainText('register R1');
  await expect(b.getByRole('region', { name: 'Sync' })).toContainText('register R2');

  // The stall loses signal. Both devices keep working.
  await stall.setOffline(true);
  await a.getByLabel('Shop name').fill('Maison Opale');
  await a.getByRole('button', { name: 'Save', exact: true }).click();
  await expectSynced(a);

  await b.getByLabel('New location').fill('Saturday market');
  await b.getByLabel('Kind').selectOption('stall');
  await b.getByRole('button', { name: 'Add location' }).click();
  await expect(b.getByRole('list', { name: 'Locations' })).toContainText('Saturday market');
  await expect(b.getByTestId('pending')).toHaveText('1 change');
  await expect(b.getByRole('banner')).not.toContainText('Maison Opale');

  // Signal is back: the stall pushes its location and pulls the new shop name; the counter hears
  // about it through the server's event stream without reloading.
  await stall.setOffline(false);
  await expectSynced(b);
  await expect(b.getByRole('banner')).toContainText('Maison Opale');
  await expect(a.getByRole('list', { name: 'Locations' })).toContainText('Saturday market');

  await a.screenshot({ path: 'test-results/screenshots/tablet-settings-paired.png', fullPage: true });
  await b.screenshot({ path: 'test-results/screenshots/phone-settings-paired.png', fullPage: true });

  // And after reloads both show the same shop.
  for (const page of [a, b]) {
    await page.reload();
    await expect(page.getByRole('banner')).toContainText('Maison Opale');
    await expect(page.getByRole('list', { name: 'Locations' })).toContainText('Saturday market');
  }
  await counter.close();
  await stall.close();
});
