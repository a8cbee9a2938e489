import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { Kysely } from 'kysely';

// Migrations take Kysely<unknown>: they must not depend on the current Schema type, which
// describes the database after the LAST migration, not after this one.

/** The single shop row and its version counter (the sync cursor). */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('shop')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('created_at', 'text', (col) => col.notNull())
    .addColumn('version', 'bigint', (col) => col.notNull().defaultTo(0))
    .execute();
  // One shop per server (ARCHITECTURE §10): the row exists from the start, so the sync core
  // only ever updates it and never has to race to create it.
  await sql`insert into shop (id, created_at, version) values (${randomUUID()}, ${new Date().toISOString()}, 0)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('shop').execute();
}
