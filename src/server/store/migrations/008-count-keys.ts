import { backfillKeys } from './backfill-keys';

// Lookup keys added with cycle counts (domain LOOKUP_FIELDS): count lines by their count, and
// ledger events by item (a count's apply reads the item's ledger to find on hand as of its last
// scan; a purchase-order receipt reads it to find a deficit).
export const { up, down } = backfillKeys([
  ['countLines', 'countId'],
  ['stockEvents', 'itemId'],
]);
