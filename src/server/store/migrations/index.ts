import type { Migration, MigrationProvider } from 'kysely';
import * as m001 from './001-shop';
import * as m002 from './002-sync';
import * as m003 from './003-record-keys';
import * as m004 from './004-lot-keys';
import * as m005 from './005-receipt-emails';
import * as m006 from './006-after-sale-keys';
import * as m007 from './007-piece-event-keys';
import * as m008 from './008-count-keys';

/**
 * Every migration, by name. Kysely runs them in name order, so names start with a zero-padded
 * number (`002-devices`). A migration that has shipped is never edited: add a new one instead.
 * Each must run on SQLite and PostgreSQL alike (the store tests run the whole list on both).
 */
export const migrations: Readonly<Record<string, Migration>> = {
  '001-shop': m001,
  '002-sync': m002,
  '003-record-keys': m003,
  '004-lot-keys': m004,
  '005-receipt-emails': m005,
  '006-after-sale-keys': m006,
  '007-piece-event-keys': m007,
  '008-count-keys': m008,
};

/** In-code provider: no directory scanning, so it works the same under tsx, tests and bundles. */
export const migrationProvider: MigrationProvider = {
  getMigrations: () => Promise.resolve({ ...migrations }),
};
