// `npm run backup [-- <file>]`: a consistent copy of the server's SQLite database, taken while the
// server runs (SQLite's online backup API: pushes keep going, the copy is one point in time).
// Default file: <TROVE_DATA_DIR>/backups/trove-<UTC timestamp>.sqlite. With DATABASE_URL set the
// data lives in PostgreSQL: this prints the pg_dump command to use instead (README, "Backups").
import Database from 'better-sqlite3';
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { loadConfig, type ServerConfig } from './config';
import { StartupError, firstLine } from './startup-error';

/** `trove-2026-11-27T10-53-01Z.sqlite`: sorts by time and is a valid file name everywhere. */
export function backupFileName(now: Date): string {
  return `trove-${now
    .toISOString()
    .replace(/\.\d{3}Z$/, 'Z')
    .replace(/:/g, '-')}.sqlite`;
}

/** Copies the live SQLite database to `target` (a new file); returns its path and the tables' row counts. */
export async function backupSqlite(config: Pick<ServerConfig, 'sqlitePath'>, target: string): Promise<{ path: string; records: number }> {
  if (!existsSync(config.sqlitePath))
    throw new StartupError(`No SQLite database at ${config.sqlitePath} (TROVE_DATA_DIR): nothing to back up`);
  if (existsSync(target)) throw new StartupError(`${target} already exists: choose another file name`);
  mkdirSync(dirname(target), { recursive: true });
  const source = new Database(config.sqlitePath, { readonly: true, fileMustExist: true });
  try {
    source.pragma('busy_timeout = 5000');
    await source.backup(target);
  } finally {
    source.close();
  }
  // Open the copy to prove it is whole (integrity check) and say what it holds.
  const copy = new Database(target, { readonly: true });
  try {
    const check = copy.pragma('integrity_check', { simple: true });
    if (check !== 'ok') throw new StartupError(`The backup ${target} failed its integrity check: ${String(check)}`);
    const { n } = copy.prepare('SELECT count(*) AS n FROM records').get() as { n: number };
    return { path: target, records: n };
  } finally {
    copy.close();
  }
}

export function postgresBackupAdvice(): string {
  return 'The data is in PostgreSQL (DATABASE_URL): back it up with `pg_dump --format=custom --file=trove.dump "$DATABASE_URL"` and restore with `pg_restore --clean --dbname="$DATABASE_URL" trove.dump` (see README, Backups).';
}

async function main(): Promise<void> {
  const config = loadConfig(process.env, process.cwd());
  if (config.databaseUrl !== undefined) {
    console.log(postgresBackupAdvice());
    return;
  }
  const target = resolve(process.cwd(), process.argv[2] ?? resolve(config.dataDir, 'backups', backupFileName(new Date())));
  const { path, records } = await backupSqlite(config, target);
  console.log(`Backup written: ${path} (${records} records)`);
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.dirname, 'backup.ts')) {
  main().catch((error: unknown) => {
    console.error(error instanceof StartupError ? error.message : `Backup failed: ${firstLine(error)}`);
    process.exitCode = 1;
  });
}
