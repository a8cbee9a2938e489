import { TZDate } from '@date-fns/tz';
import { demoSales, type DemoMutation } from './shop';
import { idMaker, Rng } from './random';
import { DEFAULT_SETTINGS } from '../settings';
import { variantLabel } from '../catalog/variants';
import { priceSale } from '../sale/pricing';
import { roundToIncrement } from '../sale/tender';
import type { SaleArgs } from '../sale/sale';

/**
 * The demo shop's trading history (issue #10): shifts, sales and restocks day by day, from the
 * pure sale lines of `demoSales`. Used by `npm run seed` (pushed to a server) and by "Load demo
 * shop" (written on the device), so Insights has two years — or `days` — to show. Pure.
 */

/** What the history wrote (the seeder reports it). */
export interface HistoryCounts {
  sales: number;
  soldLines: number;
  shifts: number;
  restocks: number;
  /** Lines dropped because their one-of-a-kind piece had already sold. */
  skippedPieceLines: number;
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
}

type CreateProductArgs = {
  product: { title: string };
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

/**
 * The history as mutations, day by day: shift.open, restocks and sales, shift.close. Each with the
 * instant it happened (in the shop's default time zone, UTC), so reports see two years of days.
 */
export function* historyMutations(
  items: SellableItem[],
  options: { skus: number; seed: number; days: number; floorId: string; registerCode: string; today?: string },
  counts: HistoryCounts,
): Generator<DemoMutation & { at: string }> {
  const rng = new Rng(options.seed ^ 0x6a09e667);
  const id = idMaker(new Rng(options.seed ^ 0x3c6ef372), Date.UTC(2026, 1, 1));
  const { taxMode, taxRateBp, cashIncrement, timeZone } = DEFAULT_SETTINGS;
  let receipt = 0;
  for (const day of demoSales({ skus: options.skus, seed: options.seed, days: options.days, today: options.today })) {
    const [y, mo, d] = day.day.split('-').map(Number) as [number, number, number];
    const at = (minutes: number) => new TZDate(y, mo - 1, d, 0, minutes, timeZone).toISOString();
    const shiftId = id();
    const openingFloat = 20_000;
    let cash = 0;
    counts.shifts += 1;
    yield {
      name: 'shift.open',
      args: { shiftId, registerCode: options.registerCode, locationId: options.floorId, openingFloat, staffId: null, businessDay: day.day },
      at: at(9 * 60 + 45),
    };
    // The day's lines in sales of one to three lines, spread over opening hours (10:00–18:00).
    const pending = [...day.lines];
    const sales: (typeof day.lines)[] = [];
    while (pending.length > 0) sales.push(pending.splice(0, rng.chance(0.55) ? 1 : rng.int(2, 3)));
    for (const [n, group] of sales.entries()) {
      const minute = 10 * 60 + Math.floor(((n + rng.next()) / sales.length) * 8 * 60);
      const lines: SaleArgs['lines'] = [];
      for (const { skuIndex, quantity: wanted } of group) {
        const item = items[skuIndex]!;
        // A one-of-a-kind sells once, and only if it is on the shop floor.
        if (item.piece && (!item.pieceId || item.sold)) {
          counts.skippedPieceLines += 1;
          continue;
        }
        if (lines.some((l) => l.itemId === item.id)) continue;
        const quantity = item.pieceId ? 1 : wanted;
        if (!item.pieceId && item.left < quantity) {
          // Reordered in time: a new FIFO layer at today's (drifted) cost.
          const units = Math.max(quantity, item.bulk ? rng.int(50, 200) : rng.int(3, 8));
          const unitCost = Math.max(1, Math.round(item.lastCost * (0.92 + rng.next() * 0.2)));
          counts.restocks += 1;
          yield {
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
          item.left += units;
          item.lastCost = unitCost;
        }
        if (item.pieceId) item.sold = true;
        else item.left -= quantity;
        lines.push({
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
        });
      }
      if (lines.length === 0) continue;
      const total = priceSale(lines, null, taxMode).total;
      const paysCash = rng.chance(0.3);
      const due = roundToIncrement(total, cashIncrement);
      const tenders: SaleArgs['tenders'] = paysCash
        ? [{ id: id(), kind: 'cash', amount: Math.ceil(due / 2000) * 2000, method: null, reference: null }]
        : [{ id: id(), kind: 'card', amount: total, method: rng.pick(['Visa', 'Mastercard', 'Amex']), reference: null }];
      if (paysCash) cash += due;
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
        lines,
        saleDiscount: null,
        tenders,
        cashIncrement: paysCash ? cashIncrement : 0,
      };
      yield { name: 'sale.complete', args, at: at(minute) };
    }
    yield {
      name: 'shift.close',
      args: { shiftId, zReportId: id(), countedCash: openingFloat + cash, closedBy: null },
      at: at(18 * 60 + 10),
    };
  }
}
