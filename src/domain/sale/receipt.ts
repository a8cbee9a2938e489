import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';
import type { ShopSettings } from '../settings';
import type { Discount, SaleRecord, Tender } from './types';

/*
 * Receipts (ARCHITECTURE.md §10 "Numbers that must not collide offline"): a receipt number is the
 * register code and a sequence; the receipt's code encodes the sale id. `receiptDocument` turns a
 * stored sale into one neutral document that the printed (HTML), thermal (ESC/POS) and e-mailed
 * receipts all render, so they can never disagree. Money is shown as stored, never recomputed.
 */

// ---------------------------------------------------------------------------------------------
// Receipt numbers

/** The register code as the server hands it out (R1, R2…): letters and digits, never a dash. */
const REGISTER_CODE = /^[A-Z0-9]{1,8}$/;
/** Sequences are padded to 6 digits (R2-000123) and may grow to 12 (sale.ts accepts 1–12). */
const SEQ_DIGITS = 6;
export const MAX_RECEIPT_SEQ = 999_999_999_999;

export function formatReceiptNumber(registerCode: string, seq: number): string {
  if (!REGISTER_CODE.test(registerCode)) throw new RangeError(`"${registerCode}" is not a register code (up to 8 letters or digits)`);
  if (!Number.isSafeInteger(seq) || seq < 1 || seq > MAX_RECEIPT_SEQ)
    throw new RangeError(`${seq} is not a receipt sequence (1 to ${MAX_RECEIPT_SEQ})`);
  return `${registerCode}-${String(seq).padStart(SEQ_DIGITS, '0')}`;
}

/**
 * The register code and sequence of a receipt number, or null when it is not one. The exact
 * inverse of `formatReceiptNumber` (which is why numbers from two registers can never collide: a
 * register code has no dash, so the first dash always splits the two parts the same way).
 */
export function parseReceiptNumber(text: string): { registerCode: string; seq: number } | null {
  const match = /^([A-Z0-9]{1,8})-(\d{1,12})$/.exec(text.trim().toUpperCase());
  if (!match) return null;
  const seq = Number(match[2]);
  return seq >= 1 ? { registerCode: match[1]!, seq } : null;
}

// ---------------------------------------------------------------------------------------------
// The receipt's code

/**
 * What the receipt's QR code holds: the sale id in upper case. A UUID's characters (hex and dashes)
 * are all in QR's alphanumeric set when upper case, which makes the code one version smaller
 * (25×25 modules instead of 29×29) and so easier to print sharply on 80 mm paper. A Code 128 of a
 * 36-character id would be ~100 mm wide at a scannable module size, so it is not used.
 */
export function receiptBarcodeText(saleId: string): string {
  return saleId.toUpperCase();
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The sale id a scanned receipt code stands for (either case), or null when it is not one. */
export function saleIdFromBarcode(text: string): string | null {
  const id = text.trim().toLowerCase();
  return UUID.test(id) ? id : null;
}

// ---------------------------------------------------------------------------------------------
// The document

/** An amount as stored (minor units) and as the shop shows it ("$42.99"). */
export interface ReceiptAmount {
  minor: number;
  text: string;
}

export interface ReceiptDocLine {
  lineId: string;
  quantity: number;
  title: string;
  sku: string;
  /** Per unit and for the line before discounts (quantity × unit price); null on a gift receipt. */
  unitPrice: ReceiptAmount | null;
  amount: ReceiptAmount | null;
  /** The line's own discount, as a negative amount; null when none or on a gift receipt. */
  discount: { label: string; amount: ReceiptAmount } | null;
  /** A gift card sold: its code (also in the title, "Gift card GC-…"); null for an item. */
  giftCard: string | null;
}

export type ReceiptTotalKind = 'subtotal' | 'line-discounts' | 'sale-discount' | 'tax' | 'total' | 'rounding' | 'due';

export interface ReceiptTotalRow {
  kind: ReceiptTotalKind;
  label: string;
  amount: ReceiptAmount;
  /** The row a customer looks for (the total, or what was due after cash rounding). */
  strong: boolean;
}

export interface ReceiptTaxRow {
  rateBp: number;
  /** "Tax 20%" */
  label: string;
  /** Amount before tax, the tax, and both together. */
  net: ReceiptAmount;
  tax: ReceiptAmount;
  gross: ReceiptAmount;
}

export interface ReceiptTenderRow {
  kind: Tender['kind'];
  label: string;
  /** Card terminal reference and the like. */
  detail: string | null;
  /** What the customer handed over or was charged (cash: before change). */
  amount: ReceiptAmount;
}

export interface ReceiptDocument {
  gift: boolean;
  voided: boolean;
  saleId: string;
  /** Shop name, then each line of the shop's receipt header (address, tax number…). */
  shopName: string;
  headerLines: string[];
  title: 'Receipt' | 'Gift receipt';
  receiptNumber: string;
  dateTime: string;
  lines: ReceiptDocLine[];
  /** Subtotal → discounts → (tax added) → total → cash rounding → due. Empty on a gift receipt. */
  totals: ReceiptTotalRow[];
  /** "Tax included" (inclusive prices) or "Tax"; null on a gift receipt or with no tax rows. */
  taxTitle: string | null;
  taxes: ReceiptTaxRow[];
  tenders: ReceiptTenderRow[];
  change: ReceiptAmount | null;
  footer: string[];
  /** Text of the receipt's QR code (see receiptBarcodeText). */
  barcode: string;
}

/** The settings a receipt shows (a subset of ShopSettings, so any settings shape that has them works). */
export type ReceiptShop = Pick<ShopSettings, 'shopName' | 'receiptHeader' | 'timeZone'>;

export interface ReceiptOptions {
  /** A gift receipt: the same receipt without a single price. */
  gift?: boolean;
  /** Minor units → "$42.99": the caller's formatting (Intl in the page, the same on the server). */
  formatMoney: (minor: number) => string;
  /** ISO instant → date and time as people read it; default `yyyy-MM-dd HH:mm` in the shop's time zone. */
  formatDateTime?: (iso: string) => string;
}

/** Basis points as a percentage without float noise: 2000 → "20%", 825 → "8.25%". */
export function formatRate(bp: number): string {
  const whole = Math.trunc(bp / 100);
  const frac = String(Math.abs(bp % 100))
    .padStart(2, '0')
    .replace(/0+$/, '');
  return `${whole}${frac ? `.${frac}` : ''}%`;
}

function discountLabel(prefix: string, discount: Discount | null, reason: string | null): string {
  const rate = discount?.kind === 'percent' ? ` ${formatRate(discount.bp)}` : '';
  const why = reason ?? discount?.reason ?? '';
  return `${prefix}${rate}${why ? ` (${why})` : ''}`;
}

function tenderLabel(t: Tender): string {
  if (t.kind === 'cash') return 'Cash';
  if (t.kind === 'card') return t.method ? `Card (${t.method})` : 'Card';
  if (t.kind === 'credit') return 'Gift card / store credit';
  return t.method ?? 'Other';
}

/** Under a payment's label: a card terminal's reference, or the code of the gift card or credit spent. */
function tenderDetail(t: Tender): string | null {
  if (!t.reference) return null;
  return t.kind === 'credit' ? t.reference : `Ref ${t.reference}`;
}

const GIFT_FOOTER = ['Gift receipt: show it to exchange or return this purchase.'];
const FOOTER = ['Keep this receipt for returns and exchanges.', 'Thank you!'];

/**
 * The printable receipt of a stored sale. Every figure is read from the sale as stored (§10:
 * refunds and receipts never recompute); a gift receipt leaves every amount out.
 */
export function receiptDocument(sale: SaleRecord, shop: ReceiptShop, options: ReceiptOptions): ReceiptDocument {
  const gift = options.gift ?? false;
  const m = (minor: number): ReceiptAmount => ({ minor, text: options.formatMoney(minor) });
  const when = options.formatDateTime ?? ((iso: string) => format(new TZDate(Date.parse(iso), shop.timeZone), 'yyyy-MM-dd HH:mm'));

  const lines: ReceiptDocLine[] = sale.lines.map((line) => ({
    lineId: line.lineId,
    quantity: line.quantity,
    // A gift card shows its code: the customer keeps the receipt with the card.
    title: line.giftCard ? `Gift card ${line.giftCard.code}` : line.title,
    giftCard: line.giftCard?.code ?? null,
    sku: line.sku,
    unitPrice: gift ? null : m(line.unitPrice),
    amount: gift ? null : m(line.gross),
    discount:
      gift || line.lineDiscount === 0
        ? null
        : { label: discountLabel('Discount', null, line.lineDiscountReason), amount: m(-line.lineDiscount) },
  }));

  const totals: ReceiptTotalRow[] = [];
  const taxes: ReceiptTaxRow[] = [];
  const tenders: ReceiptTenderRow[] = [];
  let change: ReceiptAmount | null = null;
  if (!gift) {
    const lineDiscounts = sale.lines.reduce((s, l) => s + l.lineDiscount, 0);
    const saleDiscount = sale.lines.reduce((s, l) => s + l.saleDiscountShare, 0);
    const add = (kind: ReceiptTotalKind, label: string, minor: number, strong = false) =>
      totals.push({ kind, label, amount: m(minor), strong });
    add('subtotal', 'Subtotal', sale.subtotal);
    if (lineDiscounts !== 0) add('line-discounts', 'Line discounts', -lineDiscounts);
    if (saleDiscount !== 0) add('sale-discount', discountLabel('Sale discount', sale.saleDiscount, null), -saleDiscount);
    if (sale.taxMode === 'exclusive') add('tax', 'Tax', sale.taxTotal);
    add('total', 'Total', sale.total, sale.cashRounding === 0);
    if (sale.cashRounding !== 0) {
      add('rounding', 'Cash rounding', sale.cashRounding);
      add('due', 'Total to pay', sale.total + sale.cashRounding, true);
    }
    for (const t of sale.taxByRate) {
      const net = sale.taxMode === 'inclusive' ? t.net - t.tax : t.net;
      taxes.push({ rateBp: t.rateBp, label: `Tax ${formatRate(t.rateBp)}`, net: m(net), tax: m(t.tax), gross: m(net + t.tax) });
    }
    for (const t of sale.tenders) {
      tenders.push({ kind: t.kind, label: tenderLabel(t), detail: tenderDetail(t), amount: m(t.tendered) });
    }
    if (sale.change !== 0) change = m(sale.change);
  }

  return {
    gift,
    voided: sale.status === 'voided',
    saleId: sale.id,
    shopName: shop.shopName.trim(),
    headerLines: shop.receiptHeader
      .split(/\r?\n/)
      .map((l) => l.trim())
      .filter((l) => l !== ''),
    title: gift ? 'Gift receipt' : 'Receipt',
    receiptNumber: sale.receiptNumber,
    dateTime: when(sale.occurredAt),
    lines,
    totals,
    taxTitle: taxes.length === 0 ? null : sale.taxMode === 'inclusive' ? 'Tax included' : 'Tax',
    taxes,
    tenders,
    change,
    footer: gift ? GIFT_FOOTER : FOOTER,
    barcode: receiptBarcodeText(sale.id),
  };
}

// ---------------------------------------------------------------------------------------------
// Monospace text (thermal printers: 48 columns on 80 mm paper with font A, 42 with some models)

/** Width in printed characters: code points, since the ESC/POS encoder prints one byte each. */
const width = (s: string): number => [...s].length;

/** Word-wraps `text` to lines of at most `columns` characters (a longer word is cut). */
export function wrapText(text: string, columns: number): string[] {
  const out: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    let rest = [...word];
    if (line && width(line) + 1 + rest.length <= columns) {
      line = `${line} ${word}`;
      continue;
    }
    if (line) out.push(line);
    while (rest.length > columns) {
      out.push(rest.slice(0, columns).join(''));
      rest = rest.slice(columns);
    }
    line = rest.join('');
  }
  if (line || out.length === 0) out.push(line);
  return out;
}

/**
 * `left` and `right` on one line, `right` flush right; `left` wraps above it when both don't fit.
 * The first line of `left` starts with `first`, the ones after it with `rest` (indents).
 */
function row(left: string, right: string, columns: number, first = '', rest = first): string[] {
  const indent = Math.max(width(first), width(rest));
  const room = columns - width(right) - 1 - indent;
  // An amount too wide to share a line (never with real money) goes on a line of its own.
  const parts = room >= 8 ? wrapText(left, room) : [...wrapText(left, columns - indent), ''];
  const lines = parts.map((l, i) => (l === '' ? '' : (i === 0 ? first : rest) + l));
  const last = lines.pop()!;
  return [...lines, last + ' '.repeat(Math.max(1, columns - width(last) - width(right))) + right];
}

function center(text: string, columns: number): string[] {
  return wrapText(text, columns).map((l) => ' '.repeat(Math.floor((columns - width(l)) / 2)) + l);
}

/**
 * The receipt as lines of at most `columns` characters, for a thermal printer (and the plain-text
 * e-mail). The same document as the HTML receipt, laid out for a fixed-width font.
 */
export function receiptText(doc: ReceiptDocument, columns: 48 | 42 | number = 48): string[] {
  const rule = '-'.repeat(columns);
  const out: string[] = [];
  if (doc.shopName) out.push(...center(doc.shopName.toUpperCase(), columns));
  for (const l of doc.headerLines) out.push(...center(l, columns));
  if (out.length > 0) out.push('');
  if (doc.voided) out.push(...center('*** VOID ***', columns));
  out.push(...row(`${doc.title} ${doc.receiptNumber}`, doc.dateTime, columns));
  out.push(rule);
  for (const line of doc.lines) {
    const what = `${line.quantity} x ${line.title}`;
    out.push(
      ...(line.amount
        ? row(what, line.amount.text, columns, '', '    ')
        : wrapText(what, columns - 4).map((l, i) => (i === 0 ? l : `    ${l}`))),
    );
    const each = line.quantity > 1 && line.unitPrice ? ` @ ${line.unitPrice.text}` : '';
    out.push(...wrapText(`SKU ${line.sku}${each}`, columns - 4).map((l) => `    ${l}`));
    if (line.discount) out.push(...row(line.discount.label, line.discount.amount.text, columns, '    '));
  }
  if (doc.totals.length > 0) {
    out.push(rule);
    for (const t of doc.totals) out.push(...row(t.strong ? t.label.toUpperCase() : t.label, t.amount.text, columns));
  }
  if (doc.tenders.length > 0) {
    out.push('');
    for (const t of doc.tenders) out.push(...row(t.detail ? `${t.label} ${t.detail}` : t.label, t.amount.text, columns));
    if (doc.change) out.push(...row('Change', doc.change.text, columns));
  }
  if (doc.taxTitle) {
    out.push('', doc.taxTitle);
    for (const t of doc.taxes) out.push(...row(`${t.label} on ${t.net.text}`, t.tax.text, columns, '  '));
  }
  out.push(rule);
  for (const l of doc.footer) out.push(...center(l, columns));
  return out;
}
