import { describe, expect, it } from 'vitest';
import { TroveDb } from '../../src/data/db';
import { schema, SCHEMA_VERSION, type SchemaVersion } from '../../src/data/schema';
import { perform } from '../../src/data/commands/perform';
import { testEnv } from '../factories/env';

// A version of the kind a later release will add: a new index on items and a rewrite of every row.
const next: SchemaVersion = {
  version: SCHEMA_VERSION + 1,
  stores: { items: 'id, productId, sku, *barcodes, *tokens, status' },
  upgrade: async (tx) => {
    await tx
      .table('items')
      .toCollection()
      .modify((item: Record<string, unknown>) => {
        item['status'] ??= 'active';
      });
  },
};

describe('schema migrations', () => {
  it('upgrading a v1 database with data and pending outbox rows to the newest version loses nothing', async () => {
    // What release 1 left on a device: settings, items and two queued mutations, stored raw in v1's shape.
    const env = testEnv(schema.slice(0, 1));
    const settings = { id: 'shop', values: { shopName: 'Atelier Lune', currency: 'EUR' }, clocks: { shopName: 'a', currency: 'b' } };
    const queued = [1, 2].map((id) => ({
      id,
      name: 'settings.update',
      v: 1,
      args: { patch: { shopName: `Atelier ${id}` } },
      hlc: `00000000000000${id}-0000-x`,
      occurredAt: '2026-11-27T09:00:00.000Z',
    }));
    const sync = { id: 'device' as const, installId: 'x', nextMutationId: 3, hlc: '000000000000002-0000-x', cursor: 0 };
    await env.db.settings.put(settings as never);
    await env.db.items.bulkPut([
      { id: 'i1', productId: 'p1', sku: 'RNG-001', barcodes: ['200000000001'], tokens: ['ring'] },
      { id: 'i2', productId: 'p1', sku: 'RNG-002', barcodes: [], tokens: ['ring'] },
    ]);
    await env.db.table('outbox').bulkAdd(queued.map((q) => ({ ...q, touches: [] })));
    await env.db.syncState.put(sync);
    env.db.close();

    const upgraded = new TroveDb(env.name, [...schema, next]);
    await upgraded.open();
    expect(upgraded.verno).toBe(SCHEMA_VERSION + 1);
    expect((await upgraded.outbox.toArray()).map(({ seq: _seq, ...row }) => row)).toEqual(queued.map((q) => ({ ...q, touches: [] })));
    expect(await upgraded.syncState.get('device')).toEqual(sync);
    expect(await upgraded.settings.get('shop')).toEqual(settings);
    expect(await upgraded.items.where('status').equals('active').primaryKeys()).toEqual(['i1', 'i2']);
    expect(await upgraded.items.where('barcodes').equals('200000000001').first()).toMatchObject({ sku: 'RNG-001' });

    // The queue keeps going from where it was after the upgrade.
    const row = await perform({ ...env, db: upgraded }, 'settings.update', { patch: { shopName: 'Atelier Lune II' } });
    expect(row.id).toBe(3);
    expect(await upgraded.outbox.count()).toBe(3);
    upgraded.close();
  });

  it('versions are only appended, in order', () => {
    schema.forEach((s, i) => expect(s.version).toBe(i + 1));
  });
});
