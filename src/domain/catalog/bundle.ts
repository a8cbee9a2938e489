import * as v from 'valibot';
import { defineMutation } from '../sync/mutation';
import { DomainError } from '../errors';
import { uuid } from './fields';

/** A gift set: a sellable item made of other items. It holds no stock of its own (§4). */
export interface BundleComponent {
  itemId: string;
  quantity: number;
}

/** Sets that can be made from what is on hand: the scarcest component decides. */
export function bundleAvailability(components: readonly BundleComponent[], onHand: (itemId: string) => number): number {
  if (components.length === 0) return 0;
  return Math.max(0, Math.min(...components.map((c) => Math.floor(onHand(c.itemId) / c.quantity))));
}

/** Stored bundle: keyed by the set's own item id. */
export type BundleRecord = { id: string; components: BundleComponent[]; hlc: string };

export const saveBundle = defineMutation({
  name: 'bundle.save',
  version: 1,
  tables: ['bundles', 'items'],
  schema: v.strictObject({
    itemId: uuid('Set item id'),
    components: v.pipe(
      v.array(
        v.strictObject({
          itemId: uuid('Component id'),
          quantity: v.pipe(v.number(), v.safeInteger('Quantity must be whole'), v.minValue(1, 'Quantity is at least 1'), v.maxValue(1000)),
        }),
      ),
      v.minLength(1, 'A gift set needs at least one component'),
      v.maxLength(50),
    ),
  }),
  async apply(store, { itemId, components }, meta) {
    if (components.some((c) => c.itemId === itemId)) throw new DomainError('bundle-contains-itself', 'A gift set cannot contain itself');
    if (!(await store.get('items', itemId))) throw new DomainError('item-not-found', 'The set’s item does not exist', { itemId });
    const current = (await store.get('bundles', itemId)) as BundleRecord | undefined;
    // The whole component list is one field: the later edit (by HLC) wins.
    if (current && current.hlc > meta.hlc) return;
    await store.put('bundles', { id: itemId, components, hlc: meta.hlc });
  },
});
