import type { ReceiptEmailRecord } from '../../domain/sale/email';
import type { SaleRecord } from '../../domain/sale/types';
import { SETTINGS_ID, settingsOf, type ShopSettingsRecord } from '../../domain/settings';
import { firstLine } from '../startup-error';
import type { Store } from '../store/open-store';
import { receiptMail } from './receipt-mail';
import type { MailTransport } from './transport';

/** A failed send is tried again later, this many times in all… */
export const MAX_ATTEMPTS = 5;
/** …after this long times the attempts so far (5, 10, 15, 20 minutes). */
export const RETRY_DELAY_MS = 5 * 60_000;
/** Requests handled per query: a backlog is worked through in batches. */
const BATCH = 50;

interface Pending {
  id: string;
  version: number;
  data: string;
  status: 'sending' | 'sent' | 'failed' | null;
  attempts: number | null;
  claimed_at: string | null;
}

/**
 * Sends the receipt e-mails devices asked for (`receipt.email` records). Runs after a push has
 * committed — started by `kick()`, never awaited by the push, so the device's answer doesn't wait
 * on a mail server — and once at start-up for anything a stopped server left. Each request is
 * claimed in `receipt_email_deliveries` before it is sent, so it goes out at most once however
 * often pushes are resent; a request whose sale the server doesn't have yet waits for it.
 */
export class ReceiptMailer {
  #running: Promise<void> | undefined;
  #again = false;
  #closed = false;
  #retry: NodeJS.Timeout | undefined;

  constructor(
    private readonly store: Store,
    private readonly transport: MailTransport,
    private readonly log: (line: string) => void = (line) => console.log(line),
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Starts a run (or one more after the current run) in the background; errors are logged. */
  kick(): void {
    if (this.#closed) return;
    if (this.#running) {
      this.#again = true;
      return;
    }
    this.#running = this.#loop().finally(() => (this.#running = undefined));
  }

  /** Resolves once no run is going (for shutdown and tests). */
  async idle(): Promise<void> {
    while (this.#running) await this.#running;
  }

  /** Stops taking new runs, waits for the current one, closes the transport. */
  async close(): Promise<void> {
    this.#closed = true;
    clearTimeout(this.#retry);
    await this.idle();
    this.transport.close();
  }

  async #loop(): Promise<void> {
    do {
      this.#again = false;
      try {
        await this.deliverPending();
      } catch (error) {
        this.log(`Receipt e-mails: could not read the pending ones: ${firstLine(error)}`);
      }
    } while (this.#again && !this.#closed);
  }

  /** One pass over every pending request, oldest first. Returns how many were sent. */
  async deliverPending(): Promise<number> {
    let sent = 0;
    let after: { version: number; id: string } | undefined;
    let nextRetry = Infinity;
    for (;;) {
      const batch = await this.#pending(after);
      if (batch.length === 0) break;
      for (const request of batch) {
        const due = request.status === 'failed' ? Date.parse(request.claimed_at ?? '') + RETRY_DELAY_MS * (request.attempts ?? 1) : 0;
        const outcome = due > this.now().getTime() ? 'failed' : await this.#deliver(request);
        if (outcome === 'sent') sent += 1;
        if (outcome === 'failed') nextRetry = Math.min(nextRetry, Math.max(due, this.now().getTime() + RETRY_DELAY_MS));
      }
      const last = batch.at(-1)!;
      after = { version: last.version, id: last.id };
    }
    this.#scheduleRetry(nextRetry);
    return sent;
  }

  /** Failed sends are retried by a timer too, so they don't wait for the next push. */
  #scheduleRetry(at: number): void {
    clearTimeout(this.#retry);
    this.#retry = undefined;
    if (!Number.isFinite(at) || this.#closed) return;
    this.#retry = setTimeout(() => this.kick(), Math.max(0, at - this.now().getTime()));
    // Never the reason the process stays up.
    this.#retry.unref();
  }

  /** Requests with no delivery yet, or whose last attempt failed (and may be tried again), after `after`. */
  async #pending(after: { version: number; id: string } | undefined): Promise<Pending[]> {
    let query = this.store.db
      .selectFrom('records as r')
      .leftJoin('receipt_email_deliveries as d', 'd.id', 'r.id')
      .select(['r.id', 'r.version', 'r.data', 'd.status', 'd.attempts', 'd.claimed_at'])
      .where('r.tbl', '=', 'receiptEmails')
      .where((eb) => eb.or([eb('d.id', 'is', null), eb.and([eb('d.status', '=', 'failed'), eb('d.attempts', '<', MAX_ATTEMPTS)])]));
    if (after !== undefined) {
      const { version, id } = after;
      query = query.where((eb) => eb.or([eb('r.version', '>', version), eb.and([eb('r.version', '=', version), eb('r.id', '>', id)])]));
    }
    return query.orderBy('r.version').orderBy('r.id').limit(BATCH).execute();
  }

  async #record<T>(table: string, id: string): Promise<T | undefined> {
    const row = await this.store.db.selectFrom('records').select('data').where('tbl', '=', table).where('id', '=', id).executeTakeFirst();
    return row === undefined ? undefined : (JSON.parse(row.data) as T);
  }

  async #deliver(pending: Pending): Promise<'sent' | 'failed' | 'skipped'> {
    const request = JSON.parse(pending.data) as ReceiptEmailRecord;
    const sale = await this.#record<SaleRecord>('sales', request.saleId);
    // The sale travels ahead of its e-mail in the outbox; if it hasn't arrived, a later push brings it.
    if (sale === undefined) return 'skipped';
    if (!(await this.#claim(pending, request))) return 'skipped';
    const settings = settingsOf(await this.#record<ShopSettingsRecord>('settings', SETTINGS_ID));
    try {
      const how = await this.transport.send(receiptMail(sale, settings, request.to), `receipt-${sale.receiptNumber}-${request.id}`);
      await this.store.db
        .updateTable('receipt_email_deliveries')
        .set({ status: 'sent', sent_at: this.now().toISOString(), error: null })
        .where('id', '=', request.id)
        .execute();
      this.log(`Receipt ${sale.receiptNumber} e-mailed to ${request.to}: ${how}`);
      return 'sent';
    } catch (error) {
      const reason = firstLine(error);
      await this.store.db
        .updateTable('receipt_email_deliveries')
        .set({ status: 'failed', error: reason })
        .where('id', '=', request.id)
        .execute();
      this.log(`Receipt ${sale.receiptNumber} could not be e-mailed to ${request.to}: ${reason}`);
      return 'failed';
    }
  }

  /** Takes the request for this run; false when another run (or process) already has it. */
  async #claim(pending: Pending, request: ReceiptEmailRecord): Promise<boolean> {
    const claimedAt = this.now().toISOString();
    if (pending.status === null) {
      const inserted = await this.store.db
        .insertInto('receipt_email_deliveries')
        .values({
          id: request.id,
          sale_id: request.saleId,
          recipient: request.to,
          status: 'sending',
          attempts: 1,
          claimed_at: claimedAt,
          sent_at: null,
          error: null,
        })
        .onConflict((oc) => oc.column('id').doNothing())
        .returning('id')
        .execute();
      return inserted.length === 1;
    }
    const retried = await this.store.db
      .updateTable('receipt_email_deliveries')
      .set((eb) => ({ status: 'sending', attempts: eb('attempts', '+', 1), claimed_at: claimedAt }))
      .where('id', '=', request.id)
      .where('status', '=', 'failed')
      .where('attempts', '=', pending.attempts ?? 0)
      .returning('id')
      .execute();
    return retried.length === 1;
  }
}
