import { describe, expect, it } from 'vitest';
import { loadAllMutations, applyMutation, isRestricted, prepare } from '../../../src/domain/sync/registry';
import { isDomainError } from '../../../src/domain/errors';
import { levelsOf, type Lot, type StockEvent } from '../../../src/domain/inventory/ledger';
import { pieceJourney } from '../../../src/domain/inventory/pieces';
import type { AdjustEvent } from '../../../src/domain/inventory/adjust';
import type { TransferRecord } from '../../../src/domain/inventory/transfer';
import { meta } from '../../factories/memory-store';
import { CHAIN, FLOOR, OOAK, PIECE, RING, shop, u } from '../../factories/sale-shop';

// Back-office mutations load on first use (registry.ts); these use prepare()/the map directly.
await loadAllMutations();

const STALL = u(202);
const REPAIR = u(203);

async function shopWithLocations() {
  const store = await shop();
  await applyMutation(store, 'location.save', 2, { id: STALL, name: 'Market stall', kind: 'stall' }, meta(1000));
  await applyMutation(store, 'location.save', 2, { id: REPAIR, name: 'Goldsmith', kind: 'repair' }, meta(1000));
  return store;
}

type Store = Awaited<ReturnType<typeof shop>>;
const ringLots = (store: Store) =>
  (store.all('lots') as unknown as Lot[])
    .filter((l) => l.itemId === RING)
    .sort((a, b) => a.receivedAt.localeCompare(b.receivedAt) || a.id.localeCompare(b.id))
    .map((l) => [l.qtyRemaining, l.unitCost]);
const levels = (store: Store, itemId: string) =>
  Object.fromEntries(
    levelsOf((store.all('stockEvents') as unknown as StockEvent[]).filter((e) => e.itemId === itemId)).map((l) => [l.locationId, l.onHand]),
  );

const adjust = (n: number, args: Record<string, unknown>) => ({
  eventId: u(2000 + n),
  itemId: RING,
  pieceId: null,
  locationId: FLOOR,
  note: '',
  ...args,
});

// The shop: RING has two layers — 2 @ 10.00 (older) and 5 @ 12.00 — on the floor; item cost 9.00.
describe('stock.adjust: the FIFO effect of each reason (§10)', () => {
  for (const reason of ['damaged', 'lost', 'stolen'] as const) {
    it(`${reason}: 3 out consume the oldest layers (2 @ 10.00 + 1 @ 12.00 = 32.00) as shrinkage, not COGS`, async () => {
      const store = await shop();
      await applyMutation(store, 'stock.adjust', 1, adjust(1, { quantity: -3, reason, note: 'cat knocked the tray' }), meta(4000));
      expect(ringLots(store)).toEqual([
        [0, 1000],
        [4, 1200],
      ]);
      const event = (await store.get('stockEvents', u(2001))) as unknown as AdjustEvent;
      expect(event).toMatchObject({
        type: 'adjust',
        quantity: -3,
        source: reason,
        reason,
        cost: 3200,
        unitCost: 1067,
        expense: 'shrinkage',
        note: 'cat knocked the tray',
        locationId: FLOOR,
      });
      expect(event.layers).toEqual([
        { lotId: u(601), quantity: 2, unitCost: 1000 },
        { lotId: u(602), quantity: 1, unitCost: 1200 },
      ]);
      expect(levels(store, RING)).toEqual({ [FLOOR]: 4 });
    });
  }

  for (const reason of ['gift', 'sample'] as const) {
    it(`${reason}: 1 out consumes the oldest layer (10.00) as marketing expense`, async () => {
      const store = await shop();
      await applyMutation(store, 'stock.adjust', 1, adjust(1, { quantity: -1, reason }), meta(4000));
      expect(ringLots(store)).toEqual([
        [1, 1000],
        [5, 1200],
      ]);
      expect(await store.get('stockEvents', u(2001))).toMatchObject({ cost: 1000, expense: 'marketing', source: reason });
    });
  }

  it('found: a new layer at the last cost — the newest layer with a cost (12.00), not the item cost (9.00)', async () => {
    const store = await shop();
    await applyMutation(store, 'stock.adjust', 1, adjust(1, { quantity: 2, reason: 'found' }), meta(4000));
    expect(ringLots(store)).toEqual([
      [2, 1000],
      [5, 1200],
      [2, 1200],
    ]);
    expect(await store.get('lots', u(2001))).toMatchObject({ qtyReceived: 2, unitCost: 1200, eventId: u(2001) });
    expect(await store.get('stockEvents', u(2001))).toMatchObject({ quantity: 2, unitCost: 1200, expense: null, cost: null });
    expect(levels(store, RING)).toEqual({ [FLOOR]: 9 });
  });

  it('found with no layer at all: at the item’s own cost', async () => {
    const store = await shop();
    // A new item with a cost of 21.00 and no receipt yet.
    await applyMutation(
      store,
      'catalog.createProduct',
      1,
      { product: { id: u(50), title: 'Pendant' }, items: [{ id: u(51), sku: 'PEND-1', price: 5000, cost: 2100, tracking: 'quantity' }] },
      meta(3900),
    );
    await applyMutation(store, 'stock.adjust', 1, adjust(1, { itemId: u(51), quantity: 1, reason: 'found' }), meta(4000));
    expect(await store.get('lots', u(2001))).toMatchObject({ unitCost: 2100, qtyRemaining: 1 });
  });

  it('correction: negative consumes like a loss, positive adds like found', async () => {
    const store = await shop();
    await applyMutation(store, 'stock.adjust', 1, adjust(1, { quantity: -1, reason: 'correction' }), meta(4000));
    await applyMutation(store, 'stock.adjust', 1, adjust(2, { quantity: 1, reason: 'correction' }), meta(4001));
    expect(await store.get('stockEvents', u(2001))).toMatchObject({ cost: 1000, expense: 'shrinkage' });
    expect(await store.get('lots', u(2002))).toMatchObject({ unitCost: 1200 });
  });

  it('taking more than the ledger shows is allowed (the ledger may be wrong): beyond the layers at the last cost', async () => {
    const store = await shop();
    await applyMutation(store, 'stock.adjust', 1, adjust(1, { quantity: -9, reason: 'lost' }), meta(4000));
    expect(ringLots(store)).toEqual([
      [0, 1000],
      [0, 1200],
    ]);
    // 2 × 10.00 + 5 × 12.00 + 2 uncovered × 12.00 (last cost) = 104.00
    expect(await store.get('stockEvents', u(2001))).toMatchObject({ cost: 10_400 });
    expect(levels(store, RING)).toEqual({ [FLOOR]: -2 });
  });

  it('a piece is written off at its own cost, with no layer; its journey says written-off', async () => {
    const store = await shop();
    await applyMutation(store, 'stock.adjust', 1, adjust(1, { itemId: OOAK, pieceId: PIECE, quantity: -1, reason: 'stolen' }), meta(4000));
    expect(await store.get('stockEvents', u(2001))).toMatchObject({ cost: 41_000, unitCost: 41_000, layers: [], expense: 'shrinkage' });
    expect(store.all('lots').some((l) => l['itemId'] === OOAK)).toBe(false);
    const events = (store.all('stockEvents') as unknown as StockEvent[]).filter((e) => e.pieceId === PIECE);
    expect(pieceJourney(events).at(-1)?.status).toBe('written-off');
  });

  it('refuses a wrong sign for the reason, zero, fractions, a piece by quantity and a missing piece', async () => {
    const store = await shop();
    const refused = async (args: Record<string, unknown>) => {
      try {
        await applyMutation(store, 'stock.adjust', 1, adjust(9, args), meta(4000));
        return null;
      } catch (e) {
        return isDomainError(e) ? e.reason : String(e);
      }
    };
    expect(await refused({ quantity: 1, reason: 'damaged' })).toBe('invalid-args');
    expect(await refused({ quantity: -1, reason: 'found' })).toBe('invalid-args');
    expect(await refused({ quantity: 0, reason: 'correction' })).toBe('invalid-args');
    expect(await refused({ quantity: -1.5, reason: 'lost' })).toBe('invalid-args');
    expect(await refused({ itemId: OOAK, quantity: -1, reason: 'lost' })).toBe('piece-required');
    expect(await refused({ itemId: OOAK, pieceId: PIECE, quantity: -2, reason: 'lost' })).toBe('invalid-args');
    expect(await refused({ quantity: -1, reason: 'lost', pieceId: PIECE })).toBe('piece-required');
  });

  it('applying the same adjustment twice changes nothing the second time', async () => {
    const store = await shop();
    await applyMutation(store, 'stock.adjust', 1, adjust(1, { quantity: -1, reason: 'damaged' }), meta(4000));
    await applyMutation(store, 'stock.adjust', 1, adjust(1, { quantity: -1, reason: 'damaged' }), meta(4001));
    expect(ringLots(store)).toEqual([
      [1, 1000],
      [5, 1200],
    ]);
  });

  it('adjustments, transfers and receiving them are restricted (a cashier’s are refused by the server)', () => {
    const a = prepare('stock.adjust', adjust(1, { quantity: -1, reason: 'damaged' }));
    expect(isRestricted(a.def, a.args)).toBe(true);
    const t = prepare('stock.transfer', {
      transferId: u(1),
      itemId: RING,
      pieceId: null,
      fromLocationId: FLOOR,
      toLocationId: STALL,
      quantity: 1,
      outEventId: u(2),
    });
    expect(isRestricted(t.def, t.args)).toBe(true);
    const r = prepare('stock.transferReceive', { transferId: u(1), inEventId: u(3) });
    expect(isRestricted(r.def, r.args)).toBe(true);
  });
});

const transfer = (args: Record<string, unknown> = {}) => ({
  transferId: u(3001),
  itemId: RING,
  pieceId: null,
  fromLocationId: FLOOR,
  toLocationId: STALL,
  quantity: 2,
  outEventId: u(3002),
  ...args,
});

describe('stock.transfer', () => {
  it('received at once: on hand moves from the floor to the stall and the layers are left alone', async () => {
    const store = await shopWithLocations();
    const before = ringLots(store);
    await applyMutation(store, 'stock.transfer', 1, transfer({ inEventId: u(3003) }), meta(4000));
    expect(levels(store, RING)).toEqual({ [FLOOR]: 5, [STALL]: 2 });
    expect(ringLots(store)).toEqual(before);
    expect(await store.get('transfers', u(3001))).toMatchObject({ status: 'received', quantity: 2, inEventId: u(3003) });
    expect(await store.get('stockEvents', u(3002))).toMatchObject({ type: 'transferOut', quantity: -2, locationId: FLOOR, ref: u(3001) });
    expect(await store.get('stockEvents', u(3003))).toMatchObject({ type: 'transferIn', quantity: 2, locationId: STALL, ref: u(3001) });
  });

  it('in transit counts at NEITHER location until received; receiving twice adds it once', async () => {
    const store = await shopWithLocations();
    await applyMutation(store, 'stock.transfer', 1, transfer(), meta(4000));
    expect(levels(store, RING)).toEqual({ [FLOOR]: 5 });
    expect((await store.get('transfers', u(3001))) as unknown as TransferRecord).toMatchObject({ status: 'in-transit', receivedAt: null });
    await applyMutation(store, 'stock.transferReceive', 1, { transferId: u(3001), inEventId: u(3003) }, meta(5000));
    await applyMutation(store, 'stock.transferReceive', 1, { transferId: u(3001), inEventId: u(3004) }, meta(5001));
    expect(levels(store, RING)).toEqual({ [FLOOR]: 5, [STALL]: 2 });
    expect(await store.get('stockEvents', u(3004))).toBeUndefined();
    expect(await store.get('transfers', u(3001))).toMatchObject({ status: 'received', receivedAt: new Date(5000).toISOString() });
  });

  it('a piece sent for repair and back: two transfers to and from the repair location; its status stays in stock', async () => {
    const store = await shopWithLocations();
    const piece = { itemId: OOAK, pieceId: PIECE, quantity: 1, toLocationId: REPAIR };
    await applyMutation(store, 'stock.transfer', 1, transfer({ ...piece, inEventId: u(3003) }), meta(4000));
    expect(levels(store, OOAK)).toEqual({ [FLOOR]: 0, [REPAIR]: 1 });
    await applyMutation(
      store,
      'stock.transfer',
      1,
      transfer({ ...piece, transferId: u(3011), outEventId: u(3012), inEventId: u(3013), fromLocationId: REPAIR, toLocationId: FLOOR }),
      meta(5000),
    );
    expect(levels(store, OOAK)).toEqual({ [FLOOR]: 1, [REPAIR]: 0 });
    const events = (store.all('stockEvents') as unknown as StockEvent[]).filter((e) => e.pieceId === PIECE);
    expect(pieceJourney(events).at(-1)?.status).toBe('in-stock');
  });

  it('refuses the same location twice, zero, an unknown location or transfer, and a piece moved by quantity', async () => {
    const store = await shopWithLocations();
    const refused = async (name: string, args: Record<string, unknown>) => {
      try {
        await applyMutation(store, name, 1, args, meta(4000));
        return null;
      } catch (e) {
        return isDomainError(e) ? e.reason : String(e);
      }
    };
    expect(await refused('stock.transfer', transfer({ toLocationId: FLOOR }))).toBe('invalid-args');
    expect(await refused('stock.transfer', transfer({ quantity: 0 }))).toBe('invalid-args');
    expect(await refused('stock.transfer', transfer({ toLocationId: u(299) }))).toBe('location-not-found');
    expect(await refused('stock.transfer', transfer({ itemId: OOAK }))).toBe('piece-required');
    expect(await refused('stock.transferReceive', { transferId: u(3999), inEventId: u(3998) })).toBe('transfer-not-found');
    expect(levels(store, CHAIN)).toEqual({ [FLOOR]: 4 });
  });
});
