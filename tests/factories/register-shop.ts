import { perform, type Env } from '../../src/data/commands/perform';
import { newId } from '../../src/data/commands/ids';
import { completeSale, openShift, type CartLine } from '../../src/data/commands/sales';

/** A small shop on one device for register tests: a floor, a ring with two FIFO layers, a one-of-a-kind piece, an open shift. */
export async function registerShop(env: Env) {
  const floor = newId(env);
  const productId = newId(env);
  const ring = newId(env);
  const ooak = newId(env);
  const piece = newId(env);
  await perform(env, 'location.save', { id: floor, name: 'Shop floor', kind: 'floor' });
  await perform(env, 'catalog.createProduct', {
    product: { id: productId, title: 'Stacking ring' },
    items: [
      { id: ring, sku: 'RING-1', barcodes: ['4006381333931'], price: 3000, cost: 900, tracking: 'quantity' },
      { id: ooak, sku: 'OOAK-1', price: 89_000, tracking: 'piece' },
    ],
  });
  await perform(env, 'stock.receive', {
    eventId: newId(env),
    lotId: newId(env),
    itemId: ring,
    locationId: floor,
    quantity: 2,
    unitCost: 1000,
    supplierId: null,
    source: 'manual',
  });
  await perform(env, 'stock.receive', {
    eventId: newId(env),
    lotId: newId(env),
    itemId: ring,
    locationId: floor,
    quantity: 5,
    unitCost: 1200,
    supplierId: null,
    source: 'manual',
  });
  await perform(env, 'piece.receive', {
    pieceId: piece,
    eventId: newId(env),
    itemId: ooak,
    locationId: floor,
    serial: 'OOAK-1-1',
    barcode: 'PIECE-0001',
    cost: 41_000,
    source: 'manual',
  });
  const shiftId = await openShift(env, { locationId: floor, openingFloat: 10_000, staffId: null });
  return { floor, productId, ring, ooak, piece, shiftId };
}

/** A cart line of the shop's stacking ring (30.00, untaxed) unless `extra` says otherwise. */
export function ringLine(env: Env, itemId: string, quantity: number, extra: Partial<CartLine> = {}): CartLine {
  return {
    lineId: newId(env),
    itemId,
    pieceId: null,
    title: 'Stacking ring',
    sku: 'RING-1',
    quantity,
    unitPrice: 3000,
    priceOverridden: false,
    taxRateBp: 0,
    discount: null,
    components: [],
    giftCard: null,
    ...extra,
  };
}

/** Sells `quantity` of the shop's stacking ring (30.00 each) for cash, on its floor, in its open shift. */
export function sellRings(env: Env, shop: { shiftId: string; floor: string; ring: string }, quantity: number) {
  return completeSale(env, {
    shiftId: shop.shiftId,
    locationId: shop.floor,
    lines: [ringLine(env, shop.ring, quantity)],
    saleDiscount: null,
    tenders: [{ kind: 'cash', amount: 3000 * quantity, method: null, reference: null }],
    staffId: null,
    approvedBy: null,
    customerId: null,
  });
}
