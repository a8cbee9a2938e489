import type { Transaction } from 'kysely';
import { LOOKUP_FIELDS, type RecordStore, type StoredRecord } from '../../domain/sync/mutation';
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
      const fields = LOOKUP_FIELDS[table];
      if (!fields) return;
      // Keep the lookup keys in step with the record (replace them all: few per record).
      await trx.deleteFrom('record_keys').where('tbl', '=', table).where('id', '=', record.id).execute();
      const keys = fields.flatMap((field) => {
        const value = record[field];
        const values = Array.isArray(value) ? value : [value];
        return values.filter((v): v is string => typeof v === 'string' && v !== '').map((v) => ({ tbl: table, field, value: v, id: record.id }));
      });
      if (keys.length > 0) await trx.insertInto('record_keys').values(keys).execute();
    },
    async find(table, field, value) {
      const rows = await trx.selectFrom('record_keys').select('id').where('tbl', '=', table).where('field', '=', field).where('value', '=', value).execute();
      return rows.map((r) => r.id);
    },
  };
}
