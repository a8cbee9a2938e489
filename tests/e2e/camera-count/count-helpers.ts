import type { Page } from '@playwright/test';
import { expect } from '../support/fixtures';

/** Plans a count from the Count screen (a manager's or owner's device); ends on its join page. */
export async function planCount(
  page: Page,
  plan: {
    scope: 'category' | 'collection' | 'supplier' | 'location' | 'full';
    group?: string;
    location?: string;
    name?: string;
    blind?: boolean;
  },
): Promise<void> {
  await page.goto('/count');
  await page.getByRole('button', { name: 'Plan a count' }).click();
  const dialog = page.getByRole('dialog', { name: 'Plan a count' });
  await dialog.getByLabel('What to count', { exact: true }).selectOption(plan.scope);
  if (plan.group) await dialog.getByRole('combobox', { name: /^(Category|Collection|Supplier)$/ }).selectOption({ label: plan.group });
  if (plan.location) await dialog.getByLabel('Location', { exact: true }).selectOption({ label: plan.location });
  if (plan.name) await dialog.getByLabel('Name (optional)').fill(plan.name);
  await dialog.getByLabel(/Blind count/).setChecked(plan.blind ?? true);
  await dialog.getByRole('button', { name: 'Plan count' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(page.getByRole('heading', { name: 'Which zone do you count?' })).toBeVisible();
}

/** From the Count screen's list: joins the named count and starts counting `zone`. */
export async function joinZone(page: Page, countName: string, zone: string): Promise<void> {
  await page.goto('/count');
  await page.getByRole('button', { name: `Join count ${countName}` }).click();
  await page.getByLabel('Zone', { exact: true }).fill(zone);
  await page.getByRole('button', { name: 'Start counting' }).click();
  await expect(page.getByText(`Zone ${zone}`)).toBeVisible();
}
