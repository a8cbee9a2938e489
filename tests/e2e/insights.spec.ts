import { expect, test } from './support/fixtures';
import { openRegister, payCash } from './support/register';

const DAY = 86_400_000;

test('Insights on the demo shop: KPIs with bands, the ABC chart, order now → draft purchase orders, a markdown on the register and back', async ({
  page,
}) => {
  test.setTimeout(240_000);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto('/settings');
  const demo = page.getByRole('region', { name: 'Demo shop' });
  await demo.getByLabel('Demo shop size').selectOption({ index: 0 });
  await demo.getByRole('button', { name: 'Load demo shop' }).click();
  await expect(page.getByRole('region', { name: 'Demo shop' })).toHaveCount(0, { timeout: 60_000 });

  // 200 days later: the demo's deliveries have sat on the shelf since (dead stock), and a sale today.
  await page.clock.install({ time: new Date(Date.now() + 200 * DAY) });
  await page.reload();
  await openRegister(page);
  await page.getByRole('searchbox', { name: 'Search the catalogue' }).fill('ring');
  const add = page
    .getByRole('button', { name: /^Add (?!customer)/ })
    .filter({ hasNotText: 'One-of-a-kind' })
    .first();
  const soldTitle = ((await add.getAttribute('aria-label')) ?? (await add.textContent()) ?? '').replace(/^Add /, '').trim();
  await add.click();
  // A few more pieces in the same sale, so the ABC chart has a ranking.
  for (const word of ['pendant', 'earrings', 'bracelet']) {
    await page.getByRole('searchbox', { name: 'Search the catalogue' }).fill(word);
    const more = page.getByRole('button', { name: /^Add (?!customer)/ }).filter({ hasNotText: 'One-of-a-kind' });
    if ((await more.count()) > 0) await more.first().click();
  }
  await payCash(page);

  // The owner's own reorder point on the piece just sold puts it on the "order now" list.
  await page.goto('/catalogue');
  await page.getByLabel('Search catalogue').fill('ring');
  await page.getByRole('list', { name: 'Items' }).getByRole('link').filter({ hasNotText: 'One-of-a-kind' }).first().click();
  const item = page.getByRole('form', { name: 'Item details' });
  await item.getByLabel('Reorder point').fill('99');
  await item.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByText('Saved', { exact: true })).toBeVisible();

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Insights' }).click();
  await expect(page.getByRole('heading', { name: 'Insights', level: 1 })).toBeVisible();
  await page.getByLabel('Period', { exact: true }).selectOption('365');
  const turnover = page.getByRole('article', { name: 'Stock turnover (per year)' });
  await expect(turnover).toBeVisible();
  await expect(turnover).toContainText(/Healthy|Keep an eye on it|Needs attention/);
  await expect(page.getByRole('article', { name: 'Days to sell the stock' })).toBeVisible();
  await expect(page.getByRole('article', { name: 'Stock value at cost' })).toBeVisible();
  await turnover.getByText('How is this worked out?').click();
  await expect(turnover).toContainText('Cost of the pieces sold');
  await expect(page.getByRole('img', { name: /ABC chart/ }).locator('canvas')).toBeVisible();
  await expect(page.getByRole('table', { name: 'ABC classes' })).toContainText('A');

  // Every table exports as CSV.
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export ABC classes as CSV' }).click();
  expect((await download).suggestedFilename()).toMatch(/^abc-.*\.csv$/);

  // "How is this worked out?" reads like an owner reads it: money to the cent, whole days, the exact figure beside a rounded one.
  await expect(
    turnover
      .getByRole('definition')
      .filter({ hasText: /\$[\d,]+\.\d\d/ })
      .first(),
  ).toBeVisible();
  await expect(turnover).toContainText(/exactly [\d,]+\.\d{3,}/);
  await expect(turnover).not.toContainText(/\$[\d,]+\.\d{3,}/);

  // Seasonal collections: sell-through by weeks since arrival (chart + tables), and the season ends with a one-step markdown.
  const weeksRegion = page.getByRole('region', { name: 'How each collection is selling since it arrived' });
  await expect(weeksRegion.getByRole('img', { name: /share sold of the \d+ newest collections/ }).locator('canvas')).toBeVisible();
  const byWeek = page.getByRole('table', { name: 'Collections by weeks since arrival' });
  await expect(byWeek.getByRole('columnheader', { name: 'Week 1', exact: true })).toBeVisible();
  await expect(byWeek.getByRole('row')).not.toHaveCount(1);
  await expect(page.getByRole('table', { name: 'Week by week' }).getByRole('row').nth(1)).toContainText('%');
  await expect(page.getByRole('table', { name: 'Deliveries' })).toBeVisible();
  // Another collection, week by week.
  const pick = page.getByLabel('Week by week for');
  await pick.selectOption({ index: 1 });
  const pickedName = (await pick.locator('option:checked').textContent())!.trim();
  await expect(weeksRegion.getByRole('heading', { name: `${pickedName}: week by week` })).toBeVisible();
  // Sortable: sorting by the share sold puts the best first.
  await byWeek.getByRole('button', { name: 'Sold so far %' }).click();
  await expect(byWeek.getByRole('columnheader', { name: /Sold so far %/ })).toHaveAttribute('aria-sort', 'descending');
  const seasonDownload = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export Collections by weeks since arrival as CSV' }).click();
  expect((await seasonDownload).suggestedFilename()).toMatch(/^collections-by-week-.*\.csv$/);

  const seasonEnds = page.getByRole('table', { name: 'Season ends' });
  const ending = seasonEnds.getByRole('row').nth(1);
  await expect(ending).toContainText(/ended .+ ago|ends in|ends today/);
  const collection = (await ending.getByRole('cell').first().textContent())!.trim();
  await ending.getByRole('button', { name: /^Mark down / }).click();
  await expect(page.getByRole('status').filter({ hasText: new RegExp(`${collection}: \\d+ prices? marked down 30 %`) })).toBeVisible({
    timeout: 60_000,
  });
  const marked = seasonEnds.getByRole('row').filter({ hasText: collection });
  await expect(marked.getByRole('button', { name: `Revert ${collection}`, exact: false })).toBeVisible();
  await expect(marked.getByRole('button', { name: /^Mark down / })).toHaveCount(0);
  await marked.getByRole('button', { name: /^Revert / }).click();
  await expect(marked.getByRole('button', { name: /^Mark down / })).toBeVisible({ timeout: 60_000 });
  await expect(marked.getByRole('button', { name: /^Revert / })).toHaveCount(0);

  // Figures for one supplier, then back to the whole shop.
  await page.getByLabel('Show figures for').selectOption({ index: 1 });
  await expect(page.getByRole('region', { name: 'How your stock is doing' })).not.toContainText('The whole shop,');
  await expect(turnover).toBeVisible();
  await page.getByLabel('Show figures for').selectOption('shop:all');

  const dismiss = page.getByRole('button', { name: 'Dismiss message' });
  while ((await dismiss.count()) > 0) await dismiss.first().click();
  const shots = async (size: string) => {
    await page.screenshot({ path: `test-results/screenshots/${size}-insights.png` });
    await page
      .getByRole('region', { name: 'How your stock is doing' })
      .screenshot({ path: `test-results/screenshots/${size}-insights-kpis.png` });
    await page
      .getByRole('region', { name: /Which pieces bring in your sales/ })
      .screenshot({ path: `test-results/screenshots/${size}-insights-abc.png` });
    await page.getByRole('region', { name: 'Order now' }).screenshot({ path: `test-results/screenshots/${size}-insights-order-now.png` });
    await page
      .getByRole('region', { name: 'Stuck stock and markdowns' })
      .screenshot({ path: `test-results/screenshots/${size}-insights-markdowns.png` });
    await page
      .getByRole('region', { name: 'Supplier scorecards' })
      .screenshot({ path: `test-results/screenshots/${size}-insights-suppliers.png` });
    await page
      .getByRole('region', { name: 'Collections near the end of their season' })
      .screenshot({ path: `test-results/screenshots/${size}-insights-season-ends.png` });
    // The app scrolls inside its main area: shoot parts that fit on the screen.
    await page
      .getByRole('region', { name: 'How each collection is selling since it arrived' })
      .locator('figure')
      .screenshot({ path: `test-results/screenshots/${size}-insights-collections-chart.png` });
    await page
      .getByRole('table', { name: 'Collections by weeks since arrival' })
      .screenshot({ path: `test-results/screenshots/${size}-insights-collections.png` });
    await page.getByRole('table', { name: 'Week by week' }).screenshot({ path: `test-results/screenshots/${size}-insights-weeks.png` });
    await turnover.screenshot({ path: `test-results/screenshots/${size}-insights-how.png` });
  };
  await shots('tablet');
  await page.setViewportSize({ width: 390, height: 844 });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await shots('phone');
  await page.setViewportSize({ width: 768, height: 1024 });

  // Order now → draft purchase orders, found under Stock → Purchase orders.
  const order = page.getByRole('table', { name: 'Order now' });
  await expect(order).toBeVisible();
  await page.getByRole('button', { name: 'Create draft purchase orders' }).click();
  await expect(page.getByRole('status').filter({ hasText: /draft purchase order/ })).toBeVisible();
  await page.getByRole('link', { name: 'See purchase orders' }).click();
  await expect(page.getByRole('heading', { name: 'Purchase orders', level: 1 })).toBeVisible();
  await expect(page.getByRole('main')).toContainText(/Draft/i);

  // A markdown on a piece that has not sold for 200 days: the register shows the new price; revert puts the old one back.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Insights' }).click();
  const dead = page.getByRole('table', { name: 'Dead stock' });
  const row = dead.getByRole('row').nth(1);
  const sku = (await row.getByRole('cell').nth(2).textContent())!.trim();
  const oldPrice = (await row.getByRole('cell').nth(5).textContent())!.trim();
  const newPrice = (await row.getByRole('cell').nth(6).textContent())!.trim();
  await row.getByRole('button', { name: /^Apply markdown to / }).click();
  await expect(
    dead.getByRole('button', { name: `Revert price of ${await row.getByRole('cell').nth(0).textContent()} to ${oldPrice}` }),
  ).toBeVisible();
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Sell' }).click();
  await page.getByRole('searchbox', { name: 'Search the catalogue' }).fill(sku);
  await expect(page.getByRole('button', { name: /^Add (?!customer)/ }).first()).toContainText(newPrice);

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Insights' }).click();
  await page
    .getByRole('button', { name: /^Revert price of / })
    .first()
    .click();
  await expect(page.getByRole('button', { name: /^Revert price of / })).toHaveCount(0);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Sell' }).click();
  await page.getByRole('searchbox', { name: 'Search the catalogue' }).fill(sku);
  await expect(page.getByRole('button', { name: /^Add (?!customer)/ }).first()).toContainText(oldPrice);
  expect(soldTitle.length).toBeGreaterThan(0);
  expect(errors).toEqual([]);
});
