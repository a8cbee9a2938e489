import { levelsOf, type StockEvent } from '../../domain/inventory/ledger';
import type { TroveDb } from '../db';

/**
 * Rebuilds the on-hand projection of the given items from their ledger events. Called inside the
 * transaction that changed their events (a command, a pull page, an undone rejection), so the
 * projection can never drift from the ledger: it is always a fresh sum, never an increment.
 */
export async function projectStock(db: TroveDb, itemIds: Iterable<string>): Promise<void> {
  for (const itemId of new Set(itemIds)) {
    const events = (await db.stockEvents.where('itemId').equals(itemId).toArray()) as unknown as StockEvent[];
    await db.stockLevels.where('itemId').equals(itemId).delete();
    await db.stockLevels.bulkPut(levelsOf(events) as never[]);
  }
}

/** The items whose ledger a set of touched `table/id` keys changed. */
export async function itemsOfTouchedEvents(
  db: TroveDb,
  keys: Iterable<string>,
  before: Map<string, string> = new Map(),
): Promise<string[]> {
  const out = new Set<string>(before.values());
  for (const key of keys) {
    if (!key.startsWith('stockEvents/')) continue;
    const id = key.slice('stockEvents/'.length);
    const event = (await db.stockEvents.get(id)) as { itemId?: string } | undefined;
    if (event?.itemId) out.add(event.itemId);
  }
  return [...out];
}
