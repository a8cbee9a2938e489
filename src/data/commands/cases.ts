import type { CaseRecord } from '../../domain/cases';
import { pieceRefund } from '../../domain/cases/resolve';
import { normaliseCode } from '../../domain/catalog/sku';
import type { AdjustArgs } from '../../domain/inventory/adjust';
import type { ItemRecord } from '../../domain/catalog/item';
import type { PieceRecord } from '../../domain/inventory/pieces';
import type { ReturnRecord, SaleRecord } from '../../domain/sale/types';
import { openShiftOf, registerCodeOf } from '../queries/register';
import { newId } from './ids';
import { perform, type Env } from './perform';

/**
 * Resolving cases (conflicts inbox): each resolution is ONE `case.resolve` mutation that records
 * who, when, a note and what it made — the refund (a return) or the stock adjustments happen in
 * the same mutation, so a case is never resolved without them or the other way round.
 */

async function oversoldCase(env: Env, caseId: string): Promise<{ record: CaseRecord; pieceId: string; itemId: string }> {
  const record = (await env.db.cases.get(caseId)) as unknown as CaseRecord | undefined;
  if (!record || record.type !== 'piece-oversold') throw new Error('That case is not a piece sold twice');
  if (record.status !== 'open') throw new Error('That case is resolved already');
  const pieceId = record.concerns.find((k) => k.startsWith('pieces/'))!.slice('pieces/'.length);
  const itemId = record.concerns.find((k) => k.startsWith('items/'))!.slice('items/'.length);
  return { record, pieceId, itemId };
}

/** A plain resolution with an optional note (any case type; no refund, no adjustment). */
export async function resolveCase(env: Env, caseId: string, resolution: string, note = ''): Promise<void> {
  await perform(env, 'case.resolve', note.trim() ? { id: caseId, resolution, note: note.trim() } : { id: caseId, resolution });
}

/**
 * "Refund": the piece's line of one of the sales goes back — to its own payments or to new store
 * credit — in the register's open shift. The piece's ledger then nets to 0 and one sale holds it.
 */
export async function refundOversold(
  env: Env,
  caseId: string,
  input: { saleId: string; refundTo: 'original' | 'credit'; note: string; staffId: string | null },
): Promise<{ returnId: string; credit: { id: string; code: string } | null }> {
  const { record, pieceId } = await oversoldCase(env, caseId);
  const sale = (await env.db.sales.get(input.saleId)) as unknown as SaleRecord | undefined;
  if (!sale) throw new Error('That sale is not on this device yet: sync first');
  const register = await registerCodeOf(env.db);
  const shift = await openShiftOf(env.db, register);
  if (!shift) throw new Error('Open the register (a shift) first: a refund belongs to a shift like a sale');
  const previous = (await env.db.returns.where('saleId').equals(sale.id).toArray()) as unknown as ReturnRecord[];
  const returnId = newId(env);
  const creditId = input.refundTo === 'credit' ? newId(env) : undefined;
  const credit = creditId ? { id: creditId, code: `CR-${register}-${creditId.replace(/-/g, '').slice(-8).toUpperCase()}` } : null;
  const refund = pieceRefund(
    sale,
    previous,
    pieceId,
    { returnId, eventId: newId(env), ...(credit ? { creditId: credit.id, creditCode: credit.code } : {}) },
    { shiftId: shift.id, businessDay: shift.businessDay, staffId: input.staffId, reason: `Sold twice (${record.id.slice(0, 40)})` },
  );
  const note = input.note.trim();
  await perform(env, 'case.resolve', { id: caseId, resolution: 'refunded', refund, ...(note ? { note } : {}) });
  return { returnId, credit };
}

/** An item or piece found by SKU, barcode or serial: what the customer took instead. */
export async function findSubstitute(
  env: Pick<Env, 'db'>,
  code: string,
): Promise<{ itemId: string; pieceId: string | null; label: string } | undefined> {
  const value = normaliseCode(code);
  if (!value) return undefined;
  const piece = ((await env.db.pieces.where('serial').equals(value).first()) ??
    (await env.db.pieces.where('barcode').equals(value).first())) as PieceRecord | undefined;
  if (piece) return { itemId: piece.itemId, pieceId: piece.id, label: `serial ${piece.values.serial}` };
  const item = ((await env.db.items.where('sku').equals(value).first()) ?? (await env.db.items.where('barcodes').equals(value).first())) as
    ItemRecord | undefined;
  if (!item || item.values.tracking === 'piece') return undefined;
  return { itemId: item.id, pieceId: null, label: item.values.sku };
}

/** Where the flagged sale took the piece from: the adjustments happen there. */
async function flaggedLocation(env: Env, record: CaseRecord): Promise<string> {
  const saleId =
    record.flaggedSales?.at(-1) ??
    record.concerns
      .filter((k) => k.startsWith('sales/'))
      .at(-1)!
      .slice('sales/'.length);
  const sale = (await env.db.sales.get(saleId)) as unknown as SaleRecord | undefined;
  if (!sale) throw new Error('The sales of this case are not on this device yet: sync first');
  return sale.locationId;
}

/**
 * "Substitute": the customer took something else instead — the piece goes back (+1, a correction)
 * and the substitute comes out (−1, a correction), both noted with the case. A manager's.
 */
export async function substituteOversold(env: Env, caseId: string, input: { code: string; note: string }): Promise<void> {
  const { record, pieceId, itemId } = await oversoldCase(env, caseId);
  const sub = await findSubstitute(env, input.code);
  if (!sub) throw new Error(`Nothing with the SKU, barcode or serial “${input.code}” (a piece by its serial)`);
  if (sub.pieceId === pieceId) throw new Error('That is the piece sold twice: choose what the customer took instead');
  const locationId = await flaggedLocation(env, record);
  const adjustments: AdjustArgs[] = [
    {
      eventId: newId(env),
      itemId,
      pieceId,
      locationId,
      quantity: 1,
      reason: 'correction',
      note: 'Sold twice: the customer took a substitute',
    },
    {
      eventId: newId(env),
      itemId: sub.itemId,
      pieceId: sub.pieceId,
      locationId,
      quantity: -1,
      reason: 'correction',
      note: 'Given instead of a piece sold twice',
    },
  ];
  const note = input.note.trim();
  await perform(env, 'case.resolve', {
    id: caseId,
    resolution: 'substituted',
    substitute: { itemId: sub.itemId, pieceId: sub.pieceId },
    adjustments,
    ...(note ? { note } : {}),
  });
}

/** "Found stock / mis-scan": there really were two — the second one is found (+1 at the piece's cost). A manager's. */
export async function foundStockOversold(env: Env, caseId: string, note: string): Promise<void> {
  const { record, pieceId, itemId } = await oversoldCase(env, caseId);
  const locationId = await flaggedLocation(env, record);
  await perform(env, 'case.resolve', {
    id: caseId,
    resolution: 'found-stock',
    adjustments: [
      { eventId: newId(env), itemId, pieceId, locationId, quantity: 1, reason: 'found', note: 'Sold twice: a second one existed' },
    ],
    ...(note.trim() ? { note: note.trim() } : {}),
  });
}
