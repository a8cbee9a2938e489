import pg from 'pg';
import { PostgresDialect } from 'kysely';
import { describeDatabaseTarget } from '../config';
import { StartupError, errorCode, firstLine } from '../startup-error';

const INT8_OID = 20;

/**
 * int8 (bigint) arrives from pg as a string by default; SQLite gives a number. The store promises
 * one type on both, so parse it here — refusing values that would lose precision rather than
 * silently rounding a version counter.
 */
function parseInt8(text: string): number {
  const value = Number(text);
  if (!Number.isSafeInteger(value)) throw new RangeError(`bigint ${text} does not fit a JS number`);
  return value;
}

export function createPostgresDialect(databaseUrl: string): PostgresDialect {
  const types = new pg.TypeOverrides();
  types.setTypeParser(INT8_OID, parseInt8);
  const pool = new pg.Pool({
    connectionString: databaseUrl,
    types,
    max: 10,
    // An unreachable host must fail start-up (and /healthz) in seconds, not hang.
    connectionTimeoutMillis: 5000,
  });
  // Without a listener an idle client losing its connection would crash the process; the pool
  // replaces the client, and /healthz reports trouble if the database stays away.
  pool.on('error', (error) => {
    console.error(`PostgreSQL connection lost: ${firstLine(error)}`);
  });
  return new PostgresDialect({ pool });
}

const NETWORK_REASONS: Readonly<Record<string, string>> = {
  ECONNREFUSED: 'connection refused — is PostgreSQL running there?',
  ENOTFOUND: 'host not found',
  EAI_AGAIN: 'host name lookup failed',
  ETIMEDOUT: 'connection timed out',
  EHOSTUNREACH: 'host unreachable',
  ECONNRESET: 'connection reset',
};

/** One-line start-up message for a failed first connection; names host:port, never the password. */
export function describePostgresFailure(databaseUrl: string, error: unknown): StartupError {
  // Node reports a refused dual-stack connect as an AggregateError with an empty message.
  const inner = error instanceof AggregateError && error.errors.length > 0 ? error.errors[0] : error;
  const code = errorCode(error) ?? errorCode(inner);
  const reason = (code !== undefined ? NETWORK_REASONS[code] : undefined) ?? firstLine(inner);
  const target = describeDatabaseTarget(databaseUrl);
  return new StartupError(`Cannot connect to PostgreSQL at ${target} (DATABASE_URL): ${reason}`, {
    cause: error,
  });
}
