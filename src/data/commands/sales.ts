import { mutations } from '../../domain/sync/registry';
import { settingsOf, SETTINGS_ID } from '../../domain/settings';
import { businessDayOf } from '../../domain/sale/shift';
import { formatReceiptNumber } from '../../domain/sale/receipt';
import type { Discount } from '../../domain/sale/types';
import type { TenderInput } from '../../domain/sale/tender';
import type { SaleArgs } from '../../domain/sale/sale';
import { registerCodeOf } from '../queries/register';
import { newId } from './ids';
import { freshSyncState, perform, type Env } from './perform';
import { guardedWrite } from '../storage-pressure';
import { loadRollupRevision, withRollupTables } from '../insights/hook';

/** A cart line as the register holds it: what was rung up, before the money is decided. */
export interface CartLine {
  lineId: string;
  itemId: string;
  pieceId: string | null;
  title: string;
  sku: string;
  quantity: number;
  unitPrice: number;
  priceOverridden: boolean;
  taxRateBp: number;
  discount: Discount | null;
  components: { itemId: string; quantity: number; listPrice: number }[];
  /**
   * A gift card sold (see domain SaleLine): `itemId` is then its account id (`giftCard.creditId`),
   * quantity 1, no tax, no discount. Absent or null: an item (parked carts from before have none).
   */
  giftCard?: { creditId: string; code: string } | null;
}

export interface SaleInput {
  shiftId: string;
  locationId: string;
  lines: CartLine[];
  saleDiscount: Discount | null;
  tenders: Omit<TenderInput, 'id'>[];
  staffId: string | null;
  approvedBy: string | null;
  customerId: string | null;
}

/** Opens a shift on this register with its cash float; its business day is today in the shop's zone. */
export async function openShift(env: Env, input: { locationId: string; openingFloat: number; staffId: string | null }): Promise<string> {
  const settings = settingsOf(await env.db.settings.get(SETTINGS_ID));
  const shiftId = newId(env);
  await perform(env, 'shift.open', {
    shiftId,
    registerCode: await registerCodeOf(env.db),
    locationId: input.locationId,
    openingFloat: input.openingFloat,
    staffId: input.staffId,
    businessDay: businessDayOf(env.clock.now(), settings.timeZone),
  });
  return shiftId;
}

/** The sale's tables and the batch writer's (its item-day rollups included: `withRollupTables`). */
const saleTables = (): string[] => [
  ...withRollupTables(new Set([...mutations.get('sale.complete')!.tables, 'stockLevels', 'outbox', 'syncState', 'shadows', 'shifts'])),
];

/**
 * Completes a sale: the next receipt number, the sale, its stock events, the FIFO layers it
 * consumes and its outbox row are written in ONE transaction (perform's joins this one) — all or
 * nothing, so a failure anywhere leaves no sale, no stock change, no outbox row and no used number.
 * Out of space, synced photos are dropped and the sale tried once more, else it fails as
 * `storage-full` (storage-pressure.ts).
 */
export async function completeSale(env: Env, input: SaleInput): Promise<{ saleId: string; receiptNumber: string }> {
  return guardedWrite(env, 'the sale', () => writeSale(env, input));
}

async function writeSale(env: Env, input: SaleInput): Promise<{ saleId: string; receiptNumber: string }> {
  await loadRollupRevision(); // the §10 rollups' revision code (loaded once, before the transaction)
  const settings = settingsOf(await env.db.settings.get(SETTINGS_ID));
  const saleId = newId(env);
  const lines: SaleArgs['lines'] = input.lines.map((l) => ({
    lineId: l.lineId,
    itemId: l.itemId,
    pieceId: l.pieceId,
    title: l.title.slice(0, 200),
    sku: l.sku.slice(0, 64),
    quantity: l.quantity,
    unitPrice: l.unitPrice,
    priceOverridden: l.priceOverridden,
    taxRateBp: l.taxRateBp,
    discount: l.discount,
    // A gift card takes no stock: no event of its own.
    eventId: l.components.length > 0 || l.giftCard ? null : newId(env),
    components: l.components.map((c) => ({ ...c, eventId: newId(env) })),
    giftCard: l.giftCard ? { creditId: l.giftCard.creditId, code: l.giftCard.code } : null,
  }));
  return env.db.transaction('rw', saleTables(), async () => {
    const shift = (await env.db.shifts.get(input.shiftId)) as { businessDay?: string } | undefined;
    const state = (await env.db.syncState.get('device')) ?? freshSyncState(env.random);
    const seq = (state.receiptSeq ?? 0) + 1;
    await env.db.syncState.put({ ...state, receiptSeq: seq });
    const receiptNumber = formatReceiptNumber(await registerCodeOf(env.db), seq);
    await perform(env, 'sale.complete', {
      saleId,
      receiptNumber,
      shiftId: input.shiftId,
      businessDay: shift?.businessDay ?? businessDayOf(env.clock.now(), settings.timeZone),
      locationId: input.locationId,
      staffId: input.staffId,
      approvedBy: input.approvedBy,
      customerId: input.customerId,
      taxMode: settings.taxMode,
      lines,
      saleDiscount: input.saleDiscount,
      tenders: input.tenders.map((t) => ({ ...t, id: newId(env) })),
      cashIncrement: input.tenders.some((t) => t.kind === 'cash') ? settings.cashIncrement : 0,
    } satisfies SaleArgs);
    return { saleId, receiptNumber };
  });
}

export interface ParkedCart {
  id: string;
  parkedAt: string;
  label: string;
  lines: CartLine[];
  saleDiscount: Discount | null;
  customerId?: string | null;
}

/** Parks the open cart on this device (local only) so another customer can be served. */
export async function parkCart(env: Env, cart: Omit<ParkedCart, 'id' | 'parkedAt'>): Promise<string> {
  const id = newId(env);
  await env.db.parkedCarts.put({ ...cart, id, parkedAt: new Date(env.clock.now()).toISOString() });
  return id;
}

/** Takes a parked cart back (and off the parked list). */
export async function resumeCart(env: Env, id: string): Promise<ParkedCart | undefined> {
  return env.db.transaction('rw', env.db.parkedCarts, async () => {
    const cart = (await env.db.parkedCarts.get(id)) as ParkedCart | undefined;
    if (cart) await env.db.parkedCarts.delete(id);
    return cart;
  });
}

export async function listParked(env: Pick<Env, 'db'>): Promise<ParkedCart[]> {
  return (await env.db.parkedCarts.orderBy('parkedAt').toArray()) as unknown as ParkedCart[];
}
