import Database from 'better-sqlite3';
import { SqliteDialect } from 'kysely';
import { StartupError, firstLine } from '../startup-error';

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
  return new SqliteDialect({ database });
}
