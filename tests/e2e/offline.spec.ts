import { expect, test, waitForServiceWorker } from './support/fixtures';

test('offline with the server stopped: the shell reloads and saved data is still there', async ({ page, context, server }) => {
  await page.goto('/settings');
  await waitForServiceWorker(page);

  await page.getByLabel('Shop name').fill('Maison Opale');
  await page.getByLabel('Time zone').selectOption('Europe/Paris');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved on this device' })).toBeVisible();

  await context.setOffline(true);
  await server.stop();
  await expect(page.getByRole('status', { name: 'Offline' })).toBeVisible();

  await page.reload();
  await expect(page.getByRole('heading', { name: 'Settings', level: 1 })).toBeVisible();
  await expect(page.getByLabel('Shop name')).toHaveValue('Maison Opale');
  await expect(page.getByLabel('Time zone')).toHaveValue('Europe/Paris');
  await expect(page.getByRole('banner')).toContainText('Maison Opale');

  // Every screen opens from the cached shell, including a deep link typed while offline.
  await page.goto(`${server.url}/count`);
  await expect(page.getByRole('heading', { name: 'Count', level: 1 })).toBeVisible();
  await page.getByRole('link', { name: 'Insights' }).click();
  await expect(page.getByRole('heading', { name: 'Insights', level: 1 })).toBeVisible();
});
