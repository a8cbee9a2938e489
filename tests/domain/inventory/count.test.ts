import { describe, expect, it } from 'vitest';
import { applyMutation, isRestricted, mutations, prepare } from '../../../src/domain/sync/registry';
import { isDomainError } from '../../../src/domain/errors';
import { levelsOf, type Lot, type StockEvent } from '../../../src/domain/inventory/ledger';
import type { CountEvent, CountLineRecord, CountRecord } from '../../../src/domain/inventory/count';
import { reviewFromStore } from '../../../src/domain/inventory/count';
import { meta } from '../../factories/memory-store';
import { CHAIN, FLOOR, OOAK, RING, plain, sale, shop, u } from '../../factories/sale-shop';

// The shop (tests/factories/sale-shop.ts): RING has two layers — 2 @ 10.00 (older) and 5 @ 12.00 —
// on the floor (7 on hand), item cost 9.00; CHAIN 4 @ 7.00.
type Store = Awaited<ReturnType<typeof shop>>;
const COUNT = u(3000);
const MIN = 60_000;
const T0 = 10 * MIN; // counting starts ten minutes after the shop's stock arrived

const lotsOf = (store: Store, itemId: string) =>
  (store.all('lots') as unknown as Lot[])
    .filter((l) => l.itemId === itemId)
    .sort((a, b) => a.receivedAt.localeCompare(b.receivedAt) || a.id.localeCompare(b.id))
    .map((l) => [l.qtyRemaining, l.unitCost]);
const onHand = (store: Store, itemId: string) =>
  levelsOf((store.all('stockEvents') as unknown as StockEvent[]).filter((e) => e.itemId === itemId)).find((l) => l.locationId === FLOOR)
    ?.onHand ?? 0;
const countEvents = (store: Store) => (store.all('stockEvents') as unknown as CountEvent[]).filter((e) => e.type === 'count');

async function open(store: Store, extra: Record<string, unknown> = {}) {
  await applyMutation(
    store,
    'count.open',
    1,
    { countId: COUNT, name: 'Rings', scope: 'location', refId: null, locationId: FLOOR, blind: false, ...extra },
    meta(T0 - MIN),
  );
}
const scan = (store: Store, line: number, zone: string, itemId: string, wall: number, device = 'dev-a') =>
  applyMutation(store, 'count.record', 1, { kind: 'scan', countId: COUNT, lineId: u(3100 + line), zone, itemId }, meta(wall, device));
const setQty = (store: Store, line: number, zone: string, itemId: string, quantity: number, wall: number, device = 'dev-b') =>
  applyMutation(
    store,
    'count.record',
    1,
    { kind: 'set', countId: COUNT, lineId: u(3100 + line), zone, itemId, quantity },
    meta(wall, device),
  );
const apply = (
  store: Store,
  choices: { itemId: string; choice: string; seen?: string[] }[] = [],
  zeroes: { itemId: string; eventId: string }[] = [],
  wall = T0 + 60 * MIN,
) =>
  applyMutation(
    store,
    'count.apply',
    1,
    {
      countId: COUNT,
      choices: choices.map((c) => ({ ...c, locationId: FLOOR })),
      zeroes: zeroes.map((z) => ({ ...z, locationId: FLOOR })),
    },
    meta(wall),
  );

describe('cycle counts: the counting rule of §10 applied to the ledger and FIFO layers', () => {
  it('two zones on two devices are summed; a negative variance consumes the oldest layers as shrinkage', async () => {
    const store = await shop();
    await open(store);
    for (let i = 0; i < 3; i += 1) await scan(store, 1, 'Case 3', RING, T0 + i * 1000, 'dev-a');
    await setQty(store, 2, 'Back shelf', RING, 2, T0 + 5000, 'dev-b');
    const lines = store.all('countLines') as unknown as CountLineRecord[];
    expect(lines.map((l) => [l.zone, l.deviceId, l.quantity, l.scans])).toEqual([
      ['Case 3', 'dev-a', 3, 3],
      ['Back shelf', 'dev-b', 2, 1],
    ]);
    await apply(store);
    // Counted 3 + 2 = 5 against 7 on hand: −2, the two oldest units at 10.00 each.
    expect(onHand(store, RING)).toBe(5);
    expect(lotsOf(store, RING)).toEqual([
      [0, 1000],
      [5, 1200],
    ]);
    const [event] = countEvents(store);
    expect(event).toMatchObject({
      quantity: -2,
      counted: 5,
      cost: 2000,
      expense: 'shrinkage',
      ref: COUNT,
      occurredAt: new Date(T0 + 5000).toISOString(),
    });
    const count = (await store.get('counts', COUNT)) as unknown as CountRecord;
    expect(count.status).toBe('applied');
    expect(count.applied).toEqual([expect.objectContaining({ itemId: RING, counted: 5, variance: -2, value: -2000, eventId: event!.id })]);
  });

  it('a positive variance is a new layer at the item’s last cost (like found)', async () => {
    const store = await shop();
    await open(store);
    await setQty(store, 1, 'Case 1', CHAIN, 6, T0);
    await apply(store);
    expect(onHand(store, CHAIN)).toBe(6);
    expect(lotsOf(store, CHAIN)).toEqual([
      [4, 700],
      [2, 700],
    ]);
    expect(countEvents(store)[0]).toMatchObject({ quantity: 2, unitCost: 700, cost: null, expense: null });
  });

  describe('a sale between the first and the last scan is flagged; the reviewer chooses', () => {
    // Counting RING from T0 to T0 + 4 min; one ring sold at T0 + 2 min. The counter found 7 —
    // they counted the tray before the ring left it. On hand as of the last scan: 7 − 1 = 6.
    async function countWithSale() {
      const store = await shop();
      await open(store);
      await setQty(store, 1, 'Case 1', RING, 6, T0);
      await applyMutation(store, 'sale.complete', 1, sale([plain(1, RING, 1, 3000, 950)]), meta(T0 + 2 * MIN));
      await setQty(store, 1, 'Case 1', RING, 7, T0 + 4 * MIN);
      return store;
    }

    it('the review flags it and shows both variances before anything changes', async () => {
      const store = await countWithSale();
      const count = (await store.get('counts', COUNT)) as unknown as CountRecord;
      const [outcome] = await reviewFromStore(store, count, [], [], new Date(T0 + 60 * MIN).toISOString());
      expect(outcome).toMatchObject({ counted: 7, onHandAtCount: 6, varianceCounted: 1, varianceDifference: 0 });
      expect(outcome!.flagged.map((e) => [e.type, e.quantity])).toEqual([['sale', -1]]);
      expect(countEvents(store)).toEqual([]);
      expect(onHand(store, RING)).toBe(6);
    });

    it('keep counted: the count wins as of the last scan — stock is 7', async () => {
      const store = await countWithSale();
      await apply(store, [{ itemId: RING, choice: 'counted' }]);
      expect(onHand(store, RING)).toBe(7);
    });

    it('keep difference: the sale stands on top of the counted figure — stock is 7 − 1 = 6, no variance', async () => {
      const store = await countWithSale();
      await apply(store, [{ itemId: RING, choice: 'difference' }]);
      expect(onHand(store, RING)).toBe(6);
      expect(countEvents(store)).toEqual([]);
    });
  });

  it('a flagged sale the reviewer never saw (an offline register synced after the review) opens one count-flagged case', async () => {
    const store = await shop();
    await open(store);
    await setQty(store, 1, 'Case 1', RING, 7, T0);
    await setQty(store, 2, 'Case 1', CHAIN, 4, T0);
    // The review showed no movement (seen: []); then a sale rung up offline at T0 + 1 min arrives.
    await applyMutation(store, 'sale.complete', 1, sale([plain(1, RING, 1, 3000, 950)]), meta(T0 + MIN));
    await apply(store, [
      { itemId: RING, choice: 'counted', seen: [] },
      { itemId: CHAIN, choice: 'counted', seen: [] },
    ]);
    const cases = store.all('cases') as unknown as { id: string; type: string; status: string; concerns: string[]; summary: string }[];
    expect(cases).toHaveLength(1);
    expect(cases[0]).toMatchObject({ id: `count-flagged:${COUNT}`, type: 'count-flagged', status: 'open' });
    expect(cases[0]!.concerns[0]).toBe(`counts/${COUNT}`);
    expect(cases[0]!.summary).toContain(`${RING} (sale -1`);
    expect(cases[0]!.summary).not.toContain(CHAIN);
    // A reviewer who saw it (or an older app that did not say): no case.
    const seen = await shop();
    await open(seen);
    await setQty(seen, 1, 'Case 1', RING, 7, T0);
    await applyMutation(seen, 'sale.complete', 1, sale([plain(1, RING, 1, 3000, 950)]), meta(T0 + MIN));
    const count = (await seen.get('counts', COUNT)) as unknown as CountRecord;
    const [outcome] = await reviewFromStore(seen, count, [], [], new Date(T0 + 60 * MIN).toISOString());
    await apply(seen, [{ itemId: RING, choice: 'counted', seen: outcome!.flagged.map((e) => e.id) }]);
    expect(seen.all('cases')).toEqual([]);
  });

  it('a sale within 2 minutes after the last scan is flagged too; a sale long after is simply on top', async () => {
    const store = await shop();
    await open(store);
    await setQty(store, 1, 'Case 1', RING, 7, T0);
    await applyMutation(store, 'sale.complete', 1, sale([plain(1, RING, 1, 3000, 950)]), meta(T0 + MIN));
    await applyMutation(
      store,
      'sale.complete',
      1,
      sale([plain(2, RING, 1, 3000, 951)], { saleId: u(802), receiptNumber: 'R1-000002' }),
      meta(T0 + 10 * MIN),
    );
    const count = (await store.get('counts', COUNT)) as unknown as CountRecord;
    const [outcome] = await reviewFromStore(store, count, [], [], new Date(T0 + 60 * MIN).toISOString());
    expect(outcome!.flagged).toHaveLength(1);
    // keep counted absorbs the flagged sale: 7 as of the count, then the later sale: 6.
    await apply(store, [{ itemId: RING, choice: 'counted' }]);
    expect(onHand(store, RING)).toBe(6);
  });

  it('items nobody counted are not changed, unless the reviewer counts them as zero', async () => {
    const store = await shop();
    await open(store);
    await setQty(store, 1, 'Case 1', RING, 7, T0);
    await apply(store, [], [{ itemId: u(102), eventId: u(3900) }]);
    expect(onHand(store, RING)).toBe(7); // counted, no variance
    expect(onHand(store, CHAIN)).toBe(0); // counted as zero: −4, the chain's layer consumed
    expect(lotsOf(store, CHAIN)).toEqual([[0, 700]]);
    expect(countEvents(store)).toEqual([expect.objectContaining({ id: u(3900), itemId: CHAIN, quantity: -4, cost: 2800 })]);
    // BOX was in scope too but nobody counted it and nobody chose zero: still 10.
    const count = (await store.get('counts', COUNT)) as unknown as CountRecord;
    expect(count.applied!.map((l) => [l.itemId, l.variance, l.zero])).toEqual([
      [RING, 0, false],
      [CHAIN, -4, true],
    ]);
  });

  it('"skip" leaves a counted line unapplied (e.g. counted at the wrong location)', async () => {
    const store = await shop();
    await open(store);
    await setQty(store, 1, 'Case 1', RING, 1, T0);
    await apply(store, [{ itemId: RING, choice: 'skip' }]);
    expect(onHand(store, RING)).toBe(7);
  });

  it('applying twice (device then server replay, or two managers) changes nothing the second time', async () => {
    const store = await shop();
    await open(store);
    await setQty(store, 1, 'Case 1', RING, 4, T0);
    await apply(store);
    await apply(store);
    expect(onHand(store, RING)).toBe(4);
    expect(countEvents(store)).toHaveLength(1);
  });

  it('a closed count takes no more counting; a cancelled one cannot be applied', async () => {
    const store = await shop();
    await open(store);
    await applyMutation(store, 'count.cancel', 1, { countId: COUNT }, meta(T0));
    await expect(setQty(store, 1, 'Case 1', RING, 4, T0)).rejects.toSatisfy((e) => isDomainError(e, 'count-closed'));
    await expect(apply(store)).rejects.toSatisfy((e) => isDomainError(e, 'count-closed'));
  });

  it('unknown codes are kept on the session with zone and time', async () => {
    const store = await shop();
    await open(store);
    await applyMutation(store, 'count.record', 1, { kind: 'unknown', countId: COUNT, zone: 'Case 3', code: 'ZZ-404' }, meta(T0, 'dev-b'));
    const count = (await store.get('counts', COUNT)) as unknown as CountRecord;
    expect(count.unknownCodes).toEqual([{ code: 'ZZ-404', zone: 'Case 3', at: new Date(T0).toISOString(), deviceId: 'dev-b' }]);
  });

  it('bad input: negative or fractional quantities are refused with a clear message; +1/−1 never go below zero; pieces are refused', async () => {
    const line = { kind: 'set', countId: COUNT, lineId: u(3101), zone: 'Case 1', itemId: RING };
    expect(() => prepare('count.record', { ...line, quantity: -1 })).toThrow('A count cannot be negative');
    expect(() => prepare('count.record', { ...line, quantity: 1.5 })).toThrow('Count whole units: no fractions');
    expect(() =>
      prepare('count.record', { kind: 'add', countId: COUNT, lineId: u(3101), zone: 'Case 1', itemId: RING, quantity: 0.5 }),
    ).toThrow('Count whole units: no fractions');
    expect(() => prepare('count.record', { ...line, zone: ' ', quantity: 1 })).toThrow('Name the zone');
    const store = await shop();
    await open(store);
    await expect(
      applyMutation(
        store,
        'count.record',
        1,
        { kind: 'add', countId: COUNT, lineId: u(3101), zone: 'Case 1', itemId: RING, quantity: -1 },
        meta(T0),
      ),
    ).rejects.toSatisfy((e) => isDomainError(e, 'count-negative'));
    await expect(scan(store, 2, 'Case 1', OOAK, T0)).rejects.toSatisfy((e) => isDomainError(e, 'piece-tracked'));
  });

  it('planning, applying and cancelling are for managers; counting is for anyone', () => {
    expect(['count.open', 'count.apply', 'count.cancel', 'count.record'].map((n) => isRestricted(mutations.get(n)!, {}))).toEqual([
      true,
      true,
      true,
      false,
    ]);
  });
});
