import * as v from 'valibot';
import { defineMutation } from './sync/mutation';
import { applyLww, type LwwRecord } from './sync/lww';

/** A supplier, by name for now; lead times and scorecards come with stock operations. */
export interface Supplier {
  name: string;
  leadTimeDays: number | null;
}

export type SupplierRecord = LwwRecord<Supplier> & { name: string };

export const saveSupplier = defineMutation({
  name: 'supplier.save',
  version: 1,
  tables: ['suppliers'],
  schema: v.strictObject({
    id: v.pipe(v.string(), v.uuid('Supplier id must be a UUID')),
    name: v.optional(v.pipe(v.string(), v.trim(), v.minLength(1, 'Enter the supplier name'), v.maxLength(100, 'Supplier name is at most 100 characters'))),
    leadTimeDays: v.optional(v.nullable(v.pipe(v.number(), v.safeInteger('Lead time is whole days'), v.minValue(0), v.maxValue(365, 'Lead time is at most a year')))),
  }),
  async apply(store, { id, ...patch }, meta) {
    const current = (await store.get('suppliers', id)) as SupplierRecord | undefined;
    const next = applyLww(current, id, { name: '', leadTimeDays: null }, patch, meta.hlc);
    await store.put('suppliers', { ...next, name: next.values.name });
  },
});
