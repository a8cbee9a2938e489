import { describe, expect, it } from 'vitest';
import { perform } from '../../src/data/commands/perform';
import { applyPullPage, dropRejected, readOutboxBatch, savePairing } from '../../src/data/sync-store';
import { settingsOf } from '../../src/domain/settings';
import type { PullResponse, SyncedRecord } from '../../src/domain/sync/protocol';
import { testEnv } from '../factories/env';

const SERVER_HLC = '000000000000000-0000-server';

function page(records: SyncedRecord[], extra: Partial<PullResponse> = {}): PullResponse {
  return { cursor: records.at(-1)?.version ?? 0, hasMore: false, events: [], records, lastMutationIds: {}, hlc: SERVER_HLC, ...extra };
}

function settingsRecord(version: number, values: Record<string, string>, clocks: Record<string, string>): SyncedRecord {
  return { table: 'settings', id: 'shop', version, data: { id: 'shop', values, clocks } };
}

async function paired() {
  const env = testEnv();
  await savePairing(env.db, env.random, { deviceId: 'dev-a', token: 't', registerCode: 'R1', role: 'owner', deviceName: 'Counter' });
  return env;
}

describe('local write model: confirmed state + pending mutations', () => {
  it('a pulled record under a pending change keeps the pending change on top', async () => {
    const env = await paired();
    await perform(env, 'settings.update', { patch: { shopName: 'Opale (typed here)' } });
    // Meanwhile another device changed the currency and the name, earlier than our edit.
    await applyPullPage(
      env.db,
      env.random,
      page([
        settingsRecord(
          1,
          { shopName: 'Old name', currency: 'EUR' },
          { shopName: '000000000000001-0000-b', currency: '000000000000001-0000-b' },
        ),
      ]),
      env.clock.now(),
    );

    const live = settingsOf(await env.db.settings.get('shop'));
    expect(live).toMatchObject({ shopName: 'Opale (typed here)', currency: 'EUR' });
    expect((await env.db.shadows.get(['settings', 'shop']))?.data).toMatchObject({ values: { shopName: 'Old name' } });
    expect(await env.db.outbox.count()).toBe(1);
  });

  it('the acknowledgement on the last page drops the mutation and its shadow', async () => {
    const env = await paired();
    const row = await perform(env, 'settings.update', { patch: { shopName: 'Opale' } });
    const confirmed = settingsRecord(1, { shopName: 'Opale' }, { shopName: row.hlc });
    await applyPullPage(env.db, env.random, page([confirmed], { hasMore: true, lastMutationIds: { 'dev-a': 1 } }), env.clock.now());
    expect(await env.db.outbox.count()).toBe(1); // not on a middle page
    await applyPullPage(env.db, env.random, page([], { cursor: 1, lastMutationIds: { 'dev-a': 1 } }), env.clock.now());
    expect(await env.db.outbox.count()).toBe(0);
    expect(await env.db.shadows.count()).toBe(0);
    expect(settingsOf(await env.db.settings.get('shop')).shopName).toBe('Opale');
    expect((await env.db.syncState.get('device'))?.cursor).toBe(1);
  });

  it('a rejected mutation has its local effect removed; later pending ones stay', async () => {
    const env = await paired();
    await perform(env, 'settings.update', { patch: { shopName: 'First' } });
    env.clock.advance(10);
    await perform(env, 'settings.update', { patch: { currency: 'GBP' } });
    const dropped = await dropRejected(env.db, 'dev-a', [1]);
    expect(dropped.map((r) => r.id)).toEqual([1]);
    const live = settingsOf(await env.db.settings.get('shop'));
    expect(live.shopName).toBe(''); // back to confirmed (nothing on the server yet)
    expect(live.currency).toBe('GBP');
    await dropRejected(env.db, 'dev-a', [2]);
    expect(await env.db.settings.get('shop')).toBeUndefined();
    expect(await env.db.shadows.count()).toBe(0);
  });

  it('records with no pending change are written straight through', async () => {
    const env = await paired();
    const location = {
      table: 'locations',
      id: '0190b6a2-3c4d-7e5f-8a6b-7c8d9e0f1a2b',
      version: 3,
      data: { id: '0190b6a2-3c4d-7e5f-8a6b-7c8d9e0f1a2b', values: { name: 'Stall', kind: 'stall', archived: false }, clocks: {} },
    };
    await applyPullPage(
      env.db,
      env.random,
      page([location, { table: 'tableFromTheFuture', id: 'x', version: 3, data: { id: 'x' } }]),
      env.clock.now(),
    );
    expect(await env.db.locations.get(location.id)).toEqual(location.data);
    expect(await env.db.shadows.count()).toBe(0);
  });

  it('merges the server HLC so the next local edit sorts after everything seen', async () => {
    const env = await paired();
    const ahead = `${String(env.clock.now() + 60_000).padStart(15, '0')}-0003-server`;
    await applyPullPage(env.db, env.random, page([], { hlc: ahead }), env.clock.now());
    const row = await perform(env, 'settings.update', { patch: { shopName: 'After' } });
    expect(row.hlc > ahead).toBe(true);
  });
});

describe('outbox batches and pairing', () => {
  it('batches by size, oldest first, one origin at a time', async () => {
    const env = testEnv();
    for (let i = 0; i < 5; i += 1) await perform(env, 'settings.update', { patch: { receiptHeader: 'x'.repeat(200) } });
    await savePairing(env.db, env.random, { deviceId: 'dev-a', token: 't', registerCode: 'R1', role: 'owner', deviceName: 'Counter' });
    for (let i = 0; i < 2; i += 1) await perform(env, 'settings.update', { patch: { shopName: 'n' } });
    const all = await readOutboxBatch(env.db, 1_000_000);
    expect(all.map((r) => [r.origin, r.id])).toEqual([1, 2, 3, 4, 5, 6, 7].map((id) => ['dev-a', id]));
    // Rows differ in size (each edit carries the field clock it was made on): room for exactly the first two.
    const twoRows = JSON.stringify(all[0]).length + JSON.stringify(all[1]).length;
    const small = await readOutboxBatch(env.db, twoRows + 10);
    expect(small.map((r) => r.id)).toEqual([1, 2]);
    expect((await readOutboxBatch(env.db, 1)).length).toBe(1); // never zero: one always goes

    // Re-paired (restored backup / reset): a new device; carried-over rows keep their identity.
    await savePairing(env.db, env.random, { deviceId: 'dev-b', token: 't2', registerCode: 'R2', role: 'owner', deviceName: 'Counter' });
    const mine = await perform(env, 'settings.update', { patch: { shopName: 'new identity' } });
    expect(mine).toMatchObject({ origin: 'dev-b', id: 1 });
    const first = await readOutboxBatch(env.db, 1_000_000);
    expect(first.every((r) => r.origin === 'dev-a')).toBe(true);
    const next = await readOutboxBatch(env.db, 1_000_000, first.at(-1)!.seq);
    expect(next.map((r) => [r.origin, r.id])).toEqual([['dev-b', 1]]);
  });
});

describe('pulls of many pages', () => {
  it('a middle page updates the confirmed state only; the last page recomputes once', async () => {
    const env = await (async () => {
      const e = testEnv();
      await savePairing(e.db, e.random, { deviceId: 'dev-a', token: 't', registerCode: 'R1', role: 'owner', deviceName: 'Counter' });
      return e;
    })();
    await perform(env, 'settings.update', { patch: { shopName: 'Mine (pending)' } });
    const deferred = new Set<string>();
    const other = settingsRecord(1, { shopName: 'Theirs', currency: 'EUR' }, { shopName: '000000000000001-0000-b', currency: '000000000000001-0000-b' });
    await applyPullPage(env.db, env.random, page([other], { hasMore: true }), env.clock.now(), deferred);
    expect(deferred).toEqual(new Set(['settings/shop']));
    expect(settingsOf(await env.db.settings.get('shop')).currency).toBe('USD'); // not recomputed yet
    await applyPullPage(env.db, env.random, page([], { cursor: 1 }), env.clock.now(), deferred);
    expect(settingsOf(await env.db.settings.get('shop'))).toMatchObject({ shopName: 'Mine (pending)', currency: 'EUR' });
    expect(deferred.size).toBe(0);
  });
});
