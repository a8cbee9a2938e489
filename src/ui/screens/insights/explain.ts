import type { Band, BandSettings, Kpi, KpiId } from '../../../domain/insights/kpis';
import { DEFAULT_BANDS } from '../../../domain/insights/kpis';
import { currencyDigits, formatMoney } from '../../format';

/**
 * Words for an owner with no finance training: what each figure means, what its inputs are, and
 * what its health band says. The figures themselves come from the domain unchanged.
 */
export const KPI_TEXT: Record<KpiId, { title: string; means: string }> = {
  averageInventory: { title: 'Average stock at cost', means: 'What the stock on your shelves cost you, on an average day of the period.' },
  inventoryTurnover: { title: 'Turnover in the period', means: 'How many times the stock sold and was replaced in the period.' },
  annualTurnover: {
    title: 'Stock turnover (per year)',
    means: 'How many times a year your stock sells and is replaced. Higher means money comes back from the shelf faster.',
  },
  sellThrough: { title: 'Sell-through', means: 'Of everything you had or received in the period, the share that sold.' },
  dsi: { title: 'Days to sell the stock', means: 'How many days, on average, a piece sits on the shelf before it sells.' },
  grossMargin: { title: 'Gross profit', means: 'Sales (without tax) minus what the sold pieces cost you.' },
  grossMarginPct: { title: 'Gross margin', means: 'Out of every 100 of sales, how much is left after paying for the pieces.' },
  gmroi: { title: 'Profit per 1 of stock (GMROI)', means: 'The gross profit each 1 of money tied up in stock earned back in the period.' },
  stockValueAtCost: { title: 'Stock value at cost', means: 'What the stock on hand at the end of the period cost you.' },
  stockValueAtRetail: { title: 'Stock value at retail', means: 'What the same stock would bring in at today’s prices.' },
};

export const INPUT_TEXT: Record<string, string> = {
  stockValueDaySum: 'Stock value at cost, added up over every day',
  days: 'Days in the period',
  cogs: 'Cost of the pieces sold',
  averageInventory: 'Average stock at cost',
  sold: 'Units sold (less returns)',
  received: 'Units received',
  openingOnHand: 'Units on hand at the start',
  revenue: 'Sales without tax (less returns)',
  grossMargin: 'Gross profit',
  value: 'Stock value at cost',
  costUnknownUnits: 'Units on hand with no known cost (left out)',
  retailValue: 'Units on hand × today’s price',
  units: 'Units on hand',
};

/** Inputs that are money (minor units). */
export const MONEY_INPUTS = new Set(['stockValueDaySum', 'cogs', 'averageInventory', 'revenue', 'grossMargin', 'value', 'retailValue']);

export const BAND_TEXT: Record<Band, string> = { healthy: 'Healthy', watch: 'Keep an eye on it', warning: 'Needs attention' };

const sameTurnover = (b: BandSettings) => b.turnover.low === DEFAULT_BANDS.turnover.low && b.turnover.high === DEFAULT_BANDS.turnover.high;

/** One sentence saying where the healthy range is (the jewelry-shop range, or the one the owner set). */
export function bandRule(id: KpiId, bands: BandSettings = DEFAULT_BANDS): string | null {
  switch (id) {
    case 'annualTurnover':
      return `Healthy${sameTurnover(bands) ? ' for a jewelry shop' : ' (your range)'}: ${bands.turnover.low} to ${bands.turnover.high} times a year. Below ${bands.turnover.low}, stock is sitting; above ${bands.turnover.high}, you may run out of best sellers.`;
    case 'dsi':
      return `Healthy: ${bands.dsi.healthyMax} days or fewer. From ${bands.dsi.warningFrom} days, too much money is stuck on the shelf.`;
    case 'sellThrough':
      return `Healthy: ${bands.sellThrough.target} % or more. Under ${bands.sellThrough.warningBelow} %, the stock is not moving.`;
    default:
      return null;
  }
}

/** The formula with the owner's words for its inputs. */
export function formulaInWords(k: Kpi): string {
  let f = k.formula;
  for (const name of Object.keys(k.inputs).sort((a, b) => b.length - a.length)) f = f.replaceAll(name, `[${INPUT_TEXT[name] ?? name}]`);
  return f.replaceAll('*', '×').replaceAll('/', '÷');
}

/**
 * A number written out with every digit JavaScript keeps (the shortest text that reads back as the
 * very same number), with the decimal point moved `shift` places left — minor units as major ones,
 * by moving the point in the text, never by dividing (which could change the last digit).
 * Grouped and with the decimal mark of `locale`.
 */
export function exactDecimal(v: number, shift: number, locale: string): string {
  let text = String(Math.abs(v));
  if (/e/i.test(text)) text = Math.abs(v).toFixed(20).replace(/0+$/, '');
  const [int = '0', frac = ''] = text.split('.');
  const padded = int.padStart(shift + 1, '0');
  const whole = padded.slice(0, padded.length - shift);
  const decimals = (padded.slice(padded.length - shift) + frac).replace(/0+$/, '');
  const parts = new Intl.NumberFormat(locale).formatToParts(1000.5);
  const group = parts.find((p) => p.type === 'group')?.value ?? ',';
  const mark = parts.find((p) => p.type === 'decimal')?.value ?? '.';
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, group);
  return (v < 0 ? '-' : '') + grouped + (decimals ? mark + decimals : '');
}

/** One input of the "How is this worked out?" view: the owner's words, the rounded figure, and the exact one when rounding changed it. */
export type InputLine = { name: string; label: string; shown: string; exact: string | null };

/**
 * The inputs as an owner reads them: money rounded to the cent (with the exact amount beside it
 * when it has fractions of a cent — an average), counts and days as whole numbers. The exact text
 * reads back as the very input the figure was computed from (a test redoes every figure from it).
 */
export function inputLines(k: Kpi, currency: string, locale: string): InputLine[] {
  const digits = currencyDigits(currency);
  const whole = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
  const two = new Intl.NumberFormat(locale, { maximumFractionDigits: 2 });
  return Object.entries(k.inputs).map(([name, v]) => {
    const label = INPUT_TEXT[name] ?? name;
    if (MONEY_INPUTS.has(name)) {
      const rounded = formatMoney(Math.round(v), currency, locale);
      return { name, label, shown: rounded, exact: Number.isInteger(v) ? null : exactDecimal(v, digits, locale) };
    }
    if (Number.isInteger(v)) return { name, label, shown: whole.format(v), exact: null };
    return { name, label, shown: two.format(v), exact: exactDecimal(v, 0, locale) };
  });
}

/** How each figure reads as a result: money, a percentage, days, or a plain ratio. */
const RESULT_KIND: Record<KpiId, 'money' | 'pct' | 'days' | 'times' | 'ratio'> = {
  averageInventory: 'money',
  inventoryTurnover: 'times',
  annualTurnover: 'times',
  sellThrough: 'pct',
  dsi: 'days',
  grossMargin: 'money',
  grossMarginPct: 'pct',
  gmroi: 'ratio',
  stockValueAtCost: 'money',
  stockValueAtRetail: 'money',
};

/**
 * The result of the sum as an owner reads it (money to the cent, days whole, percentages and
 * ratios to 2 decimals), and the exact result when rounding changed it.
 */
export function resultLine(k: Kpi, currency: string, locale: string): { shown: string; exact: string | null } {
  if (k.value === null) return { shown: '—', exact: null };
  const v = k.value;
  const kind = RESULT_KIND[k.id];
  if (kind === 'money') {
    return {
      shown: formatMoney(Math.round(v), currency, locale),
      exact: Number.isInteger(v) ? null : exactDecimal(v, currencyDigits(currency), locale),
    };
  }
  const digits = kind === 'days' ? 0 : 2;
  const f = new Intl.NumberFormat(locale, { maximumFractionDigits: digits, minimumFractionDigits: digits }).format(v);
  const unit = kind === 'pct' ? ' %' : kind === 'days' ? ' days' : kind === 'times' ? ' times' : '';
  const exact = Number(v.toFixed(digits)) === v ? null : exactDecimal(v, 0, locale);
  return { shown: f + unit, exact };
}
