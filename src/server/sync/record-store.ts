import { CompiledQuery, type Compilable, type Transaction } from 'kysely';
import { LOOKUP_FIELDS, type RecordStore, type StoredRecord } from '../../domain/sync/mutation';
import type { Schema } from '../store/schema';

/** What one push knows of a record: its stored JSON (null: none), and whether its lookup keys are exactly those of that JSON. */
interface Known {
  data: string | null;
  /** True when this push wrote the keys (or there is no record, hence no keys); false for a record only read. */
  keysExact: boolean;
}

/**
 * The records one push has read or written, so a mutation reading what an earlier one of the same
 * push read or wrote (the item and location of every receipt, a sale's shift) does not ask the
 * database again, and a put whose lookup keys did not change does not rewrite them. Valid only
 * inside the push transaction, which holds the shop lock: nothing else writes records meanwhile.
 * What a mutation writes stays pending until `commit` (its savepoint released); `discard` (rolled
 * back to its savepoint) forgets it.
 */
export class RecordCache {
  readonly #committed = new Map<string, Known>();
  readonly #pending = new Map<string, Known>();

  lookup(table: string, id: string): Known | undefined {
    const key = `${table}\u0000${id}`;
    return this.#pending.get(key) ?? this.#committed.get(key);
  }

  note(table: string, id: string, known: Known, pending: boolean): void {
    (pending ? this.#pending : this.#committed).set(`${table}\u0000${id}`, known);
  }

  commit(): void {
    for (const [key, known] of this.#pending) this.#committed.set(key, known);
    this.#pending.clear();
  }

  discard(): void {
    this.#pending.clear();
  }
}

type Key = { tbl: string; field: string; value: string; id: string };

/** The lookup keys a record has (LOOKUP_FIELDS: string values, each element of an array). */
function keysOf(table: string, fields: readonly string[], record: Record<string, unknown>, id: string): Key[] {
  return fields.flatMap((field) => {
    const value = record[field];
    const values = Array.isArray(value) ? value : [value];
    return values.filter((v): v is string => typeof v === 'string' && v !== '').map((v) => ({ tbl: table, field, value: v, id }));
  });
}

const sameKeys = (a: readonly Key[], b: readonly Key[]): boolean =>
  a.length === b.length && a.every((k, i) => k.field === b[i]!.field && k.value === b[i]!.value);

/** A query compiled once (by the transaction's own dialect), then run with other values. */
type Prepared = (values: readonly unknown[]) => CompiledQuery;

function prepared(query: Compilable, placeholders: readonly string[]): Prepared {
  const { sql, parameters } = query.compile();
  const order = parameters.map((p) => placeholders.indexOf(p as string));
  if (order.some((i) => i < 0)) throw new Error(`record store: unexpected parameter in ${sql}`);
  return (values) =>
    CompiledQuery.raw(
      sql,
      order.map((i) => values[i]),
    );
}

/**
 * The record store's queries, built and compiled once per push transaction rather than once per
 * use: Kysely's query building was about a tenth of a push's time. The same SQL as before.
 */
class Queries {
  readonly get: Prepared;
  readonly insert: Prepared;
  readonly upsert: Prepared;
  readonly deleteKeys: Prepared;
  readonly find: Prepared;
  readonly #insertKeys = new Map<number, Prepared>();

  constructor(private readonly trx: Transaction<Schema>) {
    const [t, i, d, v, f, x] = ['$tbl', '$id', '$data', '$version', '$field', '$value'];
    const row = { tbl: t, id: i, data: d, version: v as unknown as number };
    const records = [t, i, d, v];
    this.get = prepared(trx.selectFrom('records').select('data').where('tbl', '=', t).where('id', '=', i), [t, i]);
    this.insert = prepared(
      trx
        .insertInto('records')
        .values(row)
        .onConflict((oc) => oc.columns(['tbl', 'id']).doNothing()),
      records,
    );
    this.upsert = prepared(
      trx
        .insertInto('records')
        .values(row)
        .onConflict((oc) =>
          oc.columns(['tbl', 'id']).doUpdateSet((eb) => ({ data: eb.ref('excluded.data'), version: eb.ref('excluded.version') })),
        ),
      records,
    );
    this.deleteKeys = prepared(trx.deleteFrom('record_keys').where('tbl', '=', t).where('id', '=', i), [t, i]);
    this.find = prepared(trx.selectFrom('record_keys').select('id').where('tbl', '=', t).where('field', '=', f).where('value', '=', x), [
      t,
      f,
      x,
    ]);
  }

  /** A multi-row insert of `count` keys. */
  insertKeys(count: number): Prepared {
    let query = this.#insertKeys.get(count);
    if (query === undefined) {
      const names = Array.from({ length: count }, (_, n) => ['tbl', 'field', 'value', 'id'].map((c) => `$${c}${n}`));
      const rows = names.map(([tbl, field, value, id]) => ({ tbl: tbl!, field: field!, value: value!, id: id! }));
      query = prepared(this.trx.insertInto('record_keys').values(rows), names.flat());
      this.#insertKeys.set(count, query);
    }
    return query;
  }
}

const queriesOf = new WeakMap<Transaction<Schema>, Queries>();

/**
 * The domain's RecordStore over the `records` table, inside the push transaction: every write is
 * stamped with `version`, the shop version of the mutation being applied. With a `cache` (one per
 * push, see RecordCache) repeated reads and unchanged lookup keys cost no query; the records and
 * keys stored are the same with or without it.
 */
export function createRecordStore(trx: Transaction<Schema>, version: number, cache?: RecordCache): RecordStore {
  let q = queriesOf.get(trx);
  if (q === undefined) queriesOf.set(trx, (q = new Queries(trx)));
  const queries = q;
  const insertKeys = async (keys: readonly Key[]) => {
    if (keys.length > 0) await trx.executeQuery(queries.insertKeys(keys.length)(keys.flatMap((k) => [k.tbl, k.field, k.value, k.id])));
  };
  return {
    async get(table, id) {
      const known = cache?.lookup(table, id);
      if (known !== undefined) return known.data === null ? undefined : (JSON.parse(known.data) as StoredRecord);
      const row = (await trx.executeQuery<{ data: string }>(queries.get([table, id]))).rows[0];
      // Nothing is ever deleted from `records`, and keys are written only with their record: no record, no keys.
      cache?.note(table, id, { data: row?.data ?? null, keysExact: row === undefined }, false);
      return row === undefined ? undefined : (JSON.parse(row.data) as StoredRecord);
    },
    async put(table, record) {
      const data = JSON.stringify(record);
      const before = cache?.lookup(table, record.id);
      cache?.note(table, record.id, { data, keysExact: true }, true);
      const fields = LOOKUP_FIELDS[table];
      const keys = fields ? keysOf(table, fields, record, record.id) : [];
      const row = [table, record.id, data, version];
      if (fields && before === undefined) {
        // Not known to this push: most such records are new, and a new one has no keys to replace.
        const inserted = await trx.executeQuery(queries.insert(row));
        if (Number(inserted.numAffectedRows ?? 0) === 1) {
          await insertKeys(keys);
          return;
        }
      }
      await trx.executeQuery(queries.upsert(row));
      if (!fields) return;
      // Keep the lookup keys in step with the record (replace them all: few per record) — unless
      // this push knows exactly which keys the record has and they are the same.
      const old =
        before?.keysExact === true
          ? before.data === null
            ? []
            : keysOf(table, fields, JSON.parse(before.data) as StoredRecord, record.id)
          : undefined;
      if (old !== undefined && sameKeys(old, keys)) return;
      if (old === undefined || old.length > 0) await trx.executeQuery(queries.deleteKeys([table, record.id]));
      await insertKeys(keys);
    },
    async find(table, field, value) {
      const { rows } = await trx.executeQuery<{ id: string }>(queries.find([table, field, value]));
      return rows.map((r) => r.id);
    },
  };
}
