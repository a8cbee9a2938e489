import type { AdjustArgs, AdjustReason } from '../../domain/inventory/adjust';
import type { TransferArgs } from '../../domain/inventory/transfer';
import { newId } from './ids';
import { perform, type Env } from './perform';

/** Stock operations on the device (issue 7 points 3–4): each is one mutation, one transaction. */

export interface AdjustInput {
  itemId: string;
  pieceId: string | null;
  locationId: string;
  /** Signed: negative takes stock out. */
  quantity: number;
  reason: AdjustReason;
  note: string;
}

export async function adjustStock(env: Env, input: AdjustInput): Promise<string> {
  const eventId = newId(env);
  await perform(env, 'stock.adjust', { eventId, ...input } satisfies AdjustArgs);
  return eventId;
}

export interface TransferInput {
  itemId: string;
  pieceId: string | null;
  fromLocationId: string;
  toLocationId: string;
  quantity: number;
  /** True: it arrives now (one mutation); false: in transit until received. */
  receivedNow: boolean;
}

export async function transferStock(env: Env, input: TransferInput): Promise<string> {
  const transferId = newId(env);
  const { receivedNow, ...rest } = input;
  await perform(env, 'stock.transfer', {
    transferId,
    ...rest,
    outEventId: newId(env),
    inEventId: receivedNow ? newId(env) : null,
  } satisfies TransferArgs);
  return transferId;
}

export async function receiveTransfer(env: Env, transferId: string): Promise<void> {
  await perform(env, 'stock.transferReceive', { transferId, inEventId: newId(env) });
}

export interface CostCorrectionInput {
  lotId: string;
  /** The layer's new unit cost in cents. */
  unitCost: number;
  /** Why (required when the layer had a known cost). */
  reason: string;
}

/** Revalues a FIFO layer (sets a cost-unknown layer's cost, or fixes a wrong one). */
export async function correctCost(env: Env, input: CostCorrectionInput): Promise<string> {
  const eventId = newId(env);
  await perform(env, 'stock.costCorrection', { eventId, ...input });
  return eventId;
}
