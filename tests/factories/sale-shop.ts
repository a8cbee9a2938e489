import { applyMutation } from '../../src/domain/sync/registry';
import type { SaleArgs } from '../../src/domain/sale/sale';
import { memoryStore, meta } from './memory-store';

/** A fixed UUID for test record number n. */
export const u = (n: number) => `0190b6a2-3c4d-7e5f-8a6b-${String(n).padStart(12, '0')}`;
export const PRODUCT = u(1);
export const RING = u(101);
export const CHAIN = u(102);
export const BOX = u(103);
export const SET = u(104);
export const OOAK = u(105);
export const FLOOR = u(201);
export const SHIFT = u(301);
export const PIECE = u(401);

/** A shop in a memory store: rings in two layers, chains, boxes, a gift set of the three, a one-of-a-kind piece, an open shift. */
export async function shop() {
  const store = memoryStore();
  await applyMutation(store, 'location.save', 2, { id: FLOOR, name: 'Shop floor', kind: 'floor' }, meta(1000));
  await applyMutation(
    store,
    'catalog.createProduct',
    1,
    {
      product: { id: PRODUCT, title: 'Stacking ring' },
      items: [
        { id: RING, sku: 'RING-1', price: 3000, cost: 900, tracking: 'quantity' },
        { id: CHAIN, sku: 'CHAIN-1', price: 2500, cost: 700, tracking: 'quantity' },
        { id: BOX, sku: 'BOX-1', price: 0, cost: 150, tracking: 'quantity' },
        { id: SET, sku: 'SET-1', price: 5000, tracking: 'quantity' },
        { id: OOAK, sku: 'OOAK-1', price: 89_000, tracking: 'piece' },
      ],
    },
    meta(1000),
  );
  await applyMutation(
    store,
    'bundle.save',
    1,
    {
      itemId: SET,
      components: [
        { itemId: RING, quantity: 1 },
        { itemId: CHAIN, quantity: 1 },
        { itemId: BOX, quantity: 1 },
      ],
    },
    meta(1001),
  );
  const receive = (n: number, itemId: string, quantity: number, unitCost: number | null, wall: number) =>
    applyMutation(
      store,
      'stock.receive',
      1,
      { eventId: u(500 + n), lotId: u(600 + n), itemId, locationId: FLOOR, quantity, unitCost, supplierId: null, source: 'manual' },
      meta(wall),
    );
  await receive(1, RING, 2, 1000, 2000);
  await receive(2, RING, 5, 1200, 3000);
  await receive(3, CHAIN, 4, 700, 3000);
  await receive(4, BOX, 10, 150, 3000);
  await applyMutation(
    store,
    'piece.receive',
    1,
    { pieceId: PIECE, eventId: u(700), itemId: OOAK, locationId: FLOOR, serial: 'OOAK-1-1', cost: 41_000, source: 'manual' },
    meta(3000),
  );
  await applyMutation(
    store,
    'shift.open',
    1,
    { shiftId: SHIFT, registerCode: 'R1', locationId: FLOOR, openingFloat: 10_000, staffId: null, businessDay: '2026-11-27' },
    meta(3500),
  );
  return store;
}

export function sale(lines: SaleArgs['lines'], extra: Partial<SaleArgs> = {}): SaleArgs {
  return {
    saleId: u(800),
    receiptNumber: 'R1-000001',
    shiftId: SHIFT,
    businessDay: '2026-11-27',
    locationId: FLOOR,
    staffId: null,
    approvedBy: null,
    customerId: null,
    taxMode: 'exclusive',
    lines,
    saleDiscount: null,
    tenders: [{ id: u(900), kind: 'cash', amount: 1_000_000_000, method: null, reference: null }],
    cashIncrement: 0,
    ...extra,
  };
}

export const plain = (lineId: number, itemId: string, quantity: number, unitPrice: number, eventId: number) => ({
  lineId: u(lineId),
  itemId,
  pieceId: null,
  title: 'x',
  sku: 'x',
  quantity,
  unitPrice,
  priceOverridden: false,
  taxRateBp: 825,
  discount: null,
  eventId: u(eventId),
  components: [],
});

