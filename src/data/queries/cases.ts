import type { CaseRecord } from '../../domain/cases';
import type { ItemRecord } from '../../domain/catalog/item';
import type { PieceRecord } from '../../domain/inventory/pieces';
import type { ReturnRecord, SaleRecord } from '../../domain/sale/types';
import type { StaffRecord } from '../../domain/staff';
import type { TroveDb } from '../db';

/** Every case, open first (oldest first), then resolved (newest first). */
export async function listCases(db: TroveDb): Promise<CaseRecord[]> {
  const all = (await db.cases.toArray()) as unknown as CaseRecord[];
  const open = all.filter((c) => c.status === 'open').sort((a, b) => a.openedAt.localeCompare(b.openedAt));
  const done = all.filter((c) => c.status !== 'open').sort((a, b) => (b.resolvedAt ?? '').localeCompare(a.resolvedAt ?? ''));
  return [...open, ...done];
}

/** One sale a case concerns, as the case page shows it. */
export interface CaseSale {
  id: string;
  receiptNumber: string;
  /** The register: the receipt number's prefix. */
  register: string;
  occurredAt: string;
  staff: string | null;
  total: number;
  /** The sale the server applied later (flagged). */
  flagged: boolean;
  status: 'completed' | 'voided';
  /** The case's piece was returned from this sale already. */
  pieceReturned: boolean;
  /** The case's piece's line (null when the case is not about a piece). */
  line: { lineId: string; total: number; title: string } | null;
  /** Paid by (tender kinds), for the refund choice. */
  tenders: string[];
}

/** One return (or void) a case names — a sale refunded on two registers. */
export interface CaseReturn {
  id: string;
  kind: 'return' | 'void';
  occurredAt: string;
  deviceId: string;
  staff: string | null;
  total: number;
  /** What came back, e.g. "1 × Stacking ring". */
  lines: string[];
  /** Refunded by (tender kinds). */
  refunds: string[];
}

export interface CaseView {
  record: CaseRecord;
  piece: { id: string; serial: string } | null;
  item: { id: string; sku: string } | null;
  /** Every item the case names (a code used twice names two). */
  items: { id: string; sku: string }[];
  /** A store credit or gift card the case is about, with its balance now. */
  credit: { code: string; balance: number } | null;
  /** On hand of the item at every location together (a piece: 1, 0 or −1). */
  onHand: number | null;
  sales: CaseSale[];
  returns: CaseReturn[];
  resolvedBy: string | null;
  /** What the customer took instead ("substituted"). */
  substitute: string | null;
}

const idsOf = (c: CaseRecord, table: string) => c.concerns.filter((k) => k.startsWith(`${table}/`)).map((k) => k.slice(table.length + 1));

async function staffName(db: TroveDb, id: string | null | undefined): Promise<string | null> {
  if (!id) return null;
  const staff = (await db.staff.get(id)) as unknown as StaffRecord | undefined;
  return staff?.values.name ?? null;
}

/** A case with the records it concerns read for the page: the piece, its item, the sales with who and when. */
export async function readCase(db: TroveDb, id: string): Promise<CaseView | undefined> {
  const record = (await db.cases.get(id)) as unknown as CaseRecord | undefined;
  if (!record) return undefined;
  const [pieceId] = idsOf(record, 'pieces');
  const [itemId] = idsOf(record, 'items');
  const piece = pieceId ? ((await db.pieces.get(pieceId)) as unknown as PieceRecord | undefined) : undefined;
  const item = itemId ? ((await db.items.get(itemId)) as unknown as ItemRecord | undefined) : undefined;
  const levels = itemId ? await db.stockLevels.where('itemId').equals(itemId).toArray() : [];
  const sales: CaseSale[] = [];
  for (const saleId of idsOf(record, 'sales')) {
    const sale = (await db.sales.get(saleId)) as unknown as SaleRecord | undefined;
    if (!sale) continue;
    const returns = (await db.returns.where('saleId').equals(saleId).toArray()) as unknown as ReturnRecord[];
    const line = pieceId ? sale.lines.find((l) => l.pieceId === pieceId) : undefined;
    sales.push({
      id: sale.id,
      receiptNumber: sale.receiptNumber,
      register: sale.receiptNumber.split('-')[0] ?? '',
      occurredAt: sale.occurredAt,
      staff: await staffName(db, sale.staffId),
      total: sale.total,
      flagged: (record.flaggedSales ?? []).includes(sale.id) || (sale.flagged ?? '').includes('piece-oversold'),
      status: sale.status,
      pieceReturned: pieceId !== undefined && returns.some((r) => r.lines.some((l) => l.pieceId === pieceId)),
      line: line ? { lineId: line.lineId, total: line.total, title: line.title } : null,
      tenders: [...new Set(sale.tenders.filter((t) => t.amount > 0).map((t) => t.kind))],
    });
  }
  const returns: CaseReturn[] = [];
  for (const returnId of idsOf(record, 'returns')) {
    const r = (await db.returns.get(returnId)) as unknown as ReturnRecord | undefined;
    if (!r) continue;
    returns.push({
      id: r.id,
      kind: r.kind,
      occurredAt: r.occurredAt,
      deviceId: r.deviceId,
      staff: await staffName(db, r.staffId),
      total: r.total,
      lines: r.lines.map((l) => `${l.quantity} × ${l.title}`),
      refunds: [...new Set(r.refunds.map((x) => x.kind))],
    });
  }
  const items: { id: string; sku: string }[] = [];
  for (const other of idsOf(record, 'items')) {
    const found = (await db.items.get(other)) as unknown as ItemRecord | undefined;
    if (found) items.push({ id: found.id, sku: found.values.sku });
  }
  const [creditId] = idsOf(record, 'credits');
  let credit: CaseView['credit'] = null;
  if (creditId) {
    const account = (await db.credits.get(creditId)) as { code: string } | undefined;
    const entries = (await db.creditEntries.where('creditId').equals(creditId).toArray()) as unknown as { amount: number }[];
    if (account) credit = { code: account.code, balance: entries.reduce((sum, e) => sum + e.amount, 0) };
  }
  let substitute: string | null = null;
  if (record.substitute) {
    const sub = (await db.items.get(record.substitute.itemId)) as unknown as ItemRecord | undefined;
    const subPiece = record.substitute.pieceId
      ? ((await db.pieces.get(record.substitute.pieceId)) as unknown as PieceRecord | undefined)
      : undefined;
    substitute = [sub?.values.sku ?? 'an item', subPiece ? `serial ${subPiece.values.serial}` : ''].filter(Boolean).join(', ');
  }
  return {
    record,
    piece: piece ? { id: piece.id, serial: piece.values.serial } : null,
    item: item ? { id: item.id, sku: item.values.sku } : null,
    items,
    credit,
    onHand: itemId ? levels.reduce((s, l) => s + (l['onHand'] as number), 0) : null,
    sales,
    returns,
    resolvedBy: await staffName(db, record.resolvedBy),
    substitute,
  };
}
