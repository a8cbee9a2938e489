import type { ReceiptOptions } from '../../domain/sale/receipt';
import type { ShopSettings } from '../../domain/settings';
import { formatMoney } from '../format';

const dates = new Map<string, Intl.DateTimeFormat>();

/**
 * How a receipt shows money and time in this shop: the currency in its locale, and the sale's
 * instant in the shop's time zone. The server's e-mail (src/server/mail/format.ts) formats the same.
 */
export function receiptFormatters(
  settings: Pick<ShopSettings, 'currency' | 'locale' | 'timeZone'>,
): Required<Pick<ReceiptOptions, 'formatMoney' | 'formatDateTime'>> {
  const key = `${settings.locale}|${settings.timeZone}`;
  let date = dates.get(key);
  if (!date)
    dates.set(
      key,
      (date = new Intl.DateTimeFormat(settings.locale, { dateStyle: 'medium', timeStyle: 'short', timeZone: settings.timeZone })),
    );
  const when = date;
  return {
    formatMoney: (minor) => formatMoney(minor, settings.currency, settings.locale),
    formatDateTime: (iso) => when.format(new Date(iso)),
  };
}
