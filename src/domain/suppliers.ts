import * as v from 'valibot';
import { defineMutation } from './sync/mutation';
import { applyLww, type LwwRecord } from './sync/lww';
import { basesSchema, noteOverwrittenEdits, stampBases } from './cases/overwritten';
import { money, text } from './catalog/fields';

/** A supplier: who to call, on what terms, how long they promise to take, the least they ship. */
export interface Supplier {
  name: string;
  contactName: string;
  email: string;
  phone: string;
  /** Payment and delivery terms as agreed ("30 days net, free shipping over $500"). */
  terms: string;
  /** The promised lead time in whole days; null = not known. */
  leadTimeDays: number | null;
  /** The minimum order value in cents; null = none. */
  minimumOrder: number | null;
  notes: string;
}

export const SUPPLIER_DEFAULTS: Supplier = {
  name: '',
  contactName: '',
  email: '',
  phone: '',
  terms: '',
  leadTimeDays: null,
  minimumOrder: null,
  notes: '',
};

export type SupplierRecord = LwwRecord<Supplier> & { name: string };

const email = v.pipe(
  v.string(),
  v.trim(),
  v.maxLength(254, 'Email is at most 254 characters'),
  v.check((s) => s === '' || /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(s), 'Enter an email like orders@supplier.com'),
);
const phone = v.pipe(
  v.string(),
  v.trim(),
  v.maxLength(40, 'Phone is at most 40 characters'),
  v.regex(/^[0-9+()\-. ]*$/, 'A phone number uses digits, spaces and + ( ) - .'),
);

export const supplierFields = {
  name: v.pipe(
    v.string(),
    v.trim(),
    v.minLength(1, 'Enter the supplier name'),
    v.maxLength(100, 'Supplier name is at most 100 characters'),
  ),
  contactName: text('Contact name', 100),
  email,
  phone,
  terms: text('Terms', 500),
  leadTimeDays: v.nullable(
    v.pipe(
      v.number('Lead time must be a number'),
      v.safeInteger('Lead time is whole days'),
      v.minValue(0, 'Lead time cannot be negative'),
      v.maxValue(365, 'Lead time is at most a year'),
    ),
  ),
  minimumOrder: v.nullable(money('Minimum order')),
  notes: text('Notes', 1000),
};

export const saveSupplier = defineMutation({
  name: 'supplier.save',
  version: 1,
  tables: ['suppliers', 'cases'],
  schema: v.strictObject({
    id: v.pipe(v.string(), v.uuid('Supplier id must be a UUID')),
    ...v.partial(v.strictObject(supplierFields)).entries,
    bases: basesSchema,
  }),
  stamp: stampBases('suppliers', (a) => ({ id: a.id, patch: a })),
  async apply(store, { id, bases, ...patch }, meta) {
    const current = (await store.get('suppliers', id)) as SupplierRecord | undefined;
    await noteOverwrittenEdits(store, 'suppliers', id, patch, meta, bases);
    const next = applyLww(current, id, SUPPLIER_DEFAULTS, patch, meta.hlc);
    await store.put('suppliers', { ...next, name: next.values.name });
  },
});
