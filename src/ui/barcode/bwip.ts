// The bar code encoder, imported only through barcode.ts's dynamic import so it lands in a lazy
// chunk. Named imports let the bundler keep just these two symbologies of bwip-js's hundred.
import { code128, drawingSVG, qrcode } from 'bwip-js/browser';
import type { Symbology } from '../../domain/catalog/labels';

/**
 * An SVG of the code, quiet zones included (10 modules for Code 128, 4 for QR; bwip-js counts
 * padding in units of its scale-1 drawing, where a QR module is 2 units), on white: a transparent
 * background reads as black to some decoders and on dark paper.
 */
export function encode(symbology: Symbology, text: string): string {
  const common = { text, backgroundcolor: 'FFFFFF' };
  return symbology === 'code128'
    ? code128({ ...common, bcid: 'code128', height: 10, paddingwidth: 10 }, drawingSVG())
    : qrcode({ ...common, bcid: 'qrcode', padding: 8 }, drawingSVG()); // BWIPP's default error correction: M
}
