import type { Generated } from 'kysely';
import type { DeviceRole, MutationStatus } from '../../domain/sync/protocol';

/**
 * The server database as Kysely sees it. Each migration that adds or changes a table updates
 * this file in the same change. Column types are the ones BOTH dialects return: bigint columns
 * come back as JS numbers (the pg pool parses int8, see postgres.ts), timestamps are ISO-8601 UTC
 * text so SQLite and PostgreSQL hand back the same string.
 */
export interface ShopTable {
  /** The shop's UUID, made once by migration 001. */
  id: string;
  created_at: string;
  /**
   * Gap-free per-shop version: the pull cursor. Advanced inside each push transaction, under the
   * lock on this row, never by a database sequence, because sequences may skip values on rollback.
   */
  version: Generated<number>;
  /** Highest HLC applied so far (clamped); devices merge it so their next edits sort after it. */
  max_hlc: string | null;
}

export interface DevicesTable {
  /** UUIDv7, never reused: a reset or restored device pairs again as a new one. */
  id: string;
  name: string;
  role: DeviceRole;
  /** sha256 (hex) of the bearer token; the token itself is never stored. */
  token_hash: string;
  /** Short per-shop code (R1, R2…) that prefixes receipt numbers and generated SKUs. */
  register_code: string;
  paired_at: string;
  revoked_at: string | null;
  last_seen_at: string | null;
  /** Highest mutation id processed for this device (applied, flagged or rejected). */
  last_mutation_id: Generated<number>;
  clock_wrong_at: string | null;
}

export interface PairingCodesTable {
  /** sha256 (hex) of the normalised code (upper case, no dashes). */
  code_hash: string;
  role: DeviceRole;
  created_at: string;
  expires_at: string;
  used_at: string | null;
  used_by: string | null;
}

export interface MutationsTable {
  device_id: string;
  id: number;
  /** sha256 of the canonical JSON of {name, v, args, hlc, occurredAt}: tells a retry from a conflict. */
  hash: string;
  name: string;
  v: number;
  status: Exclude<MutationStatus, 'duplicate'>;
  reason: string | null;
  message: string | null;
  /** The shop version it was applied at; null when rejected. */
  version: number | null;
  received_at: string;
}

export interface RecordsTable {
  tbl: string;
  id: string;
  /** The record as JSON text. */
  data: string;
  /** Shop version of the write that produced this state. */
  version: number;
}

export interface BlobsTable {
  /** sha256 of the content, lower-case hex. */
  hash: string;
  content: Buffer;
  content_type: string;
  size: number;
  created_at: string;
}

/** Lookup keys of records (domain LOOKUP_FIELDS): which record uses which code. */
export interface RecordKeysTable {
  tbl: string;
  field: string;
  value: string;
  id: string;
}

/** Receipt e-mails taken on by the mailer (src/server/mail): the guard against sending one twice. */
export interface ReceiptEmailDeliveriesTable {
  /** Id of the `receiptEmails` record. */
  id: string;
  sale_id: string;
  recipient: string;
  /** `sending` while claimed (also after a crash mid-send: never retried, so never sent twice). */
  status: 'sending' | 'sent' | 'failed';
  attempts: number;
  claimed_at: string;
  sent_at: string | null;
  /** Why the last attempt failed (first line of the error; never a password). */
  error: string | null;
}

export interface Schema {
  shop: ShopTable;
  devices: DevicesTable;
  pairing_codes: PairingCodesTable;
  mutations: MutationsTable;
  records: RecordsTable;
  blobs: BlobsTable;
  record_keys: RecordKeysTable;
  receipt_email_deliveries: ReceiptEmailDeliveriesTable;
}
