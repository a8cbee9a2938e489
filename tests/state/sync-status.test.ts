import { describe, expect, it, vi } from 'vitest';
import { SyncStatus } from '../../src/state/sync.svelte';
import { Notices } from '../../src/state/notices.svelte';
import { savePairing } from '../../src/data/sync-store';
import { testEnv } from '../factories/env';
import type { SyncRunOutcome } from '../../src/sync/client';

describe('sync status on the page', () => {
  it('tells staff, visibly, when the server refused a change and it was undone', async () => {
    const env = testEnv();
    await savePairing(env.db, env.random, { deviceId: 'dev-a', token: 't', registerCode: 'R1', role: 'staff', deviceName: 'Till' });
    const notices = new Notices();
    const outcome: SyncRunOutcome = {
      photos: { uploaded: 0, downloaded: 0, failed: [{ id: 'a'.repeat(64), reason: 'payload-too-large', message: 'The photo is over 10 MB' }] },
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
    await vi.waitFor(() => expect(notices.list).toHaveLength(2));
    expect(notices.list[0]).toMatchObject({ tone: 'error', text: expect.stringContaining('Only an owner device can make this change') });
    expect(notices.list[1]).toMatchObject({ tone: 'error', text: '1 photo was refused by the server: The photo is over 10 MB' });
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
    const runner = vi.fn(() => Promise.resolve({ pushed: 0, pulledRecords: 0, rejected: [], photos: { uploaded: 0, downloaded: 0, failed: [] } }));
    new SyncStatus(new Notices(), env, 'http://127.0.0.1:1', runner);
    env.onWrite?.();
    env.onWrite?.();
    await new Promise((r) => setTimeout(r, 100));
    expect(runner).not.toHaveBeenCalled();
    await vi.waitFor(() => expect(runner).toHaveBeenCalledOnce(), { timeout: 3_000 });
  });
});
