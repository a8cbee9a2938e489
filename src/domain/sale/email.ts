import * as v from 'valibot';
import { defineMutation } from '../sync/mutation';
import { uuid } from '../catalog/fields';

/**
 * A request to e-mail a sale's receipt. Like every change it waits in the outbox until the device
 * reaches the server; the server sends it once after the push that carries it has committed
 * (src/server/mail), and remembers that it did, so a resent push never sends it twice.
 */
export interface ReceiptEmailRecord {
  id: string;
  saleId: string;
  to: string;
  /** When the cashier asked for it, on the device. */
  requestedAt: string;
}

export const emailAddress = v.pipe(
  v.string(),
  v.trim(),
  v.nonEmpty('Enter an e-mail address'),
  v.maxLength(254, 'An e-mail address is at most 254 characters'),
  v.email('Enter a valid e-mail address'),
);

export const emailReceipt = defineMutation({
  name: 'receipt.email',
  version: 1,
  tables: ['receiptEmails'],
  schema: v.strictObject({
    id: uuid('Receipt e-mail id'),
    saleId: uuid('Sale id'),
    to: emailAddress,
  }),
  async apply(store, { id, saleId, to }, meta) {
    // A request is a fact, made once: the same id again (a relayed copy) changes nothing.
    if (await store.get('receiptEmails', id)) return;
    const record: ReceiptEmailRecord = { id, saleId, to, requestedAt: meta.occurredAt };
    await store.put('receiptEmails', { ...record });
  },
});
