import { expect, test } from './support/fixtures';

test('a newcomer loads the demo shop from Settings and finds a living catalogue', async ({ page }) => {
  await page.goto('/settings');
  const demo = page.getByRole('region', { name: 'Demo shop' });
  await demo.getByLabel('Demo shop size').selectOption({ index: 0 });
  await demo.getByRole('button', { name: 'Load demo shop' }).click();
  await expect(page.getByRole('region', { name: 'Demo shop' })).toHaveCount(0, { timeout: 60_000 }); // offered only while empty
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Catalogue' }).click();
  const items = page.getByRole('list', { name: 'Items' });
  await expect(items.getByRole('listitem')).toHaveCount(50); // one full page
  await page.getByLabel('Search catalogue').fill('ring');
  await expect(items.getByRole('listitem').first()).toBeVisible();
  await expect(items).toContainText(/on hand/);
});
