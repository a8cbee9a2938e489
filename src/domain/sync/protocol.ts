import * as v from 'valibot';
import type { StoredRecord } from './mutation';

/**
 * The wire protocol between a device and the sync server (ARCHITECTURE.md §5, §9). Both sides
 * validate with these schemas, so a change here is a protocol change: keep it backward compatible
 * (the server must accept every request any released app ever sent).
 */

/** Largest push body the server accepts; the client keeps each push well under it. */
export const MAX_PUSH_BYTES = 1024 * 1024;
/** The client's own target per push, so one oversized mutation never drags a whole batch over. */
export const PUSH_CHUNK_BYTES = 256 * 1024;
/** Records per pull page. */
export const PULL_PAGE_SIZE = 500;

const isoInstant = v.pipe(v.string(), v.isoTimestamp('occurredAt must be an ISO-8601 instant'));

export const mutationSchema = v.object({
  id: v.pipe(v.number(), v.safeInteger(), v.minValue(1)),
  name: v.pipe(v.string(), v.minLength(1), v.maxLength(100)),
  v: v.pipe(v.number(), v.safeInteger(), v.minValue(1)),
  args: v.unknown(),
  hlc: v.pipe(v.string(), v.regex(/^\d{15}-[0-9a-f]{4}-.+$/, 'hlc is not an HLC timestamp')),
  occurredAt: isoInstant,
  /**
   * The staff member signed in on the device when it was recorded; null or absent when nobody was
   * (a shop without PINs, or a row queued by an app from before this field). The server refuses
   * `restricted` mutations recorded under a cashier (ARCHITECTURE §10).
   */
  staffId: v.optional(v.nullable(v.pipe(v.string(), v.minLength(1), v.maxLength(100)))),
});

export const pushRequestSchema = v.object({
  deviceId: v.pipe(v.string(), v.minLength(1)),
  schemaVersion: v.pipe(v.number(), v.safeInteger(), v.minValue(1)),
  mutations: v.pipe(v.array(mutationSchema), v.maxLength(5000)),
});
export type PushRequest = v.InferOutput<typeof pushRequestSchema>;

export type MutationStatus = 'applied' | 'duplicate' | 'rejected' | 'flagged';

export interface MutationResult {
  id: number;
  status: MutationStatus;
  /** For a duplicate: what happened the first time (so a retried push still learns of a rejection). */
  original?: Exclude<MutationStatus, 'duplicate'>;
  /** Why it was rejected or flagged (kebab-case). */
  reason?: string;
  message?: string;
}

export interface PushResponse {
  lastMutationId: number;
  results: MutationResult[];
}

export const pullRequestSchema = v.object({
  cursor: v.pipe(v.number(), v.safeInteger(), v.minValue(0)),
  limit: v.optional(v.pipe(v.number(), v.safeInteger(), v.minValue(1), v.maxValue(5000))),
});
export type PullRequest = v.InferOutput<typeof pullRequestSchema>;

/** One record as the server holds it: its table, its latest state and the version that wrote it. */
export interface SyncedRecord {
  table: string;
  id: string;
  version: number;
  data: StoredRecord;
}

export interface PullResponse {
  /** Pass back as `cursor` next time: everything up to it has been sent. */
  cursor: number;
  hasMore: boolean;
  /** Append-only ledger rows (stock events) since the cursor. */
  events: SyncedRecord[];
  /** Changed records since the cursor, in version order. */
  records: SyncedRecord[];
  /** Each device's last processed mutation id (so a device knows what the server has). */
  lastMutationIds: Record<string, number>;
  /** Highest HLC the server has seen: devices merge it so their next edits sort after it. */
  hlc: string;
  /** The server's clock (ms since the epoch) when it answered: a device compares its own (§10 "clock wrong"). */
  serverTime?: number;
}

export const pairRequestSchema = v.object({
  code: v.pipe(v.string(), v.trim(), v.minLength(1, 'Enter the pairing code'), v.maxLength(64)),
  deviceName: v.pipe(v.string(), v.trim(), v.minLength(1, 'Name this device'), v.maxLength(60, 'Device name is at most 60 characters')),
});
export type PairRequest = v.InferOutput<typeof pairRequestSchema>;

export type DeviceRole = 'owner' | 'staff';

export interface PairResponse {
  deviceId: string;
  token: string;
  registerCode: string;
  role: DeviceRole;
}

export interface DeviceInfo {
  deviceId: string;
  name: string;
  role: DeviceRole;
  registerCode: string;
  pairedAt: string;
  revokedAt: string | null;
  lastSeenAt: string | null;
  lastMutationId: number;
}

/** Tables whose rows are append-only ledger entries (sent as `events` in a pull). */
export const EVENT_TABLES: ReadonlySet<string> = new Set(['stockEvents']);
