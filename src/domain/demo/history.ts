import { TZDate } from '@date-fns/tz';
import { demoSales, type DemoMutation } from './shop';
import { idMaker, Rng } from './random';
import { DEFAULT_SETTINGS } from '../settings';
import { variantLabel } from '../catalog/variants';
import { priceSale } from '../sale/pricing';
import { roundToIncrement } from '../sale/tender';
import { returnShare, type ReturnArgs } from '../sale/returns';
import type { SaleArgs } from '../sale/sale';
import { CATEGORIES } from './words';

/**
 * The demo shop's trading history (issue #10): shifts, sales, restocks, returns (some exchanged)
 * and monthly cycle counts day by day, from the pure sale lines of `demoSales`. Used by `npm run
 * seed` (pushed to a server) and by "Load demo shop" (written on the device), so Insights has two
 * years — or `days` — to show. Pure.
 */

/** What the history wrote (the seeder reports it). */
export interface HistoryCounts {
  sales: number;
  soldLines: number;
  shifts: number;
  restocks: number;
  /** Lines dropped because their one-of-a-kind piece had already sold. */
  skippedPieceLines: number;
  /** `return.create` mutations (an exchange's return included) and the units they took back. */
  returns: number;
  returnedUnits: number;
  /** Returns refunded onto a new store credit, and those spent at once on another variant (an exchange). */
  storeCredits: number;
  exchanges: number;
  /** Cycle counts applied, lines counted, and the units found short (shrinkage) or over. */
  counts: number;
  countedLines: number;
  shrinkageUnits: number;
  foundUnits: number;
}

/** All figures at zero. */
export function newHistoryCounts(): HistoryCounts {
  return {
    sales: 0,
    soldLines: 0,
    shifts: 0,
    restocks: 0,
    skippedPieceLines: 0,
    returns: 0,
    returnedUnits: 0,
    storeCredits: 0,
    exchanges: 0,
    counts: 0,
    countedLines: 0,
    shrinkageUnits: 0,
    foundUnits: 0,
  };
}

export interface SellableItem {
  id: string;
  sku: string;
  title: string;
  price: number;
  pieceId: string | null;
  sold: boolean;
  /** Units left in its FIFO layers (as the seeder counts them). */
  left: number;
  lastCost: number;
  supplierId: string | null;
  bulk: boolean;
  /** Tracked piece by piece: sold only as its piece, never restocked by quantity. */
  piece: boolean;
  /** Its product (variants of one product share it) and category. */
  productId: string;
  categoryId: string;
}

type CreateProductArgs = {
  product: { id: string; title: string; categoryId: string };
  items: { id: string; sku: string; price: number; tracking: 'quantity' | 'piece'; optionValues: string[]; supplierId: string | null }[];
};

/** Collects the sellable items (and the shop floor's id) from the catalogue's mutations. */
export function learnCatalogue(
  items: SellableItem[],
  byId: Map<string, SellableItem>,
  mutations: DemoMutation[],
  floor: { id?: string },
): void {
  for (const m of mutations) {
    if (m.name === 'location.save' && (m.args as { kind: string }).kind === 'floor') floor.id ??= (m.args as { id: string }).id;
    if (m.name === 'catalog.createProduct') {
      const { product, items: made } = m.args as CreateProductArgs;
      for (const i of made) {
        const item: SellableItem = {
          id: i.id,
          sku: i.sku,
          title: [product.title, variantLabel(i.optionValues)].filter(Boolean).join(' — '),
          price: i.price,
          pieceId: null,
          sold: false,
          left: 0,
          lastCost: 0,
          supplierId: i.supplierId,
          bulk: i.sku.startsWith('PKG-') || i.sku.startsWith('FND-'),
          piece: i.tracking === 'piece',
          productId: product.id,
          categoryId: product.categoryId,
        };
        items.push(item);
        byId.set(i.id, item);
      }
    } else if (m.name === 'stock.receive') {
      // The register sells from the shop floor: only what arrived there can be sold there.
      const a = m.args as { itemId: string; locationId: string; quantity: number; unitCost: number };
      const item = byId.get(a.itemId)!;
      if (a.locationId === floor.id) item.left += a.quantity;
      item.lastCost = a.unitCost;
    } else if (m.name === 'piece.receive') {
      const a = m.args as { itemId: string; locationId: string; pieceId: string };
      if (a.locationId === floor.id) byId.get(a.itemId)!.pieceId = a.pieceId;
    }
  }
}

/** A few % of sales come back within 30 days (jewelry: sizes, gifts, second thoughts). */
const RETURN_RATE = 0.035;
const RETURN_REASONS = [
  'Changed mind',
  'Gift — not to their taste',
  'Metal irritates the skin',
  'Clasp does not close well',
  'Bought two by mistake',
];
/** A cycle count every four weeks, a category at a time, at most this many lines (one display case or two). */
const COUNT_EVERY_DAYS = 28;
const COUNT_LINES = 40;

type Stamped = DemoMutation & { at: string };
type PricedLine = SaleArgs['lines'][number] & { net: number; tax: number; total: number };

/** A sale that will come back, decided when it was made. */
interface PendingReturn {
  saleId: string;
  minute: number;
  lines: PricedLine[];
  tender: SaleArgs['tenders'][number];
}

/**
 * The history as mutations, day by day: a cycle count before opening every four weeks, then
 * shift.open, restocks, sales and returns (some exchanged for another size), shift.close. Each with
 * the instant it happened (in the shop's default time zone, UTC), so reports see two years of days.
 */
export function* historyMutations(
  items: SellableItem[],
  options: { skus: number; seed: number; days: number; floorId: string; registerCode: string; today?: string },
  counts: HistoryCounts,
): Generator<Stamped> {
  const rng = new Rng(options.seed ^ 0x6a09e667);
  // Returns and counts draw from their own generator, so the sales are those of the same seed without them.
  const after = new Rng(options.seed ^ 0x510e527f);
  const id = idMaker(new Rng(options.seed ^ 0x3c6ef372), Date.UTC(2026, 1, 1));
  const { taxMode, taxRateBp, cashIncrement, timeZone } = DEFAULT_SETTINGS;
  let receipt = 0;
  let dayIndex = -1;
  const returnsByDay = new Map<number, PendingReturn[]>();
  // Variants of a product (an exchange picks another size) and the categories counted in turn.
  const byId = new Map(items.map((i) => [i.id, i]));
  const byProduct = new Map<string, SellableItem[]>();
  for (const item of items) if (!item.piece) byProduct.set(item.productId, [...(byProduct.get(item.productId) ?? []), item]);
  const categoryIds = [...new Set(items.map((i) => i.categoryId))];
  const countCursor = new Map<string, number>();
  let countDays = 0;
  const categoryName = (item: SellableItem) => CATEGORIES.find((c) => item.sku.startsWith(`${c.code}-`))?.name ?? 'Stock';

  for (const day of demoSales({ skus: options.skus, seed: options.seed, days: options.days, today: options.today })) {
    dayIndex += 1;
    const [y, mo, d] = day.day.split('-').map(Number) as [number, number, number];
    const atSecond = (seconds: number) => new TZDate(y, mo - 1, d, 0, 0, seconds, timeZone).toISOString();
    const at = (minutes: number) => atSecond(minutes * 60);
    const shiftId = id();
    const openingFloat = 20_000;
    let cash = 0;

    /** Reordered in time: a new FIFO layer at today's (drifted) cost, when the floor has fewer than `quantity`. */
    const restock = (item: SellableItem, quantity: number, minute: number): Stamped | null => {
      if (item.pieceId || item.left >= quantity) return null;
      const units = Math.max(quantity, item.bulk ? rng.int(50, 200) : rng.int(3, 8));
      const unitCost = Math.max(1, Math.round(item.lastCost * (0.92 + rng.next() * 0.2)));
      counts.restocks += 1;
      item.left += units;
      item.lastCost = unitCost;
      return {
        name: 'stock.receive',
        args: {
          eventId: id(),
          lotId: id(),
          itemId: item.id,
          locationId: options.floorId,
          quantity: units,
          unitCost,
          supplierId: item.supplierId,
          source: 'purchase-order',
          ref: `PO-${day.day.replace(/-/g, '').slice(2)}-${String(receipt + 1).slice(-3)}`,
        },
        at: at(minute - 1),
      };
    };

    const saleLine = (item: SellableItem, quantity: number): PricedLine => {
      if (item.pieceId) item.sold = true;
      else item.left -= quantity;
      return {
        lineId: id(),
        itemId: item.id,
        pieceId: item.pieceId,
        title: item.title.slice(0, 200),
        sku: item.sku,
        quantity,
        unitPrice: item.price,
        priceOverridden: false,
        taxRateBp,
        discount: null,
        eventId: id(),
        components: [],
        net: 0,
        tax: 0,
        total: 0,
      };
    };

    const sale = (lines: PricedLine[], tenders: SaleArgs['tenders'], paysCash: boolean, minute: number): Stamped => {
      receipt += 1;
      counts.sales += 1;
      counts.soldLines += lines.length;
      const args: SaleArgs = {
        saleId: id(),
        receiptNumber: `${options.registerCode}-${receipt}`,
        shiftId,
        businessDay: day.day,
        locationId: options.floorId,
        staffId: null,
        approvedBy: null,
        customerId: null,
        taxMode,
        lines: lines.map(({ net: _n, tax: _t, total: _s, ...line }) => line),
        saleDiscount: null,
        tenders,
        cashIncrement: paysCash ? cashIncrement : 0,
      };
      return { name: 'sale.complete', args, at: at(minute) };
    };

    /**
     * A return at the figures the sale stored: one line (or the whole sale), some units of a line of
     * several; refunded to the card or cash it was paid with, or onto a new store credit — spent at
     * once on another size of the same product when the size was wrong (an exchange).
     */
    const takeBack = function* (r: PendingReturn): Generator<Stamped> {
      const chosen = r.lines.length > 1 && after.chance(0.7) ? [after.pick(r.lines)] : r.lines;
      const lines = chosen.map((line) => ({
        line,
        quantity: line.quantity > 1 && after.chance(0.5) ? after.int(1, line.quantity) : line.quantity,
      }));
      const refund = lines.reduce((sum, { line, quantity }) => sum + returnShare({ ...line, cogs: 0 }, NO_RETURN, quantity).total, 0);
      const first = byId.get(lines[0]!.line.itemId)!;
      const siblings = (byProduct.get(first.productId) ?? []).filter((i) => i.id !== first.id);
      const exchange = lines.length === 1 && !first.piece && siblings.length > 0 && after.chance(0.35);
      const drawer = openingFloat + cash;
      const toCredit = exchange || (r.tender.kind === 'cash' ? refund > drawer || after.chance(0.3) : after.chance(0.2));
      const credit = toCredit ? { id: id(), code: '' } : null;
      if (credit) credit.code = `CR-${options.registerCode}-${credit.id.replace(/-/g, '').slice(-8).toUpperCase()}`;
      const refunds: ReturnArgs['refunds'] = credit
        ? [{ kind: 'credit', amount: refund, method: null, reference: credit.code, creditId: credit.id }]
        : [{ kind: r.tender.kind, amount: refund, method: r.tender.method, reference: r.tender.reference, creditId: null }];
      if (!credit && r.tender.kind === 'cash') cash -= refund;
      const args: ReturnArgs = {
        returnId: id(),
        kind: 'return',
        saleId: r.saleId,
        shiftId,
        businessDay: day.day,
        staffId: null,
        approvedBy: null,
        customerId: null,
        reason: exchange ? 'Wrong size — exchanged' : after.pick(RETURN_REASONS),
        taxMode,
        lines: lines.map(({ line, quantity }) => ({
          saleLineId: line.lineId,
          itemId: line.itemId,
          pieceId: line.pieceId,
          quantity,
          locationId: options.floorId,
          eventIds: [id()],
        })),
        refunds: refund > 0 ? refunds : [],
        newCredit: credit && refund > 0 ? credit : null,
      };
      // Back on the shop floor: a piece can sell again, units join a new layer at the cost sold at.
      for (const { line, quantity } of lines) {
        const item = byId.get(line.itemId)!;
        if (item.pieceId) item.sold = false;
        else item.left += quantity;
        counts.returnedUnits += quantity;
      }
      counts.returns += 1;
      if (credit && refund > 0) counts.storeCredits += 1;
      yield { name: 'return.create', args, at: at(r.minute) };
      if (!exchange || !credit || refund === 0) return;
      // The exchange: the same number of another size, paid from the credit (and by card for more).
      const other = after.pick(siblings);
      const quantity = lines[0]!.quantity;
      const restocked = restock(other, quantity, r.minute + 1);
      if (restocked) yield restocked;
      const line = saleLine(other, quantity);
      const total = priceSale([line], null, taxMode).total;
      const fromCredit = Math.min(total, refund);
      const tenders: SaleArgs['tenders'] = [
        { id: id(), kind: 'credit', amount: fromCredit, method: null, reference: credit.code, creditId: credit.id },
        ...(total > fromCredit ? [{ id: id(), kind: 'card' as const, amount: total - fromCredit, method: 'Visa', reference: null }] : []),
      ];
      counts.exchanges += 1;
      yield sale([line], tenders, false, r.minute + 1);
    };

    // Before opening, every four weeks: a blind cycle count of one category's display cases.
    if (dayIndex % COUNT_EVERY_DAYS === COUNT_EVERY_DAYS - 1 && categoryIds.length > 0) yield* cycleCount(day.day);

    counts.shifts += 1;
    yield {
      name: 'shift.open',
      args: { shiftId, registerCode: options.registerCode, locationId: options.floorId, openingFloat, staffId: null, businessDay: day.day },
      at: at(9 * 60 + 45),
    };
    const returns = (returnsByDay.get(dayIndex) ?? []).sort((a, b) => a.minute - b.minute);
    returnsByDay.delete(dayIndex);
    // The day's lines in sales of one to three lines, spread over opening hours (10:00–18:00).
    const pending = [...day.lines];
    const sales: (typeof day.lines)[] = [];
    while (pending.length > 0) sales.push(pending.splice(0, rng.chance(0.55) ? 1 : rng.int(2, 3)));
    for (const [n, group] of sales.entries()) {
      const minute = 10 * 60 + Math.floor(((n + rng.next()) / sales.length) * 8 * 60);
      while (returns.length > 0 && returns[0]!.minute < minute) yield* takeBack(returns.shift()!);
      const lines: PricedLine[] = [];
      for (const { skuIndex, quantity: wanted } of group) {
        const item = items[skuIndex]!;
        // A one-of-a-kind sells once (again if it came back), and only if it is on the shop floor.
        if (item.piece && (!item.pieceId || item.sold)) {
          counts.skippedPieceLines += 1;
          continue;
        }
        if (lines.some((l) => l.itemId === item.id)) continue;
        const quantity = item.pieceId ? 1 : wanted;
        const restocked = restock(item, quantity, minute);
        if (restocked) yield restocked;
        lines.push(saleLine(item, quantity));
      }
      if (lines.length === 0) continue;
      const priced = priceSale(lines, null, taxMode);
      priced.lines.forEach((p, i) => Object.assign(lines[i]!, { net: p.net, tax: p.tax, total: p.total }));
      const total = priced.total;
      const paysCash = rng.chance(0.3);
      const due = roundToIncrement(total, cashIncrement);
      const tenders: SaleArgs['tenders'] = paysCash
        ? [{ id: id(), kind: 'cash', amount: Math.ceil(due / 2000) * 2000, method: null, reference: null }]
        : [{ id: id(), kind: 'card', amount: total, method: rng.pick(['Visa', 'Mastercard', 'Amex']), reference: null }];
      if (paysCash) cash += due;
      const made = sale(lines, tenders, paysCash, minute);
      yield made;
      // Some come back within 30 days (most within the first week), if that day is in the history.
      if (after.chance(RETURN_RATE)) {
        const back = dayIndex + 1 + Math.floor(29 * after.next() ** 2);
        if (back < options.days) {
          const tender = tenders[0]!;
          const stored = { ...tender, amount: paysCash ? due : tender.amount };
          const list = returnsByDay.get(back) ?? [];
          list.push({ saleId: (made.args as SaleArgs).saleId, minute: after.int(10 * 60 + 5, 17 * 60 + 50), lines, tender: stored });
          returnsByDay.set(back, list);
        }
      }
    }
    for (const r of returns) yield* takeBack(r);
    yield {
      name: 'shift.close',
      args: { shiftId, zReportId: id(), countedCash: openingFloat + cash, closedBy: null },
      at: at(18 * 60 + 10),
    };
  }

  /**
   * A blind cycle count of the next display cases of one category (quantity items on the floor,
   * pieces are checked on their own), 08:30–09:30: most lines as expected, a few short by a unit or
   * a handful (shrinkage), fewer over (found) — applied as counted.
   */
  function* cycleCount(day: string): Generator<Stamped> {
    const [y, mo, d] = day.split('-').map(Number) as [number, number, number];
    const atSecond = (seconds: number) => new TZDate(y, mo - 1, d, 0, 0, seconds, DEFAULT_SETTINGS.timeZone).toISOString();
    const categoryId = categoryIds[countDays++ % categoryIds.length]!;
    const inCategory = items.filter((i) => i.categoryId === categoryId && !i.piece && i.left > 0);
    if (inCategory.length === 0) return;
    const start = (countCursor.get(categoryId) ?? 0) % inCategory.length;
    const counted = [...inCategory.slice(start), ...inCategory.slice(0, start)].slice(0, COUNT_LINES);
    countCursor.set(categoryId, start + counted.length);
    const countId = id();
    counts.counts += 1;
    yield {
      name: 'count.open',
      args: {
        countId,
        name: `${categoryName(counted[0]!)} — cycle count ${day.slice(0, 7)}`,
        scope: 'category',
        refId: categoryId,
        locationId: options.floorId,
        blind: true,
      },
      at: atSecond(8 * 3600 + 30 * 60),
    };
    for (const [i, item] of counted.entries()) {
      const r = after.next();
      const size = item.bulk ? after.int(1, 5) : 1;
      const variance = r < 0.05 ? -Math.min(size, item.left) : r < 0.065 ? size : 0;
      if (variance < 0) counts.shrinkageUnits -= variance;
      else counts.foundUnits += variance;
      item.left += variance;
      counts.countedLines += 1;
      yield {
        name: 'count.record',
        args: {
          kind: 'set',
          countId,
          lineId: id(),
          zone: item.bulk ? 'Stock drawer' : `Case ${1 + Math.floor(i / 15)}`,
          itemId: item.id,
          quantity: item.left,
        },
        at: atSecond(8 * 3600 + 31 * 60 + i * 30),
      };
    }
    yield {
      name: 'count.apply',
      args: {
        countId,
        choices: counted.map((item) => ({ itemId: item.id, locationId: options.floorId, choice: 'counted' })),
        zeroes: [],
      },
      at: atSecond(9 * 3600 + 30 * 60),
    };
  }
}

const NO_RETURN = { quantity: 0, net: 0, tax: 0, total: 0, cogs: 0 };
