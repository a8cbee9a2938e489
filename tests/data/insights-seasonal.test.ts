import { describe, expect, it } from 'vitest';
import { perform } from '../../src/data/commands/perform';
import { setPrices } from '../../src/data/commands/prices';
import { newId } from '../../src/data/commands/ids';
import { refreshRollups } from '../../src/data/insights/rollups';
import { readCatalogue } from '../../src/data/insights/report';
import { collectionWeeks, seasonEnds } from '../../src/domain/insights/seasonal';
import { addDays } from '../../src/domain/insights/days';
import { businessDayOf } from '../../src/domain/sale/shift';
import { testEnv } from '../factories/env';
import { registerShop, sellRings } from '../factories/register-shop';

describe('insights on the device: seasonal collections', () => {
  it('a collection near its season end shows with its sell-through; the one-step markdown and its revert are price changes the catalogue keeps', async () => {
    const env = testEnv();
    const shop = await registerShop(env); // the ring: 2 received at 10.00 + 5 at 12.00, price 30.00
    const today = () => businessDayOf(env.clock.now(), 'UTC');
    const holiday = newId(env);
    const core = newId(env);
    // The season ends 20 days from now; a permanent collection next to it.
    await perform(env, 'collection.save', { id: holiday, name: 'Holiday Sparkle', seasonEnd: addDays(today(), 20) });
    await perform(env, 'collection.save', { id: core, name: 'Core', seasonEnd: null });
    await perform(env, 'product.save', { id: shop.productId, patch: { collectionId: holiday } });

    env.clock.advance(86_400_000);
    await sellRings(env, shop, 2);

    let r = await refreshRollups(env.db, today(), 'UTC');
    let c = await readCatalogue(env.db);
    expect(c.collections.get(holiday)).toEqual({ name: 'Holiday Sparkle', seasonEnd: addDays(today(), 19) });
    expect(c.collections.get(core)).toEqual({ name: 'Core', seasonEnd: null });

    // Week 1 since arrival: 2 of the 7 rings sold (the one-of-a-kind piece is in the collection too: 2 of 8).
    const weeks = collectionWeeks(r.items, c, today());
    expect(weeks.map((w) => [w.name, w.weeks.length, w.now.inputs])).toEqual([['Holiday Sparkle', 1, { sold: 2, received: 8 }]]);

    // Near its end: 5 rings (FIFO: 5 × 12.00 = 60.00 at cost) and the piece (410.00) left.
    let [row] = seasonEnds(r.items, c, today());
    expect(row).toMatchObject({ name: 'Holiday Sparkle', daysLeft: 19, units: 6, value: 6000 + 41_000, pieces: 2 });
    // 30 % off: 30.00 → 21.00 and 890.00 → 623.00.
    expect(new Map(row!.markdowns.map((m) => [m.itemId, m.price]))).toEqual(
      new Map([
        [shop.ring, 2100],
        [shop.ooak, 62_300],
      ]),
    );
    expect(row!.reverts).toEqual([]);

    // Applied as price changes (what the register reads) …
    // A list with one bad price changes nothing (all or none), then the real one goes through.
    await expect(setPrices(env, [...row!.markdowns, { itemId: shop.ring, price: -5 }])).rejects.toThrow();
    expect((await readCatalogue(env.db)).items.get(shop.ooak)!.price).toBe(89_000);
    await setPrices(env, row!.markdowns);
    c = await readCatalogue(env.db);
    r = await refreshRollups(env.db, today(), 'UTC');
    expect(c.items.get(shop.ring)!.price).toBe(2100);
    [row] = seasonEnds(r.items, c, today());
    expect(row!.markdowns).toEqual([]); // not marked down twice
    expect(new Map(row!.reverts.map((x) => [x.itemId, x.price]))).toEqual(
      new Map([
        [shop.ring, 3000],
        [shop.ooak, 89_000],
      ]),
    );
    // … and reverted.
    await setPrices(env, row!.reverts);
    c = await readCatalogue(env.db);
    expect(c.items.get(shop.ring)!.price).toBe(3000);
    expect(c.items.get(shop.ooak)!.price).toBe(89_000);
    [row] = seasonEnds(r.items, c, today());
    expect(row!.reverts).toEqual([]);
    expect(row!.markdowns).toHaveLength(2);
  });
});
