/**
 * How wide a barcode is, in modules, for the label layouts to size it (Code 128 and QR as
 * bwip-js draws them; checked against it by the barcode round-trip test).
 */

/**
 * Module widths. 0.33 mm is the nominal UPC/EAN "X"; below 0.17 mm (2 dots of a 300 dpi tag
 * printer) Code 128 stops scanning reliably, so a longer SKU falls back to QR. A QR module below
 * 0.25 mm is hard for phone cameras and html5-qrcode.
 */
export const CODE128_MODULE = { min: 0.17, max: 0.33 };
export const QR_MODULE = { min: 0.25, max: 0.6 };
/** Quiet zones, in modules, from ISO/IEC 15417 (Code 128) and ISO/IEC 18004 (QR). */
export const CODE128_QUIET = 10;
export const QR_QUIET = 4;

/**
 * Width of a Code 128 symbol in modules (start, data, check, stop), using the fewest symbols:
 * set B for text, set C for pairs of digits, a switch costing one symbol. Matches bwip-js.
 */
export function code128Modules(text: string): number {
  const digit = (i: number) => i < text.length && text.charCodeAt(i) >= 48 && text.charCodeAt(i) <= 57;
  const n = text.length;
  const b: number[] = Array.from({ length: n + 2 }, () => 0);
  const c: number[] = Array.from({ length: n + 2 }, () => 0);
  for (let i = n - 1; i >= 0; i -= 1) {
    const stayB = 1 + b[i + 1]!;
    const stayC = digit(i) && digit(i + 1) ? 1 + c[i + 2]! : Infinity;
    b[i] = Math.min(stayB, 1 + stayC);
    c[i] = Math.min(stayC, 1 + stayB);
  }
  const data = n === 0 ? 0 : Math.min(b[0]!, c[0]!);
  return (data + 2) * 11 + 13;
}

// QR capacity at error correction M by version (1–10): numeric, alphanumeric, byte characters.
// prettier-ignore
const QR_M_CAPACITY: readonly [number, number, number][] = [
  [34, 20, 14], [63, 38, 26], [101, 61, 42], [149, 90, 62], [202, 122, 84],
  [255, 154, 106], [293, 178, 122], [365, 221, 152], [432, 262, 180], [513, 311, 213],
];

/** Side of the smallest QR (error correction M) holding `text`, in modules, quiet zone excluded. */
export function qrModules(text: string): number {
  const mode = /^\d*$/.test(text) ? 0 : /^[0-9A-Z $%*+\-./:]*$/.test(text) ? 1 : 2;
  const version = QR_M_CAPACITY.findIndex((caps) => caps[mode] >= text.length) + 1;
  return 17 + 4 * (version === 0 ? QR_M_CAPACITY.length : version);
}
