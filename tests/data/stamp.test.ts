import { describe, expect, it } from 'vitest';
import { perform } from '../../src/data/commands/perform';
import { returnSale } from '../../src/data/commands/returns';
import type { ItemRecord } from '../../src/domain/catalog/item';
import type { SaleRecord } from '../../src/domain/sale/types';
import { testEnv } from '../factories/env';
import { registerShop, sellRings } from '../factories/register-shop';

/**
 * What the recording device saw travels with its mutation (MutationDef.stamp), so the server and
 * the other devices can tell an edit or a return made knowingly from one made offline without
 * knowing of another device's: edits carry `bases`, returns `knownReturns`.
 */
describe('mutations carry what their device saw', () => {
  it('an item edit carries the clock of each field it sets, as this device had it', async () => {
    const env = testEnv();
    const shop = await registerShop(env);
    const before = (await env.db.items.get(shop.ring)) as unknown as ItemRecord;
    const row = await perform(env, 'item.save', { id: shop.ring, patch: { price: 3200, tags: ['gold'] } });
    expect((row.args as { bases: unknown }).bases).toEqual({ price: before.clocks['price'], tags: before.clocks['tags'] ?? null });
    // The next edit of the price was made on the first: its base is the first edit's HLC.
    const next = await perform(env, 'item.save', { id: shop.ring, patch: { price: 3300 } });
    expect((next.args as { bases: unknown }).bases).toEqual({ price: row.hlc });
  });

  it('a return carries the returns of its sale this device knew of', async () => {
    const env = testEnv();
    const shop = await registerShop(env);
    const { saleId } = await sellRings(env, shop, 2);
    const ret = async () => {
      const sale = (await env.db.sales.get(saleId)) as unknown as SaleRecord;
      const lines = [{ saleLineId: sale.lines[0]!.lineId, quantity: 1, damaged: false }];
      return returnSale(env, { sale, lines, refundTo: 'original', reason: 'Too small', staffId: null, approvedBy: null });
    };
    const first = await ret();
    const second = await ret();
    const rows = (await env.db.outbox.toArray()).filter((r) => r.name === 'return.create');
    expect(rows.map((r) => (r.args as { knownReturns: string[] }).knownReturns)).toEqual([[], [first.returnId]]);
    expect(second.returnId).not.toBe(first.returnId);
  });
});
