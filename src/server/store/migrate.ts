import { Migrator, sql } from 'kysely';
import type { Kysely, MigrationResult } from 'kysely';
import { StartupError, firstLine } from '../startup-error';
import { migrationProvider } from './migrations/index';
import type { Schema } from './schema';

/**
 * Brings the database up to the newest migration. Kysely's Migrator records applied names in
 * `kysely_migration` and holds a lock while it runs, so two processes starting at once can't
 * both migrate. Returns the names applied by this call.
 */
export async function migrateToLatest(db: Kysely<Schema>, dialect: 'sqlite' | 'postgres'): Promise<string[]> {
  // On PostgreSQL, name the schema: without it Kysely looks for its bookkeeping tables in EVERY
  // schema and can mistake another database user's (or test run's) tables for ours.
  const schema =
    dialect === 'postgres' ? (await sql<{ schema: string }>`select current_schema() as schema`.execute(db)).rows[0]?.schema : undefined;
  const migrator = new Migrator({ db, provider: migrationProvider, ...(schema ? { migrationTableSchema: schema } : {}) });
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
