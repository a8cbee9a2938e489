import type { Kysely } from 'kysely';

// FIFO layers became findable by item (domain LOOKUP_FIELDS `lots: ['itemId']`): a sale consumes
// an item's layers. Lots stored before that get their key here.
export async function up(db: Kysely<unknown>): Promise<void> {
  const anyDb = db as unknown as Kysely<{
    records: { tbl: string; id: string; data: string };
    record_keys: { tbl: string; field: string; value: string; id: string };
  }>;
  const rows = await anyDb.selectFrom('records').select(['id', 'data']).where('tbl', '=', 'lots').execute();
  const keys = rows.flatMap((row) => {
    const itemId = (JSON.parse(row.data) as { itemId?: unknown }).itemId;
    return typeof itemId === 'string' ? [{ tbl: 'lots', field: 'itemId', value: itemId, id: row.id }] : [];
  });
  for (let i = 0; i < keys.length; i += 500) {
    await anyDb
      .insertInto('record_keys')
      .values(keys.slice(i, i + 500))
      .onConflict((oc) => oc.doNothing())
      .execute();
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  const anyDb = db as unknown as Kysely<{ record_keys: { tbl: string; field: string } }>;
  await anyDb.deleteFrom('record_keys').where('tbl', '=', 'lots').where('field', '=', 'itemId').execute();
}
