import { resolve } from 'node:path';
import { StartupError } from './startup-error';

/** Everything the server needs to know, read once from the environment (ARCHITECTURE §9). */
export interface ServerConfig {
  readonly port: number;
  readonly host: string;
  /** Absolute path; holds the SQLite file and server backups. */
  readonly dataDir: string;
  /** PostgreSQL connection string; undefined means SQLite at `sqlitePath`. */
  readonly databaseUrl: string | undefined;
  readonly sqlitePath: string;
  /** Both paths or none: HTTPS only when both are given. */
  readonly tls: { readonly certPath: string; readonly keyPath: string } | undefined;
  /** Absolute path of the built PWA. */
  readonly staticDir: string;
  /** True when TROVE_STATIC_DIR was set: tests point it at a fake build, so no vite build is attempted. */
  readonly staticDirFromEnv: boolean;
  /** TROVE_SMTP_URL (smtp://user:pass@host:port): receipt e-mails go through it; unset = .eml files in dataDir/mail. */
  readonly smtpUrl: string | undefined;
  /** TROVE_MAIL_FROM: the From of receipt e-mails; unset = the SMTP user when it is an address. */
  readonly mailFrom: string | undefined;
}

export const DEFAULT_PORT = 4173;
export const DEFAULT_HOST = '127.0.0.1';

/** Raised for any invalid environment value; the message names the variable. */
export class ConfigError extends StartupError {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

type Env = Readonly<Record<string, string | undefined>>;

/** An unset variable and an empty one mean the same: use the default. */
function read(env: Env, name: string): string | undefined {
  const value = env[name]?.trim();
  return value === undefined || value === '' ? undefined : value;
}

function parsePort(raw: string | undefined): number {
  if (raw === undefined) return DEFAULT_PORT;
  // Digits only: Number('0x10') or Number('1e3') would otherwise sneak through.
  const port = /^\d+$/.test(raw) ? Number(raw) : Number.NaN;
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new ConfigError(`Invalid PORT "${raw}": expected a whole number from 0 to 65535`);
  }
  return port;
}

function parseDatabaseUrl(raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    // Never echo the value: it may hold a password.
    throw new ConfigError('Invalid DATABASE_URL: expected postgres://user:password@host:port/database');
  }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') {
    throw new ConfigError(`Invalid DATABASE_URL: scheme "${url.protocol}" is not supported; use postgres:// (leave it unset for SQLite)`);
  }
  return raw;
}

function parseSmtpUrl(raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    // Never echo the value: it holds a password.
    throw new ConfigError('Invalid TROVE_SMTP_URL: expected smtp://user:password@host:port (or smtps:// for TLS from the start)');
  }
  if (url.protocol !== 'smtp:' && url.protocol !== 'smtps:') {
    throw new ConfigError(`Invalid TROVE_SMTP_URL: scheme "${url.protocol}" is not supported; use smtp:// or smtps://`);
  }
  if (url.hostname === '') throw new ConfigError('Invalid TROVE_SMTP_URL: it names no host');
  return raw;
}

function parseTls(env: Env, cwd: string): ServerConfig['tls'] {
  const cert = read(env, 'TROVE_TLS_CERT');
  const key = read(env, 'TROVE_TLS_KEY');
  if (cert === undefined && key === undefined) return undefined;
  if (cert === undefined || key === undefined) {
    const missing = cert === undefined ? 'TROVE_TLS_CERT' : 'TROVE_TLS_KEY';
    throw new ConfigError(
      `HTTPS needs both TROVE_TLS_CERT and TROVE_TLS_KEY, but ${missing} is not set — set both, or neither for plain HTTP`,
    );
  }
  return { certPath: resolve(cwd, cert), keyPath: resolve(cwd, key) };
}

/** Reads and validates the environment; throws ConfigError with a one-line message. */
export function loadConfig(env: Env = process.env, cwd: string = process.cwd()): ServerConfig {
  const dataDir = resolve(cwd, read(env, 'TROVE_DATA_DIR') ?? './data');
  const staticDirRaw = read(env, 'TROVE_STATIC_DIR');
  return {
    port: parsePort(read(env, 'PORT')),
    host: read(env, 'HOST') ?? DEFAULT_HOST,
    dataDir,
    databaseUrl: parseDatabaseUrl(read(env, 'DATABASE_URL')),
    sqlitePath: resolve(dataDir, 'trove.sqlite'),
    tls: parseTls(env, cwd),
    staticDir: resolve(cwd, staticDirRaw ?? 'dist'),
    staticDirFromEnv: staticDirRaw !== undefined,
    smtpUrl: parseSmtpUrl(read(env, 'TROVE_SMTP_URL')),
    mailFrom: read(env, 'TROVE_MAIL_FROM'),
  };
}

/** `host:port` of a PostgreSQL URL, for messages: never the user or password. */
export function describeDatabaseTarget(databaseUrl: string): string {
  const url = new URL(databaseUrl);
  const host = url.hostname || url.searchParams.get('host') || 'localhost';
  const port = url.port || url.searchParams.get('port') || '5432';
  return `${host}:${port}`;
}
