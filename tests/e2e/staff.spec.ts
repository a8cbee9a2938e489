import type { Locator, Page } from '@playwright/test';
import { expect, test } from './support/fixtures';

const SIZES = [
  { name: 'tablet', width: 768, height: 1024 },
  { name: 'phone', width: 390, height: 844 },
];

/** A screenshot at tablet and at phone size. */
async function screenshotBothSizes(page: Page, what: string): Promise<void> {
  for (const size of SIZES) {
    await page.setViewportSize({ width: size.width, height: size.height });
    // Nothing sticks out sideways (a header too full for a phone would).
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(size.width);
    await page.screenshot({ path: `test-results/screenshots/${size.name}-${what}.png` });
  }
  await page.setViewportSize({ width: 768, height: 1024 });
}

/** As tests/e2e/shell.spec.ts: every visible control is at least 44×44 CSS px and has a name. */
async function checkControls(page: Page): Promise<void> {
  const problems = await page.evaluate(() => {
    const out: string[] = [];
    for (const el of document.querySelectorAll<HTMLElement>('a[href], button, input, select, textarea, [role="button"]')) {
      if (el.closest('[inert]')) continue; // under the lock screen: not reachable
      const box = el.getBoundingClientRect();
      if (box.width === 0 && box.height === 0) continue;
      if (box.width < 44 || box.height < 44) out.push(`${el.outerHTML.slice(0, 80)} is ${box.width}×${box.height}`);
      const named = el.getAttribute('aria-label') || el.textContent?.trim() || el.closest('label');
      if (!named) out.push(`${el.outerHTML.slice(0, 80)} has no accessible name`);
    }
    return out;
  });
  expect(problems).toEqual([]);
}

async function addStaff(staff: Locator, name: string, role: string, pin: string): Promise<void> {
  await staff.getByLabel('Name', { exact: true }).fill(name);
  await staff.getByRole('combobox', { name: 'Role', exact: true }).selectOption(role);
  await staff.getByLabel('PIN', { exact: true }).fill(pin);
  await staff.getByLabel('Confirm PIN', { exact: true }).fill(pin);
  await staff.getByRole('button', { name: 'Add staff member' }).click();
  await expect(staff.getByRole('list', { name: 'Staff members' })).toContainText(name);
}

test('an owner and a cashier with PINs: lock, unlock as the cashier, and five wrong PINs lock the register', async ({ page }) => {
  await page.goto('/settings');
  const staff = page.getByRole('region', { name: 'Staff' });
  await expect(staff).toContainText('Nobody has a PIN yet');
  await expect(page.getByRole('button', { name: 'Lock register' })).toHaveCount(0); // nothing to lock without PINs

  // A weak PIN and a mistyped confirmation are refused, saying why.
  await staff.getByLabel('Name', { exact: true }).fill('Margot');
  await staff.getByLabel('PIN', { exact: true }).fill('1234');
  await staff.getByLabel('Confirm PIN', { exact: true }).fill('1234');
  await staff.getByRole('button', { name: 'Add staff member' }).click();
  await expect(staff.getByRole('alert')).toHaveText(/straight run like 1234/);
  await staff.getByLabel('PIN', { exact: true }).fill('2580');
  await staff.getByLabel('Confirm PIN', { exact: true }).fill('2850');
  await staff.getByRole('button', { name: 'Add staff member' }).click();
  await expect(staff.getByRole('alert')).toHaveText('The two PINs are different — type the same PIN twice');

  // The owner first (the role offered first is Owner); they stay signed in while setting up.
  await expect(staff.getByRole('combobox', { name: 'Role', exact: true })).toHaveValue('owner');
  await addStaff(staff, 'Margot', 'owner', '2580');
  await expect(page.getByRole('button', { name: 'Margot — switch user' })).toBeVisible();
  await addStaff(staff, 'Leo', 'cashier', '1357');
  await expect(staff.getByRole('listitem').filter({ hasText: 'Leo' })).toContainText('Cashier');
  for (const size of SIZES) {
    await page.setViewportSize({ width: size.width, height: size.height });
    await checkControls(page);
    await staff.getByRole('list', { name: 'Staff members' }).scrollIntoViewIfNeeded();
    await page.screenshot({ path: `test-results/screenshots/${size.name}-staff-panel.png` });
  }
  await page.setViewportSize({ width: 768, height: 1024 });

  // Lock: the lock screen offers Margot's pad first; "Not Margot?" goes to the names.
  await page.getByRole('button', { name: 'Lock register' }).click();
  const lock = page.getByRole('dialog');
  await expect(lock.getByRole('heading', { name: 'Hi, Margot' })).toBeVisible();
  await lock.getByRole('button', { name: 'Not Margot? Choose your name' }).click();
  await expect(lock.getByRole('heading', { name: 'Who’s at the register?' })).toBeVisible();
  await checkControls(page);
  await screenshotBothSizes(page, 'lock-names');

  await lock.getByRole('button', { name: /^L?\s*Leo/ }).click();
  await expect(lock.getByRole('heading', { name: 'Hi, Leo' })).toBeVisible();
  const pad = lock.getByRole('group', { name: 'PIN for Leo' });
  for (const digit of '135') await pad.getByRole('button', { name: digit, exact: true }).click();
  await expect(pad.getByRole('img', { name: '3 digits entered' })).toBeVisible();
  await checkControls(page);
  await screenshotBothSizes(page, 'lock-pin');
  await pad.getByRole('button', { name: '7', exact: true }).click();
  await pad.getByRole('button', { name: 'OK' }).click();
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Leo — switch user' })).toBeVisible();
  await screenshotBothSizes(page, 'signed-in-settings');
  // A cashier sees the staff list but cannot change it.
  await expect(staff).toContainText('Only an owner can add staff');
  await expect(staff.getByRole('button', { name: 'Add staff member' })).toHaveCount(0);

  // Five wrong PINs, typed on the keyboard: the attempts count down, then the register locks.
  await page.getByRole('button', { name: 'Lock register' }).click();
  await expect(lock.getByRole('heading', { name: 'Hi, Leo' })).toBeVisible();
  for (const left of ['4 attempts', '3 attempts', '2 attempts', '1 attempt']) {
    await page.keyboard.type('9999');
    await page.keyboard.press('Enter');
    await expect(lock.getByRole('alert')).toHaveText(`Wrong PIN — ${left} left`);
  }
  await page.keyboard.type('9999');
  await page.keyboard.press('Enter');
  await expect(lock.getByRole('status')).toHaveText(/^Locked for (30|29|28) s$/);
  await expect(pad.getByRole('button', { name: '1', exact: true })).toBeDisabled();
  await screenshotBothSizes(page, 'lock-lockout');
  // The countdown runs on its own.
  const first = Number((await lock.getByRole('status').textContent())!.match(/\d+/)![0]);
  await expect.poll(async () => Number((await lock.getByRole('status').textContent())!.match(/\d+/)![0])).toBeLessThan(first);

  // A reload does not lift the lock.
  await page.reload();
  await lock.getByRole('button', { name: /^L?\s*Leo/ }).click();
  await expect(lock.getByRole('status')).toHaveText(/^Locked for \d+ s$/);
});
