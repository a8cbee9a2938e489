import { appEnv } from '../data/env';
import { Live } from '../data/live.svelte';
import { ensureDefaultLocation } from '../data/commands/locations';
import { completeSale, listParked, openShift, parkCart, resumeCart, type ParkedCart } from '../data/commands/sales';
import {
  candidateFor,
  favourites,
  lookupCode,
  openShiftOf,
  readSale,
  recentSales,
  registerCodeOf,
  salesOfShift,
  type CartCandidate,
  type Lookup,
} from '../data/queries/register';
import { readSettings } from '../data/queries/settings';
import { giftCardToSell, makeGiftCardCode } from '../data/commands/gift-cards';
import { readCredit } from '../data/commands/returns';
import { searchItems, type ItemSummary } from '../data/queries/catalog';
import type { Env } from '../data/commands/perform';
import type { SaleRecord, ShiftRecord } from '../domain/sale/types';
import type { TenderInput } from '../domain/sale/tender';
import { DEFAULT_SETTINGS, type ShopSettings } from '../domain/settings';
import type { PieceWarning } from '../domain/reservations';
import type { Cart, OpenLine } from './cart.svelte';

/** What scanning or picking an item did, for the register to say. */
export type AddResult =
  | { kind: 'added'; line: OpenLine }
  | Exclude<Lookup, { kind: 'found' }>
  | { kind: 'refused'; message: string }
  /** A piece to check before selling (reserved in another cart, or this register offline for long): `proceed` adds it anyway. */
  | { kind: 'warn'; title: string; warnings: PieceWarning[]; proceed(): AddResult };

export interface RegisterDeps {
  /** Asks a manager to approve; resolves with who approved (null id in a shop without PINs), or null when cancelled. */
  approve(reason: string): Promise<{ by: string | null } | null>;
  /** The staff member ringing up (null while the shop has no staff set up). */
  staffId(): string | null;
  /** Why to ask before a piece goes into the cart (reservations elsewhere, long offline). */
  pieceWarnings?(candidate: CartCandidate, settings: ShopSettings): Promise<PieceWarning[]>;
  /** Pieces held in other devices' carts: picking one of an item's pieces avoids them when it can. */
  reservedElsewhere?(): readonly string[];
}

/**
 * The register: the open cart, this register's shift, lookups by code and search, parked carts,
 * and completing a sale (one transaction, see data/commands/sales.ts).
 */
export class Register {
  readonly cart: Cart;
  readonly settings: Live<ShopSettings>;
  readonly shift: Live<ShiftRecord | undefined>;
  readonly parked: Live<ParkedCart[]>;
  readonly favourites: Live<{ itemId: string; title: string; price: number }[]>;
  readonly shiftSales: Live<SaleRecord[]>;
  readonly recent: Live<SaleRecord[]>;
  /** The sale just completed (its receipt is offered until the next sale starts). */
  lastSale = $state.raw<SaleRecord | undefined>(undefined);
  busy = $state(false);
  /**
   * Who takes keyboard-wedge scans on the Sell screen's sub-pages (returns: a receipt; customers:
   * a card). Null on the register itself, where a scan goes into the cart.
   */
  scanTarget = $state.raw<((code: string) => void) | null>(null);
  /** Store credit just given on a return, offered as a payment for the exchange that follows. */
  pendingCredit = $state.raw<{ id: string; code: string; balance: number } | null>(null);

  constructor(
    cart: Cart,
    private readonly deps: RegisterDeps,
    private readonly env: Env = appEnv(),
  ) {
    this.cart = cart;
    this.settings = new Live(() => readSettings(env.db), DEFAULT_SETTINGS);
    this.shift = new Live(async () => openShiftOf(env.db, await registerCodeOf(env.db)), undefined);
    this.parked = new Live(() => listParked(env), []);
    this.favourites = new Live(() => favourites(env.db), []);
    this.shiftSales = new Live(async () => {
      const shift = await openShiftOf(env.db, await registerCodeOf(env.db));
      return shift ? salesOfShift(env.db, shift.id) : [];
    }, []);
    this.recent = new Live(() => recentSales(env.db), []);
  }

  /** A scanned or typed code → a line in the cart, or what went wrong (unknown code, sold piece…). */
  async addCode(code: string): Promise<AddResult> {
    const found = await lookupCode(this.env.db, code, this.cart.pieceIds);
    // A gift card or credit voucher scanned at the register is a payment, not an item.
    const credit = found.kind === 'unknown' ? await readCredit(this.env, code) : undefined;
    if (credit) return { kind: 'refused', message: `${credit.code} is a gift card or store credit: take it as a payment when you charge` };
    return this.#add(found);
  }

  async addItem(itemId: string): Promise<AddResult> {
    const avoid = this.deps.reservedElsewhere?.() ?? [];
    let found = await candidateFor(this.env.db, itemId, null, [...this.cart.pieceIds, ...avoid]);
    // Every piece left is in another cart: offer one anyway (with the warning).
    if (found.kind === 'unavailable' && avoid.length > 0) found = await candidateFor(this.env.db, itemId, null, this.cart.pieceIds);
    return this.#add(found);
  }

  async #add(found: Lookup): Promise<AddResult> {
    if (found.kind !== 'found') return found;
    const candidate = found.candidate;
    const warnings = candidate.pieceId ? ((await this.deps.pieceWarnings?.(candidate, this.settings.current)) ?? []) : [];
    if (warnings.length > 0) return { kind: 'warn', title: candidate.title, warnings, proceed: () => this.#put(candidate) };
    return this.#put(candidate);
  }

  #put(candidate: CartCandidate): AddResult {
    this.lastSale = undefined;
    this.cart.taxMode = this.settings.current.taxMode;
    try {
      return { kind: 'added', line: this.cart.add(candidate) };
    } catch (error) {
      return { kind: 'refused', message: error instanceof Error ? error.message : String(error) };
    }
  }

  /**
   * Puts a gift card for `amount` (minor units) into the cart: a new card for a code not used yet,
   * or more money onto a gift card this register already knows (a top-up).
   */
  async addGiftCard(amount: number, code: string): Promise<{ line: OpenLine; topUp: boolean }> {
    const card = await giftCardToSell(this.env, code);
    this.lastSale = undefined;
    this.cart.taxMode = this.settings.current.taxMode;
    return { line: this.cart.addGiftCard(amount, card.code, card.creditId), topUp: card.topUp };
  }

  /** A fresh code for a gift card with none printed on it (GC-<register>-<8 hex>). */
  makeGiftCardCode(): Promise<string> {
    return makeGiftCardCode(this.env);
  }

  /** A store credit or gift card by its code, with what is left on it (undefined: no such code here). */
  creditBalance(code: string): ReturnType<typeof readCredit> {
    return readCredit(this.env, code);
  }

  search(query: string): Promise<{ items: ItemSummary[]; more: boolean }> {
    return searchItems(this.env.db, query);
  }

  async openShift(openingFloat: number): Promise<void> {
    const locationId = await ensureDefaultLocation(this.env);
    await openShift(this.env, { locationId, openingFloat, staffId: this.deps.staffId() });
  }

  /** Gets a manager's approval when the cart needs one; false when it was refused or cancelled. */
  async approveIfNeeded(): Promise<boolean> {
    if (this.cart.approval || !this.cart.needsApproval(this.settings.current.approvalThresholdBp)) return true;
    const approval = await this.deps.approve('A discount above the limit or a changed price');
    if (approval) this.cart.approval = { by: approval.by };
    return approval !== null;
  }

  /** Completes the sale with these payments; the cart empties and the sale is kept for its receipt. */
  async checkout(tenders: Omit<TenderInput, 'id'>[]): Promise<SaleRecord> {
    const shift = this.shift.current;
    if (!shift) throw new Error('Open the register (a shift with its cash float) before the first sale');
    if (!(await this.approveIfNeeded())) throw new Error('This sale needs a manager’s approval');
    this.busy = true;
    try {
      this.cart.taxMode = this.settings.current.taxMode;
      const { saleId } = await completeSale(this.env, {
        shiftId: shift.id,
        locationId: shift.locationId,
        lines: this.cart.lines.map(({ catalogPrice: _p, onHand: _o, serial: _s, tracking: _t, ...line }) => $state.snapshot(line)),
        saleDiscount: $state.snapshot(this.cart.saleDiscount),
        tenders,
        staffId: this.deps.staffId(),
        approvedBy: this.cart.approval?.by ?? null,
        customerId: this.cart.customerId,
      });
      const sale = await readSale(this.env.db, saleId);
      this.cart.clear();
      this.lastSale = sale;
      return sale!;
    } finally {
      this.busy = false;
    }
  }

  async park(label: string): Promise<void> {
    if (!this.cart.inProgress) return;
    await parkCart(this.env, {
      label: label.trim() || `Cart of ${this.cart.units} item(s)`,
      lines: $state.snapshot(this.cart.lines),
      saleDiscount: $state.snapshot(this.cart.saleDiscount),
      customerId: this.cart.customerId,
    });
    this.cart.clear();
  }

  async resume(id: string): Promise<void> {
    if (this.cart.inProgress) throw new Error('Park or finish the open cart first');
    const parked = await resumeCart(this.env, id);
    if (parked) this.cart.load(parked.lines as OpenLine[], parked.saleDiscount, parked.customerId ?? null);
  }
}
