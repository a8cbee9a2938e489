import type { Kysely, Migration } from 'kysely';

type Db = Kysely<{
  records: { tbl: string; id: string; data: string };
  record_keys: { tbl: string; field: string; value: string; id: string };
}>;

/**
 * A migration for new lookup keys (domain LOOKUP_FIELDS): records stored before the key existed get
 * their `record_keys` rows (string values only, as the record store writes them); down removes them.
 */
export function backfillKeys(added: readonly [table: string, field: string][]): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
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
    },
    async down(db: Kysely<unknown>): Promise<void> {
      const store = db as unknown as Db;
      for (const [table, field] of added)
        await store.deleteFrom('record_keys').where('tbl', '=', table).where('field', '=', field).execute();
    },
  };
}
