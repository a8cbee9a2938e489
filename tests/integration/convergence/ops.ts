import { newId } from '../../../src/data/commands/ids';
import { perform } from '../../../src/data/commands/perform';
import { completeSale, openShift, type CartLine } from '../../../src/data/commands/sales';
import { readCredit, returnSale } from '../../../src/data/commands/returns';
import { adjustStock, correctCost, receiveTransfer, transferStock } from '../../../src/data/commands/stock';
import {
  cancelPurchaseOrder,
  receivePurchaseOrder,
  savePurchaseOrder,
  sendPurchaseOrder,
} from '../../../src/data/commands/purchase-orders';
import { applyCount, cancelCount, planCount, recordCount } from '../../../src/data/commands/counts';
import { createCustomer, updateCustomer } from '../../../src/data/commands/customers';
import { closeShift, moveCash } from '../../../src/data/commands/shifts';
import { foundStockOversold, refundOversold, resolveCase } from '../../../src/data/commands/cases';
import { makeGiftCardCode } from '../../../src/data/commands/gift-cards';
import { openShiftOf, registerCodeOf } from '../../../src/data/queries/register';
import { priceSale } from '../../../src/domain/sale/pricing';
import { settingsOf, SETTINGS_ID } from '../../../src/domain/settings';
import type { CaseRecord } from '../../../src/domain/cases';
import { DomainError } from '../../../src/domain/errors';
import type { SaleRecord, CreditRecord } from '../../../src/domain/sale/types';
import type { StockEvent } from '../../../src/domain/inventory/ledger';
import type { SimDevice, World } from './world';

/**
 * Every kind of change a register can make, as the screens make it (the data commands), each
 * with its targets picked by `pick` from what the device itself sees. A command the device
 * refuses (the screen would not offer it) is a no-op for the run.
 */
export const OPS = [
  'sale.cash',
  'sale.card',
  'sale.piece',
  'sale.giftCard',
  'sale.withCredit',
  'return.create',
  'stock.adjust',
  'stock.transfer',
  'stock.transferReceive',
  'stock.receive',
  'stock.costCorrection',
  'purchaseOrder.save',
  'purchaseOrder.send',
  'purchaseOrder.receive',
  'purchaseOrder.cancel',
  'count.open',
  'count.record',
  'count.apply',
  'count.cancel',
  'item.save',
  'items.bulkEdit',
  'product.save',
  'category.save',
  'collection.save',
  'piece.save',
  'receipt.email',
  'customer.save',
  'location.save',
  'settings.update',
  'supplier.save',
  'cash.move',
  'shift.close',
  'case.resolve',
] as const;
export type OpName = (typeof OPS)[number];

/** Deterministic choices for one op: `pick(n)` is in [0, n). */
export class Picker {
  private i = 0;
  constructor(private readonly seeds: readonly number[]) {}
  pick(n: number): number {
    const seed = this.seeds[this.i % this.seeds.length] ?? 0;
    this.i += 1;
    return n <= 0 ? 0 : seed % n;
  }
  of<T>(list: readonly T[]): T | undefined {
    return list.length === 0 ? undefined : list[this.pick(list.length)];
  }
}

async function all<T>(device: SimDevice, table: string): Promise<T[]> {
  return (await device.env.db.table(table).toArray()) as T[];
}

/** The register's open shift, opening a new one (a new day's float) when the last was closed. */
async function shiftOf(world: World, device: SimDevice): Promise<string> {
  const open = await openShiftOf(device.env.db, await registerCodeOf(device.env.db));
  if (open) return open.id;
  return openShift(device.env, { locationId: world.catalogue.floor, openingFloat: 10_000, staffId: null });
}

function line(device: SimDevice, itemId: string, quantity: number, unitPrice: number, extra: Partial<CartLine> = {}): CartLine {
  return {
    lineId: newId(device.env),
    itemId,
    pieceId: null,
    title: 'Item',
    sku: 'SKU',
    quantity,
    unitPrice,
    priceOverridden: false,
    taxRateBp: 0,
    discount: null,
    components: [],
    giftCard: null,
    ...extra,
  };
}

async function total(device: SimDevice, lines: CartLine[]): Promise<number> {
  const settings = settingsOf(await device.env.db.settings.get(SETTINGS_ID));
  return priceSale(lines, null, settings.taxMode).total;
}

async function sell(
  world: World,
  device: SimDevice,
  lines: CartLine[],
  tenders: { kind: 'cash' | 'card' | 'credit'; amount: number; creditId?: string }[],
) {
  const shiftId = await shiftOf(world, device);
  const { saleId } = await completeSale(device.env, {
    shiftId,
    locationId: world.catalogue.floor,
    lines,
    saleDiscount: null,
    tenders: tenders.map((t) => ({ kind: t.kind, amount: t.amount, method: null, reference: null, creditId: t.creditId ?? null })),
    staffId: null,
    approvedBy: null,
    customerId: null,
  });
  device.salesMade.push(saleId);
}

/** On hand of a piece as this device sees it (its ledger). */
async function pieceOnHand(device: SimDevice, pieceId: string): Promise<number> {
  const piece = (await device.env.db.pieces.get(pieceId)) as unknown as { itemId: string };
  const events = (await device.env.db.stockEvents.where('itemId').equals(piece.itemId).toArray()) as unknown as StockEvent[];
  return events.filter((e) => e.pieceId === pieceId && e.type !== 'costCorrection').reduce((s, e) => s + e.quantity, 0);
}

/** Sells a one-of-a-kind piece on `device`, paid in full by card or cash. */
export async function sellPiece(
  world: World,
  device: SimDevice,
  piece: { itemId: string; pieceId: string; price: number },
  kind: 'card' | 'cash',
) {
  const lines = [line(device, piece.itemId, 1, piece.price, { pieceId: piece.pieceId })];
  await sell(world, device, lines, [{ kind, amount: await total(device, lines) }]);
}

/** Performs `op` on `device`. Returns false when the device refused it (nothing was written). */
export async function runOp(world: World, device: SimDevice, op: OpName, p: Picker): Promise<boolean> {
  const { catalogue } = world;
  const env = device.env;
  const item = catalogue.items[p.pick(catalogue.items.length)]!;
  const location = p.pick(2) === 0 ? catalogue.floor : catalogue.stockroom;
  const quantity = 1 + p.pick(3);
  try {
    switch (op) {
      case 'sale.cash': {
        const lines = [line(device, item.id, quantity, item.price)];
        const second = catalogue.items[p.pick(catalogue.items.length)]!;
        if (second.id !== item.id && p.pick(2) === 0) lines.push(line(device, second.id, 1, second.price));
        await sell(world, device, lines, [{ kind: 'cash', amount: (await total(device, lines)) + p.pick(3) * 500 }]);
        return true;
      }
      case 'sale.card': {
        const lines = [line(device, item.id, quantity, item.price)];
        await sell(world, device, lines, [{ kind: 'card', amount: await total(device, lines) }]);
        return true;
      }
      case 'sale.piece': {
        // The register only offers a piece it sees in stock; two offline registers both may.
        if ((await pieceOnHand(device, catalogue.ooak.pieceId)) <= 0) return false;
        await sellPiece(world, device, catalogue.ooak, p.pick(2) === 0 ? 'card' : 'cash');
        return true;
      }
      case 'sale.giftCard': {
        const creditId = newId(env);
        const code = await makeGiftCardCode(env);
        const amount = 1000 * (1 + p.pick(5));
        const lines = [line(device, creditId, 1, amount, { giftCard: { creditId, code } })];
        await sell(world, device, lines, [{ kind: 'cash', amount }]);
        return true;
      }
      case 'sale.withCredit': {
        // Spends a gift card or store credit the device knows of, up to its balance here.
        const credits = await all<CreditRecord>(device, 'credits');
        const credit = p.of(credits);
        if (!credit) return false;
        const balance = (await readCredit(env, credit.code))?.balance ?? 0;
        if (balance <= 0) return false;
        const lines = [line(device, item.id, 1, item.price)];
        const due = await total(device, lines);
        const fromCredit = Math.min(balance, due);
        const tenders: Parameters<typeof sell>[3] = [{ kind: 'credit', amount: fromCredit, creditId: credit.id }];
        if (due > fromCredit) tenders.push({ kind: 'card', amount: due - fromCredit });
        await sell(world, device, lines, tenders);
        return true;
      }
      case 'return.create': {
        const sales = (await all<SaleRecord>(device, 'sales')).filter((s) => s.lines.some((l) => !l.giftCard));
        const sale = p.of(sales);
        if (!sale) return false;
        await shiftOf(world, device);
        const saleLine = p.of(sale.lines.filter((l) => !l.giftCard))!;
        await returnSale(env, {
          sale,
          lines: [{ saleLineId: saleLine.lineId, quantity: 1, damaged: p.pick(4) === 0 }],
          refundTo: p.pick(2) === 0 ? 'original' : 'credit',
          reason: 'Changed mind',
          staffId: null,
          approvedBy: null,
        });
        return true;
      }
      case 'stock.adjust': {
        const reasons = ['damaged', 'lost', 'found', 'sample', 'correction'] as const;
        const reason = reasons[p.pick(reasons.length)]!;
        const signed = reason === 'found' || (reason === 'correction' && p.pick(2) === 0) ? quantity : -quantity;
        await adjustStock(env, { itemId: item.id, pieceId: null, locationId: location, quantity: signed, reason, note: '' });
        return true;
      }
      case 'stock.transfer': {
        const to = location === catalogue.floor ? catalogue.stockroom : catalogue.floor;
        await transferStock(env, {
          itemId: item.id,
          pieceId: null,
          fromLocationId: location,
          toLocationId: to,
          quantity,
          receivedNow: p.pick(2) === 0,
        });
        return true;
      }
      case 'stock.transferReceive': {
        const transfers = (await all<{ id: string; status: string }>(device, 'transfers')).filter((t) => t.status !== 'received');
        const transfer = p.of(transfers);
        if (!transfer) return false;
        await receiveTransfer(env, transfer.id);
        return true;
      }
      case 'stock.receive': {
        const unitCost = p.pick(4) === 0 ? null : 800 + 100 * p.pick(5);
        await perform(env, 'stock.receive', {
          eventId: newId(env),
          lotId: newId(env),
          itemId: item.id,
          locationId: location,
          quantity,
          unitCost,
          supplierId: catalogue.supplier,
          source: 'manual',
        });
        return true;
      }
      case 'stock.costCorrection': {
        const lot = p.of(await all<{ id: string }>(device, 'lots'));
        if (!lot) return false;
        await correctCost(env, { lotId: lot.id, unitCost: 500 + 50 * p.pick(20), reason: 'Invoice price' });
        return true;
      }
      case 'purchaseOrder.save': {
        const orders = (await all<{ id: string; status: string }>(device, 'purchaseOrders')).filter((o) => o.status === 'draft');
        const existing = p.pick(3) === 0 ? p.of(orders) : undefined;
        await savePurchaseOrder(env, {
          id: existing?.id ?? null,
          supplierId: catalogue.supplier,
          lines: [{ itemId: item.id, supplierSku: null, quantity: 2 + quantity, unitCost: p.pick(3) === 0 ? null : 700 + 10 * p.pick(10) }],
          note: `Order ${p.pick(100)}`,
          shippingCost: p.pick(2) * 500,
        });
        return true;
      }
      case 'purchaseOrder.send': {
        const order = p.of((await all<{ id: string; status: string }>(device, 'purchaseOrders')).filter((o) => o.status === 'draft'));
        if (!order) return false;
        await sendPurchaseOrder(env, order.id);
        return true;
      }
      case 'purchaseOrder.receive': {
        const orders = (
          await all<{ id: string; status: string; lines: { id: string; quantity: number }[] }>(device, 'purchaseOrders')
        ).filter((o) => o.status !== 'draft' && o.status !== 'cancelled' && o.status !== 'received');
        const order = p.of(orders);
        if (!order) return false;
        await receivePurchaseOrder(env, {
          purchaseOrderId: order.id,
          locationId: location,
          landedCost: p.pick(2) * 300,
          lines: order.lines.map((l) => ({ lineId: l.id, quantity: 1 + p.pick(l.quantity) })),
        });
        return true;
      }
      case 'purchaseOrder.cancel': {
        const order = p.of(
          (await all<{ id: string; status: string }>(device, 'purchaseOrders')).filter((o) => o.status === 'draft' || o.status === 'sent'),
        );
        if (!order) return false;
        await cancelPurchaseOrder(env, order.id);
        return true;
      }
      case 'count.open': {
        await planCount(env, {
          name: `Count ${p.pick(100)}`,
          scope: 'location',
          refId: null,
          locationId: location,
          blind: p.pick(2) === 0,
        });
        return true;
      }
      case 'count.record': {
        const count = p.of((await all<{ id: string; status: string }>(device, 'counts')).filter((c) => c.status === 'open'));
        if (!count) return false;
        const entry = p.pick(3);
        await recordCount(
          env,
          count.id,
          `Zone ${p.pick(2)}`,
          item.id,
          entry === 0 ? { kind: 'scan' } : entry === 1 ? { kind: 'add', quantity } : { kind: 'set', quantity: p.pick(8) },
        );
        return true;
      }
      case 'count.apply': {
        const count = p.of(
          (await all<{ id: string; status: string; locationId: string }>(device, 'counts')).filter((c) => c.status === 'open'),
        );
        if (!count) return false;
        const choices = ['counted', 'difference', 'skip'] as const;
        await applyCount(env, {
          countId: count.id,
          choices: catalogue.items.map((i) => ({ itemId: i.id, locationId: count.locationId, choice: choices[p.pick(3)]! })),
          zeroes: [],
        });
        return true;
      }
      case 'count.cancel': {
        const count = p.of((await all<{ id: string; status: string }>(device, 'counts')).filter((c) => c.status === 'open'));
        if (!count) return false;
        await cancelCount(env, count.id);
        return true;
      }
      case 'item.save': {
        const patch = p.pick(3) === 0 ? { title: `Ring ${p.pick(50)}` } : { price: 1000 + 100 * p.pick(40) };
        await perform(env, 'item.save', { id: item.id, patch });
        return true;
      }
      case 'items.bulkEdit': {
        const ids = catalogue.items.filter(() => p.pick(2) === 0).map((i) => i.id);
        await perform(env, 'items.bulkEdit', {
          itemIds: ids.length > 0 ? ids : [item.id],
          ...(p.pick(2) === 0 ? { price: 2000 + 100 * p.pick(20) } : { addTags: [`tag${p.pick(3)}`] }),
        });
        return true;
      }
      case 'product.save': {
        await perform(env, 'product.save', { id: catalogue.productId, patch: { title: `Stacking ring ${p.pick(30)}` } });
        return true;
      }
      case 'category.save':
      case 'collection.save': {
        // A few fixed ids: two registers create or rename the same group offline (last writer wins).
        const id = catalogue.groupIds[p.pick(catalogue.groupIds.length)]!;
        if (op === 'category.save') await perform(env, op, { id, name: `Rings ${p.pick(9)}`, code: `R${p.pick(9)}` });
        else await perform(env, op, { id, name: `Autumn ${p.pick(9)}` });
        return true;
      }
      case 'piece.save': {
        await perform(env, 'piece.save', {
          id: catalogue.ooak.pieceId,
          patch: p.pick(2) === 0 ? { notes: `Rose gold ${p.pick(9)}` } : { cost: 40_000 + 500 * p.pick(9) },
        });
        return true;
      }
      case 'receipt.email': {
        const sale = p.of(await all<{ id: string }>(device, 'sales'));
        if (!sale) return false;
        await perform(env, 'receipt.email', { id: newId(env), saleId: sale.id, to: `buyer${p.pick(99)}@example.com` });
        return true;
      }
      case 'customer.save': {
        const customers = await all<{ id: string }>(device, 'customers');
        const customer = p.pick(2) === 0 ? p.of(customers) : undefined;
        if (customer)
          await updateCustomer(env, customer.id, p.pick(2) === 0 ? { phone: `555-01${p.pick(100)}` } : { notes: `Likes ${p.pick(9)}` });
        else await createCustomer(env, { name: `Customer ${p.pick(1000)}`, email: `c${p.pick(1000)}@example.com` });
        return true;
      }
      case 'location.save': {
        await perform(env, 'location.save', {
          id: location,
          name: `${location === catalogue.floor ? 'Floor' : 'Back room'} ${p.pick(20)}`,
        });
        return true;
      }
      case 'settings.update': {
        // Owner-only: the staff register's edit is refused by the server (and undone there).
        const patch = p.pick(2) === 0 ? { receiptHeader: `Thank you ${p.pick(100)}` } : { shopName: `Trove ${p.pick(100)}` };
        await perform(env, 'settings.update', { patch });
        return true;
      }
      case 'supplier.save': {
        await perform(env, 'supplier.save', {
          id: catalogue.supplier,
          ...(p.pick(2) === 0 ? { leadTimeDays: p.pick(30) } : { notes: `Call ${p.pick(9)}` }),
        });
        return true;
      }
      case 'cash.move': {
        const shiftId = await shiftOf(world, device);
        await moveCash(env, {
          shiftId,
          kind: p.pick(2) === 0 ? 'in' : 'out',
          amount: 100 * (1 + p.pick(20)),
          reason: 'Change for the till',
          staffId: null,
        });
        return true;
      }
      case 'shift.close': {
        const open = await openShiftOf(env.db, await registerCodeOf(env.db));
        if (!open) return false;
        await closeShift(env, { shiftId: open.id, countedCash: 10_000 + 100 * p.pick(50), closedBy: null });
        return true;
      }
      case 'case.resolve': {
        const cases = (await all<CaseRecord>(device, 'cases')).filter((c) => c.status === 'open');
        const open = p.of(cases);
        if (!open) return false;
        const how = open.type === 'piece-oversold' ? p.pick(3) : 2;
        if (how === 0) {
          const saleId = p.of(open.concerns.filter((k) => k.startsWith('sales/')))?.slice('sales/'.length);
          if (!saleId || !(await env.db.sales.get(saleId))) return false;
          await shiftOf(world, device);
          await refundOversold(env, open.id, { saleId, refundTo: p.pick(2) === 0 ? 'original' : 'credit', note: '', staffId: null });
        } else if (how === 1) {
          await foundStockOversold(env, open.id, 'Found a second one in the safe');
        } else {
          await resolveCase(env, open.id, 'dismissed', 'Seen');
        }
        return true;
      }
    }
  } catch (error) {
    // What a screen would refuse (a DomainError or a command's plain Error); anything else is a bug.
    if (error instanceof DomainError || (error instanceof Error && error.constructor === Error)) {
      device.refusedLocally.push(`${op}: ${error.message}`);
      return false;
    }
    throw error;
  }
}
