import * as v from 'valibot';
import { defineMutation, type MutationMeta, type RecordStore } from '../sync/mutation';
import { DomainError } from '../errors';
import { Money, roundHalfAwayFromZero } from '../money';
import { money, text, uuid } from '../catalog/fields';
import { taxRate } from '../settings';
import type { ItemRecord } from '../catalog/item';
import type { PieceRecord } from '../inventory/pieces';
import type { Lot, StockEvent } from '../inventory/ledger';
import { businessDay } from './shift';
import { priceSale } from './pricing';
import { reopen, type CaseRecord } from '../cases';
import type { CreditEntry, CreditRecord, Refund, ReturnLine, ReturnRecord, SaleLine, SaleRecord, ShiftRecord } from './types';

/** Figures of a sale line already given back by earlier returns. */
export type Returned = { quantity: number; net: number; tax: number; total: number; cogs: number };

const NONE: Returned = { quantity: 0, net: 0, tax: 0, total: 0, cogs: 0 };

/**
 * The share of a stored sale line that `quantity` more units give back (§10: refunds use the stored
 * figures, never recomputed ones). Cumulative: the first k units get round(figure × k / Q), so
 * returning every unit, in however many returns, gives back exactly the line's figures.
 */
export function returnShare(
  line: Pick<SaleLine, 'quantity' | 'net' | 'tax' | 'total' | 'cogs'>,
  before: Returned,
  quantity: number,
): Returned {
  const upto = before.quantity + quantity;
  if (!Number.isSafeInteger(quantity) || quantity < 1) throw new DomainError('quantity-invalid', 'Return at least one unit');
  if (upto > line.quantity)
    throw new DomainError('return-too-many', `Only ${line.quantity - before.quantity} of this line can still be returned`, {
      left: line.quantity - before.quantity,
    });
  const part = (figure: number, already: number) =>
    (upto === line.quantity ? figure : roundHalfAwayFromZero(BigInt(figure) * BigInt(upto), BigInt(line.quantity))) - already;
  return {
    quantity,
    net: part(line.net, before.net),
    tax: part(line.tax, before.tax),
    total: part(line.total, before.total),
    cogs: part(line.cogs ?? 0, before.cogs),
  };
}

const refundSchema = v.strictObject({
  kind: v.picklist(['cash', 'card', 'other', 'credit']),
  amount: money('Refund'),
  method: v.nullable(text('Method', 40)),
  reference: v.nullable(text('Reference', 80)),
  creditId: v.nullable(uuid('Store credit id')),
});

export const returnArgsSchema = v.pipe(
  v.strictObject({
    returnId: uuid('Return id'),
    kind: v.picklist(['return', 'void']),
    saleId: v.nullable(uuid('Sale id')),
    shiftId: uuid('Shift id'),
    businessDay,
    staffId: v.nullable(uuid('Staff id')),
    approvedBy: v.nullable(uuid('Approver id')),
    customerId: v.nullable(uuid('Customer id')),
    reason: v.pipe(v.string(), v.trim(), v.minLength(1, 'Give a reason for the return'), v.maxLength(200)),
    taxMode: v.picklist(['inclusive', 'exclusive']),
    lines: v.pipe(
      v.array(
        v.strictObject({
          saleLineId: v.nullable(uuid('Sale line id')),
          itemId: uuid('Item id'),
          pieceId: v.nullable(uuid('Piece id')),
          quantity: v.pipe(
            v.number(),
            v.safeInteger('Quantity must be whole'),
            v.minValue(1, 'Return at least one unit'),
            v.maxValue(10_000),
          ),
          locationId: uuid('Location id'),
          eventIds: v.pipe(v.array(uuid('Event id')), v.minLength(1), v.maxLength(50)),
          /** Without a receipt: the price refunded (today's), its tax rate and what it was. */
          unitPrice: v.optional(money('Price')),
          taxRateBp: v.optional(taxRate),
          title: v.optional(text('Title', 200)),
          sku: v.optional(text('SKU', 64)),
        }),
      ),
      v.minLength(1, 'Choose at least one line to return'),
      v.maxLength(500),
    ),
    refunds: v.pipe(v.array(refundSchema), v.maxLength(10)),
    /**
     * The earlier returns of the sale the recording device knew of (stamped where it was recorded).
     * A return is judged against these; one another register made meanwhile, offline, does not
     * refuse it — both stand and a return-overlap case opens. Absent (an older app's): all of them.
     */
    knownReturns: v.optional(v.pipe(v.array(uuid('Return id')), v.maxLength(500))),
    /** A new store-credit account the refund opens (its code is printed on the voucher). */
    newCredit: v.nullable(
      v.strictObject({
        id: uuid('Store credit id'),
        code: v.pipe(v.string(), v.regex(/^[A-Z0-9-]{4,32}$/, 'A credit code is 4–32 letters, digits or dashes')),
      }),
    ),
  }),
  v.check((a) => a.saleId !== null || a.kind === 'return', 'A void names its sale'),
  v.check((a) => a.saleId !== null || a.approvedBy !== null || a.staffId === null, 'A return without a receipt needs a manager’s approval'),
);

export type ReturnArgs = v.InferInput<typeof returnArgsSchema>;
type Args = v.InferOutput<typeof returnArgsSchema>;

/** The returns already made of a sale (whose stored figures `returnable` adds up). */
async function returnsOfSale(store: RecordStore, saleId: string): Promise<ReturnRecord[]> {
  const ids = await store.find('returns', 'saleId', saleId);
  return (await Promise.all(ids.map((id) => store.get('returns', id)))).filter(Boolean) as unknown as ReturnRecord[];
}

/** `stamp` of a return: the returns of its sale this device knows of now (see `knownReturns`). */
export async function stampKnownReturns<A extends { saleId: string | null }>(store: RecordStore, args: A): Promise<A> {
  return args.saleId ? { ...args, knownReturns: (await returnsOfSale(store, args.saleId)).map((r) => r.id).sort() } : args;
}

/**
 * Returns of one sale made on registers that did not know of each other and that together give
 * back more than was sold (or void a sale that was also returned): the refunds were paid, so all
 * stand; a manager settles the difference. One case per sale, derived from its id.
 */
async function noteOverlap(store: RecordStore, sale: SaleRecord, all: readonly ReturnRecord[], openedAt: string): Promise<void> {
  const back = new Map<string, number>();
  for (const r of all) for (const l of r.lines) if (l.saleLineId) back.set(l.saleLineId, (back.get(l.saleLineId) ?? 0) + l.quantity);
  const over = sale.lines.filter((l) => (back.get(l.lineId) ?? 0) > l.quantity);
  const voidedAndReturned = all.some((r) => r.kind === 'void') && all.length > 1;
  if (over.length === 0 && !voidedAndReturned) return;
  const id = `return-overlap:${sale.id}`;
  const existing = (await store.get('cases', id)) as CaseRecord | undefined;
  const extra = over.map((l) => `${(back.get(l.lineId) ?? 0) - l.quantity} × ${l.title}`).join(', ');
  const summary =
    `Sale ${sale.receiptNumber} was refunded on registers that were offline and did not know of each other` +
    (extra ? `: ${extra} more than was sold came back.` : ': it was voided and also returned.') +
    ' Every refund was paid and stands; check the drawer and the stock.';
  const concerns = [`sales/${sale.id}`, ...all.map((r) => `returns/${r.id}`).sort()];
  if (existing?.concerns.join() === concerns.join()) return; // nothing new (the same return again)
  await store.put(
    'cases',
    existing ? reopen(existing, { concerns, summary }) : { id, type: 'return-overlap', concerns, status: 'open', summary, openedAt },
  );
}

/** Units back into stock: one return event per item, a FIFO layer at the cost the sale recorded (§10), a piece as itself. */
async function restock(
  store: RecordStore,
  args: Args,
  line: Args['lines'][number],
  parts: { itemId: string; units: number; cost: number | null }[],
  meta: MutationMeta,
): Promise<void> {
  for (const [i, part] of parts.entries()) {
    const eventId = line.eventIds[i];
    if (!eventId) throw new DomainError('invalid-args', 'Each returned item needs its own event id');
    const unitCost = part.cost === null || part.units === 0 ? null : Math.round(part.cost / part.units);
    const event: StockEvent = {
      id: eventId,
      type: 'return',
      itemId: part.itemId,
      pieceId: line.pieceId,
      locationId: line.locationId,
      quantity: part.units,
      unitCost,
      occurredAt: meta.occurredAt,
      hlc: meta.hlc,
      deviceId: meta.deviceId,
      source: args.kind,
      ref: args.returnId,
    };
    await store.put('stockEvents', event);
    if (line.pieceId) continue; // a piece keeps its own cost; no layer
    const lot: Lot = {
      id: eventId,
      itemId: part.itemId,
      receivedAt: meta.occurredAt,
      qtyReceived: part.units,
      qtyRemaining: part.units,
      unitCost,
      supplierId: null,
      purchaseOrderId: null,
      eventId,
    };
    await store.put('lots', lot);
  }
}

/**
 * A return (some or all lines of a sale, at the figures the sale stored) or a void (all of it,
 * within its shift). Stock goes back — to a sellable place or to one for damaged goods — by new
 * events; the refund is paid in the sale's tenders or as store credit. Nothing is deleted.
 */
export const createReturn = defineMutation({
  name: 'return.create',
  version: 1,
  tables: ['returns', 'sales', 'shifts', 'stockEvents', 'lots', 'items', 'pieces', 'credits', 'creditEntries', 'cases'],
  schema: returnArgsSchema,
  stamp: stampKnownReturns,
  async apply(store, args, meta) {
    if (await store.get('returns', args.returnId)) return;
    const sale = args.saleId ? ((await store.get('sales', args.saleId)) as unknown as SaleRecord | undefined) : undefined;
    if (args.saleId && !sale)
      throw new DomainError('sale-not-found', 'The sale being returned is not known here yet', { saleId: args.saleId });
    const all = sale ? await returnsOfSale(store, sale.id) : [];
    const known = args.knownReturns;
    const previous = known ? all.filter((r) => known.includes(r.id)) : all;
    if (sale?.status === 'voided' && previous.some((r) => r.kind === 'void'))
      throw new DomainError('sale-voided', `Sale ${sale.receiptNumber} was voided: nothing is left to return`);
    const before: Map<string, Returned> = sale ? returnable(sale, previous) : new Map();
    const lines: ReturnLine[] = [];
    for (const line of args.lines) {
      if (sale) {
        const sold = sale.lines.find((l) => l.lineId === line.saleLineId);
        if (!sold || sold.itemId !== line.itemId)
          throw new DomainError('line-not-in-sale', `That line is not on sale ${sale.receiptNumber}`);
        if (sold.giftCard) throw giftCardNotReturnable(sold.giftCard.code);
        const share = returnShare(sold, before.get(sold.lineId) ?? NONE, line.quantity);
        const parts =
          sold.components.length > 0
            ? sold.components.map((c) => ({
                itemId: c.itemId,
                units: (c.quantity / sold.quantity) * line.quantity,
                cost: c.cogs === null ? null : Math.round((c.cogs * line.quantity) / sold.quantity),
              }))
            : [{ itemId: sold.itemId, units: line.quantity, cost: sold.cogs === null ? null : share.cogs }];
        await restock(store, args, line, parts, meta);
        lines.push({
          saleLineId: sold.lineId,
          itemId: sold.itemId,
          pieceId: sold.pieceId,
          title: sold.title,
          sku: sold.sku,
          quantity: line.quantity,
          net: share.net,
          tax: share.tax,
          total: share.total,
          cogs: sold.cogs === null ? null : share.cogs,
          locationId: line.locationId,
          eventIds: line.eventIds,
        });
      } else {
        // No receipt: today's price (a manager approved it), restocked at the item's cost.
        const item = (await store.get('items', line.itemId)) as ItemRecord | undefined;
        if (!item) throw new DomainError('item-not-found', 'The returned item does not exist', { itemId: line.itemId });
        const piece = line.pieceId ? ((await store.get('pieces', line.pieceId)) as PieceRecord | undefined) : undefined;
        const unitCost = piece ? piece.values.cost : item.values.cost;
        const priced = priceSale(
          [
            {
              lineId: 'r',
              quantity: line.quantity,
              unitPrice: line.unitPrice ?? item.values.price,
              taxRateBp: line.taxRateBp ?? 0,
              discount: null,
            },
          ],
          null,
          args.taxMode,
        ).lines[0]!;
        const cogs = unitCost === null ? null : unitCost * line.quantity;
        await restock(store, args, line, [{ itemId: line.itemId, units: line.quantity, cost: cogs }], meta);
        lines.push({
          saleLineId: null,
          itemId: line.itemId,
          pieceId: line.pieceId,
          title: line.title ?? item.values.sku,
          sku: line.sku ?? item.values.sku,
          quantity: line.quantity,
          net: priced.net,
          tax: priced.tax,
          total: priced.total,
          cogs,
          locationId: line.locationId,
          eventIds: line.eventIds,
        });
      }
    }
    const total = lines.reduce((s, l) => s + l.total, 0);
    if (args.kind === 'void') {
      if (!sale) throw new DomainError('sale-not-found', 'Nothing to void');
      const shift = (await store.get('shifts', sale.shiftId)) as unknown as ShiftRecord | undefined;
      if (shift?.status !== 'open')
        throw new DomainError('void-after-shift', 'A sale can only be voided within its shift; make a return instead');
      if (previous.length > 0 || lines.length !== sale.lines.length || lines.some((l, i) => l.quantity !== sale.lines[i]!.quantity))
        throw new DomainError('void-partial', 'A void takes back the whole sale, and only one that has had no returns');
    }
    // What goes back: the total (a void also gives back the cash rounding it took).
    const due = total + (args.kind === 'void' && sale ? sale.cashRounding : 0);
    const refunded = args.refunds.reduce((s, r) => s + r.amount, 0);
    if (refunded !== due)
      throw new DomainError('refund-mismatch', `The refunds add up to ${refunded}, the return to ${due}`, { refunded, due });
    const refunds: Refund[] = [];
    for (const [i, r] of args.refunds.entries()) {
      if (r.kind === 'credit') {
        if (!r.creditId) throw new DomainError('invalid-args', 'A refund to store credit names its account');
        if (!(await store.get('credits', r.creditId))) {
          if (args.newCredit?.id !== r.creditId) throw new DomainError('credit-not-found', 'That store credit does not exist');
          const credit: CreditRecord = {
            id: r.creditId,
            code: args.newCredit.code,
            customerId: args.customerId ?? sale?.customerId ?? null,
            kind: 'store-credit',
            createdAt: meta.occurredAt,
          };
          await store.put('credits', credit);
        }
        const entry: CreditEntry = {
          id: `${args.returnId}:${i}`,
          creditId: r.creditId,
          amount: r.amount,
          saleId: null,
          returnId: args.returnId,
          occurredAt: meta.occurredAt,
          deviceId: meta.deviceId,
        };
        await store.put('creditEntries', entry);
      }
      refunds.push({ ...r });
    }
    const record: ReturnRecord = {
      id: args.returnId,
      saleId: sale?.id ?? null,
      receiptNumber: sale?.receiptNumber ?? null,
      shiftId: args.shiftId,
      businessDay: args.businessDay,
      occurredAt: meta.occurredAt,
      hlc: meta.hlc,
      deviceId: meta.deviceId,
      staffId: args.staffId,
      approvedBy: args.approvedBy,
      customerId: args.customerId ?? sale?.customerId ?? null,
      reason: args.reason,
      taxMode: args.taxMode,
      lines,
      netTotal: lines.reduce((s, l) => s + l.net, 0),
      taxTotal: lines.reduce((s, l) => s + l.tax, 0),
      total,
      refunds,
      kind: args.kind,
    };
    await store.put('returns', record);
    if (args.kind === 'void' && sale) await store.put('sales', { ...sale, status: 'voided' });
    if (sale && previous.length < all.length) await noteOverlap(store, sale, [...all, record], meta.occurredAt);
  },
});

/**
 * A gift card sold is money on its account, which may be spent already (on any register): it is
 * never taken back by a return or a void. Its balance is spent like cash, or settled by a manager.
 */
function giftCardNotReturnable(code: string): DomainError {
  return new DomainError(
    'gift-card-not-returnable',
    `Gift card ${code} cannot be returned or voided: its balance is spent like money (a manager settles any dispute)`,
    { code },
  );
}

/** Whether a stored sale line is a gift card sold (sales stored before gift cards have no field: not one). */
export const isGiftCard = (line: Pick<SaleLine, 'giftCard'>): boolean => (line.giftCard ?? null) !== null;

/** What is left to return of each line of a sale, after the returns already made (a gift card: nothing). */
export function returnable(sale: SaleRecord, previous: readonly ReturnRecord[]): Map<string, Returned & { left: number }> {
  const out = new Map<string, Returned & { left: number }>();
  for (const line of sale.lines) out.set(line.lineId, { ...NONE, left: isGiftCard(line) ? 0 : line.quantity });
  for (const r of previous)
    for (const l of r.lines) {
      const b = l.saleLineId ? out.get(l.saleLineId) : undefined;
      if (!b) continue;
      out.set(l.saleLineId!, {
        quantity: b.quantity + l.quantity,
        net: b.net + l.net,
        tax: b.tax + l.tax,
        total: b.total + l.total,
        cogs: b.cogs + (l.cogs ?? 0),
        left: Math.max(0, b.left - l.quantity), // two registers may have given back more (a return-overlap case)
      });
    }
  return out;
}

/** The refund a choice of lines and quantities comes to, from the sale's stored figures. */
export function refundFor(
  sale: SaleRecord,
  previous: readonly ReturnRecord[],
  choice: readonly { saleLineId: string; quantity: number }[],
): number {
  const state = returnable(sale, previous);
  return choice.reduce((sum, c) => {
    const line = sale.lines.find((l) => l.lineId === c.saleLineId);
    const before = state.get(c.saleLineId);
    return line && before && c.quantity > 0 ? sum + returnShare(line, before, c.quantity).total : sum;
  }, 0);
}

/**
 * Refunds "to the original payment": shared over the sale's tenders in proportion to what each paid
 * (no cent lost), so card money goes back to the card and store credit back to its account.
 */
export function refundsToTenders(sale: SaleRecord, amount: number): Refund[] {
  const paid = sale.tenders.filter((t) => t.amount > 0);
  if (paid.length === 0 || amount === 0)
    return amount === 0 ? [] : [{ kind: 'cash', amount, method: null, reference: null, creditId: null }];
  const shares = Money.allocate(
    Money.of(amount),
    paid.map((t) => t.amount),
  );
  return paid.flatMap((t, i) =>
    shares[i]! > 0 ? [{ kind: t.kind, amount: shares[i]!, method: t.method, reference: t.reference, creditId: t.creditId ?? null }] : [],
  );
}
