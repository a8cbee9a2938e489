import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** PostgreSQL for the [postgres] suites; when unset those suites are skipped, not failed. */
export const TEST_DATABASE_URL = process.env.TROVE_TEST_DATABASE_URL?.trim() || undefined;

export type StoreKind = 'sqlite' | 'postgres';

export interface StoreVariant {
  readonly kind: StoreKind;
  /** Text for describe titles; CI counts tests whose names contain "[postgres]". */
  readonly tag: `[${StoreKind}]`;
  readonly skip: boolean;
}

export const STORE_VARIANTS: readonly StoreVariant[] = [
  { kind: 'sqlite', tag: '[sqlite]', skip: false },
  { kind: 'postgres', tag: '[postgres]', skip: TEST_DATABASE_URL === undefined },
];

export interface TestDatabase {
  /** DATABASE_URL for the server: undefined for SQLite. */
  readonly databaseUrl: string | undefined;
  dispose(): Promise<void>;
}

async function withClient<T>(url: string, run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

/**
 * A fresh, empty database for one suite. For PostgreSQL: a uniquely named schema, selected for
 * every pooled connection through the `options=-c search_path=…` startup parameter, so runs
 * (and suites) never see each other's tables; dropped again by dispose().
 */
export async function createTestDatabase(kind: StoreKind): Promise<TestDatabase> {
  if (kind === 'sqlite') return { databaseUrl: undefined, dispose: () => Promise.resolve() };
  if (TEST_DATABASE_URL === undefined) throw new Error('TROVE_TEST_DATABASE_URL is not set');
  const base = TEST_DATABASE_URL;
  const schema = `trove_test_${randomBytes(6).toString('hex')}`;
  await withClient(base, (client) => client.query(`create schema ${schema}`));
  const url = new URL(base);
  url.searchParams.set('options', `-c search_path=${schema}`);
  return {
    databaseUrl: url.toString(),
    dispose: async () => {
      await withClient(base, (client) => client.query(`drop schema if exists ${schema} cascade`));
    },
  };
}
