import type { LocationRecord } from '../../domain/locations';
import type { ReturnArgs } from '../../domain/sale/returns';
import { priceSale } from '../../domain/sale/pricing';
import { saleIdFromBarcode } from '../../domain/sale/receipt';
import { settingsOf, SETTINGS_ID } from '../../domain/settings';
import type { Refund, ReturnRecord, SaleRecord } from '../../domain/sale/types';
import { openShiftOf, registerCodeOf } from '../queries/register';
import { ensureDefaultLocation } from './locations';
import { newId } from './ids';
import { perform, type Env } from './perform';

/** The place damaged returns go: the shop's "Damaged" location, made the first time it is needed. */
export async function ensureDamagedLocation(env: Env): Promise<string> {
  const all = (await env.db.locations.toArray()) as unknown as LocationRecord[];
  const found = all.find((l) => !l.values.archived && l.values.name.toLowerCase() === 'damaged');
  if (found) return found.id;
  const id = newId(env);
  await perform(env, 'location.save', { id, name: 'Damaged', kind: 'other' });
  return id;
}

/** A sale found by its receipt number (typed) or its receipt's code (scanned). */
export async function findSale(env: Pick<Env, 'db'>, text: string): Promise<SaleRecord | undefined> {
  const id = saleIdFromBarcode(text);
  if (id) return (await env.db.sales.get(id)) as unknown as SaleRecord | undefined;
  return (await env.db.sales.where('receiptNumber').equals(text.trim().toUpperCase()).first()) as unknown as SaleRecord | undefined;
}

export async function returnsOf(env: Pick<Env, 'db'>, saleId: string): Promise<ReturnRecord[]> {
  return (await env.db.returns.where('saleId').equals(saleId).toArray()) as unknown as ReturnRecord[];
}

export interface ReturnInput {
  sale: SaleRecord;
  lines: { saleLineId: string; quantity: number; damaged: boolean }[];
  /** Back to the sale's own payments, or onto new store credit. */
  refundTo: 'original' | 'credit';
  reason: string;
  staffId: string | null;
  approvedBy: string | null;
}

async function currentShift(env: Env): Promise<{ id: string; businessDay: string }> {
  const shift = await openShiftOf(env.db, await registerCodeOf(env.db));
  if (!shift) throw new Error('Open the register (a shift) first: returns belong to a shift like sales');
  return shift;
}

/** A code for a new store-credit voucher: the register and the random end of its id, never the same on two devices. */
function creditCode(register: string, id: string): string {
  return `CR-${register}-${id.replace(/-/g, '').slice(-8).toUpperCase()}`;
}

/**
 * Returns lines of a sale at their stored figures, in one transaction with the stock going back and
 * the refund (to the original payments, or onto a new store credit whose code is returned).
 */
export async function returnSale(
  env: Env,
  input: ReturnInput,
): Promise<{ returnId: string; refund: number; credit: { id: string; code: string } | null }> {
  const { sale } = input;
  const chosen = input.lines.filter((l) => l.quantity > 0);
  if (chosen.length === 0) throw new Error('Choose at least one line to return');
  const shift = await currentShift(env);
  const settings = settingsOf(await env.db.settings.get(SETTINGS_ID));
  // Returns are rarer than sales: their rules load when the first one is made (initial-JS budget, §8).
  const { refundFor, refundsToTenders } = await import('../../domain/sale/returns');
  const refund = refundFor(sale, await returnsOf(env, sale.id), chosen);
  const floor = await ensureDefaultLocation(env);
  const damaged = chosen.some((l) => l.damaged) ? await ensureDamagedLocation(env) : floor;
  const credit = input.refundTo === 'credit' ? { id: newId(env) as string, code: '' } : null;
  if (credit) credit.code = creditCode(await registerCodeOf(env.db), credit.id);
  const refunds: Refund[] = credit
    ? [{ kind: 'credit', amount: refund, method: null, reference: credit.code, creditId: credit.id }]
    : refundsToTenders(sale, refund);
  const returnId = newId(env);
  const args: ReturnArgs = {
    returnId,
    kind: 'return',
    saleId: sale.id,
    shiftId: shift.id,
    businessDay: shift.businessDay,
    staffId: input.staffId,
    approvedBy: input.approvedBy,
    customerId: sale.customerId,
    reason: input.reason,
    taxMode: settings.taxMode,
    lines: chosen.map((l) => {
      const line = sale.lines.find((s) => s.lineId === l.saleLineId)!;
      return {
        saleLineId: l.saleLineId,
        itemId: line.itemId,
        pieceId: line.pieceId,
        quantity: l.quantity,
        locationId: l.damaged ? damaged : floor,
        eventIds: (line.components.length > 0 ? line.components : [line]).map(() => newId(env)),
      };
    }),
    refunds: refunds.filter((r) => r.amount > 0),
    newCredit: credit,
  };
  await perform(env, 'return.create', args);
  return { returnId, refund, credit };
}

/** Voids a whole sale within its shift: every line back, every payment refunded as it was taken. */
export async function voidSale(
  env: Env,
  sale: SaleRecord,
  input: { reason: string; staffId: string | null; approvedBy: string | null },
): Promise<string> {
  const shift = await currentShift(env);
  const settings = settingsOf(await env.db.settings.get(SETTINGS_ID));
  const floor = await ensureDefaultLocation(env);
  const returnId = newId(env);
  await perform(env, 'return.create', {
    returnId,
    kind: 'void',
    saleId: sale.id,
    shiftId: shift.id,
    businessDay: shift.businessDay,
    staffId: input.staffId,
    approvedBy: input.approvedBy,
    customerId: sale.customerId,
    reason: input.reason,
    taxMode: settings.taxMode,
    lines: sale.lines.map((line) => ({
      saleLineId: line.lineId,
      itemId: line.itemId,
      pieceId: line.pieceId,
      quantity: line.quantity,
      locationId: floor,
      eventIds: (line.components.length > 0 ? line.components : [line]).map(() => newId(env)),
    })),
    refunds: sale.tenders.map((t) => ({
      kind: t.kind,
      amount: t.amount,
      method: t.method,
      reference: t.reference,
      creditId: t.creditId ?? null,
    })),
    newCredit: null,
  } satisfies ReturnArgs);
  return returnId;
}

/** A store credit or gift card by its code, with its balance (the sum of its entries). */
export async function readCredit(env: Pick<Env, 'db'>, code: string): Promise<{ id: string; code: string; balance: number } | undefined> {
  const credit = (await env.db.credits.where('code').equals(code.trim().toUpperCase()).first()) as { id: string; code: string } | undefined;
  if (!credit) return undefined;
  const entries = (await env.db.creditEntries.where('creditId').equals(credit.id).toArray()) as unknown as { amount: number }[];
  return { id: credit.id, code: credit.code, balance: entries.reduce((s, e) => s + e.amount, 0) };
}

/** A return with no receipt (a manager approved it): refunded at today's price, restocked at the item's cost. */
export async function returnWithoutReceipt(
  env: Env,
  input: {
    itemId: string;
    pieceId: string | null;
    title: string;
    sku: string;
    unitPrice: number;
    taxRateBp: number;
    quantity: number;
    damaged: boolean;
    refundTo: 'cash' | 'credit';
    reason: string;
    staffId: string | null;
    approvedBy: string | null;
  },
): Promise<{ returnId: string; refund: number; credit: { id: string; code: string } | null }> {
  const shift = await currentShift(env);
  const settings = settingsOf(await env.db.settings.get(SETTINGS_ID));
  const location = input.damaged ? await ensureDamagedLocation(env) : await ensureDefaultLocation(env);
  // The same pricing the return's apply uses, so the refund is exactly what it will store.
  const refund = priceSale(
    [{ lineId: 'r', quantity: input.quantity, unitPrice: input.unitPrice, taxRateBp: input.taxRateBp, discount: null }],
    null,
    settings.taxMode,
  ).total;
  const credit = input.refundTo === 'credit' ? { id: newId(env) as string, code: '' } : null;
  if (credit) credit.code = creditCode(await registerCodeOf(env.db), credit.id);
  const returnId = newId(env);
  await perform(env, 'return.create', {
    returnId,
    kind: 'return',
    saleId: null,
    shiftId: shift.id,
    businessDay: shift.businessDay,
    staffId: input.staffId,
    approvedBy: input.approvedBy,
    customerId: null,
    reason: input.reason,
    taxMode: settings.taxMode,
    lines: [
      {
        saleLineId: null,
        itemId: input.itemId,
        pieceId: input.pieceId,
        quantity: input.quantity,
        locationId: location,
        eventIds: [newId(env)],
        unitPrice: input.unitPrice,
        taxRateBp: input.taxRateBp,
        title: input.title,
        sku: input.sku,
      },
    ],
    refunds: [
      credit
        ? { kind: 'credit', amount: refund, method: null, reference: credit.code, creditId: credit.id }
        : { kind: 'cash', amount: refund, method: null, reference: null, creditId: null },
    ],
    newCredit: credit,
  } satisfies ReturnArgs);
  return { returnId, refund, credit };
}
