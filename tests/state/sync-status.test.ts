import { describe, expect, it, vi } from 'vitest';
import { SyncStatus } from '../../src/state/sync.svelte';
import { Notices } from '../../src/state/notices.svelte';
import { savePairing } from '../../src/data/sync-store';
import { testEnv } from '../factories/env';
import type { SyncOutcome } from '../../src/sync/client';

describe('sync status on the page', () => {
  it('tells staff, visibly, when the server refused a change and it was undone', async () => {
    const env = testEnv();
    await savePairing(env.db, env.random, { deviceId: 'dev-a', token: 't', registerCode: 'R1', role: 'staff', deviceName: 'Till' });
    const notices = new Notices();
    const outcome: SyncOutcome = {
      pushed: 1,
      pulledRecords: 0,
      rejected: [
        {
          row: { id: 1, name: 'settings.update', v: 1, args: {}, hlc: '', occurredAt: '', touches: [] },
          reason: 'owner-only',
          message: 'Only an owner device can make this change',
        },
      ],
    };
    const runner = vi.fn(() => Promise.resolve(outcome));
    const status = new SyncStatus(notices, env, 'http://127.0.0.1:1', runner);
    status.syncNow();
    await vi.waitFor(() => expect(notices.list).toHaveLength(1));
    expect(notices.list[0]).toMatchObject({ tone: 'error', text: expect.stringContaining('Only an owner device can make this change') });
    expect(runner).toHaveBeenCalledOnce();
  });

  it('does not try to sync before the device is paired', async () => {
    const runner = vi.fn();
    const status = new SyncStatus(new Notices(), testEnv(), 'http://127.0.0.1:1', runner);
    status.syncNow();
    await new Promise((r) => setTimeout(r, 20));
    expect(runner).not.toHaveBeenCalled();
  });

  it('a write schedules a sync soon after (debounced, not at once)', async () => {
    const env = testEnv();
    await savePairing(env.db, env.random, { deviceId: 'dev-a', token: 't', registerCode: 'R1', role: 'owner', deviceName: 'Till' });
    const runner = vi.fn(() => Promise.resolve({ pushed: 0, pulledRecords: 0, rejected: [] }));
    new SyncStatus(new Notices(), env, 'http://127.0.0.1:1', runner);
    env.onWrite?.();
    env.onWrite?.();
    await new Promise((r) => setTimeout(r, 100));
    expect(runner).not.toHaveBeenCalled();
    await vi.waitFor(() => expect(runner).toHaveBeenCalledOnce(), { timeout: 3_000 });
  });
});
