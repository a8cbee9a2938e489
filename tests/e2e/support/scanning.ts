import type { Locator, Page } from '@playwright/test';
import { expect } from './fixtures';

// Shared by the scanning specs (camera/register-scan, wedge). The register as they see it (issue
// "The register"): the Sell screen (after "Open register" when no shift is open) has a search box
// (a `searchbox` named /search/), a "Scan with camera" button, and the open sale as a list named
// "Cart" with one list item per line. A line shows its quantity in an element labelled
// /quantity|qty/ (a field or plain text), or as text: "Qty 2", "Quantity: 2", "× 2" or "2 ×".

/** Creates a one-item product `title` (3 in stock, $45.00) through the catalogue UI with the bar code `barcode`. */
export async function createItemWithBarcode(page: Page, title: string, barcode: string): Promise<void> {
  await page.goto('/catalogue');
  await page.getByRole('button', { name: 'New product' }).click();
  await page.getByLabel('Title').fill(title);
  await page.getByLabel('Category').fill('Rings');
  await page.getByLabel('Price', { exact: true }).fill('45.00');
  await page.getByLabel('Quantity each').fill('3');
  await page.getByRole('button', { name: 'Save product' }).click();
  await expect(page.getByRole('heading', { name: 'Catalogue', level: 1 })).toBeVisible();
  // A product without options is one item; its bar codes are edited on the item page.
  await page.getByLabel('Search catalogue').fill(title);
  const items = page.getByRole('list', { name: 'Items' });
  await expect(items.getByRole('listitem')).toHaveCount(1);
  await items.getByRole('link').first().click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
  await page.getByLabel('Barcodes').fill(barcode);
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved' })).toBeVisible();
  // Stored, not just typed: still there after a reload.
  await page.reload();
  await expect(page.getByLabel('Barcodes')).toHaveValue(barcode);
}

/** Goes to Sell through the main navigation, opening the register (a zero float) if it is closed. */
export async function openSell(page: Page): Promise<void> {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Sell' }).click();
  await expect(page.getByRole('heading', { name: 'Sell', level: 1 })).toBeVisible();
  const search = page.getByRole('searchbox', { name: /search/i });
  const openRegister = page.getByRole('button', { name: 'Open register' });
  await expect(search.or(openRegister)).toBeVisible();
  if (await openRegister.isVisible()) await openRegister.click();
  await expect(search).toBeVisible();
}

export const cartLines = (page: Page): Locator => page.getByRole('list', { name: 'Cart' }).getByRole('listitem');

/** The quantity a cart line shows (see the contract above), or undefined if it shows none. */
export async function quantityOf(line: Locator): Promise<number | undefined> {
  const labelled = line.getByLabel(/quantity|qty/i);
  if ((await labelled.count()) > 0) {
    const shown = await labelled.first().evaluate((e) => (e instanceof HTMLInputElement ? e.value : (e.textContent ?? '')));
    const digits = /\d+/.exec(shown);
    return digits ? Number(digits[0]) : undefined;
  }
  const text = (await line.textContent()) ?? '';
  const match = /(?:qty|quantity)\s*:?\s*(\d+)|×\s*(\d+)|(\d+)\s*×/i.exec(text);
  return match ? Number(match[1] ?? match[2] ?? match[3]) : undefined;
}

/** Waits until the cart has exactly one line, for `title`, with quantity `quantity`. */
export async function expectSingleLine(page: Page, title: string, quantity: number): Promise<void> {
  await expect(cartLines(page)).toHaveCount(1);
  await expect(cartLines(page).first()).toContainText(title);
  await expect.poll(() => quantityOf(cartLines(page).first())).toBe(quantity);
}

/**
 * A keyboard-wedge scanner reading `code`: its keys (and Enter) as one burst in a single task, as
 * a scanner sends them — so a loaded test machine cannot stretch the gaps past the wedge's 50 ms
 * and turn a scan into typing. tests/e2e/wedge.spec.ts covers real key input through the browser.
 */
export async function wedgeScan(page: Page, code: string): Promise<void> {
  await page.evaluate((text) => {
    const target = document.activeElement ?? document.body;
    for (const key of [...text, 'Enter']) {
      target.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true, composed: true }));
      target.dispatchEvent(new KeyboardEvent('keyup', { key, bubbles: true, cancelable: true, composed: true }));
    }
  }, code);
}
