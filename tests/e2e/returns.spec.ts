import type { Page } from '@playwright/test';
import { expect, test, waitForServiceWorker } from './support/fixtures';
import { expectSynced, pairThroughSettings } from './support/devices';
import { addBySearch, createItem, openRegister, payCash } from './support/register';

/** Sells a ring and a chain (one sale, cash) and returns its receipt number. */
async function sellTwo(page: Page): Promise<string> {
  await addBySearch(page, 'opal ring', 'Opal ring');
  await addBySearch(page, 'gold chain', 'Gold chain');
  const receipt = await payCash(page);
  await page.getByRole('button', { name: 'New sale' }).click();
  return receipt;
}

test('offline with the server stopped: return a line to store credit, spend it on an exchange, close the shift; the server agrees after', async ({
  page,
  context,
  server,
}) => {
  await page.goto('/sell');
  await waitForServiceWorker(page);
  await pairThroughSettings(page, await server.pairingCode(), 'Counter tablet');
  await createItem(page, { title: 'Opal ring', price: '40.00', cost: '12.00', quantity: '3', barcode: 'TRV-OPAL-1' });
  await createItem(page, { title: 'Gold chain', price: '25.00', cost: '8.00', quantity: '3', barcode: 'TRV-CHAIN-1' });
  await createItem(page, { title: 'Pearl studs', price: '55.00', cost: '15.00', quantity: '2', barcode: 'TRV-STUDS-2' });
  await openRegister(page);
  const receipt = await sellTwo(page);

  await context.setOffline(true);
  await server.stop();
  await page.getByRole('link', { name: 'Returns' }).click();
  await page.getByRole('searchbox', { name: 'Receipt number' }).fill('R-NOPE');
  await page.getByRole('button', { name: 'Find', exact: true }).click();
  await expect(page.getByRole('alert')).toContainText('No sale with the receipt “R-NOPE”');
  await page.getByRole('searchbox', { name: 'Receipt number' }).fill(receipt);
  await page.getByRole('button', { name: 'Find', exact: true }).click();
  await expect(page.getByRole('heading', { name: `Sale ${receipt}` })).toBeVisible();
  await page.getByRole('button', { name: 'Return one more Gold chain' }).click();
  await page.getByRole('radio', { name: /Store credit/ }).check();
  await page.getByLabel('Reason').fill('Too long');
  await page.screenshot({ path: 'test-results/screenshots/tablet-return.png', fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: 'test-results/screenshots/phone-return.png', fullPage: true });
  await page.setViewportSize({ width: 768, height: 1024 });
  await page.getByRole('button', { name: 'Return items' }).click();
  const done = page.getByRole('status').filter({ hasText: 'store credit' });
  await expect(done).toContainText('$25.00 put on store credit CR-');
  const code = (await done.textContent())!.match(/CR-[A-Z0-9-]+/)![0];

  // The exchange: pearl studs (55.00) — 25.00 from the credit, 30.00 in cash.
  await page.getByRole('button', { name: 'Exchange: spend it on a new sale' }).click();
  await addBySearch(page, 'pearl', 'Pearl studs');
  await page.getByRole('button', { name: 'Charge $55.00' }).click();
  const pay = page.getByRole('dialog', { name: 'Take payment' });
  await expect(pay.getByLabel('Credit code')).toHaveValue(code);
  await pay.getByRole('button', { name: 'Add store credit' }).click();
  await expect(pay.getByRole('list', { name: 'Payments' })).toContainText(`Store credit · ${code}`);
  await pay.getByRole('radio', { name: 'Cash' }).check();
  await pay.getByRole('button', { name: 'Add cash' }).click();
  await pay.getByRole('button', { name: 'Complete sale' }).click();
  await expect(page.getByRole('heading', { name: /^Sale .+ complete$/ })).toBeVisible();

  // The credit is used up, and the chain is back in stock.
  await page.getByRole('button', { name: 'New sale' }).click();
  await addBySearch(page, 'opal ring', 'Opal ring');
  await page.getByRole('button', { name: /^Charge / }).click();
  await pay.getByRole('radio', { name: 'Store credit' }).check();
  await pay.getByLabel('Credit code').fill(code);
  await pay.getByRole('button', { name: 'Add store credit' }).click();
  await expect(pay.getByRole('alert')).toContainText(`${code} has nothing left to spend`);
  await pay.getByRole('button', { name: 'Back to the sale' }).click();
  await page.getByRole('button', { name: 'Clear' }).click();
  await page.getByRole('link', { name: 'Catalogue' }).click();
  await page.getByLabel('Search catalogue').fill('gold chain');
  await expect(page.getByRole('list', { name: 'Items' })).toContainText('3 on hand');

  // Close the shift, still offline: 100.00 float + 65.00 + 30.00 cash = 195.00 in the drawer.
  await page.getByRole('link', { name: 'Sell' }).click();
  await page.getByRole('navigation', { name: 'Register tasks' }).getByRole('link', { name: 'Shift' }).click();
  await page.getByRole('button', { name: 'Close shift' }).click();
  const close = page.getByRole('region', { name: 'Close shift' });
  await close.getByLabel('Counted cash').fill('195.00');
  await close.getByRole('button', { name: 'Continue' }).click();
  await close.getByRole('button', { name: 'Close the shift' }).click();
  await expect(page.getByRole('heading', { name: 'Z report', level: 1 })).toBeVisible();
  const count = page.getByRole('region', { name: 'Cash count' });
  await expect(count).toContainText(/Expected cash\s*\$195\.00/);
  await expect(count).toContainText(/Counted\s*\$195\.00/);
  await expect(page.getByRole('table', { name: 'Sales' }).getByRole('row', { name: /Sales \(2\)/ })).toContainText('$120.00');
  await page.screenshot({ path: 'test-results/screenshots/tablet-z-report-after-exchange.png', fullPage: true });
  const local = await zReports(page);
  expect(local).toHaveLength(1);

  // Back online: everything reaches the server, whose Z report (computed by its own apply) is the same.
  await server.restart();
  await context.setOffline(false);
  await page.getByRole('link', { name: 'Settings' }).click();
  await page.getByRole('region', { name: 'Sync' }).getByRole('button', { name: 'Sync now' }).click();
  await expectSynced(page);
  const remote = await serverRecords(page, 'zReports');
  expect(remote).toHaveLength(1);
  const fields = (z: Record<string, unknown>) => ({
    report: z['report'],
    countedCash: z['countedCash'],
    overShort: z['overShort'],
    businessDay: z['businessDay'],
  });
  expect(fields(remote[0]!)).toEqual(fields(local[0]!));
  expect((await serverRecords(page, 'creditEntries')).map((e) => e['amount']).sort()).toEqual([-2500, 2500]);
});

/** The Z reports in this device's database. */
function zReports(page: Page): Promise<Record<string, unknown>[]> {
  return page.evaluate(
    () =>
      new Promise<Record<string, unknown>[]>((resolve, reject) => {
        const open = indexedDB.open('trove');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const req = open.result.transaction('zReports').objectStore('zReports').getAll();
          req.onsuccess = () => {
            open.result.close();
            resolve(req.result as Record<string, unknown>[]);
          };
        };
      }),
  );
}

/** Every record of a table as the server holds it (a pull from cursor 0 with this device's token). */
function serverRecords(page: Page, table: string): Promise<Record<string, unknown>[]> {
  return page.evaluate(async (name) => {
    const token = await new Promise<string>((resolve, reject) => {
      const open = indexedDB.open('trove');
      open.onerror = () => reject(open.error);
      open.onsuccess = () => {
        const req = open.result.transaction('syncState').objectStore('syncState').get('device');
        req.onsuccess = () => {
          open.result.close();
          resolve((req.result as { token: string }).token);
        };
      };
    });
    const out: Record<string, unknown>[] = [];
    for (let cursor = 0; ;) {
      const res = await fetch('/v1/sync/pull', {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ cursor }),
      });
      const page = (await res.json()) as {
        cursor: number;
        hasMore: boolean;
        records: { table: string; data: Record<string, unknown> }[];
        events: { table: string; data: Record<string, unknown> }[];
      };
      for (const r of [...page.records, ...page.events]) if (r.table === name) out.push(r.data);
      if (!page.hasMore) return out;
      cursor = page.cursor;
    }
  }, table);
}

test('a void takes back a whole sale of this shift; a second return of the same sale is then refused', async ({ page }) => {
  await createItem(page, { title: 'Opal ring', price: '40.00', cost: '12.00', quantity: '3', barcode: 'TRV-OPAL-1' });
  await createItem(page, { title: 'Gold chain', price: '25.00', cost: '8.00', quantity: '3', barcode: 'TRV-CHAIN-1' });
  await openRegister(page);
  const receipt = await sellTwo(page);
  await page.getByRole('link', { name: 'Returns' }).click();
  await page
    .getByRole('list', { name: 'Recent sales to return from' })
    .getByRole('button', { name: new RegExp(receipt) })
    .click();
  await page.getByLabel('Reason').fill('Rang up for the wrong customer');
  await page.getByRole('button', { name: 'Void the whole sale' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'voided' })).toContainText(`Sale ${receipt} voided`);
  await page.getByRole('button', { name: 'Another return' }).click();
  await page.getByRole('searchbox', { name: 'Receipt number' }).fill(receipt);
  await page.getByRole('button', { name: 'Find', exact: true }).click();
  await expect(page.getByRole('heading', { name: `Sale ${receipt} (voided)` })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Return one more Opal ring' })).toBeDisabled();
});
