import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { levelsOf, type Lot, type StockEvent } from '../../src/domain/inventory/ledger';
import type { PurchaseOrderRecord } from '../../src/domain/inventory/purchase-order';
import type { StaffPin } from '../../src/domain/staff';
import type { Mutation } from '../../src/domain/sync/mutation';
import type { PairResponse } from '../../src/domain/sync/protocol';
import { STORE_VARIANTS } from './helpers/databases';
import { hlcAt, mutation as baseMutation, useSyncServer, type SyncServer } from './helpers/sync';

const PIN: StaffPin = { algorithm: 'PBKDF2-SHA256', iterations: 210_000, salt: 'AAAAAAAAAAAAAAAAAAAAAA==', hash: 'A'.repeat(43) + '=' };
let wall = Date.now() - 60_000;
const mutation = (id: number, name: string, args: unknown, options: { v?: number } = {}): Mutation =>
  baseMutation(id, name, args, { ...options, hlc: hlcAt('test', (wall += 1)) });
const by = (staffId: string | null, m: Mutation): Mutation => ({ ...m, staffId });

async function latest(sync: SyncServer, device: PairResponse) {
  const all = (await sync.pullAll(device)).flatMap((p) => [...p.records, ...p.events]);
  const map = new Map<string, Record<string, unknown>>();
  for (const r of all) map.set(`${r.table}/${r.id}`, r.data);
  return (table: string) => [...map].filter(([k]) => k.startsWith(`${table}/`)).map(([, v]) => v);
}

const receiptLine = (lineId: string, quantity: number) => ({
  lineId,
  quantity,
  eventId: randomUUID(),
  lotId: randomUUID(),
  splitLotId: randomUUID(),
  correctionEventId: randomUUID(),
});

// Purchase orders run the same apply on the server: layers with landed cost, the order's progress,
// and manager-only (§10: purchase-order receipts under a cashier are rejected).
for (const variant of STORE_VARIANTS) {
  describe.skipIf(variant.skip)(`purchase orders on the server ${variant.tag}`, () => {
    const sync = useSyncServer(variant);

    it('a manager’s order is sent and received into layers; a cashier’s receipt and cost correction are rejected role-forbidden', async () => {
      const owner = await sync.pair('owner', 'Back office');
      const [margot, leo] = [randomUUID(), randomUUID()];
      const [floor, ring, chain, supplier] = [randomUUID(), randomUUID(), randomUUID(), randomUUID()];
      const [po, l1, l2, oldLot] = [randomUUID(), randomUUID(), randomUUID(), randomUUID()];
      let n = 0;
      const next = () => (n += 1);
      const setup = await sync.pushOk(owner, [
        by(null, mutation(next(), 'staff.save', { id: margot, name: 'Margot', role: 'owner', pin: PIN })),
        by(margot, mutation(next(), 'staff.save', { id: leo, name: 'Leo', role: 'cashier', pin: PIN })),
        by(margot, mutation(next(), 'location.save', { id: floor, name: 'Shop floor', kind: 'floor' }, { v: 2 })),
        by(margot, mutation(next(), 'supplier.save', { id: supplier, name: 'Atelier Or', leadTimeDays: 5 })),
        by(
          margot,
          mutation(next(), 'catalog.createProduct', {
            product: { id: randomUUID(), title: 'Ring' },
            items: [
              { id: ring, sku: 'RING-P1', price: 3000, cost: 900, tracking: 'quantity' },
              { id: chain, sku: 'CHAIN-P1', price: 5000, cost: 2000, tracking: 'quantity' },
            ],
          }),
        ),
        by(
          margot,
          mutation(next(), 'stock.receive', {
            eventId: randomUUID(),
            lotId: oldLot,
            itemId: ring,
            locationId: floor,
            quantity: 2,
            unitCost: null,
            supplierId: null,
            source: 'import',
          }),
        ),
        by(
          margot,
          mutation(next(), 'purchaseOrder.save', {
            id: po,
            supplierId: supplier,
            lines: [
              { id: l1, itemId: ring, supplierSku: 'AO-R', quantity: 3, unitCost: 1000 },
              { id: l2, itemId: chain, supplierSku: null, quantity: 2, unitCost: 2500 },
            ],
            note: '',
            shippingCost: 0,
          }),
        ),
        by(margot, mutation(next(), 'purchaseOrder.send', { id: po })),
      ]);
      expect(setup.results.map((r) => r.status)).toEqual(Array(8).fill('applied'));

      const receipt = {
        purchaseOrderId: po,
        receiptId: randomUUID(),
        locationId: floor,
        landedCost: 101,
        lines: [receiptLine(l1, 3), receiptLine(l2, 1)],
      };
      const cashier = await sync.pushOk(owner, [
        by(leo, mutation(next(), 'purchaseOrder.receive', receipt)),
        by(leo, mutation(next(), 'stock.costCorrection', { eventId: randomUUID(), lotId: oldLot, unitCost: 800, reason: '' })),
      ]);
      expect(cashier.results.map((r) => [r.status, r.reason])).toEqual([
        ['rejected', 'role-forbidden'],
        ['rejected', 'role-forbidden'],
      ]);

      const manager = await sync.pushOk(owner, [
        by(margot, mutation(next(), 'purchaseOrder.receive', receipt)),
        by(margot, mutation(next(), 'purchaseOrder.receive', receipt)), // the same receipt again (another id): no change
        by(margot, mutation(next(), 'stock.costCorrection', { eventId: randomUUID(), lotId: oldLot, unitCost: 800, reason: '' })),
      ]);
      expect(manager.results.map((r) => r.status)).toEqual(['applied', 'applied', 'applied']);

      const of = await latest(sync, owner);
      const order = of('purchaseOrders')[0] as unknown as PurchaseOrderRecord;
      expect(order).toMatchObject({ status: 'partly-received', promisedLeadTimeDays: 5, lines: [{ received: 3 }, { received: 1 }] });
      expect(order.receipts).toHaveLength(1);
      // Goods 30.00 + 25.00; 1.01 landed by value → 0.55 and 0.46. Ring: 30.55 / 3 → 2 @ 10.18 + 1 @ 10.19.
      const lots = of('lots') as unknown as Lot[];
      const ringLots = lots.filter((l) => l.itemId === ring && l.purchaseOrderId === po).map((l) => [l.qtyReceived, l.unitCost]);
      expect(ringLots.sort()).toEqual([
        [1, 1019],
        [2, 1018],
      ]);
      expect(lots.find((l) => l.itemId === chain)).toMatchObject({ qtyReceived: 1, unitCost: 2546 });
      expect(lots.find((l) => l.id === oldLot)).toMatchObject({ unitCost: 800 });
      const events = of('stockEvents') as unknown as StockEvent[];
      expect(levelsOf(events.filter((e) => e.itemId === ring))).toEqual([{ itemId: ring, locationId: floor, onHand: 5 }]);
      expect(events.filter((e) => e.type === 'costCorrection')).toHaveLength(1);
    });
  });
}
