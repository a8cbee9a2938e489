import type { Kysely } from 'kysely';

// Lookup keys of records (SKUs, barcodes, serials: domain LOOKUP_FIELDS), so a push can find the
// other item using a code without scanning every record's JSON.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('record_keys')
    .addColumn('tbl', 'text', (col) => col.notNull())
    .addColumn('field', 'text', (col) => col.notNull())
    .addColumn('value', 'text', (col) => col.notNull())
    .addColumn('id', 'text', (col) => col.notNull())
    .addPrimaryKeyConstraint('record_keys_pk', ['tbl', 'field', 'value', 'id'])
    .execute();
  await db.schema.createIndex('record_keys_by_record').on('record_keys').columns(['tbl', 'id']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('record_keys').execute();
}
