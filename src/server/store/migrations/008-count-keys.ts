import type { Kysely } from 'kysely';

// Lookup keys added with cycle counts (domain LOOKUP_FIELDS): count lines by their count, and
// ledger events by item (a count's apply reads the item's ledger to find on hand as of its last
// scan). Records stored before get their keys here.
const added: [table: string, field: string][] = [
  ['countLines', 'countId'],
  ['stockEvents', 'itemId'],
];

type Db = Kysely<{
  records: { tbl: string; id: string; data: string };
  record_keys: { tbl: string; field: string; value: string; id: string };
}>;

export async function up(db: Kysely<unknown>): Promise<void> {
  const store = db as unknown as Db;
  for (const [table, field] of added) {
    const rows = await store.selectFrom('records').select(['id', 'data']).where('tbl', '=', table).execute();
    const keys = rows.flatMap((row) => {
      const value = (JSON.parse(row.data) as Record<string, unknown>)[field];
      return typeof value === 'string' && value !== '' ? [{ tbl: table, field, value, id: row.id }] : [];
    });
    for (let i = 0; i < keys.length; i += 500)
      await store
        .insertInto('record_keys')
        .values(keys.slice(i, i + 500))
        .onConflict((oc) => oc.doNothing())
        .execute();
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  const store = db as unknown as Db;
  for (const [table, field] of added) await store.deleteFrom('record_keys').where('tbl', '=', table).where('field', '=', field).execute();
}
