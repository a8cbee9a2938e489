import * as v from 'valibot';
import { defineMutation, type MutationMeta, type RecordStore } from '../sync/mutation';
import { creditOverspentCase, duplicateCreditCase, pieceOversoldCase, salesHoldingPiece, type CaseRecord } from '../cases';
import { DomainError } from '../errors';
import { money, text, uuid } from '../catalog/fields';
import { settingsOf, SETTINGS_ID, taxRate, type ShopSettingsRecord } from '../settings';
import { consumeFifo, type Consumption } from '../inventory/fifo';
import type { Lot, StockEvent } from '../inventory/ledger';
import type { ItemRecord } from '../catalog/item';
import type { PieceRecord } from '../inventory/pieces';
import { canApprove, type StaffRecord } from '../staff';
import { priceSale, type PricedLine } from './pricing';
import { settle } from './tender';
import { businessDay } from './shift';
import type { CreditEntry, CreditRecord, Discount, SaleComponent, SaleLine, SaleRecord } from './types';

const reason = v.pipe(
  v.string(),
  v.trim(),
  v.minLength(1, 'Give a reason for the discount'),
  v.maxLength(120, 'A reason is at most 120 characters'),
);
export const discountSchema = v.nullable(
  v.variant('kind', [
    v.strictObject({
      kind: v.literal('percent'),
      bp: v.pipe(
        v.number(),
        v.safeInteger('A percentage is whole basis points'),
        v.minValue(1, 'A discount is more than 0 %'),
        v.maxValue(10_000, 'A discount is at most 100 %'),
      ),
      reason,
    }),
    v.strictObject({ kind: v.literal('amount'), amount: v.pipe(money('Discount'), v.minValue(1, 'A discount is more than zero')), reason }),
  ]),
);

/** How a store credit or gift card code is written (printed on the voucher, or the card's barcode). */
export const GIFT_CARD_CODE = /^[A-Z0-9-]{4,32}$/;

const quantity = v.pipe(
  v.number(),
  v.safeInteger('Quantity must be whole'),
  v.minValue(1, 'Quantity is at least 1'),
  v.maxValue(10_000, 'Quantity is not realistic'),
);

const lineSchema = v.strictObject({
  lineId: uuid('Line id'),
  itemId: uuid('Item id'),
  pieceId: v.nullable(uuid('Piece id')),
  title: text('Title', 200),
  sku: text('SKU', 64),
  quantity,
  unitPrice: money('Price'),
  priceOverridden: v.boolean(),
  taxRateBp: taxRate,
  discount: discountSchema,
  eventId: v.nullable(uuid('Event id')),
  components: v.pipe(
    v.array(v.strictObject({ itemId: uuid('Component id'), quantity, listPrice: money('List price'), eventId: uuid('Event id') })),
    v.maxLength(50),
  ),
  /** A gift card sold: `itemId` is its account id (`creditId`); see `giftCardLineValid`. Left out: an item. */
  giftCard: v.optional(
    v.nullable(
      v.strictObject({
        creditId: uuid('Gift card id'),
        code: v.pipe(v.string(), v.regex(GIFT_CARD_CODE, 'A gift card code is 4–32 capital letters, digits or dashes')),
      }),
    ),
    null,
  ),
});

type LineArgs = v.InferOutput<typeof lineSchema>;

/**
 * A gift-card line is money put on a card's account, not goods: its `itemId` is the card's account
 * id, one at a time, at face value (no discount, no price override), without tax, with no stock
 * event and no gift-set components.
 */
function giftCardLineValid(l: LineArgs): boolean {
  const g = l.giftCard;
  return (
    g !== null &&
    l.itemId === g.creditId &&
    l.quantity === 1 &&
    l.pieceId === null &&
    l.components.length === 0 &&
    l.eventId === null &&
    l.taxRateBp === 0 &&
    l.discount === null &&
    !l.priceOverridden &&
    l.unitPrice > 0
  );
}

export const saleArgsSchema = v.pipe(
  v.strictObject({
    saleId: uuid('Sale id'),
    receiptNumber: v.pipe(v.string(), v.regex(/^[A-Z0-9]{1,8}-\d{1,12}$/, 'A receipt number is a register code and a sequence')),
    shiftId: uuid('Shift id'),
    businessDay,
    locationId: uuid('Location id'),
    staffId: v.nullable(uuid('Staff id')),
    approvedBy: v.nullable(uuid('Approver id')),
    customerId: v.nullable(uuid('Customer id')),
    taxMode: v.picklist(['inclusive', 'exclusive']),
    lines: v.pipe(v.array(lineSchema), v.minLength(1, 'A sale needs at least one line'), v.maxLength(500, 'A sale has at most 500 lines')),
    saleDiscount: discountSchema,
    tenders: v.pipe(
      v.array(
        v.strictObject({
          id: uuid('Tender id'),
          kind: v.picklist(['cash', 'card', 'other', 'credit']),
          amount: money('Payment'),
          method: v.nullable(text('Method', 40)),
          reference: v.nullable(text('Reference', 80)),
          creditId: v.optional(v.nullable(uuid('Store credit id')), null),
        }),
      ),
      v.maxLength(10, 'At most 10 payments on one sale'),
    ),
    cashIncrement: v.pipe(v.number(), v.safeInteger(), v.minValue(0), v.maxValue(1000)),
  }),
  v.check(
    (s) => s.lines.every((l) => l.giftCard !== null || (l.components.length === 0) !== (l.eventId === null)),
    'A line has either its own stock event or a gift set’s components',
  ),
  v.check(
    (s) => s.lines.every((l) => l.giftCard === null || giftCardLineValid(l)),
    'A gift card sells one at a time at its face value, without tax, discount or stock (its item is its account)',
  ),
  v.check((s) => {
    const cards = s.lines.flatMap((l) => (l.giftCard ? [l.giftCard.creditId] : []));
    const codes = s.lines.flatMap((l) => (l.giftCard ? [l.giftCard.code] : []));
    return new Set(cards).size === cards.length && new Set(codes).size === codes.length;
  }, 'A gift card can be in a sale only once'),
  v.check((s) => {
    const cards = new Set(s.lines.flatMap((l) => (l.giftCard ? [l.giftCard.creditId] : [])));
    return s.tenders.every((t) => !t.creditId || !cards.has(t.creditId));
  }, 'A gift card cannot pay for itself'),
  v.check(
    (s) => s.lines.every((l) => l.pieceId === null || (l.quantity === 1 && l.components.length === 0)),
    'A piece sells one at a time',
  ),
  v.check((s) => {
    const pieces = s.lines.flatMap((l) => (l.pieceId ? [l.pieceId] : []));
    return new Set(pieces).size === pieces.length;
  }, 'A piece can be in a sale only once'),
);

/** Arguments as a device sends them (a tender's creditId may be left out). */
export type SaleArgs = v.InferInput<typeof saleArgsSchema>;

/** Takes units of one item out of stock: a piece at its own cost, anything else by FIFO. */
async function takeStock(store: RecordStore, itemId: string, pieceId: string | null, units: number): Promise<Consumption> {
  if (pieceId) {
    const piece = (await store.get('pieces', pieceId)) as PieceRecord | undefined;
    if (!piece || piece.itemId !== itemId) throw new DomainError('piece-not-found', 'The sold piece does not exist', { pieceId });
    const cost = piece.values.cost;
    return { layers: [], cost: cost ?? 0, costUnknownQty: cost === null ? 1 : 0, uncoveredQty: 0 };
  }
  const item = (await store.get('items', itemId)) as ItemRecord | undefined;
  if (!item) throw new DomainError('item-not-found', 'A sold item does not exist', { itemId });
  const lotIds = await store.find('lots', 'itemId', itemId);
  const lots = (await Promise.all(lotIds.map((id) => store.get('lots', id)))).filter(Boolean) as unknown as Lot[];
  const { consumption, changed } = consumeFifo(lots, units, item.values.cost);
  for (const lot of changed) await store.put('lots', lot);
  return consumption;
}

/**
 * Whether `approvedBy` names a manager or owner of the shop. A cashier naming themselves (or
 * anyone who cannot approve) is no approval: the device asks for a manager's PIN, but the PIN pad
 * is a convenience gate and a forged sale could name anyone (ARCHITECTURE §10).
 */
async function approvedByManager(store: RecordStore, approvedBy: string | null): Promise<boolean> {
  if (!approvedBy) return false;
  const approver = (await store.get('staff', approvedBy)) as StaffRecord | undefined;
  return approver !== undefined && canApprove(approver.values.role);
}

/** Whether a discount takes more than `thresholdBp` of what it applies to. */
function overThreshold(discount: Discount | null, base: number, thresholdBp: number): boolean {
  if (!discount) return false;
  const amount = discount.kind === 'percent' ? (base * discount.bp) / 10_000 : discount.amount;
  return amount * 10_000 > base * thresholdBp;
}

/**
 * Completing a sale (§10 "Money on a sale"): prices every line, checks the tenders pay it, takes
 * the stock out (one sale event per item or gift-set component, FIFO layers consumed, COGS from
 * them) and stores the sale with every figure a refund or report will need. A gift card sold is
 * put on its account (a `credits` record and a +net ledger entry) instead of taking stock. The
 * server runs the same code; its COGS, decided in its order, is the final one. A sale is a fact:
 * it is never refused for a missing approval — it is flagged instead.
 */
export const completeSale = defineMutation({
  name: 'sale.complete',
  version: 1,
  // returns: a piece sold before and returned since is on hand again (salesHoldingPiece).
  tables: ['sales', 'stockEvents', 'lots', 'items', 'pieces', 'settings', 'credits', 'creditEntries', 'cases', 'staff', 'returns'],
  schema: saleArgsSchema,
  async apply(store, args, meta) {
    if (await store.get('sales', args.saleId)) return;
    const priced = priceSale(args.lines, args.saleDiscount, args.taxMode);
    const settlement = settle(priced.total, args.tenders, args.cashIncrement);
    const settings = settingsOf((await store.get('settings', SETTINGS_ID)) as ShopSettingsRecord | undefined);
    // Gift cards are checked before anything is written: a code another account holds refuses the sale.
    for (const line of args.lines) if (line.giftCard) await checkGiftCard(store, line.giftCard);
    const lines: SaleLine[] = [];
    /** Pieces another sale holds already (sold on two devices offline): the sale stands and a case opens. */
    const oversold: { pieceId: string; holding: string[] }[] = [];
    for (const [i, line] of args.lines.entries()) {
      const p = priced.lines[i]!;
      if (line.giftCard) {
        lines.push(giftCardLine(line, p));
        continue;
      }
      if (line.pieceId) {
        const holding = await salesHoldingPiece(store, line.pieceId, args.saleId);
        if (holding) oversold.push({ pieceId: line.pieceId, holding });
      }
      const parts =
        line.components.length > 0
          ? line.components.map((c) => ({ ...c, units: c.quantity * line.quantity }))
          : [{ itemId: line.itemId, units: line.quantity, eventId: line.eventId!, listPrice: line.unitPrice }];
      const components: SaleComponent[] = [];
      let cogs = 0;
      let costUnknownQty = 0;
      for (const [j, part] of parts.entries()) {
        const used = await takeStock(store, part.itemId, line.pieceId, part.units);
        const event: StockEvent & { cost: number | null; layers: Consumption['layers'] } = {
          id: part.eventId,
          type: 'sale',
          itemId: part.itemId,
          pieceId: line.pieceId,
          locationId: args.locationId,
          quantity: -part.units,
          unitCost: used.costUnknownQty === part.units ? null : Math.round(used.cost / (part.units - used.costUnknownQty)),
          occurredAt: meta.occurredAt,
          hlc: meta.hlc,
          deviceId: meta.deviceId,
          source: 'sale',
          ref: args.saleId,
          cost: used.costUnknownQty === part.units ? null : used.cost,
          layers: used.layers,
        };
        await store.put('stockEvents', event);
        cogs += used.cost;
        costUnknownQty += used.costUnknownQty;
        if (line.components.length > 0) {
          const split = p.componentSplit[j]!;
          components.push({
            itemId: part.itemId,
            quantity: part.units,
            listPrice: part.listPrice,
            net: split.net,
            tax: split.tax,
            cogs: event.cost,
            costUnknownQty: used.costUnknownQty,
            eventId: part.eventId,
          });
        }
      }
      const units = parts.reduce((s, part) => s + part.units, 0);
      lines.push({
        lineId: line.lineId,
        itemId: line.itemId,
        pieceId: line.pieceId,
        title: line.title,
        sku: line.sku,
        quantity: line.quantity,
        unitPrice: line.unitPrice,
        gross: p.gross,
        lineDiscount: p.lineDiscount,
        lineDiscountReason: line.discount?.reason ?? null,
        saleDiscountShare: p.saleDiscountShare,
        net: p.net,
        taxRateBp: line.taxRateBp,
        tax: p.tax,
        total: p.total,
        cogs: costUnknownQty === units ? null : cogs,
        costUnknownQty,
        priceOverridden: line.priceOverridden,
        components,
        eventId: line.eventId,
        giftCard: null,
      });
    }
    const needsApproval =
      args.lines.some((l, i) => l.priceOverridden || overThreshold(l.discount, priced.lines[i]!.gross, settings.approvalThresholdBp)) ||
      overThreshold(
        args.saleDiscount,
        // What the whole-sale discount applies to: the items (a gift card takes none of it).
        priced.lines.reduce((s, l, i) => (args.lines[i]!.giftCard ? s : s + l.gross - l.lineDiscount), 0),
        settings.approvalThresholdBp,
      );
    const discountFlag =
      needsApproval && args.staffId !== null && !(await approvedByManager(store, args.approvedBy)) ? 'unapproved-discount' : null;
    const flags = [discountFlag, oversold.length > 0 ? 'piece-oversold' : null].filter((f) => f !== null);
    const sale: SaleRecord = {
      id: args.saleId,
      receiptNumber: args.receiptNumber,
      shiftId: args.shiftId,
      businessDay: args.businessDay,
      occurredAt: meta.occurredAt,
      hlc: meta.hlc,
      deviceId: meta.deviceId,
      locationId: args.locationId,
      staffId: args.staffId,
      approvedBy: args.approvedBy,
      // A shop with no staff set up (no PINs, staffId null) has no one to approve: nothing to flag.
      flagged: flags.length > 0 ? flags.join(',') : null,
      customerId: args.customerId,
      taxMode: args.taxMode,
      lines,
      saleDiscount: args.saleDiscount,
      subtotal: priced.subtotal,
      discountTotal: priced.discountTotal,
      taxTotal: priced.taxTotal,
      total: priced.total,
      cashRounding: settlement.cashRounding,
      tenders: settlement.tenders,
      change: settlement.change,
      taxByRate: priced.taxByRate,
      status: 'completed',
    };
    await store.put('sales', sale);
    await markPiecesSold(store, sale, oversold, meta);
    for (const line of lines) if (line.giftCard) await loadGiftCard(store, line, sale, meta);
    for (const t of settlement.tenders)
      if (t.kind === 'credit') await spendCredit(store, t.creditId!, t.reference, t.amount, args.saleId, t.id, meta);
  },
});

/**
 * Every piece sold names its last sale on its record: two sales of one piece then write the same
 * record, so a device replaying its pending sale over a pulled one sees the other (§10 local write
 * model) and opens the same one case the server does. A piece another sale still holds opens (or
 * extends) the case `piece-oversold:<pieceId>`; the sale applied later — the server's order is the
 * final one — is the flagged one.
 */
async function markPiecesSold(
  store: RecordStore,
  sale: SaleRecord,
  oversold: { pieceId: string; holding: string[] }[],
  meta: MutationMeta,
): Promise<void> {
  for (const line of sale.lines) {
    if (!line.pieceId) continue;
    const piece = (await store.get('pieces', line.pieceId)) as PieceRecord | undefined;
    if (!piece) continue;
    await store.put('pieces', { ...piece, lastSaleId: sale.id });
    const found = oversold.find((o) => o.pieceId === line.pieceId);
    if (!found) continue;
    const earlier = (await Promise.all(found.holding.map((id) => store.get('sales', id)))).filter(Boolean) as unknown as SaleRecord[];
    const existing = (await store.get('cases', `piece-oversold:${line.pieceId}`)) as CaseRecord | undefined;
    const label = `${line.title} (${line.sku})`;
    await store.put(
      'cases',
      pieceOversoldCase(
        { id: line.pieceId, itemId: line.itemId, serial: piece.values.serial, label },
        earlier.map((s) => ({ id: s.id, receiptNumber: s.receiptNumber })),
        { id: sale.id, receiptNumber: sale.receiptNumber },
        meta.occurredAt,
        existing,
      ),
    );
  }
}

/** The card's account, if it exists, is a gift card with that code (an account never changes its code). */
async function checkGiftCard(store: RecordStore, card: { creditId: string; code: string }): Promise<void> {
  const existing = (await store.get('credits', card.creditId)) as CreditRecord | undefined;
  if (existing && (existing.kind !== 'gift-card' || existing.code !== card.code))
    throw new DomainError('gift-card-mismatch', `That account is not gift card ${card.code}`, { creditId: card.creditId });
}

/** The stored line of a gift card sold: its price, no tax, no cost, no stock. */
function giftCardLine(line: LineArgs, p: PricedLine): SaleLine {
  return {
    lineId: line.lineId,
    itemId: line.itemId,
    pieceId: null,
    title: line.title,
    sku: line.sku,
    quantity: 1,
    unitPrice: line.unitPrice,
    gross: p.gross,
    lineDiscount: 0,
    lineDiscountReason: null,
    saleDiscountShare: 0,
    net: p.net,
    taxRateBp: 0,
    tax: 0,
    total: p.total,
    cogs: 0,
    costUnknownQty: 0,
    priceOverridden: false,
    components: [],
    eventId: null,
    giftCard: { creditId: line.giftCard!.creditId, code: line.giftCard!.code },
  };
}

/**
 * A gift card sold: its account (made the first time; the customer of the sale, if any) is credited
 * with the line's net — a liability that syncs as ledger entries like store credit.
 */
async function loadGiftCard(store: RecordStore, line: SaleLine, sale: SaleRecord, meta: MutationMeta): Promise<void> {
  const card = line.giftCard!;
  if (!(await store.get('credits', card.creditId))) {
    // The register refuses a code it knows is taken; two registers offline can still both sell a
    // card with one code. A sale is a fact, so it stands, and a person decides which card is which.
    const holders = (await store.find('credits', 'code', card.code)).filter((id) => id !== card.creditId);
    if (holders.length > 0) await store.put('cases', duplicateCreditCase(card.code, [...holders, card.creditId], sale.id, meta.occurredAt));
    const credit: CreditRecord = {
      id: card.creditId,
      code: card.code,
      customerId: sale.customerId,
      kind: 'gift-card',
      createdAt: meta.occurredAt,
    };
    await store.put('credits', credit);
  }
  const entry: CreditEntry = {
    id: `${sale.id}:${line.lineId}`,
    creditId: card.creditId,
    amount: line.net,
    saleId: sale.id,
    returnId: null,
    occurredAt: meta.occurredAt,
    deviceId: meta.deviceId,
  };
  await store.put('creditEntries', entry);
}

/**
 * Spends store credit: an entry taking `amount` off the account; below zero opens the account's
 * one case. An account this store does not hold — made on a register by a change the server did
 * not keep (a refund to credit on a case another register had already resolved) — does not refuse
 * the sale (a sale is a fact, §10): the account is recorded as it was spent, and its balance below
 * zero opens the same case for a person to settle. Found by the convergence property test.
 */
async function spendCredit(
  store: RecordStore,
  creditId: string,
  reference: string | null,
  amount: number,
  saleId: string,
  entryId: string,
  meta: MutationMeta,
): Promise<void> {
  let credit = (await store.get('credits', creditId)) as CreditRecord | undefined;
  if (!credit) {
    credit = {
      id: creditId,
      code: reference ?? creditId.slice(-8).toUpperCase(),
      customerId: null,
      kind: 'store-credit',
      createdAt: meta.occurredAt,
    };
    await store.put('credits', credit);
  }
  const entry: CreditEntry = {
    id: entryId,
    creditId,
    amount: -amount,
    saleId,
    returnId: null,
    occurredAt: meta.occurredAt,
    deviceId: meta.deviceId,
  };
  await store.put('creditEntries', entry);
  const entries = (await Promise.all(
    (await store.find('creditEntries', 'creditId', creditId)).map((id) => store.get('creditEntries', id)),
  )) as unknown as CreditEntry[];
  const balance = entries.reduce((sum, e) => sum + (e?.amount ?? 0), 0);
  if (balance >= 0) return;
  // A sale is a fact: it stands. The overspend becomes a case for a person to settle.
  const spentBy = [...new Set(entries.filter((e) => e && e.amount < 0 && e.saleId).map((e) => e.saleId!))];
  const existing = (await store.get('cases', `credit-overspent:${creditId}`)) as CaseRecord | undefined;
  await store.put(
    'cases',
    existing
      ? { ...existing, concerns: [...new Set([...existing.concerns, `sales/${saleId}`])] }
      : creditOverspentCase(creditId, credit.code, balance, meta.occurredAt, spentBy, credit.kind),
  );
}
