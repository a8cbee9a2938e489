import type { Generated } from 'kysely';

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
   * Gap-free per-shop version: the pull cursor. Incremented inside each push transaction
   * (`update shop set version = version + 1 returning version`), never a database sequence,
   * because sequences may skip values on rollback.
   */
  version: Generated<number>;
}

export interface Schema {
  shop: ShopTable;
}
