import type { ReceivePurchaseOrderArgs, SavePurchaseOrderArgs } from '../../domain/inventory/purchase-order';
import { reorderDrafts, type ReorderCandidate } from '../../domain/inventory/purchase-order-plan';
import { BatchWriter } from './batch-writer';
import { newId } from './ids';
import { perform, type Env } from './perform';

/** Purchase orders on the device (issue 7 point 2): each change is one mutation, one transaction. */

export interface DraftLineInput {
  /** Kept when editing a line; a new line gets an id. */
  id?: string;
  itemId: string;
  supplierSku: string | null;
  quantity: number;
  unitCost: number | null;
}

export interface DraftInput {
  /** Null: a new draft. */
  id: string | null;
  supplierId: string;
  lines: DraftLineInput[];
  note: string;
  shippingCost: number;
}

/** Saves a draft (a new one when `id` is null); returns its id. */
export async function savePurchaseOrder(env: Env, input: DraftInput): Promise<string> {
  const id = input.id ?? newId(env);
  await perform(env, 'purchaseOrder.save', {
    id,
    supplierId: input.supplierId,
    lines: input.lines.map((l) => ({
      id: l.id ?? newId(env),
      itemId: l.itemId,
      supplierSku: l.supplierSku,
      quantity: l.quantity,
      unitCost: l.unitCost,
    })),
    note: input.note,
    shippingCost: input.shippingCost,
  } satisfies SavePurchaseOrderArgs);
  return id;
}

export async function sendPurchaseOrder(env: Env, id: string): Promise<void> {
  await perform(env, 'purchaseOrder.send', { id });
}

export async function cancelPurchaseOrder(env: Env, id: string): Promise<void> {
  await perform(env, 'purchaseOrder.cancel', { id });
}

export interface ReceiptInput {
  purchaseOrderId: string;
  locationId: string;
  landedCost: number;
  /** Lines with a quantity this time (zero-quantity lines are left out). */
  lines: { lineId: string; quantity: number }[];
}

/** Records a delivery: events, layers and the order's progress in one transaction; returns the receipt id. */
export async function receivePurchaseOrder(env: Env, input: ReceiptInput): Promise<string> {
  const receiptId = newId(env);
  await perform(env, 'purchaseOrder.receive', {
    purchaseOrderId: input.purchaseOrderId,
    receiptId,
    locationId: input.locationId,
    landedCost: input.landedCost,
    lines: input.lines
      .filter((l) => l.quantity !== 0)
      .map((l) => ({
        lineId: l.lineId,
        quantity: l.quantity,
        eventId: newId(env),
        lotId: newId(env),
        splitLotId: newId(env),
        correctionEventId: newId(env),
      })),
  } satisfies ReceivePurchaseOrderArgs);
  return receiptId;
}

/**
 * "Reorder" on the low-stock list: one draft per supplier, all written in one transaction. Items
 * without a supplier are returned (skipped) for the screen to explain.
 */
export async function createReorderDrafts(env: Env, rows: readonly ReorderCandidate[]): Promise<{ created: string[]; skipped: string[] }> {
  const { drafts, skipped } = reorderDrafts(rows);
  if (drafts.length === 0) return { created: [], skipped };
  const created = drafts.map(() => newId(env));
  await new BatchWriter(env).run(
    drafts.map((d, i) => ({
      name: 'purchaseOrder.save',
      args: {
        id: created[i]!,
        supplierId: d.supplierId,
        lines: d.lines.map((l) => ({ id: newId(env), ...l })),
        note: '',
        shippingCost: 0,
      } satisfies SavePurchaseOrderArgs,
    })),
    { ids: [], finds: [] },
  );
  return { created, skipped };
}
