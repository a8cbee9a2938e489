import { appEnv } from '../data/env';
import { Live } from '../data/live.svelte';
import { perform, type Env } from '../data/commands/perform';
import { newId } from '../data/commands/ids';
import { pendingReceiptEmails } from '../data/queries/receipts';

export type ReceiptEmailStatus = 'queued' | 'sent';

/** A receipt e-mail asked for on this device, and whether the server has it yet. */
export interface RequestedEmail {
  id: string;
  to: string;
}

/**
 * Receipt e-mails: queued like every change (`receipt.email` in the outbox), so they wait for the
 * network by themselves; the server sends each one once it has it (src/server/mail).
 */
export class ReceiptEmails {
  constructor(private readonly env: Env = appEnv()) {}

  /** Queues an e-mail of the sale's receipt to `to`; resolves with the request's id. */
  async request(saleId: string, to: string): Promise<RequestedEmail> {
    const id = newId(this.env);
    await perform(this.env, 'receipt.email', { id, saleId, to: to.trim() });
    return { id, to: to.trim() };
  }

  /** Live status of requests by id: `queued` while in the outbox, `sent` once the server acknowledged it. */
  status(ids: readonly string[]): Live<Readonly<Record<string, ReceiptEmailStatus>>> {
    const list = [...ids];
    const all = (status: (id: string) => ReceiptEmailStatus) => Object.fromEntries(list.map((id) => [id, status(id)]));
    return new Live(
      async () => {
        const pending = await pendingReceiptEmails(this.env.db, list);
        return all((id) => (pending.has(id) ? 'queued' : 'sent'));
      },
      all(() => 'queued'),
    );
  }
}

let shared: ReceiptEmails | undefined;

/** The page's one instance (until the app state holds it). */
export function receiptEmails(): ReceiptEmails {
  shared ??= new ReceiptEmails();
  return shared;
}
