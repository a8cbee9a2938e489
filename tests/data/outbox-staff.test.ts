import { describe, expect, it } from 'vitest';
import { perform } from '../../src/data/commands/perform';
import { BatchWriter } from '../../src/data/commands/batch-writer';
import { savePairing } from '../../src/data/sync-store';
import type { OutboxRow } from '../../src/data/records';
import { syncOnce } from '../../src/sync/client';
import type { Transport } from '../../src/sync/http';
import type { PullResponse, PushRequest, PushResponse } from '../../src/domain/sync/protocol';
import { testEnv } from '../factories/env';

const LEO = '0190b6a2-3c4d-7e5f-8a6b-000000000055';
const ANA = '0190b6a2-3c4d-7e5f-8a6b-000000000077';

// Who recorded a mutation travels with it (ARCHITECTURE §10): the server refuses price, cost,
// stock and settings changes recorded under a cashier, so every outbox row names the person.
describe('the outbox row names who was signed in', () => {
  it('stamps the signed-in staff member on each row as it is written, and null when nobody is', async () => {
    const env = testEnv();
    const nobody = await perform(env, 'settings.update', { patch: { shopName: 'Maison Opale' } });
    expect(nobody.staffId).toBeNull();

    let signedIn: string | null = LEO;
    env.staffId = () => signedIn;
    const byLeo = await perform(env, 'settings.update', { patch: { currency: 'EUR' } });
    signedIn = ANA;
    const byAna = await perform(env, 'settings.update', { patch: { locale: 'fr-FR' } });

    expect([byLeo.staffId, byAna.staffId]).toEqual([LEO, ANA]);
    const stored = await env.db.outbox.orderBy('seq').toArray();
    expect(stored.map((row) => [row.id, row.staffId])).toEqual([
      [1, null],
      [2, LEO],
      [3, ANA],
    ]);
  });

  it('a batch (an import, the demo shop) stamps every row with the same person', async () => {
    const env = testEnv();
    env.staffId = () => ANA;
    const rows = await new BatchWriter(env).run(
      [
        { name: 'settings.update', args: { patch: { shopName: 'A' } } },
        { name: 'settings.update', args: { patch: { currency: 'EUR' } } },
      ],
      { ids: [], finds: [] },
    );
    expect(rows.map((row) => row.staffId)).toEqual([ANA, ANA]);
  });

  it('the push sends it; a row queued by an older app, without one, goes as null', async () => {
    const env = testEnv();
    await savePairing(env.db, env.random, { deviceId: 'dev-a', token: 't', registerCode: 'R1', role: 'owner', deviceName: 'Till' });
    // An outbox row from before the field existed (an app update keeps the pending outbox).
    await perform(env, 'settings.update', { patch: { shopName: 'Old' } });
    await env.db.outbox.toCollection().modify((row: OutboxRow) => {
      delete row.staffId;
    });
    expect((await env.db.outbox.toArray())[0]).not.toHaveProperty('staffId');
    env.staffId = () => LEO;
    await perform(env, 'settings.update', { patch: { currency: 'EUR' } });

    const pushes: PushRequest[] = [];
    const transport: Transport = {
      request<T>(_method: string, path: string, body?: unknown): Promise<T> {
        if (path === '/v1/sync/push') {
          const push = body as PushRequest;
          pushes.push(push);
          const response: PushResponse = {
            lastMutationId: push.mutations.at(-1)!.id,
            results: push.mutations.map((m) => ({ id: m.id, status: 'applied' })),
          };
          return Promise.resolve(response as T);
        }
        const pull: PullResponse = {
          cursor: 0,
          hasMore: false,
          events: [],
          records: [],
          lastMutationIds: {},
          hlc: '000000000000000-0000-server',
        };
        return Promise.resolve(pull as T);
      },
    };
    await syncOnce({ db: env.db, clock: env.clock, random: env.random, transport });
    expect(pushes.flatMap((p) => p.mutations.map((m) => [m.id, m.name, m.staffId]))).toEqual([
      [1, 'settings.update', null],
      [2, 'settings.update', LEO],
    ]);
  });
});
