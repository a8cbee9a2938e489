import { describe, expect, it } from 'vitest';
import { perform } from '../../src/data/commands/perform';
import { createProductWithStock, updateItem } from '../../src/data/commands/catalog';
import { searchItems, findByCode } from '../../src/data/queries/catalog';
import { savePairing } from '../../src/data/sync-store';
import { testEnv } from '../factories/env';

async function paired(register = 'R7') {
  const env = testEnv();
  await savePairing(env.db, env.random, { deviceId: 'dev-a', token: 't', registerCode: register, role: 'owner', deviceName: 'Counter' });
  return env;
}

describe('catalogue commands on the device', () => {
  it('generates SKUs from the shop pattern with this device’s register code', async () => {
    const env = await paired('R7');
    await perform(env, 'settings.update', { patch: { skuPattern: 'TRV-{CAT}{REG}-{SEQ:3}' } });
    await createProductWithStock(env, { title: 'Chain' }, [{ price: 100, quantity: 0 }, { price: 100, quantity: 0 }], { category: 'Necklaces' });
    const { items } = await searchItems(env.db, '');
    expect(items.map((i) => i.sku).sort()).toEqual(['TRV-NECKLAR7-001', 'TRV-NECKLAR7-002']);
  });

  it('a pattern that could collide across devices is refused', async () => {
    const env = await paired();
    await expect(perform(env, 'settings.update', { patch: { skuPattern: '{CAT}-{SEQ}' } })).rejects.toThrow('needs {REG}');
  });

  it('refuses a SKU or barcode in use, naming the other item, and writes nothing', async () => {
    const env = await paired();
    await createProductWithStock(env, { title: 'Opal ring' }, [{ sku: 'RNG-1', price: 100, quantity: 0, barcodes: ['4006381333931'] }]);
    const before = await env.db.outbox.count();
    await expect(createProductWithStock(env, { title: 'Other' }, [{ sku: 'rng-1', price: 100, quantity: 0 }])).rejects.toThrow('rng-1 is already used by Opal ring, SKU RNG-1');
    await expect(createProductWithStock(env, { title: 'Other' }, [{ sku: 'X-1', price: 100, quantity: 0, barcodes: ['4006381333931'] }])).rejects.toThrow('4006381333931 is already used by Opal ring');
    await expect(createProductWithStock(env, { title: 'Other' }, [{ sku: 'X-2', price: 100, quantity: 0, barcodes: ['4006381333932'] }])).rejects.toThrow('check digit should be 1');
    expect(await env.db.outbox.count()).toBe(before);
    const ring = (await findByCode(env.db, '4006381333931'))!;
    await updateItem(env, ring.id, { sku: 'RNG-1' }); // its own code is not a clash
    await expect(updateItem(env, ring.id, { barcodes: ['A', 'a'] })).rejects.toThrow('a is listed twice');
  });

  it('opening stock of a one-of-a-kind item becomes pieces with serials', async () => {
    const env = await paired();
    await createProductWithStock(env, { title: 'Moonstone pendant' }, [{ sku: 'PND-9', price: 32_000, cost: 9_500, quantity: 2, tracking: 'piece' }]);
    const pieces = await env.db.pieces.toArray();
    expect(pieces.map((p) => p['serial']).sort()).toEqual(['PND-9-1', 'PND-9-2']);
    expect((await findByCode(env.db, 'PND-9'))?.onHand).toBe(2);
  });

  it('search pages through results and needs every word', async () => {
    const env = await paired();
    for (let i = 0; i < 120; i += 1) await createProductWithStock(env, { title: `Silver hoop ${i}` }, [{ sku: `HOOP-${i}`, price: 100, quantity: 0 }]);
    await createProductWithStock(env, { title: 'Gold hoop' }, [{ sku: 'HOOP-GOLD', price: 100, quantity: 0 }]);
    const first = await searchItems(env.db, 'hoop silv');
    expect(first.items).toHaveLength(50);
    expect(first.more).toBe(true);
    const third = await searchItems(env.db, 'hoop silv', 2);
    expect(third.items).toHaveLength(20);
    expect(third.more).toBe(false);
    expect((await searchItems(env.db, 'gold hoop')).items.map((i) => i.sku)).toEqual(['HOOP-GOLD']);
    expect((await searchItems(env.db, 'hoop-gold')).items.map((i) => i.sku)).toEqual(['HOOP-GOLD']);
  });
});
