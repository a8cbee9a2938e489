import { chmodSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { StartupError } from '../../src/server/startup-error';
import { openStore } from '../../src/server/store/open-store';
import type { Store, StoreConfig } from '../../src/server/store/open-store';
import { migrations } from '../../src/server/store/migrations/index';
import { STORE_VARIANTS, createTestDatabase } from './helpers/databases';
import type { TestDatabase } from './helpers/databases';
import { useTempDir } from './helpers/temp';

for (const variant of STORE_VARIANTS) {
  describe.skipIf(variant.skip)(`store ${variant.tag}`, () => {
    const temp = useTempDir();
    let database: TestDatabase;
    let config: StoreConfig;
    const opened: Store[] = [];
    const open = async (): Promise<Store> => {
      const store = await openStore(config);
      opened.push(store);
      return store;
    };

    beforeAll(async () => {
      database = await createTestDatabase(variant.kind);
      config = { dataDir: join(temp.path, 'data'), databaseUrl: database.databaseUrl, sqlitePath: join(temp.path, 'data', 'trove.sqlite') };
    });
    afterEach(async () => {
      await Promise.all(opened.splice(0).map((store) => store.close()));
    });
    afterAll(async () => {
      await database.dispose();
    });

    it(`uses the ${variant.kind} dialect`, async () => {
      const store = await open();
      expect(store.dialect).toBe(variant.kind);
    });

    it('runs every migration and creates the single shop row at version 0', async () => {
      const store = await open();
      const applied = await store.db
        .selectFrom(sql<{ name: string }>`kysely_migration`.as('m'))
        .select('m.name')
        .orderBy('m.name')
        .execute();
      expect(applied.map((row) => row.name)).toEqual(Object.keys(migrations).sort());
      const shops = await store.db.selectFrom('shop').selectAll().execute();
      expect(shops).toHaveLength(1);
      const [shop] = shops;
      expect(shop?.id).toMatch(/^[0-9a-f-]{36}$/);
      expect(new Date(shop?.created_at ?? '').toISOString()).toBe(shop?.created_at);
      // A number on both dialects: pg would hand back the string "0" without the int8 parser.
      expect(shop?.version).toBe(0);
    });

    it('keeps the data and does not re-run migrations when opened again', async () => {
      const first = await open();
      const before = await first.db.selectFrom('shop').selectAll().executeTakeFirstOrThrow();
      await first.db.updateTable('shop').set({ version: 41 }).execute();
      await first.close();
      const second = await open();
      const after = await second.db.selectFrom('shop').selectAll().executeTakeFirstOrThrow();
      expect(after).toEqual({ ...before, version: 41 });
      const count = await second.db
        .selectFrom('shop')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      expect(count).toEqual({ n: 1 });
    });

    it('increments the version inside a transaction and rolls it back on failure', async () => {
      const store = await open();
      const start = (await store.db.selectFrom('shop').select('version').executeTakeFirstOrThrow()).version;
      const next = await store.db.transaction().execute(async (trx) => {
        const row = await trx
          .updateTable('shop')
          .set((eb) => ({ version: eb('version', '+', 1) }))
          .returning('version')
          .executeTakeFirstOrThrow();
        return row.version;
      });
      expect(next).toBe(start + 1);
      await expect(
        store.db.transaction().execute(async (trx) => {
          await trx
            .updateTable('shop')
            .set((eb) => ({ version: eb('version', '+', 1) }))
            .execute();
          throw new Error('push failed');
        }),
      ).rejects.toThrow('push failed');
      const after = await store.db.selectFrom('shop').select('version').executeTakeFirstOrThrow();
      expect(after.version).toBe(start + 1);
    });

    it('pings while open, fails to ping once closed, and closes twice without error', async () => {
      const store = await open();
      await expect(store.ping()).resolves.toBeUndefined();
      await store.close();
      await expect(store.ping()).rejects.toThrow();
      await expect(store.close()).resolves.toBeUndefined();
    });

    it('creates the data folder if it does not exist yet', async () => {
      const nested = join(temp.path, 'fresh', 'nested');
      const store = await openStore({ ...config, dataDir: nested, sqlitePath: join(nested, 'trove.sqlite') });
      opened.push(store);
      expect(existsSync(nested)).toBe(true);
    });
  });
}

describe('store start-up failures [sqlite]', () => {
  const temp = useTempDir();

  it('turns on WAL and foreign keys', async () => {
    const dataDir = join(temp.path, 'pragmas');
    const store = await openStore({ dataDir, databaseUrl: undefined, sqlitePath: join(dataDir, 'trove.sqlite') });
    try {
      const journal = await sql<{ journal_mode: string }>`pragma journal_mode`.execute(store.db);
      const foreignKeys = await sql<{ foreign_keys: number }>`pragma foreign_keys`.execute(store.db);
      expect(journal.rows[0]?.journal_mode).toBe('wal');
      expect(foreignKeys.rows[0]?.foreign_keys).toBe(1);
    } finally {
      await store.close();
    }
  });

  it('names the folder and TROVE_DATA_DIR when the data folder cannot be created', async () => {
    const file = join(temp.path, 'a-file');
    writeFileSync(file, 'x');
    const dataDir = join(file, 'data');
    const attempt = openStore({ dataDir, databaseUrl: undefined, sqlitePath: join(dataDir, 'trove.sqlite') });
    await expect(attempt).rejects.toThrow(StartupError);
    await expect(attempt).rejects.toThrow(
      `Cannot create the data folder ${dataDir} (TROVE_DATA_DIR): a part of the path is a file, not a folder — create it or set TROVE_DATA_DIR to a writable folder`,
    );
  });

  it('says a file is in the way when the data folder path is a file', async () => {
    const dataDir = join(temp.path, 'taken');
    writeFileSync(dataDir, 'x');
    await expect(openStore({ dataDir, databaseUrl: undefined, sqlitePath: join(dataDir, 'trove.sqlite') })).rejects.toThrow(
      `Cannot create the data folder ${dataDir} (TROVE_DATA_DIR): a file with that name is in the way`,
    );
  });

  // Node's own recursive mkdir loops forever on such a path; the store must fail fast instead.
  it.skipIf(process.platform !== 'linux')('fails fast for a folder the OS refuses to create (under /proc)', async () => {
    const dataDir = '/proc/trove-test/data';
    await expect(openStore({ dataDir, databaseUrl: undefined, sqlitePath: join(dataDir, 'trove.sqlite') })).rejects.toThrow(
      `Cannot create the data folder ${dataDir} (TROVE_DATA_DIR): the parent folder does not accept new folders`,
    );
  });

  // Root writes through any permission bits, so this can only be checked as a normal user.
  it.skipIf(process.getuid?.() === 0)('names the folder when the data folder is not writable', async () => {
    const dataDir = join(temp.path, 'read-only');
    mkdirSync(dataDir);
    chmodSync(dataDir, 0o500);
    try {
      await expect(openStore({ dataDir, databaseUrl: undefined, sqlitePath: join(dataDir, 'trove.sqlite') })).rejects.toThrow(
        `The data folder ${dataDir} is not writable (TROVE_DATA_DIR): permission denied`,
      );
    } finally {
      chmodSync(dataDir, 0o700);
    }
  });
});

describe('store start-up failures (PostgreSQL unreachable, no server needed)', () => {
  const temp = useTempDir();

  it('names host:port but not the password when PostgreSQL is unreachable', async () => {
    // A port that was free a moment ago: nothing listens there.
    const port = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, '127.0.0.1', () => {
        const address = probe.address();
        probe.close(() => resolve(typeof address === 'object' && address !== null ? address.port : 0));
      });
    });
    const attempt = openStore({
      dataDir: temp.path,
      databaseUrl: `postgres://owner:pa55word@127.0.0.1:${port}/trove`,
      sqlitePath: join(temp.path, 'unused.sqlite'),
    });
    await expect(attempt).rejects.toThrow(StartupError);
    const error: unknown = await attempt.catch((e: unknown) => e);
    const message = error instanceof Error ? error.message : '';
    expect(message).toBe(
      `Cannot connect to PostgreSQL at 127.0.0.1:${port} (DATABASE_URL): connection refused — is PostgreSQL running there?`,
    );
    expect(message).not.toContain('pa55word');
  });
});
