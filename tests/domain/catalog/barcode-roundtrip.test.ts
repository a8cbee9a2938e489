import { describe, expect, it } from 'vitest';
import bwipjs from 'bwip-js/node';
import { decodePng } from '../../e2e/support/decode';
import { code128Modules, qrModules } from '../../../src/domain/catalog/barcode-size';

// What the label printer prints must scan back to exactly the SKU: rendered by bwip-js (the same
// encoder the labels screen uses), decoded by zxing-wasm (a different code base than the encoder).
// A register SKU, an EAN-13 used as SKU, long ones (the longest a SKU may be is 64), lower case.
const SKUS = [
  'RNG-R10007',
  '4006381333931',
  'BRC-18K-YG-DIA-0.5CT-7IN-SPECIAL',
  'ear-05/b',
  'NCK-18K-WG-DIAMOND-TENNIS-0.75CTW-16IN-LOBSTER-CLASP-SS24-0001',
];

// White background: bwip-js leaves it transparent, which a decoder reads as black.
const render = (bcid: 'code128' | 'qrcode', text: string) =>
  bwipjs.toBuffer({ bcid, text, scale: 3, padding: 12, backgroundcolor: 'FFFFFF', ...(bcid === 'code128' ? { height: 10 } : {}) });

describe('bar codes round-trip', () => {
  for (const sku of SKUS) {
    it(`Code 128 of ${sku} decodes to exactly the SKU`, async () => {
      const found = await decodePng(await render('code128', sku));
      expect(found).toEqual([{ format: 'Code128', text: sku }]);
    });

    it(`QR of ${sku} decodes to exactly the SKU`, async () => {
      const found = await decodePng(await render('qrcode', sku));
      expect(found).toEqual([{ format: 'QRCode', text: sku }]);
    });

    it(`the label maths sizes ${sku} as bwip-js draws it`, () => {
      const [code] = bwipjs.raw('code128', sku, '') as unknown as [{ sbs: number[] }];
      expect(code128Modules(sku)).toBe(code.sbs.reduce((a, b) => a + b, 0));
      const [qr] = bwipjs.raw('qrcode', sku, '') as unknown as [{ pixx: number }];
      expect(qrModules(sku)).toBe(qr.pixx);
    });
  }

  it('a tag-sized Code 128 (2 dots a module, 4 mm tall: a 300 dpi tag printer) still decodes', async () => {
    const png = await bwipjs.toBuffer({
      bcid: 'code128',
      text: 'RNG-R10007',
      scaleX: 2,
      scaleY: 2,
      height: 4,
      padding: 10,
      backgroundcolor: 'FFFFFF',
    });
    expect(await decodePng(png)).toEqual([{ format: 'Code128', text: 'RNG-R10007' }]);
  });
});
