import { Migrator } from 'kysely';
import type { Kysely, MigrationResult } from 'kysely';
import { StartupError, firstLine } from '../startup-error';
import { migrationProvider } from './migrations/index';
import type { Schema } from './schema';

/**
 * Brings the database up to the newest migration. Kysely's Migrator records applied names in
 * `kysely_migration` and holds a lock while it runs, so two processes starting at once can't
 * both migrate. Returns the names applied by this call.
 */
export async function migrateToLatest(db: Kysely<Schema>): Promise<string[]> {
  const migrator = new Migrator({ db, provider: migrationProvider });
  const { error, results } = await migrator.migrateToLatest();
  if (error !== undefined) {
    const failed = results?.find((result: MigrationResult) => result.status === 'Error');
    const name = failed === undefined ? '' : ` ${failed.migrationName}`;
    throw new StartupError(`Database migration${name} failed: ${firstLine(error)}`, {
      cause: error,
    });
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
