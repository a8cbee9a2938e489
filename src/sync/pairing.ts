import type { PairResponse } from '../domain/sync/protocol';
import { savePairing } from '../data/sync-store';
import type { SyncDeps } from './client';

/**
 * Pairs this device with the shop's sync server using a one-time code. A device that was paired
 * before (restored from a backup, or reset) becomes a new device; what it still has queued keeps
 * its original identity and is relayed.
 */
export async function pairDevice(deps: Omit<SyncDeps, 'clock'>, code: string, deviceName: string): Promise<PairResponse> {
  const response = await deps.transport.request<PairResponse>('POST', '/v1/pair', { code: code.trim(), deviceName: deviceName.trim() });
  await savePairing(deps.db, deps.random, { ...response, deviceName: deviceName.trim() });
  return response;
}
