import type { StockEvent } from '../inventory/ledger';
import type { Consumption } from '../inventory/fifo';
import type { ReturnRecord, SaleRecord, TaxMode } from '../sale/types';
import { businessDayOf } from '../sale/shift';

/**
 * Every figure the insights add up, one record per fact, keyed by a stable id so a fact that
 * changes (a late-synced event, a sale whose COGS the server re-ordered, a layer re-costed by a
 * `costCorrection`) replaces its earlier version instead of being counted twice.
 *
 * All money in integer minor units; all quantities whole units. Every field is additive: the
 * figures of a day, an item or a category are plain sums of its movements, which is what makes
 * the incremental rollup exactly equal to a recomputation (rollups.ts).
 */
export type Flows = {
  /** Units sold (a gift set counts each component item). */
  sold: number;
  /** Revenue net of tax and of every discount (the line's stored net, minus its tax in tax-inclusive mode). */
  revenue: number;
  /** Cost of the units sold whose cost is known (FIFO layers, a piece's own cost). */
  cogs: number;
  /** Units sold with no known cost: left out of margins and counted so the screen can say so. */
  costUnknownSold: number;
  /** The revenue of those units (their share of the line), left out of margins with them. */
  costUnknownRevenue: number;
  /** Units returned by customers (voids included). */
  returned: number;
  /** Revenue given back by returns, net of tax. */
  returnRevenue: number;
  /** Cost restocked by returns (the unit COGS the sale recorded). */
  returnCogs: number;
  /** Revenue given back for units whose cost is unknown. */
  returnCostUnknownRevenue: number;
  /** Units received (receipts only: not returns, not found stock). */
  received: number;
  /** Cost of the received units whose cost is known. */
  receivedValue: number;
  /** Received units with no known cost (cost-unknown layers). */
  receivedCostUnknown: number;
  /** Cost of units damaged, lost, stolen or counted short (§10: shrinkage, not COGS). */
  shrinkage: number;
  shrinkageUnits: number;
  /** Cost of units given away as gifts or samples (§10: marketing, not COGS). */
  marketing: number;
  marketingUnits: number;
  /** Signed change of units on hand. */
  units: number;
  /** Signed change of the stock value at cost (known-cost units only). */
  value: number;
  /** Signed change of the units on hand whose cost is unknown. */
  costUnknownUnits: number;
  /**
   * Movements not yet confirmed by the server (1 each): a day whose count is above 0 still has
   * unsynced data and is labelled provisional (§10). Its COGS may still change.
   */
  provisional: number;
  /** How many movements (1 each): a day's row exists while its count is above 0. */
  count: number;
};

export const FLOW_FIELDS: readonly (keyof Flows)[] = [
  'sold',
  'revenue',
  'cogs',
  'costUnknownSold',
  'costUnknownRevenue',
  'returned',
  'returnRevenue',
  'returnCogs',
  'returnCostUnknownRevenue',
  'received',
  'receivedValue',
  'receivedCostUnknown',
  'shrinkage',
  'shrinkageUnits',
  'marketing',
  'marketingUnits',
  'units',
  'value',
  'costUnknownUnits',
  'provisional',
  'count',
];

export function zeroFlows(): Flows {
  return {
    sold: 0,
    revenue: 0,
    cogs: 0,
    costUnknownSold: 0,
    costUnknownRevenue: 0,
    returned: 0,
    returnRevenue: 0,
    returnCogs: 0,
    returnCostUnknownRevenue: 0,
    received: 0,
    receivedValue: 0,
    receivedCostUnknown: 0,
    shrinkage: 0,
    shrinkageUnits: 0,
    marketing: 0,
    marketingUnits: 0,
    units: 0,
    value: 0,
    costUnknownUnits: 0,
    provisional: 0,
    count: 0,
  };
}

/** t += s, field by field (spelled out: this runs once per movement, half a million times). */
export function addFlows(t: Flows, s: Flows): void {
  t.sold += s.sold;
  t.revenue += s.revenue;
  t.cogs += s.cogs;
  t.costUnknownSold += s.costUnknownSold;
  t.costUnknownRevenue += s.costUnknownRevenue;
  t.returned += s.returned;
  t.returnRevenue += s.returnRevenue;
  t.returnCogs += s.returnCogs;
  t.returnCostUnknownRevenue += s.returnCostUnknownRevenue;
  t.received += s.received;
  t.receivedValue += s.receivedValue;
  t.receivedCostUnknown += s.receivedCostUnknown;
  t.shrinkage += s.shrinkage;
  t.shrinkageUnits += s.shrinkageUnits;
  t.marketing += s.marketing;
  t.marketingUnits += s.marketingUnits;
  t.units += s.units;
  t.value += s.value;
  t.costUnknownUnits += s.costUnknownUnits;
  t.provisional += s.provisional;
  t.count += s.count;
}

/** Adds `sign` × the flows of `s` to day `i` of the dense arrays `f`. */
export function addFlowsAt(f: Record<keyof Flows, Float64Array>, i: number, s: Flows, sign: number): void {
  if (s.sold !== 0) f.sold[i]! += sign * s.sold;
  if (s.revenue !== 0) f.revenue[i]! += sign * s.revenue;
  if (s.cogs !== 0) f.cogs[i]! += sign * s.cogs;
  if (s.costUnknownSold !== 0) f.costUnknownSold[i]! += sign * s.costUnknownSold;
  if (s.costUnknownRevenue !== 0) f.costUnknownRevenue[i]! += sign * s.costUnknownRevenue;
  if (s.returned !== 0) f.returned[i]! += sign * s.returned;
  if (s.returnRevenue !== 0) f.returnRevenue[i]! += sign * s.returnRevenue;
  if (s.returnCogs !== 0) f.returnCogs[i]! += sign * s.returnCogs;
  if (s.returnCostUnknownRevenue !== 0) f.returnCostUnknownRevenue[i]! += sign * s.returnCostUnknownRevenue;
  if (s.received !== 0) f.received[i]! += sign * s.received;
  if (s.receivedValue !== 0) f.receivedValue[i]! += sign * s.receivedValue;
  if (s.receivedCostUnknown !== 0) f.receivedCostUnknown[i]! += sign * s.receivedCostUnknown;
  if (s.shrinkage !== 0) f.shrinkage[i]! += sign * s.shrinkage;
  if (s.shrinkageUnits !== 0) f.shrinkageUnits[i]! += sign * s.shrinkageUnits;
  if (s.marketing !== 0) f.marketing[i]! += sign * s.marketing;
  if (s.marketingUnits !== 0) f.marketingUnits[i]! += sign * s.marketingUnits;
  if (s.units !== 0) f.units[i]! += sign * s.units;
  if (s.value !== 0) f.value[i]! += sign * s.value;
  if (s.costUnknownUnits !== 0) f.costUnknownUnits[i]! += sign * s.costUnknownUnits;
  if (s.provisional !== 0) f.provisional[i]! += sign * s.provisional;
  if (s.count !== 0) f.count[i]! += sign * s.count;
}

/** Bit k set when s's FLOW_FIELDS[k] is not 0 (spelled out: once per row of a build). */
export function flowMask(s: Flows): number {
  let m = 0;
  if (s.sold !== 0) m |= 1;
  if (s.revenue !== 0) m |= 2;
  if (s.cogs !== 0) m |= 4;
  if (s.costUnknownSold !== 0) m |= 8;
  if (s.costUnknownRevenue !== 0) m |= 16;
  if (s.returned !== 0) m |= 32;
  if (s.returnRevenue !== 0) m |= 64;
  if (s.returnCogs !== 0) m |= 128;
  if (s.returnCostUnknownRevenue !== 0) m |= 256;
  if (s.received !== 0) m |= 512;
  if (s.receivedValue !== 0) m |= 1024;
  if (s.receivedCostUnknown !== 0) m |= 2048;
  if (s.shrinkage !== 0) m |= 4096;
  if (s.shrinkageUnits !== 0) m |= 8192;
  if (s.marketing !== 0) m |= 16384;
  if (s.marketingUnits !== 0) m |= 32768;
  if (s.units !== 0) m |= 65536;
  if (s.value !== 0) m |= 131072;
  if (s.costUnknownUnits !== 0) m |= 262144;
  if (s.provisional !== 0) m |= 524288;
  if (s.count !== 0) m |= 1048576;
  return m;
}

/** Adds s's flows to t[o[k] + i] for every FLOW_FIELDS[k] with a column (o[k] ≥ 0; spelled out: once per movement of a build). */
export function addFlowsInto(t: Float64Array, o: Int32Array, i: number, s: Flows): void {
  if (o[0]! >= 0) t[o[0]! + i]! += s.sold;
  if (o[1]! >= 0) t[o[1]! + i]! += s.revenue;
  if (o[2]! >= 0) t[o[2]! + i]! += s.cogs;
  if (o[3]! >= 0) t[o[3]! + i]! += s.costUnknownSold;
  if (o[4]! >= 0) t[o[4]! + i]! += s.costUnknownRevenue;
  if (o[5]! >= 0) t[o[5]! + i]! += s.returned;
  if (o[6]! >= 0) t[o[6]! + i]! += s.returnRevenue;
  if (o[7]! >= 0) t[o[7]! + i]! += s.returnCogs;
  if (o[8]! >= 0) t[o[8]! + i]! += s.returnCostUnknownRevenue;
  if (o[9]! >= 0) t[o[9]! + i]! += s.received;
  if (o[10]! >= 0) t[o[10]! + i]! += s.receivedValue;
  if (o[11]! >= 0) t[o[11]! + i]! += s.receivedCostUnknown;
  if (o[12]! >= 0) t[o[12]! + i]! += s.shrinkage;
  if (o[13]! >= 0) t[o[13]! + i]! += s.shrinkageUnits;
  if (o[14]! >= 0) t[o[14]! + i]! += s.marketing;
  if (o[15]! >= 0) t[o[15]! + i]! += s.marketingUnits;
  if (o[16]! >= 0) t[o[16]! + i]! += s.units;
  if (o[17]! >= 0) t[o[17]! + i]! += s.value;
  if (o[18]! >= 0) t[o[18]! + i]! += s.costUnknownUnits;
  if (o[19]! >= 0) t[o[19]! + i]! += s.provisional;
  if (o[20]! >= 0) t[o[20]! + i]! += s.count;
}

export type MovementKind = 'sale' | 'return' | 'receive' | 'adjust' | 'count' | 'transfer' | 'channelSale' | 'costCorrection';

export type Movement = Flows & {
  /** Stable id of the fact: an event id, or `saleId:lineId[:component]`, `returnId:index`. */
  id: string;
  kind: MovementKind;
  itemId: string;
  locationId: string;
  /** Business day (yyyy-MM-dd) in the shop's time zone. */
  day: string;
};

/**
 * A movement with every figure zero except the ones given. Built as one literal with a fixed
 * property order so every movement has the same shape (the engine then reads them fast).
 */
export function movement(b: Pick<Movement, 'id' | 'kind' | 'itemId' | 'locationId' | 'day'> & Partial<Flows>): Movement {
  return {
    id: b.id,
    kind: b.kind,
    itemId: b.itemId,
    locationId: b.locationId,
    day: b.day,
    sold: b.sold ?? 0,
    revenue: b.revenue ?? 0,
    cogs: b.cogs ?? 0,
    costUnknownSold: b.costUnknownSold ?? 0,
    costUnknownRevenue: b.costUnknownRevenue ?? 0,
    returned: b.returned ?? 0,
    returnRevenue: b.returnRevenue ?? 0,
    returnCogs: b.returnCogs ?? 0,
    returnCostUnknownRevenue: b.returnCostUnknownRevenue ?? 0,
    received: b.received ?? 0,
    receivedValue: b.receivedValue ?? 0,
    receivedCostUnknown: b.receivedCostUnknown ?? 0,
    shrinkage: b.shrinkage ?? 0,
    shrinkageUnits: b.shrinkageUnits ?? 0,
    marketing: b.marketing ?? 0,
    marketingUnits: b.marketingUnits ?? 0,
    units: b.units ?? 0,
    value: b.value ?? 0,
    costUnknownUnits: b.costUnknownUnits ?? 0,
    provisional: b.provisional ?? 0,
    count: 1,
  };
}

/**
 * The business-day function of a shop: the day (yyyy-MM-dd) an instant falls on in its time zone
 * (`@date-fns/tz`, as the shifts use). For events, which carry an instant and no business day.
 */
export function shopDay(timeZone: string): (instant: string) => string {
  // Remembered per instant: a delivery's layers, a sale's events share one (a time-zone lookup costs ~10 µs).
  const seen = new Map<string, string>();
  return (instant) => {
    let day = seen.get(instant);
    if (day === undefined) seen.set(instant, (day = businessDayOf(instant, timeZone)));
    return day;
  };
}

/** Net of tax: in tax-inclusive mode a line's stored net contains its tax. */
export function exTax(net: number, tax: number, mode: TaxMode): number {
  return mode === 'inclusive' ? net - tax : net;
}

/** The share of `amount` that `part` of `whole` units carry, rounded half away from zero. */
function share(amount: number, part: number, whole: number): number {
  if (whole === 0 || part === 0) return 0;
  const x = (amount * part) / whole;
  return Math.sign(x) * Math.round(Math.abs(x));
}

/**
 * The movements of stored sales: one per line (a gift set: one per component item), carrying
 * units sold, revenue net of tax, COGS and the stock they took out. Sale stock events are not read
 * separately (they hold the same units and cost), so a sale is counted once. Gift-card lines are
 * money owed, not revenue, and are skipped. A voided sale stays counted: its void is a return.
 */
export function saleMovements(sales: readonly SaleRecord[], pending: (saleId: string) => boolean = () => false): Movement[] {
  const out: Movement[] = [];
  for (const sale of sales) {
    const provisional = pending(sale.id) ? 1 : 0;
    for (const line of sale.lines) {
      if ((line.giftCard ?? null) !== null) continue;
      const parts =
        line.components.length > 0
          ? line.components.map((c, i) => ({
              id: `${sale.id}:${line.lineId}:${i}`,
              itemId: c.itemId,
              qty: c.quantity,
              net: c.net,
              tax: c.tax,
              cogs: c.cogs,
              unknown: c.costUnknownQty,
            }))
          : [
              {
                id: `${sale.id}:${line.lineId}`,
                itemId: line.itemId,
                qty: line.quantity,
                net: line.net,
                tax: line.tax,
                cogs: line.cogs,
                unknown: line.costUnknownQty,
              },
            ];
      for (const p of parts) {
        const revenue = exTax(p.net, p.tax, sale.taxMode);
        const cogs = p.cogs ?? 0;
        out.push(
          movement({
            id: p.id,
            kind: 'sale',
            itemId: p.itemId,
            locationId: sale.locationId,
            day: sale.businessDay,
            sold: p.qty,
            revenue,
            cogs,
            costUnknownSold: p.unknown,
            costUnknownRevenue: share(revenue, p.unknown, p.qty),
            units: -p.qty,
            value: -cogs,
            costUnknownUnits: -p.unknown,
            provisional,
          }),
        );
      }
    }
  }
  return out;
}

/**
 * The money side of stored returns: units returned, revenue and cost given back (one movement per
 * returned line, on the line's item). The units going back on the shelf come from the `return`
 * stock events (eventMovements), which name each component of a gift set.
 */
export function returnMovements(returns: readonly ReturnRecord[], pending: (returnId: string) => boolean = () => false): Movement[] {
  const out: Movement[] = [];
  for (const ret of returns) {
    const provisional = pending(ret.id) ? 1 : 0;
    ret.lines.forEach((line, i) => {
      const revenue = exTax(line.net, line.tax, ret.taxMode);
      out.push(
        movement({
          id: `${ret.id}:${i}`,
          kind: 'return',
          itemId: line.itemId,
          locationId: line.locationId,
          day: ret.businessDay,
          returned: line.quantity,
          returnRevenue: revenue,
          returnCogs: line.cogs ?? 0,
          returnCostUnknownRevenue: line.cogs === null ? revenue : 0,
          provisional,
        }),
      );
    });
  }
  return out;
}

/** A stock event as stored: adjustments and sales keep what they consumed; costCorrection its deltas. */
export type StoredEvent = StockEvent & {
  cost?: number | null;
  layers?: Consumption['layers'];
  expense?: 'shrinkage' | 'marketing' | null;
  /** costCorrection only: the change of stock value (new − old unit cost × units still on hand). */
  valueDelta?: number;
  /** costCorrection only: the change of COGS for units of the layer already sold in the open period. */
  cogsDelta?: number;
  /** costCorrection only: units on hand of a cost-unknown layer that now have a cost. */
  unitsNowKnown?: number;
};

/** Units of a consumption whose cost was unknown (layers with no cost, or the whole when nothing is known). */
function unknownUnitsOf(e: StoredEvent, units: number): number {
  if (e.layers && e.layers.length > 0) {
    const covered = e.layers.reduce((s, l) => s + l.quantity, 0);
    const unknownInLayers = e.layers.filter((l) => l.unitCost === null).reduce((s, l) => s + l.quantity, 0);
    // Units beyond every layer were valued at the last cost unless nothing at all was known.
    return unknownInLayers + (e.cost === null ? units - covered : 0);
  }
  return e.cost === null || e.cost === undefined ? (e.unitCost === null ? units : 0) : 0;
}

/**
 * The movements of stock events other than sales (sales come from their records): receipts,
 * return restocks, adjustments (shrinkage or marketing by their `expense`, found stock), count
 * variances (short = shrinkage, over = found, §10), transfers (units move between locations, the
 * item's value does not change), channel sales (units and COGS, no revenue known here) and cost
 * corrections (the value change and the COGS change they carry; the event's shape is not in the
 * ledger yet — `valueDelta`/`cogsDelta`). Reservations do not change stock and are skipped.
 */
export function eventMovements(
  events: readonly StoredEvent[],
  dayOf: (instant: string) => string,
  pending: (eventId: string) => boolean = () => false,
): Movement[] {
  const out: Movement[] = [];
  for (const e of events) {
    const base = { id: e.id, itemId: e.itemId, locationId: e.locationId, day: dayOf(e.occurredAt), provisional: pending(e.id) ? 1 : 0 };
    const q = e.quantity;
    switch (e.type) {
      case 'sale':
      case 'reserve':
      case 'release':
        break;
      case 'receive': {
        const known = e.unitCost !== null;
        out.push(
          movement({
            ...base,
            kind: 'receive',
            units: q,
            value: known ? q * e.unitCost! : 0,
            costUnknownUnits: known ? 0 : q,
            received: q,
            receivedValue: known ? q * e.unitCost! : 0,
            receivedCostUnknown: known ? 0 : q,
          }),
        );
        break;
      }
      case 'transferIn':
      case 'transferOut':
        out.push(movement({ ...base, kind: 'transfer', units: q }));
        break;
      case 'return':
        // Units back on the shelf at the unit COGS the sale recorded; the money side comes from the return record.
        out.push(
          movement({
            ...base,
            kind: 'return',
            units: q,
            value: e.unitCost === null ? 0 : q * e.unitCost,
            costUnknownUnits: e.unitCost === null ? q : 0,
          }),
        );
        break;
      case 'adjust':
      case 'count': {
        const kind = e.type;
        if (q >= 0) {
          out.push(
            movement({
              ...base,
              kind,
              units: q,
              value: e.unitCost === null ? 0 : q * e.unitCost,
              costUnknownUnits: e.unitCost === null ? q : 0,
            }),
          );
          break;
        }
        const units = -q;
        const unknown = unknownUnitsOf(e, units);
        const cost = e.cost ?? (e.unitCost === null ? 0 : e.unitCost * (units - unknown));
        const marketing = e.expense === 'marketing';
        out.push(
          movement({
            ...base,
            kind,
            units: q,
            value: -cost,
            costUnknownUnits: -unknown,
            ...(marketing ? { marketing: cost, marketingUnits: units } : { shrinkage: cost, shrinkageUnits: units }),
          }),
        );
        break;
      }
      case 'channelSale': {
        const units = -q;
        const unknown = unknownUnitsOf(e, units);
        const cost = e.cost ?? (e.unitCost === null ? 0 : e.unitCost * (units - unknown));
        out.push(
          movement({
            ...base,
            kind: 'channelSale',
            units: q,
            value: -cost,
            costUnknownUnits: -unknown,
            sold: units,
            cogs: cost,
            costUnknownSold: unknown,
          }),
        );
        break;
      }
      case 'costCorrection':
        out.push(
          movement({
            ...base,
            kind: 'costCorrection',
            value: e.valueDelta ?? 0,
            cogs: e.cogsDelta ?? 0,
            costUnknownUnits: -(e.unitsNowKnown ?? 0),
          }),
        );
        break;
    }
  }
  return out;
}
