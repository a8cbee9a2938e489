import { describe, expect, it } from 'vitest';
import { reorderDrafts, type ReorderCandidate } from '../../../src/domain/inventory/purchase-order-plan';

const row = (itemId: string, extra: Partial<ReorderCandidate>): ReorderCandidate => ({
  itemId,
  onHand: 1,
  reorderPoint: 4,
  reorderQty: null,
  supplierId: 'sup-a',
  supplierSku: null,
  lastCost: 1000,
  ...extra,
});

describe('reorder: the low-stock list into draft orders, one per supplier', () => {
  it('groups by supplier; reorder quantity, else up to the reorder point; last cost; no supplier → skipped', () => {
    const { drafts, skipped } = reorderDrafts([
      row('ring', { reorderQty: 12, supplierSku: 'AO-R1' }),
      row('chain', { supplierId: 'sup-b', onHand: -2, reorderPoint: 3, lastCost: null }),
      row('hoop', { onHand: 4, reorderPoint: 4 }),
      row('stud', { supplierId: null }),
    ]);
    expect(drafts).toEqual([
      {
        supplierId: 'sup-a',
        lines: [
          { itemId: 'ring', supplierSku: 'AO-R1', quantity: 12, unitCost: 1000 },
          { itemId: 'hoop', supplierSku: null, quantity: 1, unitCost: 1000 },
        ],
      },
      { supplierId: 'sup-b', lines: [{ itemId: 'chain', supplierSku: null, quantity: 5, unitCost: null }] },
    ]);
    expect(skipped).toEqual(['stud']);
  });

  it('an empty list makes no drafts', () => {
    expect(reorderDrafts([])).toEqual({ drafts: [], skipped: [] });
  });
});
