import type { TroveDb } from '../db';
import { isSellable } from '../queries/low-stock';
import type { ItemRecord } from '../../domain/catalog/item';
import type { ProductRecord } from '../../domain/catalog/product';
import type { Lot } from '../../domain/inventory/ledger';
import { variantLabel } from '../../domain/catalog/variants';
import { itemPeriod, scopePeriod, seriesOf, type PeriodFigures, type Rollups, type ScopeKind } from '../../domain/insights/rollups';
import { kpisOf, stockValueAtRetail, type Kpi, type KpiSet } from '../../domain/insights/kpis';
import { abcClasses, abcSummary, type AbcRow } from '../../domain/insights/abc';
import { abcInputs, demandOf, historyDays, itemActivity, itemFigures } from '../../domain/insights/report';
import {
  DEFAULT_REPLENISHMENT,
  leadTime,
  orderNow,
  suggest,
  type LeadTimeSample,
  type Suggestion,
} from '../../domain/insights/replenishment';
import { deadStock, markdown, slowMovers, stockAging, type AgingRow, type Markdown } from '../../domain/insights/aging';
import { supplierScore, type SupplierScore } from '../../domain/insights/suppliers';
import { addDays, dayNumber } from '../../domain/insights/days';
import { shopDay } from '../../domain/insights/movements';
import { supplierOfLots } from './rollups';
import { onHandAt, rowsOf } from '../../domain/insights/item-days';

/** What the Insights screen shows next to the rollups: names, prices, stock on hand, layers. */
export type ItemInfo = {
  itemId: string;
  title: string;
  sku: string;
  price: number;
  cost: number | null;
  supplierId: string | null;
  supplierSku: string | null;
  reorderPoint: number | null;
  reorderQty: number | null;
  tracking: 'quantity' | 'piece';
  categoryId: string | null;
  collectionId: string | null;
};

export type Catalogue = {
  items: Map<string, ItemInfo>;
  names: Record<Exclude<ScopeKind, 'shop'>, Map<string, string>>;
  /** Each collection's name and season end (yyyy-MM-dd, null = permanent). */
  collections: Map<string, { name: string; seasonEnd: string | null }>;
  suppliers: Map<string, { name: string; leadTimeDays: number | null; minimumOrder: number | null }>;
  /** Units on hand in sellable locations, per item, now. */
  onHand: Map<string, number>;
  lots: Lot[];
  /** The price before the latest price change of each item (what "Revert" puts back). */
  previousPrice: Map<string, number>;
  /** Purchase orders sent and received, per supplier: the observed lead times (UTC days). */
  leadSamples: Map<string, LeadTimeSample[]>;
};

type Named = { id: string; values: { name: string } };

export async function readCatalogue(db: TroveDb): Promise<Catalogue> {
  const [items, products, categories, collections, suppliers, locations, levels, lots, changes, orders] = await Promise.all([
    db.items.toArray(),
    db.products.toArray(),
    db.categories.toArray(),
    db.collections.toArray(),
    db.suppliers.toArray(),
    db.locations.toArray(),
    db.stockLevels.toArray(),
    db.lots.toArray(),
    db.priceChanges.toArray(),
    db.purchaseOrders.toArray(),
  ]);
  const leadSamples = new Map<string, LeadTimeSample[]>();
  for (const po of orders as unknown as { supplierId: string; sentAt: string | null; receivedAt: string | null }[]) {
    if (!po.sentAt || !po.receivedAt) continue;
    const list = leadSamples.get(po.supplierId) ?? [];
    list.push({ orderedOn: po.sentAt.slice(0, 10), receivedOn: po.receivedAt.slice(0, 10) });
    leadSamples.set(po.supplierId, list);
  }
  const productById = new Map((products as unknown as ProductRecord[]).map((p) => [p.id, p]));
  const lotSupplier = supplierOfLots(lots as unknown as Lot[]);
  const info = new Map<string, ItemInfo>();
  for (const i of items as unknown as ItemRecord[]) {
    const p = productById.get(i.productId);
    const variant = variantLabel(i.values.optionValues);
    info.set(i.id, {
      itemId: i.id,
      title: (p?.values.title ?? i.values.sku) + (variant ? ` · ${variant}` : ''),
      sku: i.values.sku,
      price: i.values.price,
      cost: i.values.cost,
      supplierId: i.values.supplierId ?? lotSupplier.get(i.id) ?? null,
      supplierSku: i.values.supplierSku,
      reorderPoint: i.values.reorderPoint,
      reorderQty: i.values.reorderQty,
      tracking: i.values.tracking,
      categoryId: p?.values.categoryId ?? null,
      collectionId: p?.values.collectionId ?? null,
    });
  }
  const named = (rows: unknown[]) => new Map((rows as Named[]).map((r) => [r.id, r.values.name]));
  const locs = locations as unknown as { id: string; values: { name: string; kind: string } }[];
  const locById = new Map(locs.map((l) => [l.id, l.values]));
  const onHand = new Map<string, number>();
  for (const l of levels) {
    if (!isSellable(locById.get(l['locationId'] as string))) continue;
    const id = l['itemId'] as string;
    onHand.set(id, (onHand.get(id) ?? 0) + (l['onHand'] as number));
  }
  const latest = new Map<string, { at: string; old: number | null }>();
  for (const c of changes as unknown as { itemId: string; field: string; old: number | null; at: string }[]) {
    if (c.field !== 'price') continue;
    const seen = latest.get(c.itemId);
    if (!seen || c.at > seen.at) latest.set(c.itemId, { at: c.at, old: c.old });
  }
  const previousPrice = new Map<string, number>();
  for (const [id, c] of latest) if (c.old !== null) previousPrice.set(id, c.old);
  return {
    items: info,
    names: { category: named(categories), collection: named(collections), supplier: named(suppliers), location: named(locations) },
    collections: new Map(
      (collections as unknown as { id: string; values: { name: string; seasonEnd?: string | null } }[]).map((r) => [
        r.id,
        { name: r.values.name, seasonEnd: r.values.seasonEnd ?? null },
      ]),
    ),
    suppliers: new Map(
      (suppliers as unknown as { id: string; values: { name: string; leadTimeDays: number | null; minimumOrder: number | null } }[]).map(
        (s) => [s.id, { name: s.values.name, leadTimeDays: s.values.leadTimeDays ?? null, minimumOrder: s.values.minimumOrder ?? null }],
      ),
    ),
    onHand,
    lots: lots as unknown as Lot[],
    previousPrice,
    leadSamples,
  };
}

export type Scope = { kind: ScopeKind | 'item'; key: string };

/** The period clamped to what the rollups cover. */
export function clampPeriod(r: Rollups, from: string, to: string): { from: string; to: string } {
  const f = from < r.from ? r.from : from;
  const t = to > r.to ? r.to : to;
  return { from: f > t ? t : f, to: t };
}

/** A scope's figures for the period. */
export function figuresOf(r: Rollups, scope: Scope, from: string, to: string): PeriodFigures {
  if (scope.kind === 'item') return itemPeriod(r.items.get(scope.key), from, to);
  return scopePeriod(r, seriesOf(r, scope.kind, scope.key), from, to);
}

function inScope(c: Catalogue, itemId: string, scope: Scope): boolean {
  const i = c.items.get(itemId);
  switch (scope.kind) {
    case 'shop':
    case 'location':
      return true;
    case 'item':
      return itemId === scope.key;
    case 'category':
      return (i?.categoryId ?? '-') === scope.key;
    case 'collection':
      return (i?.collectionId ?? '-') === scope.key;
    case 'supplier':
      return (i?.supplierId ?? '-') === scope.key;
  }
}

export type KpiReport = KpiSet & { stockValueAtRetail: Kpi | null; provisionalDays: number; figures: PeriodFigures };

/** The KPI cards of a scope and period: the domain's figures plus the retail value at current prices. */
export function kpiReport(r: Rollups, c: Catalogue, scope: Scope, from: string, to: string): KpiReport {
  const p = figuresOf(r, scope, from, to);
  const end = dayNumber(to);
  const retail =
    scope.kind === 'location'
      ? null
      : stockValueAtRetail(
          [...r.items]
            .filter(([id]) => inScope(c, id, scope))
            .map(([id, d]) => ({ onHand: onHandAt(d, end), price: c.items.get(id)?.price ?? 0 })),
        );
  let provisionalDays = 0;
  if (scope.kind === 'item') {
    for (const row of rowsOf(r.items.get(scope.key))) if (row.day >= from && row.day <= to && row.provisional > 0) provisionalDays++;
  } else {
    const s = seriesOf(r, scope.kind, scope.key);
    const start = Math.max(0, dayNumber(from) - dayNumber(r.from));
    for (let i = start; i <= end - dayNumber(r.from); i++) if ((s.flows.provisional[i] ?? 0) > 0) provisionalDays++;
  }
  return { ...kpisOf(p), stockValueAtRetail: retail, provisionalDays, figures: p };
}

export type AbcReport = { rows: (AbcRow & { title: string })[]; summary: ReturnType<typeof abcSummary> };

/** ABC over the period; `by` is revenue or margin, `thresholds` the shop's (settings `abcThresholds`, 80/15/5 by default). */
export function abcReport(
  r: Rollups,
  c: Catalogue,
  from: string,
  to: string,
  by: 'revenue' | 'margin' = 'revenue',
  thresholds: { a: number; b: number; c: number } = { a: 80, b: 15, c: 5 },
): AbcReport {
  const rows = abcClasses(abcInputs(itemFigures(r, from, to)), { ...thresholds, by }).filter((x) => x.value > 0);
  return { rows: rows.map((x) => ({ ...x, title: c.items.get(x.itemId)?.title ?? x.itemId })), summary: abcSummary(rows) };
}

export type ReorderLine = Suggestion & { title: string; sku: string; supplierSku: string | null; lastCost: number | null };
export type ReorderGroup = {
  supplierId: string | null;
  supplier: string;
  lines: ReorderLine[];
  value: number;
  minimumOrder: number | null;
  meetsMinimum: boolean;
};

/**
 * The "order now" list. Items with enough history get the computed reorder point; newer ones the
 * typed one — and an item with neither a typed point nor enough history, that sold in the last 90
 * days and has nothing left, is treated as "reorder at 0" (it sold out: order it again).
 */
export function reorderReport(r: Rollups, c: Catalogue, today: string): ReorderGroup[] {
  const suggestions: Suggestion[] = [];
  for (const [itemId, info] of c.items) {
    if (info.tracking !== 'quantity') continue;
    const days = r.items.get(itemId);
    const demand = demandOf(days, today, 90);
    const soldRecently = demand.mean > 0;
    const lead = info.supplierId ? supplierLeadTime(c, info.supplierId) : null;
    const typed = (historyDaysOverride?: number) =>
      suggest({
        itemId,
        supplierId: info.supplierId,
        available: c.onHand.get(itemId) ?? 0,
        unitCost: lastCost(c, itemId),
        historyDays: historyDays(days, today),
        demand,
        leadTime: lead,
        typedReorderPoint: info.reorderPoint ?? (soldRecently ? 0 : null),
        typedReorderQty: info.reorderQty,
        ...(historyDaysOverride === undefined ? {} : { historyDays: historyDaysOverride }),
      });
    let s = typed();
    // The owner's own reorder point is a floor: at or below it, order even when the history says wait.
    if (!s.orderNow && info.reorderPoint !== null && (c.onHand.get(itemId) ?? 0) <= info.reorderPoint) s = typed(0);
    suggestions.push(s);
  }
  const minimums = new Map([...c.suppliers].map(([id, s]) => [id, { minimumOrder: s.minimumOrder }]));
  return orderNow(suggestions, minimums).map((g) => ({
    ...g,
    supplier: g.supplierId === null ? 'No supplier set' : (c.suppliers.get(g.supplierId)?.name ?? 'Unknown supplier'),
    lines: g.lines.map((l) => {
      const info = c.items.get(l.itemId);
      return {
        ...l,
        title: info?.title ?? l.itemId,
        sku: info?.sku ?? '',
        supplierSku: info?.supplierSku ?? null,
        lastCost: lastCost(c, l.itemId),
      };
    }),
  }));
}

/** Lead time of a supplier: observed from received orders when there are any, else the promised one. */
function supplierLeadTime(c: Catalogue, supplierId: string): { mean: number; sd: number } | null {
  const lt = leadTime(c.suppliers.get(supplierId)?.leadTimeDays ?? null, c.leadSamples.get(supplierId) ?? []);
  if (lt.observedMean !== null) return { mean: lt.observedMean, sd: lt.observedSd };
  return lt.promised === null ? null : { mean: lt.promised, sd: 0 };
}

/** Each item's newest costed layer, found once per catalogue (a scan of every lot per item was most of "order now"). */
const newestCosted = new WeakMap<Catalogue, Map<string, Lot>>();

/** The newest layer's unit cost, else the item's cost. */
function lastCost(c: Catalogue, itemId: string): number | null {
  let newest = newestCosted.get(c);
  if (!newest) {
    newest = new Map();
    for (const l of c.lots) {
      if (l.unitCost === null) continue;
      const best = newest.get(l.itemId);
      if (!best || l.receivedAt > best.receivedAt) newest.set(l.itemId, l);
    }
    newestCosted.set(c, newest);
  }
  return newest.get(itemId)?.unitCost ?? c.items.get(itemId)?.cost ?? null;
}

export type StockRow = { itemId: string; title: string; sku: string; onHand: number; stockValue: number; price: number };
export type SlowRow = StockRow & { arrival: string | null; sellThroughPct: number; markdown: Markdown; previousPrice: number | null };
export type DeadRow = StockRow & { lastSale: string | null; idleDays: number; markdown: Markdown; previousPrice: number | null };

/** Slow movers and dead stock, each with a markdown suggestion (30 % off by default) and the price to revert to. */
export function movementReport(r: Rollups, c: Catalogue, today: string, offBp = 3000): { slow: SlowRow[]; dead: DeadRow[] } {
  const acts = [...r.items]
    .filter(([id]) => c.items.get(id)?.tracking !== undefined)
    .map(([id, d]) => itemActivity(id, d, c.items.get(id)?.price ?? 0, today));
  const base = (a: { itemId: string; onHand: number; stockValue: number; price: number }) => {
    const info = c.items.get(a.itemId);
    return {
      itemId: a.itemId,
      title: info?.title ?? a.itemId,
      sku: info?.sku ?? '',
      onHand: a.onHand,
      stockValue: a.stockValue,
      price: a.price,
      markdown: markdown(a, offBp),
      previousPrice: c.previousPrice.get(a.itemId) ?? null,
    };
  };
  return {
    slow: slowMovers(acts, today).map((a) => ({ ...base(a), arrival: a.arrival, sellThroughPct: a.sellThroughPct })),
    dead: deadStock(acts, today).map((a) => ({ ...base(a), lastSale: a.lastSale, idleDays: a.idleDays })),
  };
}

export function agingReport(c: Catalogue, today: string, timeZone: string): AgingRow[] {
  return stockAging(c.lots, today, shopDay(timeZone));
}

export type SupplierRow = SupplierScore & { name: string };

export function supplierReport(r: Rollups, c: Catalogue, from: string, to: string): SupplierRow[] {
  return [...c.suppliers].map(([id, s]) => ({
    ...supplierScore(id, scopePeriod(r, seriesOf(r, 'supplier', id), from, to), {
      promisedDays: s.leadTimeDays,
      samples: c.leadSamples.get(id) ?? [],
    }),
    name: s.name,
  }));
}

/** The default periods of the picker (business days, today included). */
export function presetPeriod(preset: '30' | '90' | '365' | 'year', today: string): { from: string; to: string } {
  if (preset === 'year') return { from: `${today.slice(0, 4)}-01-01`, to: today };
  return { from: addDays(today, -(Number(preset) - 1)), to: today };
}

export const REPLENISHMENT = DEFAULT_REPLENISHMENT;
