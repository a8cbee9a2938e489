import type { Mutation } from '../domain/sync/mutation';

/** A queued mutation waiting for the server. Key: the per-device mutation id. */
export type OutboxRow = Mutation;

/** This device's sync bookkeeping (one row, id 'device'). */
export interface SyncState {
  id: 'device';
  /** Random id of this install, used as the HLC node until the server assigns a device id. */
  installId: string;
  /** Server-assigned after pairing; undefined while unpaired. */
  deviceId?: string;
  token?: string;
  registerCode?: string;
  /** Next per-device mutation id to hand out. */
  nextMutationId: number;
  /** Last HLC this device issued or saw. */
  hlc: string;
  /** Server version this device has pulled up to. */
  cursor: number;
  lastSyncAt?: string;
  lastError?: string;
}
