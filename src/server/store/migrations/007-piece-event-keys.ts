import type { Kysely } from 'kysely';

// Lookup key added with the conflicts inbox (domain LOOKUP_FIELDS): a piece's ledger events by
// piece, so a sale finds a piece another sale already took (piece-oversold case). Events stored
// before get their keys here.
const added: [table: string, field: string][] = [['stockEvents', 'pieceId']];

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
