import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { levelsOf, type Lot, type StockEvent } from '../../src/domain/inventory/ledger';
import type { TransferRecord } from '../../src/domain/inventory/transfer';
import type { PairResponse } from '../../src/domain/sync/protocol';
import { STORE_VARIANTS } from './helpers/databases';
import { mutation, useSyncServer, type SyncServer } from './helpers/sync';

/** What a device knows after pulling everything: on hand per location, layers and transfers. */
async function view(sync: SyncServer, device: PairResponse, itemId: string) {
  const records = (await sync.pullAll(device)).flatMap((p) => [...p.records, ...p.events]);
  const latest = new Map<string, Record<string, unknown>>();
  for (const r of records) latest.set(`${r.table}/${r.id}`, r.data);
  const of = (table: string) => [...latest].filter(([k]) => k.startsWith(`${table}/`)).map(([, v]) => v);
  const events = (of('stockEvents') as unknown as StockEvent[]).filter((e) => e.itemId === itemId);
  return {
    levels: Object.fromEntries(levelsOf(events).map((l) => [l.locationId, l.onHand])),
    lots: (of('lots') as unknown as Lot[]).map((l) => [l.id, l.qtyRemaining]).sort(),
    transfers: (of('transfers') as unknown as TransferRecord[]).map((t) => [t.id, t.status]).sort(),
  };
}

// Adjustments and transfers made on two devices (one of them catching up later) end in the same
// stock on both and on the server: quantities are sums of deltas (§10), transfers move them.
for (const variant of STORE_VARIANTS) {
  describe.skipIf(variant.skip)(`stock adjustments and transfers on the server ${variant.tag}`, () => {
    const sync = useSyncServer(variant);

    it('two devices’ adjustments and transfers converge to the same levels, layers and transfers', async () => {
      const office = await sync.pair('owner', 'Back office');
      const stallTablet = await sync.pair('owner', 'Stall tablet');
      const [floor, stall, ring, lotA] = [randomUUID(), randomUUID(), randomUUID(), randomUUID()];
      const setUp = await sync.pushOk(office, [
        mutation(1, 'location.save', { id: floor, name: 'Shop floor', kind: 'floor' }, { v: 2 }),
        mutation(2, 'location.save', { id: stall, name: 'Market stall', kind: 'stall' }, { v: 2 }),
        mutation(3, 'catalog.createProduct', {
          product: { id: randomUUID(), title: 'Ring' },
          items: [{ id: ring, sku: 'RING-S1', price: 3000, cost: 900, tracking: 'quantity' }],
        }),
        mutation(4, 'stock.receive', {
          eventId: randomUUID(),
          lotId: lotA,
          itemId: ring,
          locationId: floor,
          quantity: 10,
          unitCost: 1000,
          supplierId: null,
          source: 'manual',
        }),
      ]);
      expect(setUp.results.map((r) => r.status)).toEqual(['applied', 'applied', 'applied', 'applied']);

      const inTransit = randomUUID();
      const office2 = await sync.pushOk(office, [
        // 1 damaged on the floor; 4 sent to the stall (in transit); 1 found on the floor.
        mutation(5, 'stock.adjust', {
          eventId: randomUUID(),
          itemId: ring,
          pieceId: null,
          locationId: floor,
          quantity: -1,
          reason: 'damaged',
          note: '',
        }),
        mutation(6, 'stock.transfer', {
          transferId: inTransit,
          itemId: ring,
          pieceId: null,
          fromLocationId: floor,
          toLocationId: stall,
          quantity: 4,
          outEventId: randomUUID(),
          inEventId: null,
        }),
        mutation(7, 'stock.adjust', {
          eventId: randomUUID(),
          itemId: ring,
          pieceId: null,
          locationId: floor,
          quantity: 1,
          reason: 'found',
          note: '',
        }),
      ]);
      expect(office2.results.map((r) => r.status)).toEqual(['applied', 'applied', 'applied']);

      // The stall receives it, gives one away as a sample, and sends one straight back.
      const stallPush = await sync.pushOk(stallTablet, [
        mutation(1, 'stock.transferReceive', { transferId: inTransit, inEventId: randomUUID() }),
        mutation(2, 'stock.adjust', {
          eventId: randomUUID(),
          itemId: ring,
          pieceId: null,
          locationId: stall,
          quantity: -1,
          reason: 'sample',
          note: 'Fair',
        }),
        mutation(3, 'stock.transfer', {
          transferId: randomUUID(),
          itemId: ring,
          pieceId: null,
          fromLocationId: stall,
          toLocationId: floor,
          quantity: 1,
          outEventId: randomUUID(),
          inEventId: randomUUID(),
        }),
      ]);
      expect(stallPush.results.map((r) => r.status)).toEqual(['applied', 'applied', 'applied']);
      // The office receives the same transfer too (it did not know): nothing changes.
      const late = await sync.pushOk(office, [mutation(8, 'stock.transferReceive', { transferId: inTransit, inEventId: randomUUID() })]);
      expect(late.results.map((r) => r.status)).toEqual(['applied']);

      const a = await view(sync, office, ring);
      const b = await view(sync, stallTablet, ring);
      expect(a).toEqual(b);
      // Floor: 10 − 1 − 4 + 1 + 1 = 7; stall: 4 − 1 − 1 = 2.
      expect(a.levels).toEqual({ [floor]: 7, [stall]: 2 });
      // FIFO: damaged and sample took 2 from the 10.00 layer; found made a new layer of 1.
      expect(a.lots.find(([id]) => id === lotA)).toEqual([lotA, 8]);
      expect(a.lots).toHaveLength(2);
      expect(a.transfers.filter(([, s]) => s === 'received')).toHaveLength(2);
    });
  });
}
