import { kpisOf, periodSellThrough, type Kpi } from './kpis';
import { leadTime, type LeadTimeSample } from './replenishment';
import type { PeriodFigures } from './rollups';

/**
 * Supplier scorecards (the seed article's "Let Sales Data Guide Your Purchasing": your data points
 * to your most profitable suppliers). Each figure is one of the KPIs, computed over the supplier's
 * own rollup (the supplier scope of rollups.ts), plus how well they keep their promised lead time
 * and how much of what they sent came back.
 */
export type SupplierScore = {
  supplierId: string;
  sellThrough: Kpi;
  grossMarginPct: Kpi;
  annualTurnover: Kpi;
  gmroi: Kpi;
  leadTime: ReturnType<typeof leadTime>;
  /** Returns by customers / units sold × 100; null when nothing was sold. */
  returnRatePct: number | null;
  /** Units found damaged (shrinkage) / units received × 100; null when nothing was received. */
  defectRatePct: number | null;
  /** Units sold whose cost is unknown, left out of the margin. */
  costUnknownSold: number;
};

export function supplierScore(
  supplierId: string,
  figures: PeriodFigures,
  lead: { promisedDays: number | null; samples: readonly LeadTimeSample[] },
  damagedUnits = figures.shrinkageUnits,
): SupplierScore {
  const k = kpisOf(figures);
  return {
    supplierId,
    sellThrough: periodSellThrough({
      sold: figures.sold - figures.returned,
      openingOnHand: Math.max(0, figures.openingOnHand),
      received: figures.received,
    }),
    grossMarginPct: k.grossMarginPct,
    annualTurnover: k.annualTurnover,
    gmroi: k.gmroi,
    leadTime: leadTime(lead.promisedDays, lead.samples),
    returnRatePct: figures.sold === 0 ? null : (figures.returned / figures.sold) * 100,
    defectRatePct: figures.received === 0 ? null : (damagedUnits / figures.received) * 100,
    costUnknownSold: figures.costUnknownSold,
  };
}
