import { describe, expect, it } from 'vitest';
import { perform } from '../../src/data/commands/perform';
import { settingsOf, SETTINGS_ID } from '../../src/domain/settings';
import { isDomainError } from '../../src/domain/errors';
import { Hlc } from '../../src/domain/hlc';
import { testEnv } from '../factories/env';

describe('perform: one transaction = local change + outbox row', () => {
  it('stores the change and queues the mutation with increasing ids and HLCs', async () => {
    const env = testEnv();
    const first = await perform(env, 'settings.update', { patch: { shopName: 'Maison Opale' } });
    env.clock.advance(0); // same millisecond: HLC must still move forward
    const second = await perform(env, 'settings.update', { patch: { currency: 'EUR' } });

    expect([first.id, second.id]).toEqual([1, 2]);
    expect(Hlc.compare(Hlc.parse(second.hlc), Hlc.parse(first.hlc))).toBeGreaterThan(0);
    expect(first).toMatchObject({ name: 'settings.update', v: 1, args: { patch: { shopName: 'Maison Opale' } } });
    expect(first.occurredAt).toBe('2026-11-27T09:00:00.000Z');

    const settings = settingsOf(await env.db.settings.get(SETTINGS_ID));
    expect(settings.shopName).toBe('Maison Opale');
    expect(settings.currency).toBe('EUR');
    expect(await env.db.outbox.count()).toBe(2);
  });

  it('invalid arguments change nothing and say what is wrong', async () => {
    const env = testEnv();
    await expect(perform(env, 'settings.update', { patch: { currency: 'euro' } })).rejects.toSatisfy(
      (e) =>
        isDomainError(e, 'invalid-args') && e.meta['path'] === 'patch.currency' && /Currency is a three-letter ISO code/.test(e.message),
    );
    await expect(perform(env, 'settings.nope', {})).rejects.toSatisfy((e) => isDomainError(e, 'unknown-mutation'));
    expect(await env.db.outbox.count()).toBe(0);
    expect(await env.db.settings.count()).toBe(0);
  });

  it('a failure while storing rolls back the local change and the outbox row together', async () => {
    const env = testEnv();
    // Storage refuses the outbox row (as a full disk would): nothing of the write may remain.
    const refuse = () => {
      throw new Error('QuotaExceededError');
    };
    env.db.outbox.hook('creating', refuse);
    await expect(perform(env, 'settings.update', { patch: { shopName: 'Lost?' } })).rejects.toThrow('QuotaExceededError');
    env.db.outbox.hook('creating').unsubscribe(refuse);
    expect(await env.db.settings.count()).toBe(0);
    expect(await env.db.shadows.count()).toBe(0);
    expect(await env.db.syncState.count()).toBe(0);
    const row = await perform(env, 'settings.update', { patch: { shopName: 'Kept' } });
    expect(row.id).toBe(1); // the refused write did not use up an id
  });

});
