import { describe, expect, it } from 'vitest';
import { applyMutation } from '../../../src/domain/sync/registry';
import { isDomainError } from '../../../src/domain/errors';
import type { CostCorrectionEvent } from '../../../src/domain/inventory/cost-correction';
import { meta } from '../../factories/memory-store';
import { FLOOR, RING, plain, sale, shop, u } from '../../factories/sale-shop';

// The shop: RING has two layers — 2 @ 10.00 (u(601)) and 5 @ 12.00 (u(602)).
describe('stock.costCorrection: revaluing a layer (§10)', () => {
  it('a cost-unknown layer gets its cost; units already sold are recorded for COGS (no old value)', async () => {
    const store = await shop();
    await applyMutation(
      store,
      'stock.receive',
      1,
      {
        eventId: u(4001),
        lotId: u(4002),
        itemId: RING,
        locationId: FLOOR,
        quantity: 4,
        unitCost: null,
        supplierId: null,
        source: 'import',
      },
      meta(3500),
    );
    await applyMutation(store, 'sale.complete', 1, sale([plain(850, RING, 8, 3000, 851)]), meta(4000)); // 7 from known layers + 1 unknown
    expect(await store.get('lots', u(4002))).toMatchObject({ qtyRemaining: 3, unitCost: null });
    await applyMutation(store, 'stock.costCorrection', 1, { eventId: u(4100), lotId: u(4002), unitCost: 1500, reason: '' }, meta(5000));
    expect(await store.get('lots', u(4002))).toMatchObject({ qtyReceived: 4, qtyRemaining: 3, unitCost: 1500 });
    const event = (await store.get('stockEvents', u(4100))) as unknown as CostCorrectionEvent;
    expect(event).toMatchObject({
      type: 'costCorrection',
      kind: 'layer',
      quantity: 0,
      itemId: RING,
      locationId: FLOOR,
      oldUnitCost: null,
      newUnitCost: 1500,
      consumedQty: 1,
      valueDifference: null,
    });
  });

  it('a wrongly typed known cost is fixed with a reason: value difference of the consumed units', async () => {
    const store = await shop();
    await applyMutation(store, 'sale.complete', 1, sale([plain(850, RING, 3, 3000, 851)]), meta(4000)); // 2 @ 10.00 + 1 @ 12.00
    await expect(
      applyMutation(store, 'stock.costCorrection', 1, { eventId: u(4100), lotId: u(602), unitCost: 1100, reason: '' }, meta(5000)),
    ).rejects.toSatisfy((e) => isDomainError(e, 'reason-required'));
    await applyMutation(
      store,
      'stock.costCorrection',
      1,
      { eventId: u(4100), lotId: u(602), unitCost: 1100, reason: 'invoice says 11.00' },
      meta(5000),
    );
    expect(await store.get('stockEvents', u(4100))).toMatchObject({
      oldUnitCost: 1200,
      newUnitCost: 1100,
      consumedQty: 1,
      valueDifference: -100,
      reason: 'invoice says 11.00',
    });
    expect(await store.get('lots', u(602))).toMatchObject({ qtyRemaining: 4, unitCost: 1100 });
    // Applied again (another device): nothing changes.
    await applyMutation(
      store,
      'stock.costCorrection',
      1,
      { eventId: u(4100), lotId: u(602), unitCost: 1100, reason: 'invoice says 11.00' },
      meta(6000),
    );
    expect(store.all('stockEvents').filter((e) => e['type'] === 'costCorrection')).toHaveLength(1);
  });

  it('an unknown layer is refused', async () => {
    const store = await shop();
    await expect(
      applyMutation(store, 'stock.costCorrection', 1, { eventId: u(4100), lotId: u(9999), unitCost: 1100, reason: 'x' }, meta(5000)),
    ).rejects.toSatisfy((e) => isDomainError(e, 'lot-not-found'));
  });
});
