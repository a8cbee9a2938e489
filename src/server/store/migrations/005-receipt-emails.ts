import type { Kysely } from 'kysely';

// Receipt e-mails the server has taken on (src/server/mail): one row per `receiptEmails` record,
// claimed before the message goes out, so a resent push, a second push finishing at the same
// moment or a restart never sends the same receipt twice. Server-only: never pulled by devices.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('receipt_email_deliveries')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('sale_id', 'text', (col) => col.notNull())
    .addColumn('recipient', 'text', (col) => col.notNull())
    .addColumn('status', 'text', (col) => col.notNull())
    .addColumn('attempts', 'integer', (col) => col.notNull())
    .addColumn('claimed_at', 'text', (col) => col.notNull())
    .addColumn('sent_at', 'text')
    .addColumn('error', 'text')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('receipt_email_deliveries').execute();
}
