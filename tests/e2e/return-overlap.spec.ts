import type { Page } from '@playwright/test';
import { expect, test } from './support/fixtures';
import { pairTwoDevices } from './support/devices';
import { addBySearch, createItem, openRegister, payCash } from './support/register';
import { comeBackOnline, expectOpenCases, syncNow } from './support/sync';

const PENDANT = 'Moonstone pendant';

/** Returns the sale's one pendant from the Returns page, refunded to `to`; the refund's message. */
async function refundPendant(page: Page, receipt: string, to: RegExp, reason: string): Promise<string> {
  await page.getByRole('link', { name: 'Sell' }).click();
  await page.getByRole('link', { name: 'Returns' }).click();
  await page.getByRole('searchbox', { name: 'Receipt number' }).fill(receipt);
  await page.getByRole('button', { name: 'Find', exact: true }).click();
  await expect(page.getByRole('heading', { name: `Sale ${receipt}` })).toBeVisible();
  // Neither register knows of the other's return: each still lets the pendant come back.
  await expect(page.getByRole('list', { name: 'Lines to return' })).toContainText('1 can come back');
  await page.getByRole('button', { name: `Return one more ${PENDANT}` }).click();
  await page.getByRole('radio', { name: to }).check();
  await page.getByLabel('Reason').fill(reason);
  await page.getByRole('button', { name: 'Return items' }).click();
  const done = page.getByRole('region', { name: 'Return complete' }).getByRole('status');
  await expect(done).toBeVisible();
  return (await done.textContent()) ?? '';
}

test('one sale refunded on two offline registers: one "Refunded twice" case listing both refunds, written off, closed on both', async ({
  browser,
  server,
}) => {
  test.setTimeout(180_000);
  const { counter, stall, a, b } = await pairTwoDevices(browser, server);
  await createItem(a, { title: PENDANT, price: '120.00', cost: '45.00', quantity: '3', barcode: 'TRV-MOON-1' });
  await openRegister(a);
  await addBySearch(a, 'moonstone', PENDANT);
  const receipt = await payCash(a);
  await a.getByRole('button', { name: 'New sale' }).click();
  await syncNow(a);
  await syncNow(b);
  await openRegister(b);

  // Both offline: the customer's pendant is refunded at the counter (cash) and again at the stall (store credit).
  await counter.setOffline(true);
  await stall.setOffline(true);
  expect(await refundPendant(a, receipt, /The original payment/, 'Clasp broken')).toContain('Refund $120.00: $120.00 cash');
  expect(await refundPendant(b, receipt, /Store credit/, 'Did not suit')).toContain('$120.00 put on store credit CR-');
  await comeBackOnline([counter, a], [stall, b]);

  for (const [page, tag] of [
    [a, 'tablet'],
    [b, 'phone'],
  ] as const) {
    await expectOpenCases(page, 1);
    await page.getByTestId('cases-badge').click();
    const open = page.getByRole('region', { name: 'To resolve (1)' });
    await expect(open.getByRole('link')).toHaveCount(1);
    await expect(open).toContainText(`Sale ${receipt}`);
    await open.getByRole('link').click();
    await expect(page.getByRole('heading', { name: 'Refunded twice', level: 1 })).toBeVisible();
    await expect(page.getByText(`Sale ${receipt} was refunded on registers that were offline`)).toBeVisible();
    const refunds = page.getByRole('region', { name: 'The refunds' });
    await expect(refunds.getByRole('listitem')).toHaveCount(2);
    const atCounter = refunds.getByRole('listitem').filter({ hasText: 'Counter tablet' });
    const atStall = refunds.getByRole('listitem').filter({ hasText: 'Stall phone' });
    // Each refund: the register, what was paid back and how, what came back.
    await expect(atCounter).toContainText(/Refunded\s*\$120\.00 in cash/);
    await expect(atStall).toContainText(/Refunded\s*\$120\.00 to store credit/);
    for (const item of [atCounter, atStall]) await expect(item).toContainText(new RegExp(`Returned\\s*1 × ${PENDANT}`));
    await page.screenshot({ path: `test-results/screenshots/${tag}-return-overlap-case.png`, fullPage: true });
    // The page scrolls inside the shell: the refunds and the actions, in view.
    await page.getByRole('heading', { name: 'Resolve', level: 2 }).scrollIntoViewIfNeeded();
    await page.screenshot({ path: `test-results/screenshots/${tag}-return-overlap-refunds.png` });
  }

  // The counter's manager writes the second refund off.
  await a.getByRole('button', { name: 'Write it off' }).click();
  const dialog = a.getByRole('dialog', { name: 'Resolve the case' });
  await dialog.getByLabel('Note').fill('Customer kept the credit; pendant back on the shelf');
  await dialog.getByRole('button', { name: 'Confirm' }).click();
  const resolved = a.getByRole('region', { name: 'How it was resolved' });
  await expect(resolved).toContainText('Written off');
  await expect(resolved).toContainText('Customer kept the credit; pendant back on the shelf');
  await expectOpenCases(a, 0);
  await a.screenshot({ path: 'test-results/screenshots/tablet-return-overlap-resolved.png', fullPage: true });

  await syncNow(a);
  await syncNow(b);
  for (const page of [a, b]) {
    await expectOpenCases(page, 0);
    await page.goto('/cases');
    await expect(page.getByRole('region', { name: 'To resolve (0)' })).toContainText('Nothing to resolve');
    await expect(page.getByRole('region', { name: 'Resolved' })).toContainText('Refunded twice · Written off');
  }
  await counter.close();
  await stall.close();
});
