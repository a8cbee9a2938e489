import type { Mutation, StoredRecord } from '../domain/sync/mutation';

/** A queued mutation waiting for the server, in `seq` order. */
export type OutboxRow = Mutation & {
  /** Local queue position (auto-increment; set by Dexie on add). */
  seq?: number;
  /** The device id it was made under; undefined until this install is first paired. */
  origin?: string;
  /** Records it wrote, as `table/id` (indexed: which pending changes sit on a record). */
  touches: string[];
};

/**
 * The confirmed (server) state of a record that pending mutations have changed locally. The live
 * row = shadow + pending mutations replayed in outbox order; `data: null` = not on the server yet.
 */
export interface Shadow {
  table: string;
  id: string;
  data: StoredRecord | null;
}

/** This device's sync bookkeeping (one row, id 'device'). */
export interface SyncState {
  id: 'device';
  /** Random id of this install, used as the HLC node until the server assigns a device id. */
  installId: string;
  /** Server-assigned after pairing; undefined while unpaired. */
  deviceId?: string;
  token?: string;
  registerCode?: string;
  role?: 'owner' | 'staff';
  deviceName?: string;
  /** Next per-device mutation id to hand out. */
  nextMutationId: number;
  /** Last HLC this device issued or saw. */
  hlc: string;
  /** Server version this device has pulled up to. */
  cursor: number;
  /** Last receipt sequence this device used (receipt number = register code + sequence, §10). */
  receiptSeq?: number;
  lastSyncAt?: string;
  lastError?: string;
  /** Server clock minus this device's, measured at the last pull (ms); see domain/clock.ts clockSkew. */
  clockOffsetMs?: number;
}
