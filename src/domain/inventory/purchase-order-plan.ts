import type { PurchaseOrderLine } from './purchase-order';

/**
 * Purchase-order helpers for the screens (kept out of purchase-order.ts, which the mutation
 * registry loads with the app: these are only needed once the Stock screen is open).
 */

/** Units still expected on a line (never negative). */
export const outstanding = (line: Pick<PurchaseOrderLine, 'quantity' | 'received'>): number => Math.max(0, line.quantity - line.received);

/** Lines a receipt would take beyond what was ordered: the screen asks to confirm these first. */
export function overReceived(
  lines: readonly Pick<PurchaseOrderLine, 'id' | 'quantity' | 'received'>[],
  receipt: readonly { lineId: string; quantity: number }[],
): { lineId: string; extra: number }[] {
  const byId = new Map(lines.map((l) => [l.id, l]));
  return receipt.flatMap((r) => {
    const line = byId.get(r.lineId);
    const extra = line ? r.quantity - outstanding(line) : 0;
    return line && extra > 0 ? [{ lineId: r.lineId, extra }] : [];
  });
}

/** A low-stock row as the reorder needs it. */
export interface ReorderCandidate {
  itemId: string;
  onHand: number;
  reorderPoint: number;
  reorderQty: number | null;
  supplierId: string | null;
  supplierSku: string | null;
  lastCost: number | null;
}

export interface ReorderDraft {
  supplierId: string;
  lines: { itemId: string; supplierSku: string | null; quantity: number; unitCost: number | null }[];
}

/**
 * "Reorder" on the low-stock list: one draft per supplier (in first-seen order), each item at its
 * reorder quantity, else enough to bring it back up to its reorder point (at least 1), at its last
 * cost. Items without a supplier cannot be ordered: they are returned in `skipped` for the screen
 * to explain.
 */
export function reorderDrafts(rows: readonly ReorderCandidate[]): { drafts: ReorderDraft[]; skipped: string[] } {
  const drafts = new Map<string, ReorderDraft>();
  const skipped: string[] = [];
  for (const row of rows) {
    if (!row.supplierId) {
      skipped.push(row.itemId);
      continue;
    }
    const draft = drafts.get(row.supplierId) ?? { supplierId: row.supplierId, lines: [] };
    const quantity = row.reorderQty && row.reorderQty > 0 ? row.reorderQty : Math.max(1, row.reorderPoint - row.onHand);
    draft.lines.push({ itemId: row.itemId, supplierSku: row.supplierSku, quantity, unitCost: row.lastCost });
    drafts.set(row.supplierId, draft);
  }
  return { drafts: [...drafts.values()], skipped };
}
