import Database from 'better-sqlite3';
import { SqliteDialect, type SqliteDatabase } from 'kysely';
import { StartupError, firstLine } from '../startup-error';

/** Prepared statements kept per SQL text (most recently used): a push runs the same few thousands of times. */
const STATEMENT_CACHE = 256;

/**
 * Kysely's SQLite driver prepares every query anew, and compiling the SQL is a sixth of a push's
 * time. This keeps the prepared statements by their SQL text (SQLite re-prepares one itself when
 * the schema changes); a statement still busy (a streamed select being read) is never handed out
 * twice — the query gets a fresh one.
 */
export function cachingStatements(database: Database.Database, size = STATEMENT_CACHE): SqliteDatabase {
  const cache = new Map<string, Database.Statement>();
  return {
    close: () => {
      cache.clear();
      database.close();
    },
    prepare(sql) {
      const cached = cache.get(sql);
      if (cached !== undefined && !cached.busy) {
        // Most recently used last: the first key is the one to drop.
        cache.delete(sql);
        cache.set(sql, cached);
        return cached;
      }
      const statement = database.prepare(sql);
      if (cached === undefined) {
        cache.set(sql, statement);
        if (cache.size > size) cache.delete(cache.keys().next().value!);
      }
      return statement;
    },
  };
}

/** Opens the SQLite file with the settings the sync core relies on. */
export function createSqliteDialect(path: string): SqliteDialect {
  let database: Database.Database;
  try {
    database = new Database(path);
    // WAL: readers (pulls, health checks) don't wait for a push transaction to finish.
    database.pragma('journal_mode = WAL');
    database.pragma('foreign_keys = ON');
    // A second process (a backup, `npm run pairing-code`) may hold the lock briefly.
    database.pragma('busy_timeout = 5000');
  } catch (error) {
    throw new StartupError(`Cannot open the SQLite database ${path} (TROVE_DATA_DIR): ${firstLine(error)}`, { cause: error });
  }
  return new SqliteDialect({ database: cachingStatements(database) });
}
