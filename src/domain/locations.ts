import * as v from 'valibot';
import { defineMutation } from './sync/mutation';
import { applyLww, type LwwRecord } from './sync/lww';
import { basesSchema, noteOverwrittenEdits, stampBases } from './cases/overwritten';

/** Where stock sits: the shop floor, the stockroom, a market stall, out for repair. */
export const LOCATION_KINDS = ['floor', 'stockroom', 'stall', 'repair', 'other'] as const;
export type LocationKind = (typeof LOCATION_KINDS)[number];

export interface Location {
  name: string;
  kind: LocationKind;
  archived: boolean;
}

export type LocationRecord = LwwRecord<Location>;

const DEFAULTS: Location = { name: '', kind: 'floor', archived: false };

const id = v.pipe(v.string(), v.uuid('Location id must be a UUID'));
const name = v.pipe(
  v.string(),
  v.trim(),
  v.minLength(1, 'Enter a location name'),
  v.maxLength(60, 'Location name is at most 60 characters'),
);

/**
 * Creates or edits a location, field by field (last writer by HLC wins per field).
 * v1 (the first release) sent `{ id, name }` only: every location was a shop floor.
 */
export const saveLocation = defineMutation({
  name: 'location.save',
  version: 2,
  // Where stock sits is a stock matter (and the place list is a shop setting).
  restricted: true,
  tables: ['locations', 'cases'],
  schema: v.strictObject({
    id,
    name: v.optional(name),
    kind: v.optional(v.picklist(LOCATION_KINDS, 'Unknown kind of location')),
    archived: v.optional(v.boolean()),
    bases: basesSchema,
  }),
  stamp: stampBases('locations', (a) => ({ id: a.id, patch: a })),
  upgrade(args, fromVersion) {
    if (fromVersion === 1 && typeof args === 'object' && args !== null) return { kind: 'floor', ...args };
    return args;
  },
  async apply(store, { id, bases, ...patch }, meta) {
    const current = (await store.get('locations', id)) as LocationRecord | undefined;
    await noteOverwrittenEdits(store, 'locations', id, patch, meta, bases);
    await store.put('locations', applyLww(current, id, DEFAULTS, patch, meta.hlc));
  },
});
