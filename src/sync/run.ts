import type { Env } from '../data/commands/perform';
import { syncOnce, type SyncRunOutcome } from './client';
import { httpTransport } from './http';
import { withSyncLock } from './lock';

/** One sync run under the shared lock, for the page and the service worker alike. */
export function runSync(env: Env, origin: string, fetchImpl?: typeof fetch): Promise<SyncRunOutcome> {
  const transport = httpTransport(origin, fetchImpl);
  return withSyncLock(() => syncOnce({ ...env, transport }));
}

/** The Background Sync tag the page registers and the worker answers. */
export const SYNC_TAG = 'trove-sync';
