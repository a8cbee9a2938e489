import { appendFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test, waitForServiceWorker } from './support/fixtures';

test('a new version waits behind an "Update available" prompt and applies only when accepted', async ({ page, server }) => {
  await page.goto('/sell');
  await waitForServiceWorker(page);
  const firstWorker = await page.evaluate(async () => (await navigator.serviceWorker.ready).active?.scriptURL);

  // Ship a new version: a different sw.js on the server.
  appendFileSync(path.join(server.staticDir, 'sw.js'), '\n// release 2\n');
  await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.update());

  const prompt = page.getByRole('alert').filter({ hasText: 'Update available' });
  await expect(prompt).toBeVisible();
  // Nothing reloads by itself: the old worker still controls the page while the new one waits.
  const waiting = await page.evaluate(async () => Boolean((await navigator.serviceWorker.getRegistration())?.waiting));
  expect(waiting).toBe(true);

  const reloaded = page.waitForEvent('load');
  await prompt.getByRole('button', { name: 'Update now' }).click();
  await reloaded;
  await expect(page.getByRole('heading', { name: 'Sell', level: 1 })).toBeVisible();
  const after = await page.evaluate(async () => {
    const reg = await navigator.serviceWorker.getRegistration();
    return { waiting: Boolean(reg?.waiting), controller: navigator.serviceWorker.controller?.scriptURL };
  });
  expect(after).toEqual({ waiting: false, controller: firstWorker });
  await expect(page.getByText('Update available')).toHaveCount(0);
});
