import { Money } from '../domain/money';

const formatters = new Map<string, Intl.NumberFormat>();

function formatter(currency: string, locale: string): Intl.NumberFormat {
  const key = `${locale}|${currency}`;
  let f = formatters.get(key);
  if (!f) formatters.set(key, (f = new Intl.NumberFormat(locale, { style: 'currency', currency })));
  return f;
}

/** Minor-unit digits of a currency (2 for USD/EUR, 0 for JPY). */
export function currencyDigits(currency: string): number {
  return formatter(currency, 'en-US').resolvedOptions().maximumFractionDigits ?? 2;
}

/** Money for people: the only place minor units become "$42.99". */
export function formatMoney(minor: number, currency: string, locale: string): string {
  return formatter(currency, locale).format(minor / 10 ** currencyDigits(currency));
}

/** What a person typed ("42.99") as minor units; throws a DomainError with a clear message. */
export function parseMoney(text: string, currency: string): number {
  return Money.parse(text, currencyDigits(currency));
}

/** Minor units as the plain decimal a form field shows ("42.99"). */
export function moneyInput(minor: number | null, currency: string): string {
  if (minor === null) return '';
  const digits = currencyDigits(currency);
  return (minor / 10 ** digits).toFixed(digits);
}

/** A percentage typed by a person ("8.25", "20 %") as basis points (825, 2000); at most two decimals. */
export function parsePercent(text: string, label = 'A percentage'): number {
  const value = Number(text.trim().replace(',', '.').replace('%', '').trim());
  if (!text.trim() || !Number.isFinite(value) || value < 0 || value > 100) throw new Error(`${label} is a number from 0 to 100`);
  const bp = Math.round(value * 100);
  if (Math.abs(bp - value * 100) > 1e-6) throw new Error(`${label} has at most two decimals`);
  return bp;
}

/** Basis points as the percentage a form field shows (825 → "8.25"). */
export function percentInput(bp: number): string {
  return String(bp / 100);
}
