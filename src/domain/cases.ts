import type { RecordStore } from './sync/mutation';
import type { ReturnRecord, SaleRecord } from './sale/types';

/**
 * The conflicts inbox: something the system noticed that a person must decide. The server opens
 * cases (it is the one place that sees every device's changes); devices resolve them. Later
 * features add their own types (oversold piece, duplicate SKU, count variance).
 */
export const CASE_TYPES = [
  'clock-wrong',
  'duplicate-code',
  'credit-overspent',
  'piece-oversold',
  'count-flagged',
  'edit-overwritten',
  'return-overlap',
] as const;
export type CaseType = (typeof CASE_TYPES)[number];

export interface CaseRecord {
  [key: string]: unknown;
  id: string;
  type: CaseType;
  /** The records it concerns, as `table/id`. */
  concerns: string[];
  status: 'open' | 'resolved';
  summary: string;
  openedAt: string;
  resolvedAt?: string;
  resolution?: string;
  /** Who resolved it (the staff member signed in on the device; null: a shop without PINs). */
  resolvedBy?: string | null;
  /** What the person wrote when resolving it. */
  note?: string;
  /** Records the resolution made, as `table/id` (a return, stock adjustments). */
  records?: string[];
  /** piece-oversold: the sales the later-applied ones were flagged on (server order decides). */
  flaggedSales?: string[];
  /** "substituted": what the customer took instead of the piece. */
  substitute?: { itemId: string; pieceId: string | null };
  /** Earlier resolutions of a case that opened again (the same piece oversold once more). */
  earlier?: { resolution: string; resolvedAt: string; resolvedBy: string | null; note: string; records: string[] }[];
  /** edit-overwritten: the field, the value kept (the later edit) and the values that lost, each with its HLC. */
  overwritten?: OverwrittenField;
}

/** One side of a field edited on two devices: the value and the HLC of its edit (time and device). */
export type FieldEdit = { value: unknown; hlc: string };

export interface OverwrittenField {
  table: string;
  id: string;
  field: string;
  /** What the record is called (its SKU, name, serial…) when the case opened. */
  label: string;
  kept: FieldEdit;
  lost: FieldEdit[];
}

export const CASE_RESOLUTIONS: Record<CaseType, readonly string[]> = {
  'clock-wrong': ['clock-fixed', 'dismissed'],
  'duplicate-code': ['code-changed', 'dismissed'],
  'credit-overspent': ['collected', 'written-off', 'dismissed'],
  'piece-oversold': ['refunded', 'substituted', 'special-order', 'found-stock', 'dismissed'],
  'count-flagged': ['checked', 'dismissed'],
  'edit-overwritten': ['kept', 'use-other', 'changed-by-hand'],
  'return-overlap': ['collected', 'written-off', 'dismissed'],
};

/**
 * A case that happened again: open, with `changes`, and a resolution it had moved to `earlier`
 * (who settled it how stays on record). Other fields are kept as they were.
 */
export function reopen(existing: CaseRecord, changes: Partial<CaseRecord>): CaseRecord {
  const next: CaseRecord = { ...existing, ...changes, status: 'open' };
  if (existing.status === 'resolved') {
    next.earlier = [
      ...(existing.earlier ?? []),
      {
        resolution: existing.resolution ?? '',
        resolvedAt: existing.resolvedAt ?? '',
        resolvedBy: existing.resolvedBy ?? null,
        note: existing.note ?? '',
        records: existing.records ?? [],
      },
    ];
    for (const key of ['resolution', 'resolvedAt', 'resolvedBy', 'note', 'records'] as const) delete next[key];
  }
  return next;
}

/** Two accounts (gift cards sold on two registers offline) with one code: which card is which is for a person to settle. */
export function duplicateCreditCase(code: string, creditIds: string[], saleId: string, openedAt: string): CaseRecord {
  return {
    id: `duplicate-code:${code}`,
    type: 'duplicate-code',
    concerns: [...creditIds.map((id) => `credits/${id}`), `sales/${saleId}`],
    status: 'open',
    summary: `Gift card code ${code} was sold on two registers as ${creditIds.length} different cards. Both sales stand; give one card a new code.`,
    openedAt,
  };
}

/**
 * Store credit spent below zero — the same balance spent on two devices offline (§10). One case per
 * account (its id is derived from the account), however many sales overspent it.
 */
export function creditOverspentCase(
  creditId: string,
  code: string,
  balance: number,
  openedAt: string,
  saleIds: string[],
  kind: 'store-credit' | 'gift-card' = 'store-credit',
): CaseRecord {
  return {
    id: `credit-overspent:${creditId}`,
    type: 'credit-overspent',
    concerns: [`credits/${creditId}`, ...saleIds.map((id) => `sales/${id}`)],
    status: 'open',
    summary: `${kind === 'gift-card' ? 'Gift card' : 'Store credit'} ${code} was spent beyond its balance (now ${balance} in minor units), most likely on two registers while offline.`,
    openedAt,
  };
}

/** A clock-wrong case: a device sent times more than the allowed drift ahead of the server. */
export function clockWrongCase(id: string, deviceId: string, deviceName: string, openedAt: string): CaseRecord {
  return {
    id,
    type: 'clock-wrong',
    concerns: [`devices/${deviceId}`],
    status: 'open',
    summary: `The clock on “${deviceName}” is ahead of the server. Set its date and time to automatic.`,
    openedAt,
  };
}

/**
 * Two items carry the same SKU or barcode (made on two devices offline). The id is derived from
 * the code so every device and the server open the same one case, however often it is detected.
 */
export function duplicateCodeCase(code: string, itemIds: string[], labels: string[], openedAt: string): CaseRecord {
  return {
    id: `duplicate-code:${code}`,
    type: 'duplicate-code',
    concerns: itemIds.map((id) => `items/${id}`),
    status: 'open',
    summary: `${code} is used by ${labels.length} items: ${labels.join(', ')}. Give one of them another code.`,
    openedAt,
  };
}

/** A stock event as this module reads it. */
type PieceEvent = { id: string; type: string; quantity: number; ref: string | null; pieceId: string | null };

/**
 * The sales that hold a piece right now, read from its ledger (§4): sales of it not returned since.
 * Null when the piece is on hand (its events sum to more than zero) — nothing was oversold.
 */
export async function salesHoldingPiece(store: RecordStore, pieceId: string, exceptSaleId: string): Promise<string[] | null> {
  const ids = await store.find('stockEvents', 'pieceId', pieceId);
  // A device replaying pending changes may list a record it has since undone: read each one.
  const events = (await Promise.all(ids.map((id) => store.get('stockEvents', id)))).filter(
    (e): e is PieceEvent & Record<string, unknown> => e !== undefined && (e as PieceEvent).pieceId === pieceId,
  ) as PieceEvent[];
  const mine = events.filter((e) => e.ref !== exceptSaleId);
  if (mine.reduce((s, e) => s + e.quantity, 0) > 0) return null;
  const sold = [...new Set(mine.filter((e) => e.type === 'sale' && e.ref).map((e) => e.ref!))];
  const holding: string[] = [];
  for (const saleId of sold) {
    const returnIds = await store.find('returns', 'saleId', saleId);
    const returns = (await Promise.all(returnIds.map((id) => store.get('returns', id)))).filter(Boolean) as unknown as ReturnRecord[];
    const back = returns.some((r) => r.lines.some((l) => l.pieceId === pieceId));
    const sale = (await store.get('sales', saleId)) as unknown as SaleRecord | undefined;
    if (!back && sale && sale.status !== 'voided') holding.push(saleId);
  }
  return holding.length > 0 ? holding.sort() : null;
}

/** What a piece-oversold case says: the piece, the sales, both standing, the later one flagged. */
export function pieceOversoldCase(
  piece: { id: string; itemId: string; serial: string; label: string },
  earlier: { id: string; receiptNumber: string }[],
  later: { id: string; receiptNumber: string },
  openedAt: string,
  existing?: CaseRecord,
): CaseRecord {
  const sales = [...earlier, later];
  const concerns = [`pieces/${piece.id}`, `items/${piece.itemId}`, ...sales.map((s) => `sales/${s.id}`)];
  const summary = `${piece.label} (serial ${piece.serial}) was sold ${sales.length === 2 ? 'twice' : `${sales.length} times`}: on receipts ${sales
    .map((s) => s.receiptNumber)
    .join(' and ')}. All sales stand; the later one (${later.receiptNumber}) is flagged.`;
  if (existing) {
    return reopen(existing, {
      concerns: [...new Set([...existing.concerns, ...concerns])],
      summary,
      flaggedSales: [...new Set([...(existing.flaggedSales ?? []), later.id])],
    });
  }
  return {
    id: `piece-oversold:${piece.id}`,
    type: 'piece-oversold',
    concerns,
    status: 'open',
    summary,
    openedAt,
    flaggedSales: [later.id],
  };
}
