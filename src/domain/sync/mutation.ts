import type { GenericSchema } from 'valibot';

/** A stored record: every synced table holds objects with a device-made id. */
export type StoredRecord = { id: string } & Record<string, unknown>;

/**
 * Where a mutation reads and writes records. The device implements it over Dexie tables (inside
 * the command's transaction), the server over its store (inside the push transaction), so one
 * pure `apply` decides the outcome in both places.
 */
export interface RecordStore {
  get(table: string, id: string): Promise<StoredRecord | undefined>;
  put(table: string, record: StoredRecord): Promise<void>;
  /** Ids of records whose `field` (one of LOOKUP_FIELDS) equals or, for an array, contains `value`. */
  find(table: string, field: string, value: string): Promise<string[]>;
}

/**
 * The fields a mutation may look records up by. The device has Dexie indexes on them; the server
 * keeps a key table for them. Values are stored normalised (see catalog/sku.ts normaliseCode).
 */
export const LOOKUP_FIELDS: Readonly<Record<string, readonly string[]>> = {
  items: ['sku', 'barcodes'],
  pieces: ['serial', 'barcode'],
  lots: ['itemId'],
  sales: ['shiftId', 'receiptNumber'],
  returns: ['saleId', 'shiftId'],
  credits: ['code'],
  creditEntries: ['creditId'],
  cashMovements: ['shiftId'],
  countLines: ['countId'],
  // itemId: counts (008-count-keys); pieceId: a piece sold twice (007-piece-event-keys).
  stockEvents: ['itemId', 'pieceId'],
};

/** The facts every mutation carries besides its arguments. */
export interface MutationMeta {
  /** HLC string (hlc.ts format): orders edits across devices. */
  hlc: string;
  /** ISO-8601 UTC instant on the device when it happened. */
  occurredAt: string;
  deviceId: string;
  /**
   * The staff member signed in on the device when it was recorded (null: nobody — a shop without
   * PINs, or a row queued before the app stamped it). Who did it, not proof of it (§10).
   */
  staffId?: string | null;
}

/** One queued change, as stored in the outbox and sent in a push. */
export interface Mutation {
  /** Per-device increasing integer, from 1, never reused. */
  id: number;
  name: string;
  /** Version of this mutation's argument shape. */
  v: number;
  args: unknown;
  hlc: string;
  occurredAt: string;
  /**
   * The staff member signed in when it was recorded; null or absent when nobody was (a shop
   * without PINs, or a row an older app queued). The server checks it against `restricted`.
   */
  staffId?: string | null;
}

export interface MutationDef<A> {
  name: string;
  /** Current argument version; older ones go through `upgrade`. */
  version: number;
  /**
   * Only an owner device may make it (settings, prices, stock adjustments…). The server enforces
   * it — a PIN on a tablet is a convenience, the device token is the boundary (ARCHITECTURE §10).
   */
  ownerOnly?: boolean;
  /**
   * Not allowed when recorded under a cashier (ARCHITECTURE §10: price and cost edits, stock
   * adjustments, count approvals, purchase-order receipts, settings). A function decides from the
   * (parsed, current-version) arguments, e.g. an item edit only when it touches price or cost.
   * The server enforces it from the staff record the mutation names; the device only hides what
   * a cashier could not do anyway. Sales and returns are never restricted (a sale is a fact).
   */
  restricted?: boolean | ((args: A) => boolean);
  /** Tables `apply` may touch (the device opens its transaction over these). */
  tables: readonly string[];
  schema: GenericSchema<unknown, A>;
  /** Turns arguments of an older version into the current shape. Never refuses. */
  upgrade?: (args: unknown, fromVersion: number) => unknown;
  apply(store: RecordStore, args: A, meta: MutationMeta): Promise<void>;
  /**
   * Runs once, on the device that records the mutation, before its first `apply` and in the same
   * transaction: adds what that device saw to the arguments that are queued and sent (a field
   * edit's `bases`: cases/overwritten.ts `stampBases`). Never runs on the server or on a replay.
   */
  stamp?: (store: RecordStore, args: A) => Promise<A>;
}

/** Identity helper that keeps `A` inferred from the schema. */
export function defineMutation<A>(def: MutationDef<A>): MutationDef<A> {
  return def;
}
