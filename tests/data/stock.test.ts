import { describe, expect, it } from 'vitest';
import { adjustStock, receiveTransfer, transferStock } from '../../src/data/commands/stock';
import { listInTransit, readItemHistory, readPieceJourneys, readStockByLocation } from '../../src/data/queries/stock';
import { perform } from '../../src/data/commands/perform';
import { newId } from '../../src/data/commands/ids';
import { testEnv } from '../factories/env';
import { registerShop, sellRings } from '../factories/register-shop';

describe('stock on the device: levels by location, transfers in transit, an item’s history', () => {
  it('tells an item’s journey newest first with locations, quantities, costs, the receipt and the reason', async () => {
    const env = testEnv();
    const shop = await registerShop(env);
    const stall = newId(env);
    await perform(env, 'location.save', { id: stall, name: 'Market stall', kind: 'stall' });
    env.clock.advance(60_000);
    const { receiptNumber } = await sellRings(env, shop, 1);
    env.clock.advance(60_000);
    await adjustStock(env, { itemId: shop.ring, pieceId: null, locationId: shop.floor, quantity: -1, reason: 'damaged', note: 'bent' });
    env.clock.advance(60_000);
    const moved = await transferStock(env, {
      itemId: shop.ring,
      pieceId: null,
      fromLocationId: shop.floor,
      toLocationId: stall,
      quantity: 2,
      receivedNow: false,
    });

    // In transit: off the floor, not yet at the stall.
    expect(await readStockByLocation(env.db, shop.ring)).toEqual([
      { locationId: stall, location: 'Market stall', kind: 'stall', onHand: 0 },
      { locationId: shop.floor, location: 'Shop floor', kind: 'floor', onHand: 3 },
    ]);
    expect(await listInTransit(env.db)).toMatchObject([
      { id: moved, title: 'Stacking ring', from: 'Shop floor', to: 'Market stall', quantity: 2 },
    ]);

    env.clock.advance(60_000);
    await receiveTransfer(env, moved);
    expect(await listInTransit(env.db)).toEqual([]);
    expect((await readStockByLocation(env.db, shop.ring)).map((l) => [l.location, l.onHand])).toEqual([
      ['Market stall', 2],
      ['Shop floor', 3],
    ]);

    const history = await readItemHistory(env.db, shop.ring);
    expect(history.map((h) => [h.type, h.location, h.quantity, h.unitCost, h.detail])).toEqual([
      ['transferIn', 'Market stall', 2, null, 'Transfer · from Shop floor'],
      ['transferOut', 'Shop floor', -2, null, 'Transfer · to Market stall'],
      ['adjust', 'Shop floor', -1, 1000, 'Damaged · bent'],
      ['sale', 'Shop floor', -1, 1000, `Sold · receipt ${receiptNumber}`],
      ['receive', 'Shop floor', 5, 1200, 'Received'],
      ['receive', 'Shop floor', 2, 1000, 'Received'],
    ]);
  });

  it('a piece sent for repair shows as such, and its journey comes from the ledger', async () => {
    const env = testEnv();
    const shop = await registerShop(env);
    const repair = newId(env);
    await perform(env, 'location.save', { id: repair, name: 'Goldsmith', kind: 'repair' });
    env.clock.advance(1000);
    await transferStock(env, {
      itemId: shop.ooak,
      pieceId: shop.piece,
      fromLocationId: shop.floor,
      toLocationId: repair,
      quantity: 1,
      receivedNow: true,
    });
    const history = await readItemHistory(env.db, shop.ooak, shop.piece);
    // The arrival is at the repair location (from the floor); the departure says where it went.
    expect(history.map((h) => h.detail)).toEqual(['Transfer · from Shop floor', 'Sent for repair · to Goldsmith', 'Received']);
    expect((await readPieceJourneys(env.db, shop.ooak)).map((p) => [p.serial, p.status])).toEqual([['OOAK-1-1', 'in-stock']]);
  });
});
