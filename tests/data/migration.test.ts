import { describe, expect, it } from 'vitest';
import { TroveDb } from '../../src/data/db';
import { schema, type SchemaVersion } from '../../src/data/schema';
import { perform } from '../../src/data/commands/perform';
import { testEnv } from '../factories/env';

// A v2 of the kind a later release will add: a new index on items and a rewrite of every row.
const v2: SchemaVersion = {
  version: 2,
  stores: { items: 'id, productId, sku, *barcodes, *tokens, status' },
  upgrade: async (tx) => {
    await tx.table('items').toCollection().modify((item: Record<string, unknown>) => {
      item['status'] ??= 'active';
    });
  },
};

describe('schema migrations', () => {
  it('upgrading a v1 database with data and pending outbox rows to v2 loses nothing', async () => {
    const env = testEnv(schema);
    await perform(env, 'settings.update', { patch: { shopName: 'Atelier Lune', timeZone: 'Europe/Paris' } });
    await env.db.items.bulkPut([
      { id: 'i1', productId: 'p1', sku: 'RNG-001', barcodes: ['200000000001'], tokens: ['ring'] },
      { id: 'i2', productId: 'p1', sku: 'RNG-002', barcodes: [], tokens: ['ring'] },
    ]);
    await perform(env, 'settings.update', { patch: { currency: 'EUR' } });
    const outboxBefore = await env.db.outbox.toArray();
    const syncBefore = await env.db.syncState.get('device');
    env.db.close();

    const upgraded = new TroveDb(env.name, [...schema, v2]);
    await upgraded.open();
    expect(upgraded.verno).toBe(2);
    expect(await upgraded.outbox.toArray()).toEqual(outboxBefore);
    expect(await upgraded.syncState.get('device')).toEqual(syncBefore);
    expect((await upgraded.settings.get('shop'))?.values).toMatchObject({ shopName: 'Atelier Lune', currency: 'EUR' });
    expect(await upgraded.items.where('status').equals('active').primaryKeys()).toEqual(['i1', 'i2']);
    expect(await upgraded.items.where('barcodes').equals('200000000001').first()).toMatchObject({ sku: 'RNG-001' });

    // The queue keeps going from where it was after the upgrade.
    const next = await perform({ ...env, db: upgraded }, 'settings.update', { patch: { shopName: 'Atelier Lune II' } });
    expect(next.id).toBe(outboxBefore.length + 1);
    upgraded.close();
  });

  it('versions are only appended, in order', () => {
    schema.forEach((s, i) => expect(s.version).toBe(i + 1));
  });
});
