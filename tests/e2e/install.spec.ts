import sizeOf from './support/png-size';
import { expect, test, waitForServiceWorker } from './support/fixtures';

test('the app is installable: valid manifest, icons, active service worker', async ({ page, request }) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Sell', level: 1 })).toBeVisible();

  const href = await page.locator('link[rel="manifest"]').getAttribute('href');
  expect(href).toBeTruthy();
  const response = await request.get(href!);
  expect(response.headers()['content-type']).toContain('application/manifest+json');
  const manifest = (await response.json()) as Record<string, unknown> & {
    icons: { src: string; sizes: string; purpose?: string }[];
    screenshots: { src: string; sizes: string }[];
  };
  expect(manifest).toMatchObject({
    name: expect.stringContaining('Trove'),
    short_name: 'Trove',
    start_url: '/sell',
    display: 'standalone',
  });
  expect(manifest['description']).toBeTruthy();
  expect(manifest['theme_color']).toMatch(/^#/);
  for (const [sizes, purpose] of [
    ['192x192', 'any'],
    ['512x512', 'any'],
    ['512x512', 'maskable'],
  ] as const) {
    const icon = manifest.icons.find((i) => i.sizes === sizes && (i.purpose ?? 'any') === purpose);
    expect(icon, `${sizes} ${purpose} icon`).toBeTruthy();
    const png = await request.get(icon!.src);
    expect(png.ok()).toBe(true);
    expect(sizeOf(await png.body())).toBe(sizes);
  }
  for (const shot of manifest.screenshots) {
    const png = await request.get(shot.src);
    expect(png.ok(), shot.src).toBe(true);
    expect(sizeOf(await png.body())).toBe(shot.sizes);
  }

  await waitForServiceWorker(page);
  // `ready` resolves once a worker is active, possibly still 'activating' for a moment.
  await expect.poll(() => page.evaluate(async () => (await navigator.serviceWorker.ready).active?.state)).toBe('activated');

  // Chromium's own verdict: no reason this page could not be installed (Playwright's contexts are
  // incognito-like, which Chromium reports by itself; anything about the app would show here).
  const cdp = await page.context().newCDPSession(page);
  const { installabilityErrors } = (await cdp.send('Page.getInstallabilityErrors')) as { installabilityErrors: { errorId: string }[] };
  expect(installabilityErrors.map((e) => e.errorId).filter((id) => id !== 'in-incognito')).toEqual([]);
});
