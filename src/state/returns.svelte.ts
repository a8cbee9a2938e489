import { appEnv } from '../data/env';
import { findSale, readCredit, returnSale, returnsOf, returnWithoutReceipt, voidSale, type ReturnInput } from '../data/commands/returns';
import { candidateFor } from '../data/queries/register';
import type { Env } from '../data/commands/perform';
import type { ReturnRecord, SaleRecord } from '../domain/sale/types';

export interface Approver {
  requestApproval(reason: string): Promise<{ by: string | null } | null>;
  readonly staffId: string | null;
}

/** Returns, exchanges and voids as the Sell screen's Returns page uses them. */
export class ReturnsState {
  constructor(
    private readonly staff: Approver,
    private readonly env: Env = appEnv(),
  ) {}

  find(text: string): Promise<SaleRecord | undefined> {
    return findSale(this.env, text);
  }

  previous(saleId: string): Promise<ReturnRecord[]> {
    return returnsOf(this.env, saleId);
  }

  give(input: Omit<ReturnInput, 'staffId' | 'approvedBy'>): ReturnType<typeof returnSale> {
    return returnSale(this.env, { ...input, staffId: this.staff.staffId, approvedBy: null });
  }

  /** A whole sale voided — a manager approves it. Returns false when the approval was cancelled. */
  async void(sale: SaleRecord, reason: string): Promise<boolean> {
    const approval = await this.staff.requestApproval(`Void sale ${sale.receiptNumber}`);
    if (!approval) return false;
    await voidSale(this.env, sale, { reason, staffId: this.staff.staffId, approvedBy: approval.by });
    return true;
  }

  /** No receipt: a manager approves, the item is refunded at today's price. Null when cancelled. */
  async withoutReceipt(input: {
    itemId: string;
    quantity: number;
    damaged: boolean;
    refundTo: 'cash' | 'credit';
    reason: string;
  }): Promise<Awaited<ReturnType<typeof returnWithoutReceipt>> | null> {
    const found = await candidateFor(this.env.db, input.itemId);
    if (found.kind === 'unknown') throw new Error('That item is not in the catalogue');
    const approval = await this.staff.requestApproval('Return without a receipt');
    if (!approval) return null;
    const c = found.kind === 'found' ? found.candidate : undefined;
    const item = (await this.env.db.items.get(input.itemId)) as { values: { price: number; sku: string } } | undefined;
    return returnWithoutReceipt(this.env, {
      itemId: input.itemId,
      pieceId: null,
      title: c?.title ?? (found.kind === 'unavailable' ? found.title : ''),
      sku: c?.sku ?? item?.values.sku ?? '',
      unitPrice: c?.unitPrice ?? item?.values.price ?? 0,
      taxRateBp: c?.taxRateBp ?? 0,
      quantity: input.quantity,
      damaged: input.damaged,
      refundTo: input.refundTo,
      reason: input.reason,
      staffId: this.staff.staffId,
      approvedBy: approval.by,
    });
  }

  credit(code: string): ReturnType<typeof readCredit> {
    return readCredit(this.env, code);
  }
}
