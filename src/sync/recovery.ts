import type { DeviceInfo } from '../domain/sync/protocol';
import { DomainError } from '../domain/errors';
import { readToken } from '../data/queries/sync';
import { importUnsynced, parseUnsynced, type ImportOutcome } from '../data/unsynced';
import type { SyncDeps } from './client';

/**
 * Imports another device's "unsynced changes" file on this (owner) device: asks the server which
 * devices the shop has and how far each has synced, then queues the changes it still lacks under
 * their original identity. The next sync relays them; the server applies each exactly once.
 */
export async function importUnsyncedFile(deps: Pick<SyncDeps, 'db' | 'transport'>, text: string): Promise<ImportOutcome> {
  const file = parseUnsynced(text);
  const token = await readToken(deps.db);
  if (!token) throw new DomainError('not-paired', 'Pair this device with the shop first: the changes go to the server through it.');
  const { devices } = await deps.transport.request<{ devices: DeviceInfo[] }>('GET', '/v1/devices', undefined, token);
  return importUnsynced(deps.db, file, devices);
}
