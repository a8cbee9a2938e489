import type { Browser, BrowserContext, Page } from '@playwright/test';
import type { RunningServer } from './server';
import { expect, waitForServiceWorker } from './fixtures';

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

/**
 * A counter tablet (owner, paired with the code the server printed) and a stall phone (an owner
 * too, paired with a code the tablet issues), each in its own browser context.
 */
export async function pairTwoDevices(
  browser: Browser,
  server: RunningServer,
): Promise<{ counter: BrowserContext; stall: BrowserContext; a: Page; b: Page }> {
  const counter = await browser.newContext({ baseURL: server.url, viewport: { width: 768, height: 1024 } });
  const stall = await browser.newContext({ baseURL: server.url, viewport: { width: 390, height: 844 } });
  const a = await counter.newPage();
  const b = await stall.newPage();
  await pairThroughSettings(a, await server.pairingCode(), 'Counter tablet');
  const devices = a.getByRole('region', { name: 'Devices' });
  await devices.getByLabel("New device's role").selectOption('owner');
  await devices.getByRole('button', { name: 'New pairing code' }).click();
  await pairThroughSettings(b, (await devices.getByTestId('issued-code').textContent())!, 'Stall phone');
  // Both can then go offline and still open any screen: the shell is precached and in control.
  await Promise.all([waitForServiceWorker(a), waitForServiceWorker(b)]);
  return { counter, stall, a, b };
}
