import { describe, expect, it } from 'vitest';
import { escposBytes, fitLine, printable, qrCommands } from '../../src/domain/sale/escpos';
import { receiptDocument, receiptText } from '../../src/domain/sale/receipt';
import { receiptSettings, workedSale } from '../factories/sale';

const INIT = [0x1b, 0x40];
const PC858 = [0x1b, 0x74, 19];
const FEED_4 = [0x1b, 0x64, 4];
const PARTIAL_CUT = [0x1d, 0x56, 1];
const ascii = (s: string) => [...s].map((c) => c.charCodeAt(0));

describe('ESC/POS bytes', () => {
  it('initialise, code page 858, each line and LF, feed, cut', () => {
    expect([...escposBytes(['Hi', '', 'Total  9.99'])]).toEqual([
      ...INIT,
      ...PC858,
      ...ascii('Hi'),
      0x0a,
      0x0a,
      ...ascii('Total  9.99'),
      0x0a,
      ...FEED_4,
      ...PARTIAL_CUT,
    ]);
  });

  it('a full cut and a longer feed when asked', () => {
    expect([...escposBytes([], { cut: 'full', feed: 6 })]).toEqual([...INIT, ...PC858, 0x1b, 0x64, 6, 0x1d, 0x56, 0]);
  });

  it('prints € and Latin letters from code page 858', () => {
    expect([...escposBytes(['€ é ü Ñ £ ×'])].slice(5, -6)).toEqual([
      0xd5, 0x20, 0x82, 0x20, 0x81, 0x20, 0xa5, 0x20, 0x9c, 0x20, 0x9e, 0x0a,
    ]);
  });

  it('falls back to ASCII for what the code page lacks', () => {
    expect(printable('12,00\u00a0€ – “ok” … ő Ł ₹5 漢')).toBe('12,00 € - "ok" . o L Rs5 ?');
    expect([...escposBytes(['\u202f–ő'])].slice(5, -6)).toEqual([0x20, 0x2d, 0x6f, 0x0a]);
    // Control characters never reach the printer (they would be commands).
    expect(printable('a\u0007b\u001bc')).toBe('abc');
  });

  it('keeps a line within the width when a fallback printed wider (₹ → Rs)', () => {
    const line = `Total${' '.repeat(38)}₹5.00`;
    expect([...line].length).toBe(48);
    const fitted = fitLine(printable(line), 48);
    expect(fitted).toBe(`Total${' '.repeat(37)}Rs5.00`);
    expect(fitLine('no room to give at all', 5)).toBe('no room to give at all');
  });

  it('QR code of the sale: model 2, 6-dot modules, error correction M, stored and printed, centred', () => {
    const data = '0192F5A0-7C1E-7A3B-9C4D-5E6F7A8B9C0D';
    // prettier-ignore
    expect(qrCommands(data)).toEqual([
      0x1b, 0x61, 1,
      0x1d, 0x28, 0x6b, 4, 0, 0x31, 0x41, 0x32, 0,
      0x1d, 0x28, 0x6b, 3, 0, 0x31, 0x43, 6,
      0x1d, 0x28, 0x6b, 3, 0, 0x31, 0x45, 0x31,
      0x1d, 0x28, 0x6b, 39, 0, 0x31, 0x50, 0x30, ...ascii(data),
      0x1d, 0x28, 0x6b, 3, 0, 0x31, 0x51, 0x30,
      0x0a,
      0x1b, 0x61, 0,
    ]);
    expect(() => qrCommands('é')).toThrow(RangeError);
    // The stored length is little-endian over two bytes.
    const long = qrCommands('A'.repeat(300));
    expect(long.slice(31, 33)).toEqual([303 & 0xff, 303 >> 8]);
  });

  it('a whole receipt: its text lines, then its QR code, then feed and cut', () => {
    const doc = receiptDocument(workedSale(), receiptSettings(), { formatMoney: (m) => `€${(m / 100).toFixed(2)}` });
    const lines = receiptText(doc, 42);
    const bytes = [...escposBytes(lines, { columns: 42, qr: doc.barcode })];
    const textBytes = lines.flatMap((l) => [...l].map((c) => (c === '€' ? 0xd5 : c.charCodeAt(0)))).length + lines.length;
    expect(bytes.slice(0, 5)).toEqual([...INIT, ...PC858]);
    expect(bytes.slice(5 + textBytes, -6)).toEqual(qrCommands(doc.barcode));
    expect(bytes.slice(-6)).toEqual([...FEED_4, ...PARTIAL_CUT]);
    expect(Buffer.from(bytes.slice(5, 5 + textBytes)).toString('latin1')).toContain('TOTAL TO PAY');
  });
});
