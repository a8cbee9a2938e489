import { expect, test } from './support/fixtures';
import { cartLines, createItemWithBarcode, expectSingleLine, openSell, quantityOf } from './support/scanning';

const CODE = 'TROVE-SCAN-0001';

test('a USB/Bluetooth scanner rings up from the search box; typing the same code by hand just types', async ({ page }) => {
  await createItemWithBarcode(page, 'Scan Ring', CODE);
  await openSell(page);
  const search = page.getByRole('searchbox', { name: /search/i });
  await expect(search).toBeVisible();
  await search.focus();

  // A keyboard-wedge scanner: the code as a burst of keys ending in Enter, into the focused box.
  await page.keyboard.type(`${CODE}\n`, { delay: 5 });
  await expectSingleLine(page, 'Scan Ring', 1);
  await expect(search).toHaveValue('');

  // A person typing the same characters at a normal pace: they land in the box, nothing is added.
  await search.focus();
  await page.keyboard.type(CODE, { delay: 150 });
  await expect(search).toHaveValue(CODE);
  await page.waitForTimeout(500);
  await expect(cartLines(page)).toHaveCount(1);
  expect(await quantityOf(cartLines(page).first())).toBe(1);
});
