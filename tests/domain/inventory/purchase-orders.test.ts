import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { loadAllMutations, applyMutation, isRestricted, prepare } from '../../../src/domain/sync/registry';
import { isDomainError } from '../../../src/domain/errors';
import { levelsOf, type Lot, type StockEvent } from '../../../src/domain/inventory/ledger';
import { allocateLandedCost, layerParts } from '../../../src/domain/inventory/landed-cost';
import { receiptCosts, type PurchaseOrderRecord } from '../../../src/domain/inventory/purchase-order';
import { overReceived } from '../../../src/domain/inventory/purchase-order-plan';
import type { DeficitCorrectionEvent } from '../../../src/domain/inventory/receive';
import { meta } from '../../factories/memory-store';
import { CHAIN, FLOOR, RING, plain, sale, shop, u } from '../../factories/sale-shop';

// Back-office mutations load on first use (registry.ts); these use prepare()/the map directly.
await loadAllMutations();

const SUPPLIER = u(250);
const PO = u(260);
const L1 = u(261);
const L2 = u(262);
const DAY = 86_400_000;

type Store = Awaited<ReturnType<typeof shop>>;

async function withSupplier() {
  const store = await shop();
  await applyMutation(store, 'supplier.save', 1, { id: SUPPLIER, name: 'Atelier Or', leadTimeDays: 10 }, meta(1000));
  return store;
}

const draft = (lines: { id: string; itemId: string; quantity: number; unitCost: number | null }[], extra = {}) => ({
  id: PO,
  supplierId: SUPPLIER,
  lines: lines.map((l) => ({ supplierSku: null, ...l })),
  note: '',
  shippingCost: 0,
  ...extra,
});

let next = 3000;
const receiptLine = (lineId: string, quantity: number) => {
  next += 4;
  return { lineId, quantity, eventId: u(next), lotId: u(next + 1), splitLotId: u(next + 2), correctionEventId: u(next + 3) };
};

async function sentOrder(
  store: Store,
  lines = [
    { id: L1, itemId: RING, quantity: 10, unitCost: 1000 },
    { id: L2, itemId: CHAIN, quantity: 5, unitCost: 3000 },
  ],
) {
  await applyMutation(store, 'purchaseOrder.save', 1, draft(lines), meta(5000));
  await applyMutation(store, 'purchaseOrder.send', 1, { id: PO }, meta(DAY));
}

const receive = (store: Store, receiptId: number, lines: ReturnType<typeof receiptLine>[], landedCost: number, wall: number) =>
  applyMutation(
    store,
    'purchaseOrder.receive',
    1,
    { purchaseOrderId: PO, receiptId: u(receiptId), locationId: FLOOR, landedCost, lines },
    meta(wall),
  );

const po = async (store: Store) => (await store.get('purchaseOrders', PO)) as unknown as PurchaseOrderRecord;
const lotsOf = (store: Store, itemId: string) =>
  (store.all('lots') as unknown as Lot[])
    .filter((l) => l.itemId === itemId)
    .sort((a, b) => a.receivedAt.localeCompare(b.receivedAt) || a.id.localeCompare(b.id));
const value = (lots: Lot[]) => lots.reduce((s, l) => s + l.qtyReceived * (l.unitCost ?? 0), 0);

describe('purchase orders: draft → sent → received', () => {
  it('a draft is saved, edited, then sent with its expected date from the supplier’s promised lead time', async () => {
    const store = await withSupplier();
    await applyMutation(store, 'purchaseOrder.save', 1, draft([{ id: L1, itemId: RING, quantity: 3, unitCost: null }]), meta(5000));
    await applyMutation(
      store,
      'purchaseOrder.save',
      1,
      draft([{ id: L1, itemId: RING, quantity: 4, unitCost: 1000 }], { note: 'gold only' }),
      meta(6000),
    );
    expect(await po(store)).toMatchObject({ status: 'draft', note: 'gold only', lines: [{ quantity: 4, unitCost: 1000, received: 0 }] });
    await applyMutation(store, 'purchaseOrder.send', 1, { id: PO }, meta(Date.parse('2026-11-02T09:00:00Z')));
    expect(await po(store)).toMatchObject({
      status: 'sent',
      sentAt: '2026-11-02T09:00:00.000Z',
      promisedLeadTimeDays: 10,
      expectedAt: '2026-11-12',
    });
    await expect(
      applyMutation(store, 'purchaseOrder.save', 1, draft([{ id: L1, itemId: RING, quantity: 5, unitCost: 1000 }]), meta(7000)),
    ).rejects.toSatisfy((e) => isDomainError(e, 'purchase-order-not-draft'));
  });

  it('a draft with a line without cost cannot be sent; a piece-tracked item cannot be ordered', async () => {
    const store = await withSupplier();
    await applyMutation(store, 'purchaseOrder.save', 1, draft([{ id: L1, itemId: RING, quantity: 3, unitCost: null }]), meta(5000));
    await expect(applyMutation(store, 'purchaseOrder.send', 1, { id: PO }, meta(6000))).rejects.toSatisfy((e) =>
      isDomainError(e, 'purchase-order-cost-missing'),
    );
    await expect(
      applyMutation(store, 'purchaseOrder.save', 1, draft([{ id: L1, itemId: u(105), quantity: 1, unitCost: 1 }]), meta(6000)),
    ).rejects.toSatisfy((e) => isDomainError(e, 'piece-item'));
  });

  it('every PO mutation is manager-only', () => {
    for (const name of [
      'purchaseOrder.save',
      'purchaseOrder.send',
      'purchaseOrder.cancel',
      'purchaseOrder.receive',
      'stock.costCorrection',
    ]) {
      const { def } = prepare(
        name,
        name === 'purchaseOrder.save'
          ? draft([])
          : name === 'purchaseOrder.receive'
            ? { purchaseOrderId: PO, receiptId: u(1), locationId: FLOOR, landedCost: 0, lines: [receiptLine(L1, 1)] }
            : name === 'stock.costCorrection'
              ? { eventId: u(1), lotId: u(2), unitCost: 1, reason: '' }
              : { id: PO },
      );
      expect(isRestricted(def, {}), name).toBe(true);
    }
  });

  it('negative, fractional and absurd quantities are refused with a clear message', () => {
    const bad = (quantity: number) => () =>
      prepare('purchaseOrder.receive', {
        purchaseOrderId: PO,
        receiptId: u(1),
        locationId: FLOOR,
        landedCost: 0,
        lines: [receiptLine(L1, quantity)],
      });
    expect(bad(-1)).toThrow('Quantity received is at least 1');
    expect(bad(1.5)).toThrow('Quantity received must be a whole number of units');
    expect(bad(5_000_000)).toThrow('Quantity received is at most 100,000');
    expect(() => prepare('purchaseOrder.save', draft([{ id: L1, itemId: RING, quantity: 0, unitCost: 1 }]))).toThrow(
      'Quantity ordered is at least 1',
    );
  });
});

describe('purchaseOrder.receive: FIFO layers with landed cost by value (worked examples)', () => {
  it('a full receipt: 10 rings @ 10.00 + 5 chains @ 30.00, shipping 25.00 → shares 10.00 and 15.00 by value', async () => {
    const store = await withSupplier();
    await sentOrder(store);
    const lines = [receiptLine(L1, 10), receiptLine(L2, 5)];
    await receive(store, 3001, lines, 2500, 8 * DAY + 3600_000);
    const ring = lotsOf(store, RING).at(-1)!;
    // goods 100.00 + share 10.00 = 110.00 / 10 = 11.00 a ring
    expect(ring).toMatchObject({
      qtyReceived: 10,
      qtyRemaining: 10,
      unitCost: 1100,
      supplierId: SUPPLIER,
      purchaseOrderId: PO,
      id: lines[0]!.lotId,
    });
    const chain = lotsOf(store, CHAIN).at(-1)!;
    // goods 150.00 + share 15.00 = 165.00 / 5 = 33.00 a chain
    expect(chain).toMatchObject({ qtyReceived: 5, unitCost: 3300, purchaseOrderId: PO });
    const event = (await store.get('stockEvents', lines[0]!.eventId)) as unknown as StockEvent & Record<string, unknown>;
    expect(event).toMatchObject({
      type: 'receive',
      quantity: 10,
      source: 'purchase-order',
      ref: PO,
      goodsCost: 10_000,
      landedShare: 1000,
      totalCost: 11_000,
    });
    const order = await po(store);
    expect(order).toMatchObject({
      status: 'received',
      actualLeadTimeDays: 7,
      promisedLeadTimeDays: 10,
      lines: [{ received: 10 }, { received: 5 }],
    });
    expect(order.receipts[0]).toMatchObject({ landedCost: 2500, leadTimeDays: 7, lines: [{ landedShare: 1000 }, { landedShare: 1500 }] });
  });

  it('cents that do not divide per unit: 3 rings @ 10.00 + 1.00 landed = 31.00 → 2 @ 10.33 and 1 @ 10.34 (exactly 31.00)', async () => {
    const store = await withSupplier();
    await sentOrder(store, [{ id: L1, itemId: RING, quantity: 3, unitCost: 1000 }]);
    const line = receiptLine(L1, 3);
    await receive(store, 3001, [line], 100, 2 * DAY);
    const lots = lotsOf(store, RING).filter((l) => l.purchaseOrderId === PO);
    expect(lots.map((l) => [l.qtyReceived, l.unitCost])).toEqual([
      [2, 1033],
      [1, 1034],
    ]);
    expect(value(lots)).toBe(3100);
    expect((await po(store)).receipts[0]!.lines[0]!.lotIds).toEqual([line.lotId, line.splitLotId].sort());
  });

  it('partial receipts, then the rest: status partly-received → received, lead time from the first receipt', async () => {
    const store = await withSupplier();
    await sentOrder(store);
    await receive(store, 3001, [receiptLine(L1, 4)], 0, 5 * DAY);
    expect(await po(store)).toMatchObject({ status: 'partly-received', actualLeadTimeDays: 4, lines: [{ received: 4 }, { received: 0 }] });
    await receive(store, 3002, [receiptLine(L1, 6), receiptLine(L2, 5)], 500, 9 * DAY);
    const order = await po(store);
    expect(order).toMatchObject({ status: 'received', actualLeadTimeDays: 4, lines: [{ received: 10 }, { received: 5 }] });
    expect(order.receipts.map((r) => r.leadTimeDays)).toEqual([4, 8]);
    const onHand = levelsOf((store.all('stockEvents') as unknown as StockEvent[]).filter((e) => e.itemId === RING));
    expect(onHand).toEqual([{ itemId: RING, locationId: FLOOR, onHand: 7 + 10 }]);
  });

  it('over-receipt is allowed (the screen confirms first) and the same receipt applied twice changes nothing', async () => {
    const store = await withSupplier();
    await sentOrder(store);
    const lines = [receiptLine(L1, 12)];
    expect(overReceived((await po(store)).lines, lines)).toEqual([{ lineId: L1, extra: 2 }]);
    await receive(store, 3001, lines, 0, 2 * DAY);
    await receive(store, 3001, lines, 0, 2 * DAY);
    expect((await po(store)).lines[0]!.received).toBe(12);
    expect(lotsOf(store, RING).filter((l) => l.purchaseOrderId === PO)).toHaveLength(1);
  });

  it('a draft or cancelled order cannot be received', async () => {
    const store = await withSupplier();
    await applyMutation(store, 'purchaseOrder.save', 1, draft([{ id: L1, itemId: RING, quantity: 1, unitCost: 1 }]), meta(5000));
    await expect(receive(store, 3001, [receiptLine(L1, 1)], 0, DAY)).rejects.toSatisfy((e) => isDomainError(e, 'purchase-order-not-sent'));
    await applyMutation(store, 'purchaseOrder.cancel', 1, { id: PO }, meta(6000));
    expect(await po(store)).toMatchObject({ status: 'cancelled' });
    await expect(receive(store, 3001, [receiptLine(L1, 1)], 0, DAY)).rejects.toSatisfy((e) => isDomainError(e, 'purchase-order-cancelled'));
  });
});

describe('landed cost never loses a cent (property)', () => {
  it('shares sum to the landed cost; each line’s layers are worth exactly its goods + share', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ quantity: fc.integer({ min: 1, max: 500 }), unitCost: fc.integer({ min: 0, max: 5_000_000 }) }), {
          minLength: 1,
          maxLength: 12,
        }),
        fc.integer({ min: 0, max: 10_000_000 }),
        (lines, landed) => {
          const costs = receiptCosts(lines, landed);
          expect(costs.reduce((s, c) => s + c.share, 0)).toBe(landed);
          for (const [i, c] of costs.entries()) {
            expect(c.goods).toBe(lines[i]!.quantity * lines[i]!.unitCost);
            const parts = layerParts(c.total, lines[i]!.quantity);
            expect(parts.reduce((s, p) => s + p.qty, 0)).toBe(lines[i]!.quantity);
            expect(parts.reduce((s, p) => s + p.qty * p.unitCost, 0)).toBe(c.goods + c.share);
            expect(parts.every((p) => Number.isSafeInteger(p.unitCost) && p.unitCost >= 0 && p.qty > 0)).toBe(true);
          }
        },
      ),
    );
  });

  it('largest remainder: 1.00 over three equal lines → 0.34, 0.33, 0.33', () => {
    expect(allocateLandedCost(100, [500, 500, 500])).toEqual([34, 33, 33]);
    expect(allocateLandedCost(100, [0, 0])).toEqual([50, 50]);
  });
});

describe('selling beyond the layers is corrected by the next receipt (§10)', () => {
  it('worked example: 7 rings in layers, 9 sold (2 beyond, valued at last cost 12.00) → next receipt of 10 @ 13.00 keeps 8 and records +2.00', async () => {
    const store = await withSupplier();
    await applyMutation(store, 'sale.complete', 1, sale([plain(850, RING, 9, 3000, 851)]), meta(4000));
    const saleEvent = (await store.get('stockEvents', u(851))) as unknown as { cost: number };
    expect(saleEvent.cost).toBe(2 * 1000 + 5 * 1200 + 2 * 1200); // 2 uncovered at the last cost 12.00
    await sentOrder(store, [{ id: L1, itemId: RING, quantity: 10, unitCost: 1300 }]);
    const line = receiptLine(L1, 10);
    await receive(store, 3001, [line], 0, 2 * DAY);
    const layer = lotsOf(store, RING).find((l) => l.purchaseOrderId === PO)!;
    expect(layer).toMatchObject({ qtyReceived: 10, qtyRemaining: 8, unitCost: 1300 });
    const correction = (await store.get('stockEvents', line.correctionEventId)) as unknown as DeficitCorrectionEvent;
    expect(correction).toMatchObject({
      type: 'costCorrection',
      kind: 'deficit',
      quantity: 0,
      units: 2,
      oldCost: 2400,
      newCost: 2600,
      valueDifference: 200,
      ref: PO,
      lotIds: [line.lotId],
    });
    // Σ layers remaining == on hand again.
    const onHand = levelsOf((store.all('stockEvents') as unknown as StockEvent[]).filter((e) => e.itemId === RING))[0]!.onHand;
    expect(onHand).toBe(8);
    expect(lotsOf(store, RING).reduce((s, l) => s + l.qtyRemaining, 0)).toBe(8);
  });

  it('a deficit bigger than the receipt is made good across receipts; an import (stock.receive) carries it to the next PO receipt', async () => {
    const store = await withSupplier();
    await applyMutation(store, 'sale.complete', 1, sale([plain(850, RING, 12, 3000, 851)]), meta(4000)); // 5 beyond
    await applyMutation(
      store,
      'stock.receive',
      1,
      {
        eventId: u(4001),
        lotId: u(4002),
        itemId: RING,
        locationId: FLOOR,
        quantity: 2,
        unitCost: 1100,
        supplierId: null,
        source: 'import',
      },
      meta(5000),
    );
    expect(await store.get('lots', u(4002))).toMatchObject({ qtyRemaining: 2 });
    expect(store.all('stockEvents').filter((e) => e['type'] === 'costCorrection')).toHaveLength(0);
    await sentOrder(store, [{ id: L1, itemId: RING, quantity: 10, unitCost: 1000 }]);
    const first = receiptLine(L1, 3);
    await receive(store, 3001, [first], 0, 2 * DAY);
    // Still 5 short: all 3 go to the deficit. They were sold at the last cost then (12.00), not at
    // the import's 11.00 that came after: the correction is exact, 3 × (10.00 − 12.00).
    expect(await store.get('lots', first.lotId)).toMatchObject({ qtyReceived: 3, qtyRemaining: 0 });
    expect(await store.get('stockEvents', first.correctionEventId)).toMatchObject({
      units: 3,
      oldCost: 3600,
      newCost: 3000,
      valueDifference: -600,
    });
    const second = receiptLine(L1, 4);
    await receive(store, 3002, [second], 0, 3 * DAY);
    expect(await store.get('lots', second.lotId)).toMatchObject({ qtyRemaining: 2 });
    expect(await store.get('stockEvents', second.correctionEventId)).toMatchObject({
      units: 2,
      oldCost: 2400,
      newCost: 2000,
      valueDifference: -400,
    });
    const onHand = levelsOf((store.all('stockEvents') as unknown as StockEvent[]).filter((e) => e.itemId === RING))[0]!.onHand;
    expect(onHand).toBe(4);
    expect(lotsOf(store, RING).reduce((s, l) => s + l.qtyRemaining, 0)).toBe(4);
  });

  it('each deficit unit is corrected from the cost it was really sold at, oldest first (two sales at two last costs)', async () => {
    const store = await withSupplier();
    await applyMutation(store, 'sale.complete', 1, sale([plain(850, RING, 8, 3000, 851)]), meta(4000)); // 1 beyond @ 12.00
    await applyMutation(
      store,
      'stock.receive',
      1,
      {
        eventId: u(4001),
        lotId: u(4002),
        itemId: RING,
        locationId: FLOOR,
        quantity: 1,
        unitCost: 1500,
        supplierId: null,
        source: 'import',
      },
      meta(4500),
    );
    const second = sale([plain(860, RING, 3, 3000, 861)], {
      saleId: u(810),
      receiptNumber: 'R1-000002',
      tenders: [{ id: u(910), kind: 'cash', amount: 1_000_000_000, method: null, reference: null }],
    });
    await applyMutation(store, 'sale.complete', 1, second, meta(4600)); // 1 from the 15.00 layer, 2 beyond @ 15.00
    await sentOrder(store, [{ id: L1, itemId: RING, quantity: 10, unitCost: 1000 }]);
    const a = receiptLine(L1, 2);
    await receive(store, 3001, [a], 0, 2 * DAY);
    // The 2 oldest of 3: 1 sold @ 12.00 + 1 sold @ 15.00 = 27.00, really 20.00.
    expect(await store.get('stockEvents', a.correctionEventId)).toMatchObject({
      units: 2,
      oldCost: 2700,
      newCost: 2000,
      valueDifference: -700,
    });
    const b = receiptLine(L1, 5);
    await receive(store, 3002, [b], 0, 3 * DAY);
    expect(await store.get('stockEvents', b.correctionEventId)).toMatchObject({
      units: 1,
      oldCost: 1500,
      newCost: 1000,
      valueDifference: -500,
    });
    expect(await store.get('lots', b.lotId)).toMatchObject({ qtyRemaining: 4 });
  });

  it('no deficit, no correction event', async () => {
    const store = await withSupplier();
    await sentOrder(store);
    const line = receiptLine(L1, 1);
    await receive(store, 3001, [line], 0, DAY * 2);
    expect(await store.get('stockEvents', line.correctionEventId)).toBeUndefined();
  });
});

describe('deficit correction (property): whatever the order of sales and receipts', () => {
  it('after a final receipt, Σ layers remaining == on hand, and the corrections made good exactly the units and cost sold beyond the layers', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.oneof(
            fc.record({ kind: fc.constant('sell' as const), qty: fc.integer({ min: 1, max: 6 }) }),
            fc.record({
              kind: fc.constant('receive' as const),
              qty: fc.integer({ min: 1, max: 8 }),
              cost: fc.integer({ min: 500, max: 2000 }),
            }),
          ),
          { maxLength: 12 },
        ),
        async (ops) => {
          const store = await withSupplier();
          await sentOrder(store, [{ id: L1, itemId: RING, quantity: 100_000, unitCost: 1000 }]);
          let wall = DAY * 2;
          let n = 0;
          for (const op of [...ops, { kind: 'receive' as const, qty: 200, cost: 1000 }]) {
            n += 1;
            wall += 1000;
            if (op.kind === 'sell') {
              const args = sale([plain(10_000 + n, RING, op.qty, 3000, 20_000 + n)], {
                saleId: u(30_000 + n),
                receiptNumber: `R1-${String(n).padStart(6, '0')}`,
                tenders: [{ id: u(40_000 + n), kind: 'cash', amount: 1_000_000_000, method: null, reference: null }],
              });
              await applyMutation(store, 'sale.complete', 1, args, meta(wall));
            } else {
              await receive(store, 50_000 + n, [receiptLine(L1, op.qty)], 0, wall);
            }
          }
          const events = (
            store.all('stockEvents') as unknown as (StockEvent & {
              cost: number | null;
              layers?: { quantity: number; unitCost: number | null }[];
            } & Record<string, unknown>)[]
          ).filter((e) => e.itemId === RING);
          const onHand = levelsOf(events)[0]!.onHand;
          expect(lotsOf(store, RING).reduce((s, l) => s + l.qtyRemaining, 0)).toBe(onHand);
          const sales = events.filter((e) => e.type === 'sale');
          const uncovered = sales.map((e) => -e.quantity - (e.layers ?? []).reduce((s, l) => s + l.quantity, 0));
          const uncoveredCost = sales.reduce(
            (s, e) => s + (e.cost ?? 0) - (e.layers ?? []).reduce((t, l) => t + l.quantity * (l.unitCost ?? 0), 0),
            0,
          );
          const corrections = events.filter((e) => e.type === 'costCorrection' && e['kind'] === 'deficit');
          expect(corrections.reduce((s, e) => s + (e['units'] as number), 0)).toBe(uncovered.reduce((s, x) => s + x, 0));
          expect(corrections.reduce((s, e) => s + (e['oldCost'] as number), 0)).toBe(uncoveredCost);
        },
      ),
      { numRuns: 60 },
    );
  });
});
