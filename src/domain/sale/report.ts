import type { RecordStore } from '../sync/mutation';
import type { CashMovement, Refund, ReturnRecord, SaleRecord, ShiftRecord, Tender } from './types';

/*
 * X and Z reports of a shift (ARCHITECTURE.md §10 "Money on a sale", "Rollups"). Every figure is
 * a sum of what the sales, returns and cash movements stored — never recomputed from prices — so
 * the device (X report, live) and the server (Z report, frozen by `shift.close`) agree to the cent
 * whatever order the records arrive in. COGS is left out on purpose: it stays provisional until
 * the server has ordered the events, and a Z report freezes only revenue, tax and tenders.
 *
 * Voiding a sale is a ReturnRecord of kind 'void': the sale still counts among the shift's sales
 * and the void takes it back out, on a line of its own (so voids are never mistaken for returns).
 *
 * A gift card sold is not revenue: it is money the shop owes on the card until it is spent (a
 * liability, with no tax). Its lines stay out of the sales, tax and staff figures and show as
 * "gift cards sold" of their own; the payments that bought them still count among the payments
 * taken and in the cash drawer. (Revenue comes when a card is spent, on the sale it pays for.)
 */

/** What a set of sales, returns or voids came to (integer minor units). */
export interface ReportFigures {
  count: number;
  /** Sum of line nets, in the shop's tax mode (tax included when prices include it). */
  net: number;
  tax: number;
  /** What the customers paid or got back: line totals (net, plus tax when prices exclude it). */
  total: number;
}

export interface SalesFigures extends ReportFigures {
  /** Units × price before any discount, in the shop's tax mode. */
  gross: number;
  /** Line discounts and shares of whole-sale discounts. */
  discounts: number;
  /** Cash rounding, its own line (§10): what was due beyond the line totals. */
  cashRounding: number;
}

/** Tax at one rate, sales less returns. `rateBp` null: returned lines with no receipt to say their rate. */
export interface TaxRateRow {
  rateBp: number | null;
  /** Amount before tax. */
  taxable: number;
  tax: number;
  /** Amount with tax. */
  gross: number;
}

/** Money taken or paid back one way: cash, card, an "other" method (by name), or store credit. */
export interface PaymentRow {
  kind: Tender['kind'];
  /** The method of an "other" payment (bank transfer…); null for the rest. */
  method: string | null;
  count: number;
  amount: number;
}

export interface DiscountRow {
  reason: string;
  /** How many discounts gave this reason (a whole-sale discount counts once). */
  count: number;
  amount: number;
}

/** What one staff member rang up (null: a shop without PINs). */
export interface StaffRow {
  staffId: string | null;
  salesCount: number;
  /** Sum of their sales' totals (gift cards sold left out: not revenue). */
  salesTotal: number;
  discounts: number;
  returnsCount: number;
  returnsTotal: number;
  voidsCount: number;
  voidsTotal: number;
}

/** The drawer: what should be in it when the shift ends. */
export interface CashFigures {
  openingFloat: number;
  /** Cash applied to sales (what was handed over less change). */
  sales: number;
  /** Cash handed back for returns and voids. */
  refunds: number;
  payIns: number;
  payOuts: number;
  /** openingFloat + sales − refunds + payIns − payOuts. */
  expected: number;
}

/** Gift cards sold: a liability (money owed on the cards), never revenue, no tax. */
export interface GiftCardFigures {
  /** Cards sold (a card topped up counts again). */
  count: number;
  amount: number;
}

export interface ShiftReport {
  /** Sales of goods: the count is of sales with at least one item (not only gift cards). */
  sales: SalesFigures;
  /** Absent on Z reports frozen before gift cards were sold: read as none. */
  giftCards: GiftCardFigures;
  returns: ReportFigures;
  voids: ReportFigures;
  /** Sales less returns and voids. */
  netSales: number;
  netTax: number;
  netTotal: number;
  /** Revenue without tax: netTotal − netTax (the figure a Z report freezes). */
  revenue: number;
  taxByRate: TaxRateRow[];
  discounts: DiscountRow[];
  tenders: PaymentRow[];
  tendersTotal: number;
  refunds: PaymentRow[];
  refundsTotal: number;
  cash: CashFigures;
  /** Pay-ins and pay-outs with their reasons, in the order they happened. */
  movements: CashMovement[];
  byStaff: StaffRow[];
}

const KIND_ORDER: Record<Tender['kind'], number> = { cash: 0, card: 1, other: 2, credit: 3 };
const NO_REASON = 'No reason given';

const byKey = <T>(rows: Map<string, T>): T[] => [...rows.values()];

function addPayment(rows: Map<string, PaymentRow>, payment: Pick<Tender | Refund, 'kind' | 'method' | 'amount'>): void {
  const method = payment.kind === 'other' ? payment.method?.trim() || 'Other' : null;
  const key = `${payment.kind}|${method ?? ''}`;
  const row = rows.get(key) ?? { kind: payment.kind, method, count: 0, amount: 0 };
  row.count += 1;
  row.amount += payment.amount;
  rows.set(key, row);
}

const sortPayments = (rows: PaymentRow[]): PaymentRow[] =>
  rows.sort((a, b) => KIND_ORDER[a.kind] - KIND_ORDER[b.kind] || (a.method ?? '').localeCompare(b.method ?? ''));

function addTax(rows: Map<string, TaxRateRow>, rateBp: number | null, total: number, tax: number, sign: 1 | -1): void {
  const key = String(rateBp);
  const row = rows.get(key) ?? { rateBp, taxable: 0, tax: 0, gross: 0 };
  row.taxable += sign * (total - tax);
  row.tax += sign * tax;
  row.gross += sign * total;
  rows.set(key, row);
}

function addDiscount(rows: Map<string, DiscountRow>, reason: string | null | undefined, amount: number): void {
  if (amount === 0) return;
  const key = reason?.trim() || NO_REASON;
  const row = rows.get(key) ?? { reason: key, count: 0, amount: 0 };
  row.count += 1;
  row.amount += amount;
  rows.set(key, row);
}

function staffRow(rows: Map<string, StaffRow>, staffId: string | null): StaffRow {
  const key = staffId ?? '';
  let row = rows.get(key);
  if (!row) {
    row = { staffId, salesCount: 0, salesTotal: 0, discounts: 0, returnsCount: 0, returnsTotal: 0, voidsCount: 0, voidsTotal: 0 };
    rows.set(key, row);
  }
  return row;
}

const figures = (): ReportFigures => ({ count: 0, net: 0, tax: 0, total: 0 });

/**
 * The report of one shift from its stored records. `sales`, `returns` and `movements` are the
 * records of this shift (other shifts' are ignored); `returnedSales` are the sales its returns
 * refer to (any shift), read only for the tax rate of each returned line. Every figure is an
 * integer and no input order changes any of them.
 */
export function shiftReport(
  shift: Pick<ShiftRecord, 'id' | 'openingFloat'>,
  sales: readonly SaleRecord[],
  returns: readonly ReturnRecord[],
  movements: readonly CashMovement[],
  returnedSales: readonly SaleRecord[] = [],
): ShiftReport {
  const ownSales = sales.filter((s) => s.shiftId === shift.id);
  const ownReturns = returns.filter((r) => r.shiftId === shift.id);
  const ownMovements = movements.filter((m) => m.shiftId === shift.id);

  const saleFigures: SalesFigures = { ...figures(), gross: 0, discounts: 0, cashRounding: 0 };
  const taxRows = new Map<string, TaxRateRow>();
  const discountRows = new Map<string, DiscountRow>();
  const tenderRows = new Map<string, PaymentRow>();
  const refundRows = new Map<string, PaymentRow>();
  const staffRows = new Map<string, StaffRow>();
  let cashTaken = 0;
  let cashRefunded = 0;

  const giftCards: GiftCardFigures = { count: 0, amount: 0 };

  for (const sale of ownSales) {
    // Gift cards sold (no discount, no tax by construction) come out of the sale's stored totals.
    const cards = sale.lines.filter((l) => l.giftCard);
    const cardGross = cards.reduce((s, l) => s + l.gross, 0);
    const cardTotal = cards.reduce((s, l) => s + l.total, 0);
    giftCards.count += cards.length;
    giftCards.amount += cardTotal;
    const hasItems = cards.length < sale.lines.length;
    if (hasItems) saleFigures.count += 1;
    saleFigures.gross += sale.subtotal - cardGross;
    saleFigures.discounts += sale.discountTotal;
    saleFigures.tax += sale.taxTotal;
    saleFigures.total += sale.total - cardTotal;
    saleFigures.cashRounding += sale.cashRounding;
    let saleDiscount = 0;
    for (const line of sale.lines) {
      if (line.giftCard) continue;
      saleFigures.net += line.net;
      addTax(taxRows, line.taxRateBp, line.total, line.tax, 1);
      addDiscount(discountRows, line.lineDiscountReason, line.lineDiscount);
      saleDiscount += line.saleDiscountShare;
    }
    addDiscount(discountRows, sale.saleDiscount?.reason, saleDiscount);
    for (const tender of sale.tenders) {
      addPayment(tenderRows, tender);
      if (tender.kind === 'cash') cashTaken += tender.amount;
    }
    const who = staffRow(staffRows, sale.staffId);
    if (hasItems) who.salesCount += 1;
    who.salesTotal += sale.total - cardTotal;
    who.discounts += sale.discountTotal;
  }

  // A returned line's rate is the rate its sale line was sold at.
  const rateOfLine = new Map<string, number>();
  for (const sale of [...returnedSales, ...ownSales]) for (const line of sale.lines) rateOfLine.set(line.lineId, line.taxRateBp);

  const returnFigures = figures();
  const voidFigures = figures();
  for (const ret of ownReturns) {
    const into = ret.kind === 'void' ? voidFigures : returnFigures;
    into.count += 1;
    into.net += ret.netTotal;
    into.tax += ret.taxTotal;
    into.total += ret.total;
    for (const line of ret.lines) {
      const rate = line.saleLineId === null ? undefined : rateOfLine.get(line.saleLineId);
      addTax(taxRows, rate ?? null, line.total, line.tax, -1);
    }
    for (const refund of ret.refunds) {
      addPayment(refundRows, refund);
      if (refund.kind === 'cash') cashRefunded += refund.amount;
    }
    const who = staffRow(staffRows, ret.staffId);
    if (ret.kind === 'void') {
      who.voidsCount += 1;
      who.voidsTotal += ret.total;
    } else {
      who.returnsCount += 1;
      who.returnsTotal += ret.total;
    }
  }

  const payIns = ownMovements.filter((m) => m.kind === 'in').reduce((s, m) => s + m.amount, 0);
  const payOuts = ownMovements.filter((m) => m.kind === 'out').reduce((s, m) => s + m.amount, 0);
  const tenders = sortPayments(byKey(tenderRows));
  const refunds = sortPayments(byKey(refundRows));
  const netTotal = saleFigures.total - returnFigures.total - voidFigures.total;
  const netTax = saleFigures.tax - returnFigures.tax - voidFigures.tax;

  return {
    sales: saleFigures,
    giftCards,
    returns: returnFigures,
    voids: voidFigures,
    netSales: saleFigures.net - returnFigures.net - voidFigures.net,
    netTax,
    netTotal,
    revenue: netTotal - netTax,
    taxByRate: byKey(taxRows)
      .filter((r) => r.taxable !== 0 || r.tax !== 0)
      .sort((a, b) => (a.rateBp ?? Infinity) - (b.rateBp ?? Infinity)),
    discounts: byKey(discountRows).sort((a, b) => b.amount - a.amount || a.reason.localeCompare(b.reason)),
    tenders,
    tendersTotal: tenders.reduce((s, t) => s + t.amount, 0),
    refunds,
    refundsTotal: refunds.reduce((s, r) => s + r.amount, 0),
    cash: {
      openingFloat: shift.openingFloat,
      sales: cashTaken,
      refunds: cashRefunded,
      payIns,
      payOuts,
      expected: shift.openingFloat + cashTaken - cashRefunded + payIns - payOuts,
    },
    movements: [...ownMovements]
      .sort((a, b) => a.occurredAt.localeCompare(b.occurredAt) || a.id.localeCompare(b.id))
      .map((m) => ({
        id: m.id,
        shiftId: m.shiftId,
        kind: m.kind,
        amount: m.amount,
        reason: m.reason,
        staffId: m.staffId,
        occurredAt: m.occurredAt,
      })),
    byStaff: byKey(staffRows).sort(
      (a, b) =>
        b.salesTotal - a.salesTotal ||
        (a.staffId === null ? 1 : 0) - (b.staffId === null ? 1 : 0) ||
        (a.staffId ?? '').localeCompare(b.staffId ?? ''),
    ),
  };
}

/** Counted cash against expected: positive over, negative short. */
export function overShort(countedCash: number, report: Pick<ShiftReport, 'cash'>): number {
  return countedCash - report.cash.expected;
}

async function readAll<T>(store: RecordStore, table: string, ids: readonly string[]): Promise<T[]> {
  const rows = await Promise.all(ids.map((id) => store.get(table, id)));
  return rows.filter((r) => r !== undefined) as unknown as T[];
}

/**
 * Everything a shift's report reads, found by shift id: its sales, returns and voids, cash
 * movements, and the sales its returns refer to (for the tax rate of each returned line).
 */
export async function reportOfShift(store: RecordStore, shift: ShiftRecord): Promise<ShiftReport> {
  const sales = await readAll<SaleRecord>(store, 'sales', await store.find('sales', 'shiftId', shift.id));
  const returns = await readAll<ReturnRecord>(store, 'returns', await store.find('returns', 'shiftId', shift.id));
  const movements = await readAll<CashMovement>(store, 'cashMovements', await store.find('cashMovements', 'shiftId', shift.id));
  const own = new Set(sales.map((s) => s.id));
  const elsewhere = [...new Set(returns.flatMap((r) => (r.saleId && !own.has(r.saleId) ? [r.saleId] : [])))].sort();
  return shiftReport(shift, sales, returns, movements, await readAll<SaleRecord>(store, 'sales', elsewhere));
}
