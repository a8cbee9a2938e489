import { priceSale, type PricedSale } from '../domain/sale/pricing';
import { DomainError } from '../domain/errors';
import type { Discount, TaxMode } from '../domain/sale/types';
import type { CartLine } from '../data/commands/sales';
import type { CartCandidate } from '../data/queries/register';

/** The most one gift card is sold for, in minor units (a typo guard: 10,000.00). */
export const MAX_GIFT_CARD = 1_000_000;

/** A line in the open cart: what the sale will store, plus what the register shows beside it. */
export type OpenLine = CartLine & { catalogPrice: number; onHand: number; serial: string | null; tracking: 'quantity' | 'piece' };

/**
 * The open sale: lines, discounts and the figures they make, priced by the same pure function the
 * sale mutation uses, so what the screen shows is what the receipt will say. An app update waits
 * while it has lines.
 */
export class Cart {
  lines = $state<OpenLine[]>([]);
  saleDiscount = $state<Discount | null>(null);
  /** A manager's approval of this cart's discounts or price overrides (`by` null: a shop without PINs). */
  approval = $state<{ by: string | null } | null>(null);
  taxMode = $state<TaxMode>('exclusive');
  /** The customer this sale is for (optional). */
  customerId = $state<string | null>(null);

  constructor(private readonly newLineId: () => string = () => crypto.randomUUID()) {}

  get inProgress(): boolean {
    return this.lines.length > 0;
  }

  get priced(): PricedSale {
    return priceSale(this.lines, this.saleDiscount, this.taxMode);
  }

  get units(): number {
    return this.lines.reduce((s, l) => s + l.quantity, 0);
  }

  /** Pieces already in the cart (a piece can be sold once). */
  get pieceIds(): string[] {
    return this.lines.flatMap((l) => (l.pieceId ? [l.pieceId] : []));
  }

  /** Adds one unit: a quantity item joins its plain line if it has one; a piece is its own line, once. */
  add(c: CartCandidate): OpenLine {
    if (c.pieceId && this.pieceIds.includes(c.pieceId))
      throw new DomainError('piece-in-cart', `${c.title} (${c.serial}) is already in the cart`);
    const same = c.pieceId ? undefined : this.lines.find((l) => l.itemId === c.itemId && !l.pieceId && !l.discount && !l.priceOverridden);
    if (same) {
      same.quantity += 1;
      return same;
    }
    const line: OpenLine = {
      lineId: this.newLineId(),
      itemId: c.itemId,
      pieceId: c.pieceId,
      title: c.title,
      sku: c.sku,
      serial: c.serial,
      quantity: 1,
      unitPrice: c.unitPrice,
      catalogPrice: c.unitPrice,
      priceOverridden: false,
      taxRateBp: c.taxRateBp,
      discount: null,
      components: c.components,
      onHand: c.onHand,
      tracking: c.tracking,
    };
    this.lines.push(line);
    return line;
  }

  /**
   * Adds a gift card sold for `amount` (minor units) onto the account `creditId` with its `code`:
   * one line of its own, at face value, no tax, no discount, no stock (domain SaleLine).
   */
  addGiftCard(amount: number, code: string, creditId: string): OpenLine {
    if (!Number.isSafeInteger(amount) || amount <= 0 || amount > MAX_GIFT_CARD)
      throw new DomainError('gift-card-amount', 'Enter the gift card’s amount: more than zero');
    if (this.lines.some((l) => l.giftCard?.code === code || l.giftCard?.creditId === creditId))
      throw new DomainError('gift-card-in-cart', `Gift card ${code} is already in the cart`);
    const line: OpenLine = {
      lineId: this.newLineId(),
      itemId: creditId,
      pieceId: null,
      title: `Gift card ${code}`,
      sku: 'GIFT-CARD',
      serial: null,
      quantity: 1,
      unitPrice: amount,
      catalogPrice: amount,
      priceOverridden: false,
      taxRateBp: 0,
      discount: null,
      components: [],
      onHand: 1,
      tracking: 'quantity',
      giftCard: { creditId, code },
    };
    this.lines.push(line);
    this.#check(() => this.remove(line.lineId));
    return line;
  }

  setQuantity(lineId: string, quantity: number): void {
    const line = this.#line(lineId);
    if (!Number.isSafeInteger(quantity) || quantity < 0 || quantity > 10_000)
      throw new DomainError('quantity-invalid', 'Enter a whole quantity from 0 to 10,000');
    if (line.pieceId && quantity > 1) throw new DomainError('piece-quantity', 'A piece is one of a kind: its quantity is 1');
    if (line.giftCard && quantity > 1)
      throw new DomainError('gift-card-quantity', 'A gift card sells one at a time: add another card for more');
    if (quantity === 0) return this.remove(lineId);
    line.quantity = quantity;
    this.#check();
  }

  remove(lineId: string): void {
    this.lines = this.lines.filter((l) => l.lineId !== lineId);
    if (this.lines.length > 0) return;
    // The last line gone: discounts and approvals go with it; a chosen customer stays.
    this.saleDiscount = null;
    this.approval = null;
  }

  setLineDiscount(lineId: string, discount: Discount | null): void {
    const line = this.#line(lineId);
    if (line.giftCard && discount) throw new DomainError('gift-card-discount', 'A gift card sells at its face value: no discount');
    const before = line.discount;
    line.discount = discount;
    this.#check(() => (line.discount = before));
  }

  overridePrice(lineId: string, unitPrice: number): void {
    const line = this.#line(lineId);
    if (line.giftCard) throw new DomainError('gift-card-price', 'A gift card’s amount is set when it is added: remove it and add it again');
    if (!Number.isSafeInteger(unitPrice) || unitPrice < 0)
      throw new DomainError('price-invalid', 'A price is a whole number of cents, not negative');
    line.unitPrice = unitPrice;
    line.priceOverridden = unitPrice !== line.catalogPrice;
  }

  setSaleDiscount(discount: Discount | null): void {
    const before = this.saleDiscount;
    this.saleDiscount = discount;
    this.#check(() => (this.saleDiscount = before));
  }

  /** Whether this cart needs a manager: a price override, or a discount above the threshold (basis points). */
  needsApproval(thresholdBp: number): boolean {
    const p = this.priced;
    const over = (amount: number, base: number) => amount * 10_000 > base * thresholdBp;
    return (
      p.lines.some((l, i) => this.lines[i]!.priceOverridden || over(l.lineDiscount, l.gross)) ||
      // A whole-sale discount applies to the items only (a gift card takes none of it).
      over(
        p.saleDiscount,
        p.lines.reduce((s, l, i) => (this.lines[i]!.giftCard ? s : s + l.gross - l.lineDiscount), 0),
      )
    );
  }

  clear(): void {
    this.lines = [];
    this.saleDiscount = null;
    this.approval = null;
    this.customerId = null;
  }

  /** Replaces the cart (resuming a parked one). */
  load(lines: OpenLine[], saleDiscount: Discount | null, customerId: string | null = null): void {
    this.lines = lines;
    this.saleDiscount = saleDiscount;
    this.approval = null;
    this.customerId = customerId;
  }

  #line(lineId: string): OpenLine {
    const line = this.lines.find((l) => l.lineId === lineId);
    if (!line) throw new DomainError('line-not-found', 'That line is no longer in the cart');
    return line;
  }

  /** Prices the cart; when that fails (a discount larger than its line), undoes the change and says why. */
  #check(undo?: () => void): void {
    try {
      priceSale(this.lines, this.saleDiscount, this.taxMode);
    } catch (error) {
      undo?.();
      throw error;
    }
  }
}
