import type { Band, Kpi, KpiId } from '../../../domain/insights/kpis';
import { DEFAULT_BANDS } from '../../../domain/insights/kpis';

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

/** One sentence saying where the healthy range is. */
export function bandRule(id: KpiId): string | null {
  switch (id) {
    case 'annualTurnover':
      return `Healthy for a jewelry shop: ${DEFAULT_BANDS.turnover.low} to ${DEFAULT_BANDS.turnover.high} times a year. Below ${DEFAULT_BANDS.turnover.low}, stock is sitting; above ${DEFAULT_BANDS.turnover.high}, you may run out of best sellers.`;
    case 'dsi':
      return `Healthy: ${DEFAULT_BANDS.dsi.healthyMax} days or fewer. From ${DEFAULT_BANDS.dsi.warningFrom} days, too much money is stuck on the shelf.`;
    case 'sellThrough':
      return `Healthy: ${DEFAULT_BANDS.sellThrough.target} % or more. Under ${DEFAULT_BANDS.sellThrough.warningBelow} %, the stock is not moving.`;
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
