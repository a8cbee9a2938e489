import { PostgresAdapter, sql } from 'kysely';
import type { Kysely } from 'kysely';

// The sync core's tables (ARCHITECTURE §5, §9). Only types both dialects handle: text, integer,
// bigint, ISO-8601 text timestamps, JSON as text, and a binary type chosen per dialect below.

export async function up(db: Kysely<unknown>): Promise<void> {
  // SQLite gives a column named "bytea" NUMERIC affinity; PostgreSQL has no "blob" type.
  const binary = db.getExecutor().adapter instanceof PostgresAdapter ? sql`bytea` : sql`blob`;

  await db.schema.alterTable('shop').addColumn('max_hlc', 'text').execute();

  await db.schema
    .createTable('devices')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('name', 'text', (col) => col.notNull())
    .addColumn('role', 'text', (col) => col.notNull())
    .addColumn('token_hash', 'text', (col) => col.notNull().unique())
    .addColumn('register_code', 'text', (col) => col.notNull().unique())
    .addColumn('paired_at', 'text', (col) => col.notNull())
    .addColumn('revoked_at', 'text')
    .addColumn('last_seen_at', 'text')
    .addColumn('last_mutation_id', 'bigint', (col) => col.notNull().defaultTo(0))
    .addColumn('clock_wrong_at', 'text')
    .execute();

  await db.schema
    .createTable('pairing_codes')
    .addColumn('code_hash', 'text', (col) => col.primaryKey())
    .addColumn('role', 'text', (col) => col.notNull())
    .addColumn('created_at', 'text', (col) => col.notNull())
    .addColumn('expires_at', 'text', (col) => col.notNull())
    .addColumn('used_at', 'text')
    .addColumn('used_by', 'text', (col) => col.references('devices.id'))
    .execute();

  // One row per processed (device, id): the dedupe and conflict check of every later push.
  await db.schema
    .createTable('mutations')
    .addColumn('device_id', 'text', (col) => col.notNull().references('devices.id'))
    .addColumn('id', 'bigint', (col) => col.notNull())
    .addColumn('hash', 'text', (col) => col.notNull())
    .addColumn('name', 'text', (col) => col.notNull())
    .addColumn('v', 'integer', (col) => col.notNull())
    .addColumn('status', 'text', (col) => col.notNull())
    .addColumn('reason', 'text')
    .addColumn('message', 'text')
    .addColumn('version', 'bigint')
    .addColumn('received_at', 'text', (col) => col.notNull())
    .addPrimaryKeyConstraint('mutations_pk', ['device_id', 'id'])
    .execute();

  await db.schema
    .createTable('records')
    .addColumn('tbl', 'text', (col) => col.notNull())
    .addColumn('id', 'text', (col) => col.notNull())
    .addColumn('data', 'text', (col) => col.notNull())
    .addColumn('version', 'bigint', (col) => col.notNull())
    .addPrimaryKeyConstraint('records_pk', ['tbl', 'id'])
    .execute();
  // Every pull reads "version > cursor order by version".
  await db.schema.createIndex('records_version').on('records').column('version').execute();

  await db.schema
    .createTable('blobs')
    .addColumn('hash', 'text', (col) => col.primaryKey())
    .addColumn('content', binary, (col) => col.notNull())
    .addColumn('content_type', 'text', (col) => col.notNull())
    .addColumn('size', 'bigint', (col) => col.notNull())
    .addColumn('created_at', 'text', (col) => col.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['blobs', 'records', 'mutations', 'pairing_codes', 'devices']) {
    await db.schema.dropTable(table).execute();
  }
  await db.schema.alterTable('shop').dropColumn('max_hlc').execute();
}
