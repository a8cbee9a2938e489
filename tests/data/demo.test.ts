import { describe, expect, it } from 'vitest';
import { loadDemoShop } from '../../src/data/commands/demo';
import { findByCode, searchItems } from '../../src/data/queries/catalog';
import { dumpDb, seededRandom, testEnv } from '../factories/env';



describe('loadDemoShop', () => {
  it('writes the demo shop through the registry: items, lots, pieces, stock and one outbox row per mutation, with progress', async () => {
    const env = testEnv();
    const progress: number[] = [];
    const done = await loadDemoShop(env, { skus: 120, seed: 5, chunkProducts: 10 }, (p) => progress.push(p.skusDone));
    expect(done).toEqual({ skusDone: 120, skus: 120 });
    expect(progress.at(-1)).toBe(120);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    expect(await env.db.items.count()).toBe(120);
    expect(await env.db.categories.count()).toBe(8);
    expect(await env.db.suppliers.count()).toBe(12);
    expect(await env.db.lots.count()).toBeGreaterThan(100);
    expect(await env.db.stockLevels.count()).toBeGreaterThan(100);
    const outbox = await env.db.outbox.toArray();
    expect(outbox.map((r) => r.id)).toEqual(outbox.map((_, i) => i + 1));
    expect(await env.db.cases.count()).toBe(0); // no duplicate codes
    const ring = await searchItems(env.db, 'ring');
    expect(ring.items.length).toBeGreaterThan(0);
    const first = (await env.db.items.toCollection().first()) as unknown as { sku: string; barcodes: string[] };
    expect((await findByCode(env.db, first.barcodes[0]!))?.sku).toBe(first.sku);
  });

  it('the batched path leaves the database exactly as perform() mutation by mutation', async () => {
    const [viaPerform, viaBatch] = [
      { ...testEnv(), random: seededRandom(3) },
      { ...testEnv(), random: seededRandom(3) },
    ];
    await loadDemoShop(viaPerform, { skus: 60, seed: 9, chunkProducts: 4, via: 'perform' });
    await loadDemoShop(viaBatch, { skus: 60, seed: 9, chunkProducts: 4 });
    const [a, b] = [await dumpDb(viaPerform), await dumpDb(viaBatch)];
    expect(a['outbox']!.length).toBeGreaterThan(60);
    expect(b).toEqual(a);
  });
});
