import { Kysely, sql } from 'kysely';
import type { ServerConfig } from '../config';
import { prepareDataDir } from './data-dir';
import { migrateToLatest } from './migrate';
import { createPostgresDialect, describePostgresFailure } from './postgres';
import type { Schema } from './schema';
import { createSqliteDialect } from './sqlite';

export type StoreDialect = 'sqlite' | 'postgres';

/** The server's database handle: one Kysely code path for SQLite and PostgreSQL. */
export interface Store {
  readonly dialect: StoreDialect;
  readonly db: Kysely<Schema>;
  /** Resolves when the database answers a trivial query within PING_TIMEOUT_MS. */
  ping(): Promise<void>;
  /** Closes the database; safe to call more than once. */
  close(): Promise<void>;
}

export type StoreConfig = Pick<ServerConfig, 'dataDir' | 'databaseUrl' | 'sqlitePath'>;

export const PING_TIMEOUT_MS = 3000;

/** Rejects if `promise` takes longer than `ms`, so a hung database can't hang /healthz. */
async function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(message)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Opens the store chosen by the config (PostgreSQL when DATABASE_URL is set, else the SQLite file
 * in the data folder), checks it answers and migrates it to the latest schema. Failures are
 * StartupErrors with one-line messages.
 */
export async function openStore(config: StoreConfig, options: { migrate?: boolean } = {}): Promise<Store> {
  // The data folder also holds backups, so it must be usable even when PostgreSQL holds the data.
  prepareDataDir(config.dataDir);
  const { databaseUrl } = config;
  const dialect: StoreDialect = databaseUrl === undefined ? 'sqlite' : 'postgres';
  const db = new Kysely<Schema>({
    dialect: databaseUrl === undefined ? createSqliteDialect(config.sqlitePath) : createPostgresDialect(databaseUrl),
  });

  let closing: Promise<void> | undefined;
  const store: Store = {
    dialect,
    db,
    ping: async () => {
      await withTimeout(sql`select 1`.execute(db), PING_TIMEOUT_MS, 'store ping timed out');
    },
    close: () => (closing ??= db.destroy()),
  };

  try {
    try {
      await store.ping();
    } catch (error) {
      throw databaseUrl === undefined ? error : describePostgresFailure(databaseUrl, error);
    }
    if (options.migrate ?? true) await migrateToLatest(db, dialect);
  } catch (error) {
    await store.close();
    throw error;
  }
  return store;
}
