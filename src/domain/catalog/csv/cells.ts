import { Money } from '../../money';
import { isDomainError } from '../../errors';

/**
 * Spreadsheet formula injection: a cell starting with = + - @ (or tab / CR) runs as a formula when
 * the file is opened in Excel or Sheets. Export prefixes such cells with ' (shown as text). Cells
 * that already start with quotes before such a character get one more, so `restoreFormula` can
 * always strip exactly one and a round trip is lossless.
 */
const FORMULA = /^'*[=+\-@\t\r]/;

export function neutraliseFormula(cell: string): string {
  return FORMULA.test(cell) ? `'${cell}` : cell;
}

export function restoreFormula(cell: string): string {
  return cell.startsWith("'") && FORMULA.test(cell) ? cell.slice(1) : cell;
}

/**
 * Lists in one cell. Trove writes `|` and escapes a literal | or \ with a backslash, so any tag or
 * barcode survives; other systems write plain comma lists ("Anchor, Gold, Leather").
 */
export function joinList(values: readonly string[]): string {
  return values.map((v) => v.replace(/\\/g, '\\\\').replace(/\|/g, '\\|')).join('|');
}

export function splitList(cell: string, separator: ',' | '|'): string[] {
  if (separator === ',')
    return cell
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
  const out: string[] = [];
  let current = '';
  for (let i = 0; i < cell.length; i += 1) {
    const ch = cell[i]!;
    if (ch === '\\' && i + 1 < cell.length) current += cell[++i]!;
    else if (ch === '|') {
      out.push(current);
      current = '';
    } else current += ch;
  }
  out.push(current);
  return out.map((s) => s.trim()).filter(Boolean);
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

/**
 * A money cell in major units. Accepts "42.99", "1,234.50", "$42.99" and a European "42,99";
 * refuses "abc", "4.999" (more decimals than the currency has: never rounded silently) and
 * negatives.
 */
export function parseMoneyCell(text: string, label: string, digits: number): Parsed<number> {
  let t = text.replace(/[\s\u00a0\u202f]/g, '').replace(/^[$€£¥]/, '');
  // A comma with 1–2 digits after it and no dot is a decimal comma ("42,99", "1.250,00" in
  // German), never thousands: read it as such rather than as 4299.
  if (/^-?\d{1,3}(?:\.\d{3})+,\d{1,2}$/.test(t)) t = t.replace(/\./g, '');
  if (/^-?\d+,\d{1,2}$/.test(t)) t = t.replace(',', '.');
  if (t.startsWith('-')) return { ok: false, message: `${label} “${text}” is negative` };
  try {
    return { ok: true, value: Money.parse(t, digits) };
  } catch (e) {
    if (isDomainError(e, 'money-too-precise')) return { ok: false, message: `${label} “${text}” has more than ${digits} decimals` };
    return { ok: false, message: `${label} “${text}” is not an amount` };
  }
}

/** Minor units back to decimal text ("42.99", "85.00"): how Trove writes money. */
export function formatMoneyCell(minor: number, digits: number): string {
  const sign = minor < 0 ? '-' : '';
  const abs = Math.abs(minor);
  if (digits === 0) return `${sign}${abs}`;
  const scale = 10 ** digits;
  return `${sign}${Math.floor(abs / scale)}.${String(abs % scale).padStart(digits, '0')}`;
}

export function parseQuantityCell(text: string, label: string, belowZero = 'stock can only be received'): Parsed<number> {
  const t = text.replace(/,(?=\d{3}\b)/g, '');
  if (/^-\d+$/.test(t)) return { ok: false, message: `${label} “${text}” is below zero: ${belowZero}` };
  if (!/^\+?\d+(?:\.0+)?$/.test(t)) return { ok: false, message: `${label} “${text}” is not a whole number` };
  const value = Math.trunc(Number(t));
  if (value > 1_000_000) return { ok: false, message: `${label} ${text} is not a realistic quantity` };
  return { ok: true, value };
}

export function parseDecimalCell(text: string, label: string): Parsed<number> {
  const t = text.replace(/,/g, '.');
  if (!/^\d+(?:\.\d+)?$/.test(t)) return { ok: false, message: `${label} “${text}” is not a number` };
  return { ok: true, value: Number(t) };
}

const ACTIVE = new Set(['active', 'true', 'yes', 'y', '1', 'published', 'enabled']);
const ARCHIVED = new Set(['archived', 'draft', 'false', 'no', 'n', '0', 'inactive', 'disabled', 'unpublished']);

/** Status words from other systems. A Shopify draft is not for sale yet, so it arrives archived. */
export function parseStatusCell(text: string, label: string): Parsed<'active' | 'archived'> {
  const t = text.trim().toLowerCase();
  if (ACTIVE.has(t)) return { ok: true, value: 'active' };
  if (ARCHIVED.has(t)) return { ok: true, value: 'archived' };
  return { ok: false, message: `${label} “${text}” is not active or archived` };
}

const ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
  ndash: '–',
  mdash: '—',
  rsquo: '’',
  lsquo: '‘',
  rdquo: '”',
  ldquo: '“',
  hellip: '…',
};

/**
 * Shopify descriptions are HTML; the till shows plain text. Whitespace in HTML (line breaks
 * included) is one space; paragraphs, line breaks and list items become lines.
 */
export function htmlToText(html: string): string {
  return html
    .replace(/<(script|style)[^>]*>[\s\S]*?<\/\1>/gi, '')
    .replace(/\s+/g, ' ')
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<li[^>]*>/gi, '\n• ')
    .replace(/<\/(p|h[1-6]|blockquote)>/gi, '\n\n')
    .replace(/<\/(div|ul|ol|tr|table)>/gi, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (m, e: string) => {
      if (e[0] === '#') return String.fromCodePoint(e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : Number(e.slice(1)));
      return ENTITIES[e.toLowerCase()] ?? m;
    })
    .split('\n')
    .map((l) => l.replace(/[ \t\u00a0]+/g, ' ').trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** "Gold Hoop Earrings" → "gold-hoop-earrings": a readable product key for Trove's own export. */
export function slug(text: string): string {
  const s = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
  return s || 'product';
}
