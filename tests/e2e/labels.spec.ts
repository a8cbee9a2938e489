import type { Locator, Page } from '@playwright/test';
import { expect, test } from './support/fixtures';
import { decodePng } from './support/decode';

const PRODUCT = '0190b6a2-3c4d-7e5f-8a6b-00000000a001';
const RING = '0190b6a2-3c4d-7e5f-8a6b-00000000b001';
const STUDS = '0190b6a2-3c4d-7e5f-8a6b-00000000b002';
const LABELS = `/catalogue/labels?items=${RING},${STUDS}`;

/**
 * Puts a product and two items straight into the app's IndexedDB, in the stored shapes of
 * src/domain/catalog (LWW values + indexed fields), once the app has created the database.
 */
async function seed(page: Page): Promise<void> {
  await page.goto('/catalogue');
  await expect(page.getByRole('heading', { name: 'Catalogue', level: 1 })).toBeVisible();
  await expect.poll(() => page.evaluate(async () => (await indexedDB.databases()).some((d) => d.name === 'trove'))).toBe(true);
  await page.evaluate(
    async ({ product, ring, studs }) => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const open = indexedDB.open('trove');
        open.onsuccess = () => resolve(open.result);
        open.onerror = () => reject(open.error);
      });
      const clocks = {};
      const item = (id: string, sku: string, size: string, price: number, compareAtPrice: number | null) => ({
        id,
        productId: product,
        sku: sku.toUpperCase(),
        barcodes: [],
        tokens: [sku.toLowerCase(), 'opal', 'ring'],
        clocks,
        values: {
          sku,
          barcodes: [],
          optionValues: [size, 'Sterling silver'],
          price,
          compareAtPrice,
          cost: 1_200,
          supplierId: null,
          tracking: 'quantity',
          tags: [],
          attributes: { metal: 'Sterling silver', stone: 'Opal', size },
          photoIds: [],
          status: 'active',
        },
      });
      const tx = db.transaction(['products', 'items'], 'readwrite');
      tx.objectStore('products').put({
        id: product,
        title: 'Opal stacking ring',
        itemIds: [ring, studs],
        clocks,
        values: {
          title: 'Opal stacking ring',
          description: '',
          vendor: 'Atelier Lune',
          categoryId: null,
          collectionId: null,
          season: '',
          tags: [],
          options: [
            { name: 'Size', values: ['6', '7'] },
            { name: 'Metal', values: ['Sterling silver'] },
          ],
          status: 'active',
          photoIds: [],
        },
      });
      tx.objectStore('items').put(item(ring, 'RNG-R10007', '7', 4_500, null));
      tx.objectStore('items').put(item(studs, '4006381333931', '6', 12_900, 15_900));
      await new Promise((resolve, reject) => {
        tx.oncomplete = resolve;
        tx.onerror = () => reject(tx.error);
      });
      db.close();
    },
    { product: PRODUCT, ring: RING, studs: STUDS },
  );
}

const preview = (page: Page): Locator => page.getByRole('region', { name: 'Print preview' });
const labels = (page: Page): Locator => preview(page).getByRole('listitem');

async function decodeLabel(label: Locator): Promise<string[]> {
  // Wait for the lazily loaded encoder to have drawn the code.
  await expect(label.getByRole('img').locator('svg')).toBeVisible();
  return (await decodePng(await label.screenshot())).map((r) => r.text);
}

test.describe('price labels', () => {
  // A tablet's screen: 2 device pixels per CSS pixel, as on an iPad.
  test.use({ deviceScaleFactor: 2 });

  test('one label per copy with price, SKU and bar code; layout, copies and start update the preview', async ({ page }) => {
    await seed(page);
    await page.goto(LABELS);
    await expect(page.getByRole('heading', { name: 'Print labels', level: 1 })).toBeVisible();

    await page.getByLabel('Label layout').selectOption({ label: 'Jewelry tag' });
    await expect(labels(page)).toHaveCount(2);
    const ring = labels(page).filter({ hasText: 'RNG-R10007' });
    await expect(ring).toContainText('$45.00');
    await expect(ring).toContainText('Opal stacking ring');
    await expect(ring.getByRole('img', { name: 'Code 128 bar code of RNG-R10007' }).locator('svg')).toBeVisible();
    await expect(preview(page).getByRole('list', { name: 'Tag 2 of 2' })).toBeVisible();

    await page.getByLabel('Copies').fill('3');
    await expect(labels(page)).toHaveCount(6);
    await expect(page.getByRole('status').filter({ hasText: 'labels' })).toHaveText('2 items · 6 labels · 6 tags');
    await page.screenshot({ path: 'test-results/screenshots/tablet-labels-tags.png' });
    await expect(page.getByLabel('Start at label')).toBeHidden(); // a roll has no used positions

    await page.getByLabel('Label layout').selectOption({ label: 'A4 sheet (24)' });
    await expect(labels(page)).toHaveCount(6);
    await expect(preview(page).getByRole('list')).toHaveCount(1);
    await expect(labels(page).filter({ hasText: '4006381333931' }).first()).toContainText('$159.00'); // the was-price of a markdown
    await page.getByLabel('Start at label').fill('22');
    await expect(preview(page).getByRole('list', { name: 'Sheet 2 of 2' })).toBeVisible();
    await expect(preview(page).getByRole('list', { name: 'Sheet 1 of 2' }).getByRole('listitem')).toHaveCount(3);

    await page.getByLabel('Label layout').selectOption({ label: 'Letter sheet (30)' });
    await expect(page.getByRole('status').filter({ hasText: 'labels' })).toHaveText('2 items · 6 labels · 1 sheet');
    await expect(page.getByLabel('Start at label')).toHaveValue('22');

    await page.getByLabel('Barcode type').selectOption({ label: 'QR' });
    await expect(labels(page).first().getByRole('img', { name: 'QR code of RNG-R10007' }).locator('svg')).toBeVisible();

    // The Print button asks the browser to print (stubbed: a real dialog would block the test).
    await page.evaluate(() => {
      window.print = () => document.body.setAttribute('data-printed', 'yes');
    });
    await page.getByRole('button', { name: 'Print' }).click();
    await expect(page.locator('body')).toHaveAttribute('data-printed', 'yes');
  });

  test('printing shows the labels and nothing of the app, one sheet per page at the paper size', async ({ page }) => {
    await seed(page);
    await page.goto(LABELS);
    await page.getByLabel('Label layout').selectOption({ label: 'A4 sheet (24)' });
    await page.getByLabel('Barcode type').selectOption({ label: 'Code 128' });
    await page.getByLabel('Copies').fill('3');
    await page.getByLabel('Start at label').fill('4');
    await expect(labels(page)).toHaveCount(6);
    await expect(labels(page).last().getByRole('img').locator('svg')).toBeVisible();
    await page.screenshot({ path: 'test-results/screenshots/tablet-labels.png' });

    await page.emulateMedia({ media: 'print' });
    await expect(page.getByRole('navigation', { name: 'Main' })).toBeHidden();
    await expect(page.getByRole('heading', { name: 'Print labels' })).toBeHidden();
    await expect(page.getByRole('button', { name: 'Print' })).toBeHidden();
    await expect(labels(page)).toHaveCount(6);
    await expect(labels(page).first()).toBeVisible();
    const sheet = await preview(page).getByRole('list').boundingBox();
    expect(sheet).toMatchObject({ x: 0, y: 0 }); // the sheet's corner is the paper's corner
    await page.screenshot({ path: 'test-results/screenshots/print-labels.png', fullPage: true });
    expect(await decodeLabel(labels(page).first())).toEqual(['RNG-R10007']);

    // What the printer gets: A4 pages (595 × 842 pt), as many as sheets. 30 labels from label 4 → 2.
    // Back to the screen to type; `null`, not 'screen', so that page.pdf() prints with print media.
    await page.emulateMedia({ media: null });
    await page.getByLabel('Copies').fill('15');
    await expect(labels(page)).toHaveCount(30);
    const pdf = (await page.pdf({ preferCSSPageSize: true, printBackground: true })).toString('latin1');
    expect(pdf.match(/\/Type\s*\/Page\b/g)).toHaveLength(2);
    for (const [, width, height] of pdf.matchAll(/\/MediaBox\s*\[0 0 ([\d.]+) ([\d.]+)\]/g)) {
      expect(Number(width)).toBeCloseTo((210 / 25.4) * 72, 0);
      expect(Number(height)).toBeCloseTo((297 / 25.4) * 72, 0);
    }

    // A roll of jewelry tags: one 2.2 × 0.5 in page per tag.
    await page.getByLabel('Label layout').selectOption({ label: 'Jewelry tag' });
    await page.getByLabel('Copies').fill('2');
    await expect(labels(page)).toHaveCount(4);
    const tags = (await page.pdf({ preferCSSPageSize: true })).toString('latin1');
    expect(tags.match(/\/Type\s*\/Page\b/g)).toHaveLength(4);
    for (const [, width, height] of tags.matchAll(/\/MediaBox\s*\[0 0 ([\d.]+) ([\d.]+)\]/g)) {
      expect(Number(width)).toBeCloseTo(2.2 * 72, 0);
      expect(Number(height)).toBeCloseTo(0.5 * 72, 0);
    }
  });
});

test.describe('price labels at printer resolution', () => {
  // 3.125 device pixels per CSS pixel = 300 dpi, a tag printer's resolution; wide enough that the
  // preview is at full size (not scaled to fit): the label as it prints.
  test.use({ deviceScaleFactor: 3.125, viewport: { width: 1280, height: 900 } });

  test('a rendered label scans back to its SKU, as a Code 128 on a tag and as a QR on a sheet', async ({ page }) => {
    await seed(page);
    await page.goto(LABELS);
    await page.getByLabel('Label layout').selectOption({ label: 'Jewelry tag' });
    await page.getByLabel('Barcode type').selectOption({ label: 'Code 128' });
    expect(await decodeLabel(labels(page).filter({ hasText: 'RNG-R10007' }))).toEqual(['RNG-R10007']);
    expect(await decodeLabel(labels(page).filter({ hasText: '4006381333931' }))).toEqual(['4006381333931']);

    await page.getByLabel('Label layout').selectOption({ label: 'A4 sheet (24)' });
    expect(await decodeLabel(labels(page).filter({ hasText: 'RNG-R10007' }))).toEqual(['RNG-R10007']);
    await page.getByLabel('Barcode type').selectOption({ label: 'QR' });
    expect(await decodeLabel(labels(page).filter({ hasText: '4006381333931' }))).toEqual(['4006381333931']);
  });
});
