import type { BrowserContext, Page } from '@playwright/test';
import { expect } from './fixtures';
import { expectSynced } from './devices';

/** Settings → Sync now, and waits until nothing is left to sync on this device. */
export async function syncNow(page: Page): Promise<void> {
  await page.goto('/settings');
  await page.getByRole('region', { name: 'Sync' }).getByRole('button', { name: 'Sync now' }).click();
  await expectSynced(page);
}

/** The conflicts badge in the header says `open` open cases (none: it is gone). */
export async function expectOpenCases(page: Page, open: number): Promise<void> {
  const badge = page.getByTestId('cases-badge');
  if (open === 0) await expect(badge).toHaveCount(0);
  else await expect(badge).toHaveAccessibleName(open === 1 ? '1 open conflict' : `${open} open conflicts`);
}

/**
 * Two devices that were offline come back one after the other: `first` reaches the server first
 * (its changes are the earlier ones there), then `second`, then `first` again to take what
 * `second` sent. (`second` comes online only after, or its own sync on "online" could win the race.)
 */
export async function comeBackOnline(first: [BrowserContext, Page], second: [BrowserContext, Page]): Promise<void> {
  await first[0].setOffline(false);
  await syncNow(first[1]);
  await second[0].setOffline(false);
  await syncNow(second[1]);
  await syncNow(first[1]);
}
