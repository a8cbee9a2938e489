import type { Page } from '@playwright/test';
import { expect } from './fixtures';

/** Pairs the app in `page` through Settings, as a person would. */
export async function pairThroughSettings(page: Page, code: string, deviceName: string): Promise<void> {
  await page.goto('/settings');
  const sync = page.getByRole('region', { name: 'Sync' });
  await sync.getByLabel('Pairing code').fill(code);
  await sync.getByLabel('Device name').fill(deviceName);
  await sync.getByRole('button', { name: 'Pair this device' }).click();
  await expect(sync).toContainText(deviceName);
  await expect(sync.getByRole('button', { name: 'Sync now' })).toBeVisible();
}

/** Waits until nothing is left to sync on this device. */
export async function expectSynced(page: Page): Promise<void> {
  await expect(page.getByTestId('pending')).toHaveText('0 changes');
}
