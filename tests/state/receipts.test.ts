import { describe, expect, it } from 'vitest';
import { ReceiptEmails } from '../../src/state/receipts.svelte';
import { pendingReceiptEmails } from '../../src/data/queries/receipts';
import { testEnv } from '../factories/env';
import { SALE_ID } from '../factories/sale';

describe('receipt e-mails on the device', () => {
  it('queue a receipt.email mutation with its record, pending until the server acknowledges it', async () => {
    const env = testEnv();
    const emails = new ReceiptEmails(env);
    const request = await emails.request(SALE_ID, '  ana@example.com ');
    expect(request.to).toBe('ana@example.com');

    const [row] = await env.db.outbox.toArray();
    expect(row).toMatchObject({ name: 'receipt.email', args: { id: request.id, saleId: SALE_ID, to: 'ana@example.com' } });
    expect(await env.db.receiptEmails.get(request.id)).toEqual({
      id: request.id,
      saleId: SALE_ID,
      to: 'ana@example.com',
      requestedAt: new Date(env.clock.now()).toISOString(),
    });
    expect(await pendingReceiptEmails(env.db, [request.id])).toEqual(new Set([request.id]));

    // What a push that the server answered does: the outbox row goes.
    await env.db.outbox.clear();
    expect(await pendingReceiptEmails(env.db, [request.id])).toEqual(new Set());
  });

  it('refuse an address that is not one, and queue nothing', async () => {
    const env = testEnv();
    await expect(new ReceiptEmails(env).request(SALE_ID, 'ana at example')).rejects.toMatchObject({
      reason: 'invalid-args',
      message: 'Enter a valid e-mail address',
    });
    expect(await env.db.outbox.count()).toBe(0);
  });
});
