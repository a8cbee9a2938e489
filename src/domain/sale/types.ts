/**
 * The shapes of a sale (ARCHITECTURE.md §10 "Money on a sale"). All money in integer minor units.
 * Each line stores what was charged — net, its share of the whole-sale discount, its tax — so
 * refunds, reports and receipts read stored figures and never recompute them.
 */

/** How prices are entered: tax included (EU/UK/AU) or added on top (US). */
export type TaxMode = 'inclusive' | 'exclusive';

/** A discount on a line or on the whole sale: percent in basis points (10 % = 1000) or an amount. */
export type Discount = { kind: 'percent'; bp: number; reason: string } | { kind: 'amount'; amount: number; reason: string };

/** A gift set's component as sold: its share of the set's net and tax, and what it cost. */
export type SaleComponent = {
  itemId: string;
  /** Units of this component in the whole line (component qty × line qty). */
  quantity: number;
  /** List price per set unit, used only for the split. */
  listPrice: number;
  net: number;
  tax: number;
  /** FIFO cost of the units (known part only); null when none of it is known. */
  cogs: number | null;
  /** Units valued with no known cost (cost-unknown layers): kept out of margins. */
  costUnknownQty: number;
  eventId: string;
};

/**
 * A sale line is either an item (plain, a piece or a gift set) or a gift card sold: the money goes
 * onto a gift-card account (`credits`) as a liability — no stock, no tax, no COGS, not revenue.
 */
export type SaleLine = {
  lineId: string;
  /** The item sold; on a gift-card line, the gift card's account id (`giftCard.creditId`). */
  itemId: string;
  pieceId: string | null;
  /** Title and SKU as sold, for receipts and history even after the catalogue changes. */
  title: string;
  sku: string;
  quantity: number;
  unitPrice: number;
  /** unitPrice × quantity. */
  gross: number;
  lineDiscount: number;
  lineDiscountReason: string | null;
  /** This line's share of the whole-sale discount. */
  saleDiscountShare: number;
  /** gross − lineDiscount − saleDiscountShare: what the line sells for, in the shop's tax mode. */
  net: number;
  taxRateBp: number;
  tax: number;
  /** What the customer pays for the line: net (+ tax when prices exclude it). */
  total: number;
  /** Provisional on the device until the server has ordered the events (§10). */
  cogs: number | null;
  costUnknownQty: number;
  /** A price typed over the catalogue price (needs a manager). */
  priceOverridden: boolean;
  /** Gift set: how its net, tax and cost split over the components; empty for a plain item. */
  components: SaleComponent[];
  /** The sale stock event of a plain item (a gift set's are on its components; a gift card has none). */
  eventId: string | null;
  /**
   * A gift card sold (quantity 1, no tax, no discount, no stock event): its account is credited
   * with the line's net. Null for an item. Sales stored before gift cards existed lack the field:
   * read it as `line.giftCard ?? null`.
   */
  giftCard: { creditId: string; code: string } | null;
};

/** `credit`: store credit or a gift card, spent from its account (`creditId`). */
export type TenderKind = 'cash' | 'card' | 'other' | 'credit';

export type Tender = {
  id: string;
  kind: TenderKind;
  /** Amount applied to the sale (for cash: after change is given). */
  amount: number;
  /** Cash handed over (cash only): amount + change share. */
  tendered: number;
  /** Card terminal reference, or the method for "other" (bank transfer, gift card…). */
  method: string | null;
  reference: string | null;
  /** Store credit / gift card account spent (kind `credit` only). */
  creditId: string | null;
};

export type TaxBreakdown = {
  rateBp: number;
  /** Sum of line nets at this rate (in the shop's tax mode). */
  net: number;
  tax: number;
};

export type SaleRecord = {
  id: string;
  receiptNumber: string;
  shiftId: string;
  /** yyyy-MM-dd in the shop's time zone: the day the shift opened (§10). */
  businessDay: string;
  occurredAt: string;
  hlc: string;
  deviceId: string;
  locationId: string;
  staffId: string | null;
  /** The manager who approved a discount above the threshold or a price override. */
  approvedBy: string | null;
  /** Set by the server when a discount or override needed a manager and had none (§10). */
  flagged: string | null;
  customerId: string | null;
  taxMode: TaxMode;
  lines: SaleLine[];
  saleDiscount: Discount | null;
  subtotal: number;
  discountTotal: number;
  taxTotal: number;
  /** Sum of line totals, before cash rounding. */
  total: number;
  /** Cash rounding as its own line (§10): rounded due − total. */
  cashRounding: number;
  tenders: Tender[];
  change: number;
  taxByRate: TaxBreakdown[];
  status: 'completed' | 'voided';
};

/** Shift: opened with a float before the first sale; every sale belongs to one. */
export type ShiftRecord = {
  id: string;
  registerCode: string;
  locationId: string;
  openedBy: string | null;
  openedAt: string;
  businessDay: string;
  openingFloat: number;
  status: 'open' | 'closed';
};

/** How a refund is paid back: the sale's own tenders, or store credit. */
export type RefundKind = 'cash' | 'card' | 'other' | 'credit';

export type Refund = {
  kind: RefundKind;
  amount: number;
  method: string | null;
  reference: string | null;
  /** Store credit: the account credited. */
  creditId: string | null;
};

/** One returned line: the stored figures of the sale line, shared out by the units returned. */
export type ReturnLine = {
  /** The sale line returned (null for a return without a receipt). */
  saleLineId: string | null;
  itemId: string;
  pieceId: string | null;
  title: string;
  sku: string;
  quantity: number;
  net: number;
  tax: number;
  total: number;
  /** The cost restocked (the unit COGS the sale recorded × units); null when it was unknown. */
  cogs: number | null;
  /** Where the units went back: a sellable location, or one for damaged stock. */
  locationId: string;
  /** One return event per item (a gift set's components each get theirs). */
  eventIds: string[];
};

export type ReturnRecord = {
  id: string;
  /** The sale it reverses part of (null: no receipt, approved by a manager). */
  saleId: string | null;
  receiptNumber: string | null;
  shiftId: string;
  businessDay: string;
  occurredAt: string;
  hlc: string;
  deviceId: string;
  staffId: string | null;
  approvedBy: string | null;
  customerId: string | null;
  reason: string;
  taxMode: TaxMode;
  lines: ReturnLine[];
  netTotal: number;
  taxTotal: number;
  /** What the customer gets back (net + tax in exclusive mode). */
  total: number;
  refunds: Refund[];
  /** Voiding a sale is a return of everything it did within its shift. */
  kind: 'return' | 'void';
};

/** A store credit or gift card: a liability whose balance is the sum of its entries. */
export type CreditRecord = {
  id: string;
  /** Printed on the voucher / gift card, scanned to spend it. */
  code: string;
  customerId: string | null;
  kind: 'store-credit' | 'gift-card';
  createdAt: string;
};

export type CreditEntry = {
  id: string;
  creditId: string;
  /** Positive: credit given (a refund, a gift card sold); negative: spent on a sale. */
  amount: number;
  saleId: string | null;
  returnId: string | null;
  occurredAt: string;
  deviceId: string;
};

/** Cash put into or taken out of the drawer during a shift, with its reason. */
export type CashMovement = {
  id: string;
  shiftId: string;
  kind: 'in' | 'out';
  amount: number;
  reason: string;
  staffId: string | null;
  occurredAt: string;
};
