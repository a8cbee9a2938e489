import type { ShopSettings } from '../../domain/settings';

/**
 * Money and dates for e-mailed receipts, formatted as the page formats them (src/ui/format.ts and
 * Receipt.svelte), so the printed and the e-mailed receipt of a sale read the same.
 */
export function receiptFormatters(settings: Pick<ShopSettings, 'currency' | 'locale' | 'timeZone'>): {
  formatMoney: (minor: number) => string;
  formatDateTime: (iso: string) => string;
} {
  const money = new Intl.NumberFormat(settings.locale, { style: 'currency', currency: settings.currency });
  const digits = money.resolvedOptions().maximumFractionDigits ?? 2;
  const date = new Intl.DateTimeFormat(settings.locale, { dateStyle: 'medium', timeStyle: 'short', timeZone: settings.timeZone });
  return {
    formatMoney: (minor) => money.format(minor / 10 ** digits),
    formatDateTime: (iso) => date.format(new Date(iso)),
  };
}
