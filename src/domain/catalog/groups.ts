import * as v from 'valibot';
import { defineMutation } from '../sync/mutation';
import { applyLww, type LwwRecord } from '../sync/lww';
import { basesSchema, noteOverwrittenEdits, stampBases } from '../cases/overwritten';
import { requiredText, uuid } from './fields';
import { taxRate } from '../settings';

/** A category (Rings, Necklaces…): groups products for SKUs, reports and ABC by category. */
export interface Category {
  name: string;
  /** Short code used in generated SKUs ({CAT}); empty = derived from the name. */
  code: string;
  /** Tax rate for this category in basis points; null = the shop's default rate. */
  taxRateBp: number | null;
}

/** A collection with its season: markdown candidates look at what is left after it ends. */
export interface Collection {
  name: string;
  /** Business day (yyyy-MM-dd) the season ends, or null for a permanent collection. */
  seasonEnd: string | null;
}

export type CategoryRecord = LwwRecord<Category> & { name: string };
export type CollectionRecord = LwwRecord<Collection> & { name: string };

export const saveCategory = defineMutation({
  name: 'category.save',
  version: 1,
  // A category's tax rate is a tax setting; its name and code are not.
  restricted: ({ taxRateBp }) => taxRateBp !== undefined,
  tables: ['categories', 'cases'],
  schema: v.strictObject({
    id: uuid('Category id'),
    name: v.optional(requiredText('Category name', 60)),
    code: v.optional(
      v.pipe(v.string(), v.trim(), v.toUpperCase(), v.regex(/^[A-Z0-9]{0,6}$/, 'A category code is up to 6 letters or digits')),
    ),
    taxRateBp: v.optional(v.nullable(taxRate)),
    bases: basesSchema,
  }),
  stamp: stampBases('categories', (a) => ({ id: a.id, patch: a })),
  async apply(store, { id, bases, ...patch }, meta) {
    const current = (await store.get('categories', id)) as CategoryRecord | undefined;
    await noteOverwrittenEdits(store, 'categories', id, patch, meta, bases);
    const next = applyLww(current, id, { name: '', code: '', taxRateBp: null }, patch, meta.hlc);
    await store.put('categories', { ...next, name: next.values.name });
  },
});

export const saveCollection = defineMutation({
  name: 'collection.save',
  version: 1,
  tables: ['collections', 'cases'],
  schema: v.strictObject({
    id: uuid('Collection id'),
    name: v.optional(requiredText('Collection name', 60)),
    seasonEnd: v.optional(v.nullable(v.pipe(v.string(), v.isoDate('Season end is a date (yyyy-MM-dd)')))),
    bases: basesSchema,
  }),
  stamp: stampBases('collections', (a) => ({ id: a.id, patch: a })),
  async apply(store, { id, bases, ...patch }, meta) {
    const current = (await store.get('collections', id)) as CollectionRecord | undefined;
    await noteOverwrittenEdits(store, 'collections', id, patch, meta, bases);
    const next = applyLww(current, id, { name: '', seasonEnd: null }, patch, meta.hlc);
    await store.put('collections', { ...next, name: next.values.name });
  },
});
