import { BatchWriter } from './batch-writer';
import type { Env } from './perform';

/**
 * Several prices in one step (a collection's markdown, or its revert): one `item.save` each, all
 * in ONE transaction — every price changes or none does.
 */
export async function setPrices(env: Env, changes: readonly { itemId: string; price: number }[]): Promise<void> {
  if (changes.length === 0) return;
  await new BatchWriter(env).run(
    changes.map((c) => ({ name: 'item.save', args: { id: c.itemId, patch: { price: c.price } } })),
    { ids: [['items', changes.map((c) => c.itemId)]], finds: [] },
  );
}
