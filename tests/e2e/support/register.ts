import type { Page } from '@playwright/test';
import { expect } from './fixtures';

/** Creates a one-variant product through the catalogue, with a barcode and stock. */
export async function createItem(
  page: Page,
  item: { title: string; price: string; cost: string; quantity: string; barcode: string; category?: string; tags?: string },
): Promise<void> {
  await page.goto('/catalogue');
  await page.getByRole('button', { name: 'New product' }).click();
  await page.getByLabel('Title').fill(item.title);
  if (item.category) await page.getByLabel('Category').fill(item.category);
  if (item.tags) await page.getByLabel('Tags').fill(item.tags);
  await page.getByLabel('Price', { exact: true }).fill(item.price);
  await page.getByLabel('Cost', { exact: true }).fill(item.cost);
  await page.getByLabel('Quantity each').fill(item.quantity);
  await page.getByLabel('Barcode').fill(item.barcode);
  await page.getByRole('button', { name: 'Save product' }).click();
  await expect(page.getByRole('heading', { name: 'Catalogue', level: 1 })).toBeVisible();
}

/** Opens the register (a shift) with a cash float, from the Sell screen. */
export async function openRegister(page: Page, float = '100.00'): Promise<void> {
  await page.getByRole('link', { name: 'Sell' }).click();
  await page.getByLabel('Cash float').fill(float);
  await page.getByRole('button', { name: 'Open register' }).click();
  await expect(page.getByRole('searchbox', { name: 'Search the catalogue' })).toBeVisible();
}

/** Adds an item by searching for it and picking the result. */
export async function addBySearch(page: Page, query: string, title: string): Promise<void> {
  await page.getByRole('searchbox', { name: 'Search the catalogue' }).fill(query);
  await page.getByRole('button', { name: `Add ${title}` }).click();
  await expect(page.getByRole('list', { name: 'Cart' })).toContainText(title);
}

/** Pays the whole amount due in cash (the amount field starts at what is left) and completes the sale. */
export async function payCash(page: Page): Promise<string> {
  await page.getByRole('button', { name: /^Charge / }).click();
  const pay = page.getByRole('dialog', { name: 'Take payment' });
  await pay.getByRole('button', { name: 'Add cash' }).click();
  await pay.getByRole('button', { name: 'Complete sale' }).click();
  const done = page.getByRole('heading', { name: /^Sale .+ complete$/ });
  await expect(done).toBeVisible();
  return (await done.textContent())!.replace(/^Sale | complete$/g, '');
}

/** Every sale in this page's database: receipt number → COGS per line (read straight from IndexedDB). */
export async function storedSales(page: Page): Promise<Record<string, (number | null)[]>> {
  return page.evaluate(
    () =>
      new Promise<Record<string, (number | null)[]>>((resolve, reject) => {
        const open = indexedDB.open('trove');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const req = open.result.transaction('sales').objectStore('sales').getAll();
          req.onsuccess = () => {
            const out: Record<string, (number | null)[]> = {};
            for (const s of req.result as { receiptNumber: string; lines: { cogs: number | null }[] }[])
              out[s.receiptNumber] = s.lines.map((l) => l.cogs);
            open.result.close();
            resolve(out);
          };
        };
      }),
  );
}

/** Row counts of some IndexedDB stores. */
export async function countRows(page: Page, stores: string[]): Promise<Record<string, number>> {
  return page.evaluate(
    (names) =>
      new Promise<Record<string, number>>((resolve, reject) => {
        const open = indexedDB.open('trove');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const tx = open.result.transaction(names);
          const out: Record<string, number> = {};
          for (const name of names) {
            const req = tx.objectStore(name).count();
            req.onsuccess = () => (out[name] = req.result);
          }
          tx.oncomplete = () => {
            open.result.close();
            resolve(out);
          };
        };
      }),
    stores,
  );
}
