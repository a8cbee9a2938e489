import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  formatRate,
  formatReceiptNumber,
  parseReceiptNumber,
  receiptBarcodeText,
  receiptDocument,
  receiptText,
  saleIdFromBarcode,
  wrapText,
} from '../../src/domain/sale/receipt';
import { receiptSettings, saleLine, saleRecord, tender, workedSale } from '../factories/sale';

/** Plain and predictable: 12.34 / -9.00, so expectations read like the worked example. */
const money = (minor: number): string => (minor / 100).toFixed(2);
const options = { formatMoney: money };
const settings = receiptSettings();

describe('receipt numbers', () => {
  it('are the register code, a dash and the sequence padded to six digits', () => {
    expect(formatReceiptNumber('R2', 123)).toBe('R2-000123');
    expect(formatReceiptNumber('R10', 1_234_567)).toBe('R10-1234567');
    expect(parseReceiptNumber('R2-000123')).toEqual({ registerCode: 'R2', seq: 123 });
    expect(parseReceiptNumber(' r2-000123 ')).toEqual({ registerCode: 'R2', seq: 123 });
  });

  it('refuses what is not one', () => {
    expect(() => formatReceiptNumber('R-2', 1)).toThrow(RangeError);
    expect(() => formatReceiptNumber('R2', 0)).toThrow(RangeError);
    expect(() => formatReceiptNumber('R2', 1.5)).toThrow(RangeError);
    for (const text of ['', 'R2', 'R2-', '-000123', 'R2-0000000000001', 'R2-000000', 'R2-12a']) expect(parseReceiptNumber(text)).toBeNull();
  });

  it('from two registers never collide over many sequences, and parse back to what made them', () => {
    const code = fc.stringMatching(/^[A-Z0-9]{1,8}$/);
    const seq = fc.integer({ min: 1, max: 999_999_999_999 });
    fc.assert(
      fc.property(code, code, seq, seq, (a, b, i, j) => {
        fc.pre(a !== b);
        expect(formatReceiptNumber(a, i)).not.toBe(formatReceiptNumber(b, j));
        expect(parseReceiptNumber(formatReceiptNumber(a, i))).toEqual({ registerCode: a, seq: i });
      }),
      { numRuns: 2000 },
    );
  });

  it('R1 and R12 stay apart where a naive concatenation would meet (R1·2000123 vs R12·000123)', () => {
    const seen = new Set<string>();
    for (const code of ['R1', 'R12', 'R2', 'R21']) {
      for (let s = 1; s <= 3000; s += 1) seen.add(formatReceiptNumber(code, s));
      seen.add(formatReceiptNumber(code, 2_000_123));
    }
    expect(seen.size).toBe(4 * 3001);
  });
});

describe('the receipt code', () => {
  it('holds the sale id in upper case (QR alphanumeric mode) and reads back to it', () => {
    const text = receiptBarcodeText('0192f5a0-7c1e-7a3b-9c4d-5e6f7a8b9c0d');
    expect(text).toBe('0192F5A0-7C1E-7A3B-9C4D-5E6F7A8B9C0D');
    expect(text).toMatch(/^[0-9A-Z $%*+\-./:]+$/); // QR's alphanumeric character set
    expect(saleIdFromBarcode(text)).toBe('0192f5a0-7c1e-7a3b-9c4d-5e6f7a8b9c0d');
    expect(saleIdFromBarcode('EAR-R1-0001')).toBeNull();
  });
});

describe('receiptDocument', () => {
  it('shows the worked two-rate sale with every figure as stored', () => {
    const doc = receiptDocument(workedSale(), settings, options);
    expect(doc.shopName).toBe('Maison Opale');
    expect(doc.headerLines).toEqual(['Keizersgracht 12, Amsterdam', 'VAT NL001234567B01']);
    expect(doc.title).toBe('Receipt');
    expect(doc.receiptNumber).toBe('R2-000123');
    expect(doc.dateTime).toBe('2026-11-27 15:05'); // 14:05 UTC in Amsterdam (CET)
    expect(doc.barcode).toBe('0192F5A0-7C1E-7A3B-9C4D-5E6F7A8B9C0D');

    expect(doc.lines.map((l) => [l.quantity, l.title, l.sku, l.unitPrice?.text, l.amount?.text, l.discount])).toEqual([
      [2, 'Silver ring', 'RNG-R2-0007', '45.00', '90.00', { label: 'Discount (Loyalty)', amount: { minor: -900, text: '-9.00' } }],
      [1, 'Jewellery care guide', 'BK-R2-0001', '12.99', '12.99', null],
    ]);
    expect(doc.totals.map((t) => [t.kind, t.label, t.amount.minor, t.strong])).toEqual([
      ['subtotal', 'Subtotal', 10299, false],
      ['line-discounts', 'Line discounts', -900, false],
      ['sale-discount', 'Sale discount (Voucher)', -500, false],
      ['total', 'Total', 8899, false],
      ['rounding', 'Cash rounding', 1, false],
      ['due', 'Total to pay', 8900, true],
    ]);
    // The totals add up as printed: subtotal − discounts = total (tax is inside the prices).
    expect(10299 - 900 - 500).toBe(8899);
    expect(doc.taxTitle).toBe('Tax included');
    expect(doc.taxes.map((t) => [t.label, t.net.minor, t.tax.minor, t.gross.minor])).toEqual([
      ['Tax 9%', 1128, 102, 1230],
      ['Tax 21%', 6338, 1331, 7669],
    ]);
    expect(doc.taxes.reduce((s, t) => s + t.tax.minor, 0)).toBe(1433);
    expect(doc.tenders.map((t) => [t.kind, t.label, t.detail, t.amount.minor])).toEqual([
      ['card', 'Card', 'Ref 004512', 5000],
      ['cash', 'Cash', null, 5000],
    ]);
    expect(doc.change?.minor).toBe(1100);
    // What was handed over − change = what was due.
    expect(5000 + 5000 - 1100).toBe(8900);
  });

  it('adds the tax to the total when prices exclude it, and names a percentage discount', () => {
    const line = saleLine({
      quantity: 1,
      unitPrice: 10000,
      gross: 10000,
      saleDiscountShare: 1000,
      net: 9000,
      taxRateBp: 825,
      tax: 743,
      total: 9743,
    });
    const sale = saleRecord({
      lines: [line],
      saleDiscount: { kind: 'percent', bp: 1000, reason: 'Staff' },
      taxByRate: [{ rateBp: 825, net: 9000, tax: 743 }],
      tenders: [tender({ amount: 9743 })],
    });
    const doc = receiptDocument(sale, settings, options);
    expect(doc.totals.map((t) => [t.label, t.amount.minor])).toEqual([
      ['Subtotal', 10000],
      ['Sale discount 10% (Staff)', -1000],
      ['Tax', 743],
      ['Total', 9743],
    ]);
    expect(doc.taxTitle).toBe('Tax');
    expect(doc.taxes).toEqual([
      {
        rateBp: 825,
        label: 'Tax 8.25%',
        net: { minor: 9000, text: '90.00' },
        tax: { minor: 743, text: '7.43' },
        gross: { minor: 9743, text: '97.43' },
      },
    ]);
    expect(doc.change).toBeNull();
    expect(doc.totals.find((t) => t.kind === 'rounding')).toBeUndefined();
  });

  it('gift receipt: the same items, date and number, and not a single amount', () => {
    const doc = receiptDocument(workedSale(), settings, { ...options, gift: true });
    expect(doc.title).toBe('Gift receipt');
    expect(doc.lines.map((l) => [l.quantity, l.title, l.sku])).toEqual([
      [2, 'Silver ring', 'RNG-R2-0007'],
      [1, 'Jewellery care guide', 'BK-R2-0001'],
    ]);
    expect(doc.lines.every((l) => l.unitPrice === null && l.amount === null && l.discount === null)).toBe(true);
    expect(doc.totals).toEqual([]);
    expect(doc.taxes).toEqual([]);
    expect(doc.taxTitle).toBeNull();
    expect(doc.tenders).toEqual([]);
    expect(doc.change).toBeNull();
    // Nothing that looks like money anywhere in it, nor in its printed text.
    const all = JSON.stringify(doc) + receiptText(doc, 48).join('\n');
    expect(all).not.toMatch(/\d+\.\d\d/);
    expect(all).not.toContain('minor');
  });

  it('marks a voided sale and drops empty header lines', () => {
    const doc = receiptDocument(saleRecord({ status: 'voided' }), receiptSettings({ receiptHeader: '\n  Line one \n\n' }), options);
    expect(doc.voided).toBe(true);
    expect(doc.headerLines).toEqual(['Line one']);
    expect(receiptText(doc, 42).join('\n')).toContain('*** VOID ***');
  });

  it('uses the caller’s date formatting when given', () => {
    const doc = receiptDocument(saleRecord(), settings, { ...options, formatDateTime: (iso) => `at ${iso}` });
    expect(doc.dateTime).toBe('at 2026-11-27T14:05:00.000Z');
  });
});

describe('receiptText', () => {
  const longTitle = saleLine({
    title: 'Eighteen carat rose gold pendant with a pear-cut morganite and diamond halo on a forty-five centimetre chain',
    sku: 'PND-R2-0042-EXTRA-LONG-SKU-CODE-FOR-WRAPPING-TESTS',
    quantity: 3,
    unitPrice: 123_456_789,
    gross: 370_370_367,
    lineDiscount: 12_345_678,
    lineDiscountReason: 'Anniversary of the shop, as agreed with the manager on duty',
    net: 358_024_689,
    total: 358_024_689,
  });
  const sales = {
    worked: workedSale(),
    long: saleRecord({ lines: [longTitle], tenders: [tender({ amount: 358_024_689, method: 'Visa', reference: 'A-99812-XYZ' })] }),
  };
  const bigMoney = (minor: number): string => `EUR ${(minor / 100).toLocaleString('en-US', { minimumFractionDigits: 2 })}`;

  for (const columns of [48, 42] as const) {
    for (const [name, sale] of Object.entries(sales)) {
      for (const gift of [false, true]) {
        it(`fits ${columns} columns (${name}${gift ? ', gift' : ''})`, () => {
          const doc = receiptDocument(sale, settings, { formatMoney: bigMoney, gift });
          const lines = receiptText(doc, columns);
          for (const line of lines) expect([...line].length, JSON.stringify(line)).toBeLessThanOrEqual(columns);
          const text = lines.join('\n');
          expect(text).toContain('MAISON OPALE');
          expect(text).toContain(doc.receiptNumber);
          for (const l of doc.lines) expect(text.replace(/\s+/g, ' ')).toContain(l.title.split(' ').slice(0, 3).join(' '));
        });
      }
    }
  }

  it('lays the worked sale out with amounts flush right', () => {
    const lines = receiptText(receiptDocument(workedSale(), settings, options), 48);
    expect(lines).toContain(`${'2 x Silver ring'.padEnd(48 - '90.00'.length)}90.00`);
    expect(lines).toContain(`${'    Discount (Loyalty)'.padEnd(48 - '-9.00'.length)}-9.00`);
    expect(lines).toContain(`${'TOTAL TO PAY'.padEnd(48 - '89.00'.length)}89.00`);
    expect(lines).toContain(`${'Change'.padEnd(48 - '11.00'.length)}11.00`);
    expect(lines).toContain(`${'  Tax 21% on 63.38'.padEnd(48 - '13.31'.length)}13.31`);
    expect(lines[0]).toBe(`${' '.repeat(18)}MAISON OPALE`);
  });
});

describe('helpers', () => {
  it('formats basis points without float noise', () => {
    expect([2000, 825, 850, 0, 1, 10_000].map(formatRate)).toEqual(['20%', '8.25%', '8.5%', '0%', '0.01%', '100%']);
  });

  it('wraps words, cutting only a word longer than the line', () => {
    expect(wrapText('one two three', 7)).toEqual(['one two', 'three']);
    expect(wrapText('abcdefghij', 4)).toEqual(['abcd', 'efgh', 'ij']);
    expect(wrapText('', 4)).toEqual(['']);
  });
});
