import type { Page } from '@playwright/test';
import { expect, test } from './support/fixtures';

const SCREENS = ['Sell', 'Catalogue', 'Stock', 'Count', 'Insights', 'Settings'];
const SIZES = [
  { name: 'tablet', width: 768, height: 1024 },
  { name: 'tablet-landscape', width: 1024, height: 768 },
  { name: 'phone', width: 390, height: 844 },
];

/** Every visible control is at least 44×44 CSS px and has an accessible name. */
async function checkControls(page: Page): Promise<void> {
  const problems = await page.evaluate(() => {
    const out: string[] = [];
    for (const el of document.querySelectorAll<HTMLElement>('a[href], button, input, select, textarea, [role="button"]')) {
      const target = el.matches('input[type="radio"], input[type="checkbox"]') ? (el.closest('label') ?? el) : el;
      const box = target.getBoundingClientRect();
      if (box.width === 0 && box.height === 0) continue; // not rendered
      if (box.width < 44 || box.height < 44) out.push(`${el.outerHTML.slice(0, 80)} is ${box.width}×${box.height}`);
      const named =
        el.getAttribute('aria-label') ||
        el.textContent?.trim() ||
        (el.id && document.querySelector(`label[for="${el.id}"]`)) ||
        el.closest('label');
      if (!named) out.push(`${el.outerHTML.slice(0, 80)} has no accessible name`);
    }
    return out;
  });
  expect(problems).toEqual([]);
}

for (const size of SIZES) {
  test(`the six screens at ${size.name} size (${size.width}×${size.height})`, async ({ page }) => {
    await page.setViewportSize({ width: size.width, height: size.height });
    await page.goto('/');
    const nav = page.getByRole('navigation', { name: 'Main' });
    for (const name of SCREENS) {
      await nav.getByRole('link', { name }).click();
      await expect(page.getByRole('heading', { name, level: 1 })).toBeVisible();
      await expect(nav.getByRole('link', { name })).toHaveAttribute('aria-current', 'page');
      await expect(page).toHaveURL(new RegExp(`/${name.toLowerCase()}$`));
      await checkControls(page);
      await page.screenshot({ path: `test-results/screenshots/${size.name}-${name.toLowerCase()}.png` });
    }
    await expect(page.getByRole('status', { name: 'Online' })).toBeVisible();
  });
}

test('the theme follows the device until one is chosen, and the choice is kept across reloads', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.goto('/settings');
  await expect(page.getByRole('radio', { name: 'Match device' })).toBeChecked();
  expect(await page.evaluate(() => document.documentElement.dataset['theme'])).toBe('dark');
  await page.emulateMedia({ colorScheme: 'light' });
  await expect.poll(() => page.evaluate(() => document.documentElement.dataset['theme'])).toBe('light');

  await page.getByRole('radio', { name: 'Dark' }).check();
  await page.reload();
  await expect(page.getByRole('radio', { name: 'Dark' })).toBeChecked();
  expect(await page.evaluate(() => document.documentElement.dataset['theme'])).toBe('dark');
  const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  expect(background).toBe('rgb(18, 16, 24)');
  await page.screenshot({ path: 'test-results/screenshots/tablet-settings-dark.png' });
});

test('Settings shows whether storage is persistent and how much is used', async ({ page }) => {
  await page.goto('/settings');
  await expect(page.getByTestId('persistent')).toHaveText(/Yes|Not guaranteed/);
  await expect(page.getByTestId('usage')).toHaveText(/\d.* of \d/);
});

test('a bad setting is refused with a clear message and nothing is saved', async ({ page }) => {
  await page.goto('/settings');
  await page.getByLabel('Shop name').fill('   ');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByRole('alert')).toHaveText('Enter the shop name');
  await page.reload();
  await expect(page.getByLabel('Shop name')).toHaveValue('');
});
