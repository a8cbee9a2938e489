import { readFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { expect, test } from './support/fixtures';
import { expectSynced, pairThroughSettings, pairTwoDevices } from './support/devices';
import { addBySearch, createItem, openRegister, payCash } from './support/register';
import type { Page } from '@playwright/test';
import type { RunningServer } from './support/server';

/** What the server applied, read from its SQLite file: sale.complete rows per device, and stored sales. */
function serverFacts(server: RunningServer): { applied: Record<string, number>; sales: number } {
  const db = new Database(path.join(server.dataDir, 'trove.sqlite'), { readonly: true });
  try {
    const rows = db
      .prepare(
        "SELECT device_id AS device, count(*) AS n FROM mutations WHERE name = 'sale.complete' AND status <> 'rejected' GROUP BY device_id",
      )
      .all() as { device: string; n: number }[];
    const { n } = db.prepare("SELECT count(*) AS n FROM records WHERE tbl = 'sales'").get() as { n: number };
    return { applied: Object.fromEntries(rows.map((r) => [r.device, r.n])), sales: n };
  } finally {
    db.close();
  }
}

async function sell(page: Page): Promise<string> {
  await addBySearch(page, 'TIDE', 'Tide pendant');
  const receipt = await payCash(page);
  await page.getByRole('button', { name: 'New sale' }).click();
  return receipt;
}

async function download(page: Page, button: string, dir: string): Promise<string> {
  const backup = page.getByRole('region', { name: 'Backup and recovery' });
  const [file] = await Promise.all([page.waitForEvent('download'), backup.getByRole('button', { name: button }).click()]);
  const target = path.join(dir, file.suggestedFilename());
  await file.saveAs(target);
  return target;
}

test('a broken stall phone loses no sale: its backup restored on a new device and its unsynced-changes file each deliver exactly once', async ({
  browser,
  server,
}, testInfo) => {
  test.setTimeout(180_000); // three devices, five sales and two recoveries
  const { counter, stall, a, b } = await pairTwoDevices(browser, server);
  await createItem(a, { title: 'Tide pendant', price: '60.00', cost: '20.00', quantity: '10', barcode: 'TIDE-0001' });
  await a.goto('/settings');
  await expectSynced(a);
  await b.goto('/settings');
  await b.getByRole('button', { name: 'Sync now' }).click();
  await expectSynced(b);

  // The stall loses signal and keeps selling.
  await b.goto('/sell');
  await stall.setOffline(true);
  await openRegister(b);
  await sell(b);
  await sell(b);
  await b.getByRole('link', { name: 'Settings' }).click(); // offline: in-app navigation
  const panel = b.getByRole('region', { name: 'Backup and recovery' });
  await expect(panel.getByTestId('unsynced-count')).toContainText('have not reached the server yet');
  const zip = await download(b, 'Download full backup', testInfo.outputDir);
  expect(path.basename(zip)).toMatch(/^trove-backup-Stall-phone-\d{4}-\d{2}-\d{2}\.zip$/);
  // Resetting is refused while sales wait for the server.
  await panel.getByRole('button', { name: 'Reset this device…' }).click();
  await b.getByRole('dialog', { name: 'Reset this device' }).getByRole('button', { name: 'Erase this device' }).click();
  await expect(panel.getByRole('alert')).toContainText('have not reached the server yet');
  await b.screenshot({ path: 'test-results/screenshots/phone-backup-panel.png', fullPage: true });

  await b.getByRole('link', { name: 'Sell' }).click();
  await sell(b);
  await b.getByRole('link', { name: 'Settings' }).click();
  const changes = await download(b, 'Export unsynced changes', testInfo.outputDir);
  expect(JSON.parse(readFileSync(changes, 'utf8'))).toMatchObject({ format: 'trove-unsynced-changes', deviceName: 'Stall phone' });
  // The phone falls in the sea. It never syncs again.
  await stall.close();

  // A fresh browser restores the backup, pairs as a new device and relays the two sales it carried.
  const fresh = await browser.newContext({ baseURL: server.url, viewport: { width: 768, height: 1024 } });
  const c = await fresh.newPage();
  await c.goto('/settings');
  await c.getByRole('region', { name: 'Backup and recovery' }).getByLabel('Restore a backup').setInputFiles(zip);
  await expect(c.getByRole('region', { name: 'Backup and recovery' }).getByRole('status')).toContainText('Restored');
  // The app reloads itself on the restored database: the carried changes show as unsynced.
  await expect(c.getByTestId('unsynced-count')).toContainText('3 changes on this device have not reached the server yet', {
    timeout: 20_000,
  });
  const devices = a.getByRole('region', { name: 'Devices' });
  await a.goto('/settings');
  await devices.getByRole('button', { name: 'New pairing code' }).click();
  await pairThroughSettings(c, (await devices.getByTestId('issued-code').textContent())!, 'Replacement phone');
  await expectSynced(c);
  await c.screenshot({ path: 'test-results/screenshots/tablet-restored-device.png', fullPage: true });
  let facts = serverFacts(server);
  expect(facts.sales).toBe(2);

  // The counter imports the phone's unsynced-changes file (the shift and three sales): only the third sale is new.
  await a.getByRole('region', { name: 'Backup and recovery' }).getByLabel('Import unsynced changes').setInputFiles(changes);
  await expect(a.getByRole('region', { name: 'Backup and recovery' }).getByRole('status')).toContainText(
    '1 change queued to sync; 3 already on the server',
  );
  await expectSynced(a);
  // Imported again: nothing new.
  await a.getByRole('region', { name: 'Backup and recovery' }).getByLabel('Import unsynced changes').setInputFiles(changes);
  await expect(a.getByRole('region', { name: 'Backup and recovery' }).getByRole('status')).toContainText(
    '0 changes queued to sync; 4 already',
  );

  facts = serverFacts(server);
  expect(facts.sales).toBe(3);
  // Every sale was applied once, under the phone's own identity, whichever device delivered it.
  expect(Object.values(facts.applied)).toEqual([3]);

  // And the shop's stock is right everywhere: 10 received, 3 sold.
  for (const page of [a, c]) {
    await page.goto('/settings');
    await page.getByRole('button', { name: 'Sync now' }).click();
    await expectSynced(page);
    await page.goto('/catalogue');
    await page.getByRole('list', { name: 'Items' }).getByRole('link').first().click();
    await page.getByRole('link', { name: 'History' }).click();
    await expect(page.getByRole('table', { name: 'Stock by location' }).getByRole('row', { name: /Shop floor/ })).toContainText('7');
  }
  await counter.close();
  await fresh.close();
});
