import { daysBetween } from './days';

/**
 * Replenishment, just in time with a safety stock (the seed article's "Just-In-Time (JIT)
 * Ordering": order as demand needs it, but keep a buffer for bestsellers because a late shipment
 * means a lost sale).
 *
 * Notation: d = mean daily demand (units/day), σd = its standard deviation, LT = mean lead time
 * (days), σLT = its standard deviation, z = the service-level factor.
 *
 *   safety stock  SS  = z × √(LT × σd² + d² × σLT²)
 *   reorder point ROP = d × LT + SS
 *
 * With a fixed lead time (σLT = 0) this is the familiar SS = z × σd × √LT.
 */

/** One-sided z for common service levels (standard normal table). */
export const Z_TABLE: Readonly<Record<string, number>> = { '0.9': 1.2816, '0.95': 1.6449, '0.975': 1.96, '0.99': 2.3263 };

/**
 * z for a service level p (0.5 ≤ p < 1): the table value when there is one, otherwise the
 * inverse normal by Acklam's rational approximation (relative error below 1.2e−9).
 */
export function zFor(serviceLevel: number): number {
  const tabled = Z_TABLE[String(serviceLevel)];
  if (tabled !== undefined) return tabled;
  if (!(serviceLevel > 0 && serviceLevel < 1)) throw new RangeError('A service level is between 0 and 1');
  const a = [-39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716, 2.506628277459239];
  const b = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572];
  const c = [-0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
  const p = serviceLevel;
  const lowTail = 0.02425;
  if (p < lowTail) {
    const q = Math.sqrt(-2 * Math.log(p));
    return (
      (((((c[0]! * q + c[1]!) * q + c[2]!) * q + c[3]!) * q + c[4]!) * q + c[5]!) /
      ((((d[0]! * q + d[1]!) * q + d[2]!) * q + d[3]!) * q + 1)
    );
  }
  if (p > 1 - lowTail) return -zFor(1 - p);
  const q = p - 0.5;
  const r = q * q;
  return (
    ((((((a[0]! * r + a[1]!) * r + a[2]!) * r + a[3]!) * r + a[4]!) * r + a[5]!) * q) /
    (((((b[0]! * r + b[1]!) * r + b[2]!) * r + b[3]!) * r + b[4]!) * r + 1)
  );
}

/** Mean and (population) standard deviation of a list; both 0 for an empty list. */
export function meanAndSd(values: readonly number[]): { mean: number; sd: number } {
  if (values.length === 0) return { mean: 0, sd: 0 };
  const mean = values.reduce((s, v) => s + v, 0) / values.length;
  const variance = values.reduce((s, v) => s + (v - mean) ** 2, 0) / values.length;
  return { mean, sd: Math.sqrt(variance) };
}

/**
 * Daily demand over a history window of `days` days: `salesByDay` holds the units sold (net of
 * returns) on the days that had sales; every other day of the window counts as 0, so a ring sold
 * twice in 60 days has a low mean and a high variability, as it should.
 */
export function dailyDemand(
  salesByDay: ReadonlyMap<string, number> | readonly { day: string; units: number }[],
  from: string,
  days: number,
): { mean: number; sd: number; days: number } {
  const entries =
    salesByDay instanceof Map ? [...salesByDay].map(([day, units]) => ({ day, units })) : (salesByDay as { day: string; units: number }[]);
  let sum = 0;
  let sumSq = 0;
  for (const { day, units } of entries) {
    const i = daysBetween(from, day);
    if (i < 0 || i >= days) continue;
    sum += units;
    sumSq += units * units;
  }
  return demandStats(sum, sumSq, days);
}

/** Mean and standard deviation of daily demand from the sum and sum of squares of the days that sold. */
export function demandStats(sum: number, sumSq: number, days: number): { mean: number; sd: number; days: number } {
  if (days <= 0) return { mean: 0, sd: 0, days: 0 };
  // Population variance over all `days`, zero days included: E[x²] − E[x]².
  const mean = sum / days;
  const variance = Math.max(0, sumSq / days - mean * mean);
  return { mean, sd: Math.sqrt(variance), days };
}

/** A receipt against a purchase order: when it was ordered and when it arrived (business days). */
export type LeadTimeSample = { orderedOn: string; receivedOn: string };

/**
 * Lead time as promised (the supplier's `leadTimeDays`) and as observed (receipts: days from order
 * to arrival): mean, variability, the share that arrived within the promise and the mean delay
 * (days late, counting early or on-time receipts as 0).
 */
export function leadTime(
  promisedDays: number | null,
  samples: readonly LeadTimeSample[],
): {
  promised: number | null;
  observedMean: number | null;
  observedSd: number;
  onTimeShare: number | null;
  meanDelay: number | null;
  samples: number;
} {
  const observed = samples.map((s) => daysBetween(s.orderedOn, s.receivedOn));
  if (observed.length === 0)
    return { promised: promisedDays, observedMean: null, observedSd: 0, onTimeShare: null, meanDelay: null, samples: 0 };
  const { mean, sd } = meanAndSd(observed);
  const onTime = promisedDays === null ? null : observed.filter((d) => d <= promisedDays).length / observed.length;
  const meanDelay = promisedDays === null ? null : observed.reduce((s, d) => s + Math.max(0, d - promisedDays), 0) / observed.length;
  return { promised: promisedDays, observedMean: mean, observedSd: sd, onTimeShare: onTime, meanDelay, samples: observed.length };
}

/** SS = z × √(LT × σd² + d² × σLT²), in (fractional) units. */
export function safetyStock(i: { z: number; demandMean: number; demandSd: number; leadTimeMean: number; leadTimeSd: number }): number {
  return i.z * Math.sqrt(i.leadTimeMean * i.demandSd ** 2 + i.demandMean ** 2 * i.leadTimeSd ** 2);
}

/** ROP = d × LT + SS, in (fractional) units. */
export function reorderPoint(i: { demandMean: number; leadTimeMean: number; safetyStock: number }): number {
  return i.demandMean * i.leadTimeMean + i.safetyStock;
}

export type ReplenishmentSettings = {
  serviceLevel: number;
  /** Days of sales the order should also cover after it arrives (the review period). */
  reviewDays: number;
  /** Fewer days of history than this: use the typed reorder point and quantity instead. */
  minHistoryDays: number;
  /** Lead time when neither the supplier nor the receipts give one. */
  defaultLeadTimeDays: number;
};

export const DEFAULT_REPLENISHMENT: ReplenishmentSettings = {
  serviceLevel: 0.95,
  reviewDays: 30,
  minHistoryDays: 56,
  defaultLeadTimeDays: 14,
};

export type ReplenishmentItem = {
  itemId: string;
  supplierId: string | null;
  /** Units available now (on hand + already on order). */
  available: number;
  /** Unit cost used to value the order (minor units); null = unknown. */
  unitCost: number | null;
  /** Days of sales history the item has (since its first receipt). */
  historyDays: number;
  demand: { mean: number; sd: number };
  leadTime: { mean: number; sd: number } | null;
  /** The typed policy (items.reorderPoint / reorderQty). */
  typedReorderPoint: number | null;
  typedReorderQty: number | null;
};

export type Suggestion = {
  itemId: string;
  supplierId: string | null;
  method: 'computed' | 'typed';
  safetyStock: number;
  /** Whole units: the computed point rounded up. */
  reorderPoint: number;
  available: number;
  orderNow: boolean;
  /** Whole units to order (0 when not at the reorder point). */
  quantity: number;
  /** quantity × unit cost, minor units; null when the cost is unknown. */
  value: number | null;
  inputs: { z: number; demandMean: number; demandSd: number; leadTimeMean: number; leadTimeSd: number; reviewDays: number };
};

/**
 * What to order for one item. With enough history: ROP from demand and lead time; when available
 * stock is at or below it, order up to ROP + d × reviewDays, rounded up to whole units. Without
 * enough history: the typed reorder point, and the typed reorder quantity (or, without one, enough to bring the stock back above the point).
 */
export function suggest(item: ReplenishmentItem, settings: ReplenishmentSettings = DEFAULT_REPLENISHMENT): Suggestion {
  const z = zFor(settings.serviceLevel);
  const lt = item.leadTime ?? { mean: settings.defaultLeadTimeDays, sd: 0 };
  const inputs = {
    z,
    demandMean: item.demand.mean,
    demandSd: item.demand.sd,
    leadTimeMean: lt.mean,
    leadTimeSd: lt.sd,
    reviewDays: settings.reviewDays,
  };
  const base = { itemId: item.itemId, supplierId: item.supplierId, available: item.available, inputs };
  if (item.historyDays < settings.minHistoryDays) {
    const rop = item.typedReorderPoint;
    if (rop === null) return { ...base, method: 'typed', safetyStock: 0, reorderPoint: 0, orderNow: false, quantity: 0, value: 0 };
    const orderNow = item.available <= rop;
    const quantity = orderNow ? (item.typedReorderQty ?? Math.max(1, rop - item.available + 1)) : 0;
    return {
      ...base,
      method: 'typed',
      safetyStock: 0,
      reorderPoint: rop,
      orderNow,
      quantity,
      value: item.unitCost === null ? null : quantity * item.unitCost,
    };
  }
  const ss = safetyStock({ z, demandMean: item.demand.mean, demandSd: item.demand.sd, leadTimeMean: lt.mean, leadTimeSd: lt.sd });
  const rop = Math.ceil(reorderPoint({ demandMean: item.demand.mean, leadTimeMean: lt.mean, safetyStock: ss }) - 1e-9);
  const orderNow = item.demand.mean > 0 && item.available <= rop;
  const target = rop + item.demand.mean * settings.reviewDays;
  const quantity = orderNow ? Math.max(1, Math.ceil(target - item.available - 1e-9)) : 0;
  return {
    ...base,
    method: 'computed',
    safetyStock: ss,
    reorderPoint: rop,
    orderNow,
    quantity,
    value: item.unitCost === null ? null : quantity * item.unitCost,
  };
}

/**
 * The "order now" list grouped by supplier, ready to become draft purchase orders. When the
 * supplier has a minimum order value and the order falls short, the quantities are topped up
 * one unit at a time on the items with the highest demand until the minimum is met (`meetsMinimum`
 * says whether it could be: cost-unknown items cannot count towards it).
 */
export function orderNow(
  suggestions: readonly Suggestion[],
  suppliers: ReadonlyMap<string, { minimumOrder: number | null }>,
): { supplierId: string | null; lines: Suggestion[]; value: number; minimumOrder: number | null; meetsMinimum: boolean }[] {
  const groups = new Map<string | null, Suggestion[]>();
  for (const s of suggestions) {
    if (!s.orderNow || s.quantity <= 0) continue;
    const list = groups.get(s.supplierId) ?? [];
    list.push({ ...s });
    groups.set(s.supplierId, list);
  }
  const out = [...groups].map(([supplierId, lines]) => {
    lines.sort((a, b) => b.inputs.demandMean - a.inputs.demandMean || (a.itemId < b.itemId ? -1 : 1));
    const minimumOrder = supplierId === null ? null : (suppliers.get(supplierId)?.minimumOrder ?? null);
    const total = () => lines.reduce((s, l) => s + (l.value ?? 0), 0);
    const priced = lines.filter((l) => l.value !== null && l.value !== undefined && l.quantity > 0 && (l.value ?? 0) > 0);
    if (minimumOrder !== null && priced.length > 0) {
      let i = 0;
      while (total() < minimumOrder) {
        const l = priced[i % priced.length]!;
        const unit = l.value! / l.quantity;
        l.quantity += 1;
        l.value = l.value! + unit;
        i++;
      }
    }
    const value = total();
    return { supplierId, lines, value, minimumOrder, meetsMinimum: minimumOrder === null || value >= minimumOrder };
  });
  return out.sort((a, b) => b.value - a.value || String(a.supplierId).localeCompare(String(b.supplierId)));
}
