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

export type SaleLine = {
  lineId: string;
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
  /** The sale stock event of a plain item (a gift set's are on its components). */
  eventId: string | null;
};

export type TenderKind = 'cash' | 'card' | 'other';

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
