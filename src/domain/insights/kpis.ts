import type { PeriodFigures } from './rollups';
import { addDays } from './days';

/**
 * The inventory-health figures of the seed article ("The Metrics That Reveal Your Inventory's
 * Health") and of issue 9, each returned with the inputs and the formula that produced it, so
 * the "how it was computed" view can show them and anyone can redo the sum by hand: every value
 * is computed by exactly the arithmetic its `formula` states, from exactly its `inputs`.
 *
 * Money inputs are integer minor units (cents). A figure whose denominator is zero has
 * `value: null` and a `reason` — never NaN or Infinity.
 */
export type KpiId =
  | 'averageInventory'
  | 'inventoryTurnover'
  | 'annualTurnover'
  | 'sellThrough'
  | 'dsi'
  | 'grossMargin'
  | 'grossMarginPct'
  | 'gmroi'
  | 'stockValueAtCost'
  | 'stockValueAtRetail';

export type Kpi = {
  id: KpiId;
  value: number | null;
  /** Why there is no value (a zero denominator), in words for the owner. */
  reason: string | null;
  inputs: Record<string, number>;
  /** The arithmetic, in the order it is done, naming the inputs. */
  formula: string;
};

function kpi(id: KpiId, inputs: Record<string, number>, formula: string, value: number | null, reason: string | null = null): Kpi {
  return { id, value, reason: value === null ? reason : null, inputs, formula };
}

/**
 * Average inventory at cost = Σ end-of-day stock value over the period / days in the period.
 * Taken from the daily stock-value step function (§10), not from (opening + closing) / 2, so a
 * big delivery in mid-period counts for the days it actually sat on the shelf.
 */
export function averageInventory(i: { stockValueDaySum: number; days: number }): Kpi {
  const inputs = { stockValueDaySum: i.stockValueDaySum, days: i.days };
  const formula = 'stockValueDaySum / days';
  if (i.days <= 0) return kpi('averageInventory', inputs, formula, null, 'The period has no days');
  return kpi('averageInventory', inputs, formula, i.stockValueDaySum / i.days);
}

/**
 * Inventory turnover = COGS / average inventory at cost: how many times the stock was sold and
 * replaced in the period (the article: "4 to 6" a year is healthy for a jewelry boutique).
 */
export function inventoryTurnover(i: { cogs: number; averageInventory: number }): Kpi {
  const inputs = { cogs: i.cogs, averageInventory: i.averageInventory };
  if (i.averageInventory === 0) return kpi('inventoryTurnover', inputs, 'cogs / averageInventory', null, 'No stock was held in the period');
  return kpi('inventoryTurnover', inputs, 'cogs / averageInventory', i.cogs / i.averageInventory);
}

/** Turnover over a year: the period's turnover × 365 / days, to compare with the yearly bands. */
export function annualTurnover(i: { cogs: number; averageInventory: number; days: number }): Kpi {
  const inputs = { cogs: i.cogs, averageInventory: i.averageInventory, days: i.days };
  const formula = '(cogs / averageInventory) * 365 / days';
  if (i.averageInventory === 0) return kpi('annualTurnover', inputs, formula, null, 'No stock was held in the period');
  if (i.days <= 0) return kpi('annualTurnover', inputs, formula, null, 'The period has no days');
  return kpi('annualTurnover', inputs, formula, ((i.cogs / i.averageInventory) * 365) / i.days);
}

/**
 * Sell-through % = units sold / units received × 100 (the article's pendant: 75 sold of 100
 * received = 75 %). Per item, per receipt lot, or per collection since its arrival.
 */
export function sellThrough(i: { sold: number; received: number }): Kpi {
  const inputs = { sold: i.sold, received: i.received };
  // × 100 before ÷: whole numbers stay exact (55 of 100 is 55, not 55.00000000000001).
  if (i.received === 0) return kpi('sellThrough', inputs, '(sold * 100) / received', null, 'Nothing was received');
  return kpi('sellThrough', inputs, '(sold * 100) / received', (i.sold * 100) / i.received);
}

/**
 * Sell-through of a period for a shop, category or supplier, where stock was already on the shelf
 * when the period began: units sold / (units on hand at the start + units received) × 100 — the
 * share of what was available that sold. For a new item or collection since its arrival the
 * opening is 0 and this is the article's formula.
 */
export function periodSellThrough(i: { sold: number; openingOnHand: number; received: number }): Kpi {
  const inputs = { sold: i.sold, openingOnHand: i.openingOnHand, received: i.received };
  const formula = '(sold * 100) / (openingOnHand + received)';
  if (i.openingOnHand + i.received <= 0) return kpi('sellThrough', inputs, formula, null, 'Nothing was on hand or received');
  return kpi('sellThrough', inputs, formula, (i.sold * 100) / (i.openingOnHand + i.received));
}

/**
 * Days sales of inventory = average inventory / COGS × days in the period: how many days the money
 * stays on the shelf before it comes back as a sale (the article: 60–90 healthy, 120+ a warning).
 */
export function dsi(i: { averageInventory: number; cogs: number; days: number }): Kpi {
  const inputs = { averageInventory: i.averageInventory, cogs: i.cogs, days: i.days };
  if (i.cogs === 0) return kpi('dsi', inputs, '(averageInventory / cogs) * days', null, 'Nothing with a known cost was sold');
  return kpi('dsi', inputs, '(averageInventory / cogs) * days', (i.averageInventory / i.cogs) * i.days);
}

/** Gross margin = revenue (net of tax, discounts and returns) − COGS, in minor units. */
export function grossMargin(i: { revenue: number; cogs: number }): Kpi {
  return kpi('grossMargin', { revenue: i.revenue, cogs: i.cogs }, 'revenue - cogs', i.revenue - i.cogs);
}

/** Gross margin % = (revenue − COGS) / revenue × 100 (multiplied before dividing, to stay exact). */
export function grossMarginPct(i: { revenue: number; cogs: number }): Kpi {
  const inputs = { revenue: i.revenue, cogs: i.cogs };
  if (i.revenue === 0) return kpi('grossMarginPct', inputs, '((revenue - cogs) * 100) / revenue', null, 'There was no revenue');
  return kpi('grossMarginPct', inputs, '((revenue - cogs) * 100) / revenue', ((i.revenue - i.cogs) * 100) / i.revenue);
}

/**
 * GMROI = gross margin / average inventory at cost: what each unit of money tied up in stock
 * earned back above its cost (above 1: the stock sells for more than it costs).
 */
export function gmroi(i: { grossMargin: number; averageInventory: number }): Kpi {
  const inputs = { grossMargin: i.grossMargin, averageInventory: i.averageInventory };
  if (i.averageInventory === 0) return kpi('gmroi', inputs, 'grossMargin / averageInventory', null, 'No stock was held in the period');
  return kpi('gmroi', inputs, 'grossMargin / averageInventory', i.grossMargin / i.averageInventory);
}

/** Stock value at cost: the FIFO layers still on the shelf (known costs only). */
export function stockValueAtCost(i: { value: number; costUnknownUnits: number }): Kpi {
  return kpi('stockValueAtCost', { value: i.value, costUnknownUnits: i.costUnknownUnits }, 'value', i.value);
}

/** Stock value at retail = Σ units on hand × current price, item by item (summed before it is shown). */
export function stockValueAtRetail(lines: readonly { onHand: number; price: number }[]): Kpi {
  let value = 0;
  let units = 0;
  for (const l of lines) {
    if (l.onHand <= 0) continue;
    value += l.onHand * l.price;
    units += l.onHand;
  }
  return kpi('stockValueAtRetail', { retailValue: value, units }, 'retailValue', value);
}

/** The set of figures for one scope and period, built from rollup figures. */
export type KpiSet = {
  averageInventory: Kpi;
  inventoryTurnover: Kpi;
  annualTurnover: Kpi;
  sellThrough: Kpi;
  dsi: Kpi;
  grossMargin: Kpi;
  grossMarginPct: Kpi;
  gmroi: Kpi;
  stockValueAtCost: Kpi;
  /** Units sold in the period whose cost is unknown: left out of COGS, margins, turnover and DSI. */
  costUnknownSold: number;
  /** Units on hand at the end whose cost is unknown: not in the stock value. */
  costUnknownOnHand: number;
};

/**
 * All figures for a period from its rollup figures. Returns are netted out (revenue and COGS
 * given back); units and revenue with an unknown cost are left out of margins and reported
 * separately, so the margin never mixes a revenue with a missing cost. COGS excludes shrinkage
 * and marketing (§10). Sell-through here is `periodSellThrough` (stock on hand at the start
 * counts as available); turnover and DSI use the average inventory of the same period.
 */
export function kpisOf(p: PeriodFigures): KpiSet {
  const avg = averageInventory({ stockValueDaySum: p.stockValueDaySum, days: p.days });
  const averageInv = avg.value ?? 0;
  const cogs = p.cogs - p.returnCogs;
  const revenue = p.revenue - p.costUnknownRevenue - (p.returnRevenue - p.returnCostUnknownRevenue);
  const gm = grossMargin({ revenue, cogs });
  return {
    averageInventory: avg,
    inventoryTurnover: inventoryTurnover({ cogs, averageInventory: averageInv }),
    annualTurnover: annualTurnover({ cogs, averageInventory: averageInv, days: p.days }),
    sellThrough: periodSellThrough({ sold: p.sold - p.returned, openingOnHand: Math.max(0, p.openingOnHand), received: p.received }),
    dsi: dsi({ averageInventory: averageInv, cogs, days: p.days }),
    grossMargin: gm,
    grossMarginPct: grossMarginPct({ revenue, cogs }),
    gmroi: gmroi({ grossMargin: gm.value ?? 0, averageInventory: averageInv }),
    stockValueAtCost: stockValueAtCost({ value: p.closingValue, costUnknownUnits: p.closingCostUnknownOnHand }),
    costUnknownSold: p.costUnknownSold,
    costUnknownOnHand: p.closingCostUnknownOnHand,
  };
}

/** Health of a figure next to its value. */
export type Band = 'healthy' | 'watch' | 'warning';

/** Thresholds, configurable per shop; the defaults are the seed article's. */
export type BandSettings = {
  /** Yearly turnover in this range is healthy; below `low` stock sits, above `high` risks stockouts. */
  turnover: { low: number; high: number };
  /** DSI up to `healthyMax` is healthy; from `warningFrom` a warning; between, watch. */
  dsi: { healthyMax: number; warningFrom: number };
  /** Sell-through % at or above `target` is healthy; below `warningBelow` a warning. */
  sellThrough: { target: number; warningBelow: number };
};

export const DEFAULT_BANDS: BandSettings = {
  // "For a fashion or jewelry boutique, a healthy ratio is typically between 4 and 6."
  turnover: { low: 4, high: 6 },
  // "A DSI somewhere between 60 and 90 days is a pretty healthy range … 120 days or more, it's a warning sign."
  // A DSI under 60 is better still ("a lower DSI is almost always better"), so it counts as healthy.
  dsi: { healthyMax: 90, warningFrom: 120 },
  // The pendant at 75 % "is a certified winner"; 10 % "is a dud".
  sellThrough: { target: 75, warningBelow: 10 },
};

/**
 * The band of a figure, or null when the figure has no band (money amounts) or no value. Turnover
 * is banded on its yearly value (`annualTurnover`; a period turnover is first annualised by the caller).
 */
export function band(kpi: KpiId, value: number | null, settings: BandSettings = DEFAULT_BANDS): Band | null {
  if (value === null) return null;
  switch (kpi) {
    case 'annualTurnover':
      if (value < settings.turnover.low) return 'warning';
      return value > settings.turnover.high ? 'watch' : 'healthy';
    case 'dsi':
      if (value >= settings.dsi.warningFrom) return 'warning';
      return value > settings.dsi.healthyMax ? 'watch' : 'healthy';
    case 'sellThrough':
      if (value < settings.sellThrough.warningBelow) return 'warning';
      return value >= settings.sellThrough.target ? 'healthy' : 'watch';
    default:
      return null;
  }
}

/**
 * Sell-through of one receipt lot (FIFO layer): the units that left the layer / the units it
 * received. Units leave a layer by sales and by shrinkage alike; for a lot this is the usual
 * retail reading ("how much of that delivery is gone").
 */
export function lotSellThrough(lot: { qtyReceived: number; qtyRemaining: number }): Kpi {
  return sellThrough({ sold: lot.qtyReceived - lot.qtyRemaining, received: lot.qtyReceived });
}

/**
 * Sell-through of a group of items (a new collection) week by week since it arrived: for week w
 * (1, 2, …), units sold (net of returns) up to the end of day `arrival + 7w − 1` / units received
 * up to then. Reads the items' day rows (any order).
 */
export function sellThroughByWeek(
  rows: readonly { day: string; sold: number; returned: number; received: number }[],
  arrival: string,
  weeks: number,
): { week: number; until: string; kpi: Kpi }[] {
  const sorted = [...rows].sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0));
  const out: { week: number; until: string; kpi: Kpi }[] = [];
  let sold = 0;
  let received = 0;
  let i = 0;
  for (let w = 1; w <= weeks; w++) {
    const until = addDays(arrival, 7 * w - 1);
    while (i < sorted.length && sorted[i]!.day <= until) {
      sold += sorted[i]!.sold - sorted[i]!.returned;
      received += sorted[i]!.received;
      i++;
    }
    out.push({ week: w, until, kpi: sellThrough({ sold, received }) });
  }
  return out;
}
