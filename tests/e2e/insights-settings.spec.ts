import { expect, test } from './support/fixtures';

test('Insights settings: a band changed in Settings changes the card’s words; counts planned by ABC class with overdue counts', async ({
  page,
}) => {
  test.setTimeout(180_000);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto('/settings');
  const demo = page.getByRole('region', { name: 'Demo shop' });
  await demo.getByLabel('Demo shop size').selectOption({ index: 0 });
  await demo.getByRole('button', { name: 'Load demo shop' }).click();
  await expect(page.getByRole('region', { name: 'Demo shop' })).toHaveCount(0, { timeout: 60_000 });

  // The panel, with the article's values to start with.
  const panel = page.getByRole('region', { name: 'Insights and count schedule' });
  await expect(panel.getByLabel('Healthy from')).toHaveValue('4');
  await expect(panel.getByLabel('Healthy up to', { exact: true })).toHaveValue('6');
  await expect(panel.getByLabel('Class A %')).toHaveValue('80');

  // Refused with a clear message: a low end above the high end, classes not adding up to 100.
  await panel.getByLabel('Healthy from').fill('8');
  await panel.getByRole('button', { name: 'Save ranges and schedule' }).click();
  await expect(panel.getByRole('alert')).toHaveText('Healthy turnover: the low end must be below the high end');
  await panel.getByLabel('Healthy from').fill('4');
  await panel.getByLabel('Class C %').fill('10');
  await expect(panel).toContainText('Together 105 % — they must add up to 100.');
  await panel.getByRole('button', { name: 'Save ranges and schedule' }).click();
  await expect(panel.getByRole('alert')).toHaveText('Classes A, B and C must add up to 100 % (now 105 %)');
  await panel.getByLabel('Class C %').fill('5');

  // A band so wide any turnover is healthy, and markdowns of 20 % (refused at 95 % first).
  await panel.getByLabel('Healthy from').fill('0.1');
  await panel.getByLabel('Healthy up to', { exact: true }).fill('52');
  await panel.getByLabel('Markdown (% off)').fill('95');
  await panel.getByRole('button', { name: 'Save ranges and schedule' }).click();
  await expect(panel.getByRole('alert')).toHaveText('The markdown is at most 90 % off');
  await panel.getByLabel('Markdown (% off)').fill('20');
  await panel.getByRole('button', { name: 'Save ranges and schedule' }).click();
  await expect(panel.getByRole('status')).toHaveText('Saved on this device');

  const dismiss = page.getByRole('button', { name: 'Dismiss message' });
  while ((await dismiss.count()) > 0) await dismiss.first().click();
  await panel.screenshot({ path: 'test-results/screenshots/tablet-settings-insights.png' });
  // The app scrolls inside its main area: on a phone, shoot the panel part by part (each fits on the screen).
  await page.setViewportSize({ width: 390, height: 844 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
  const groups = panel.locator('fieldset');
  for (let i = 0; i < (await groups.count()); i += 1)
    await groups.nth(i).screenshot({ path: `test-results/screenshots/phone-settings-insights-${i + 1}.png` });
  await panel.getByRole('button', { name: 'Save ranges and schedule' }).scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'test-results/screenshots/phone-settings-insights.png' });
  await page.setViewportSize({ width: 768, height: 1024 });

  const nav = page.getByRole('navigation', { name: 'Main' });
  await nav.getByRole('link', { name: 'Insights' }).click();
  await page.getByLabel('Period', { exact: true }).selectOption('365');
  const turnover = page.getByRole('article', { name: 'Stock turnover (per year)' });
  await expect(turnover).toContainText('Healthy', { timeout: 60_000 });
  await expect(turnover).toContainText('0.1 to 52 times a year');
  // The markdowns Insights suggests are the shop's 20 %.
  await expect(page.getByRole('columnheader', { name: 'Suggested price (20 % off)' }).first()).toBeVisible();

  // Now a band no jewelry shop reaches: the same figure needs attention.
  await nav.getByRole('link', { name: 'Settings' }).click();
  await panel.getByLabel('Healthy from').fill('50');
  await panel.getByLabel('Healthy up to', { exact: true }).fill('52');
  await panel.getByRole('button', { name: 'Save ranges and schedule' }).click();
  await expect(panel.getByRole('status')).toHaveText('Saved on this device');
  await nav.getByRole('link', { name: 'Insights' }).click();
  await page.getByLabel('Period', { exact: true }).selectOption('365');
  await expect(turnover).toContainText('Needs attention', { timeout: 60_000 });
  await expect(turnover).toContainText('50 to 52 times a year');

  // ABC by margin on the Insights screen.
  await page.getByLabel('Rank ABC by').selectOption('margin');
  await expect(page.getByRole('region', { name: /Which pieces bring in your sales/ })).toContainText('Ranked by gross margin');
  await expect(page.getByRole('table', { name: 'ABC classes' })).toContainText('A');
  await page
    .getByRole('region', { name: /Which pieces bring in your sales/ })
    .locator('label', { hasText: 'Rank by' })
    .screenshot({ path: 'test-results/screenshots/tablet-insights-abc-by.png' });

  // Count: overdue per class (nothing was ever counted), and a count planned by class A.
  await nav.getByRole('link', { name: 'Count' }).click();
  const schedule = page.getByRole('region', { name: 'Counts by ABC class' });
  await expect(schedule).toContainText(/Overdue: \d+ A-items? not counted in 30 days/, { timeout: 60_000 });
  const overdue = Number((await schedule.getByText(/Overdue: \d+ A-/).textContent())!.match(/Overdue: (\d+)/)![1]);
  await schedule.getByRole('button', { name: 'Plan a class A count' }).click();
  const dialog = page.getByRole('dialog', { name: 'Plan a count' });
  await expect(dialog.getByLabel('What to count')).toHaveValue('abc:A');
  await expect(dialog.getByRole('status')).toContainText(`${overdue} ${overdue === 1 ? 'item' : 'items'} to count`);
  await dialog.screenshot({ path: 'test-results/screenshots/tablet-count-plan-abc.png' });
  await dialog.getByRole('button', { name: 'Plan count' }).click();
  await expect(page.getByRole('heading', { name: 'Class A count', level: 1 })).toBeVisible();
  await expect(page.getByRole('main')).toContainText(`ABC class A · ${overdue} ${overdue === 1 ? 'item' : 'items'}`);
  await nav.getByRole('link', { name: 'Count' }).click();
  await expect(page.getByRole('list', { name: 'Open counts' })).toContainText('Class A count');
  await page.setViewportSize({ width: 390, height: 844 });
  await schedule.scrollIntoViewIfNeeded();
  await schedule.screenshot({ path: 'test-results/screenshots/phone-count-abc.png' });
  await page.setViewportSize({ width: 768, height: 1024 });
  await schedule.screenshot({ path: 'test-results/screenshots/tablet-count-abc.png' });

  // The class stored on each item shows on its stock page.
  await nav.getByRole('link', { name: 'Catalogue' }).click();
  await page.getByLabel('Search catalogue').fill('ring');
  await page.getByRole('list', { name: 'Items' }).getByRole('link').filter({ hasNotText: 'One-of-a-kind' }).first().click();
  await page.getByRole('link', { name: 'History' }).click();
  await expect(page.getByRole('main')).toContainText(/ABC class [ABC]/);
  expect(errors).toEqual([]);
});
