import type { Transaction } from 'kysely';
import type { RecordStore, StoredRecord } from '../../domain/sync/mutation';
import type { Schema } from '../store/schema';

/**
 * The domain's RecordStore over the `records` table, inside the push transaction: every write is
 * stamped with `version`, the shop version of the mutation being applied.
 */
export function createRecordStore(trx: Transaction<Schema>, version: number): RecordStore {
  return {
    async get(table, id) {
      const row = await trx.selectFrom('records').select('data').where('tbl', '=', table).where('id', '=', id).executeTakeFirst();
      return row === undefined ? undefined : (JSON.parse(row.data) as StoredRecord);
    },
    async put(table, record) {
      await trx
        .insertInto('records')
        .values({ tbl: table, id: record.id, data: JSON.stringify(record), version })
        .onConflict((oc) =>
          oc.columns(['tbl', 'id']).doUpdateSet((eb) => ({ data: eb.ref('excluded.data'), version: eb.ref('excluded.version') })),
        )
        .execute();
    },
  };
}
