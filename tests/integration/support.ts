import { afterAll, beforeAll } from 'vitest';
import { spawnServer, type ServerProcess } from '../server/helpers/child';
import { createTestDatabase, type StoreKind, type TestDatabase } from '../server/helpers/databases';
import { makeTempDir } from '../server/helpers/temp';
import { httpTransport, type Transport } from '../../src/sync/http';
import { syncOnce, type SyncOutcome } from '../../src/sync/client';
import { pairDevice } from '../../src/sync/pairing';
import type { Env } from '../../src/data/commands/perform';
import { testEnv } from '../factories/env';

export interface LiveServer {
  url: string;
  dataDir: string;
  databaseUrl: string | undefined;
  process: ServerProcess;
  ownerCode(): Promise<string>;
  restart(): Promise<void>;
}

async function launch(env: Record<string, string>): Promise<{ process: ServerProcess; url: string }> {
  const process = spawnServer(env);
  const [, url] = await process.waitForLine(/Trove listening on (\S+)/);
  return { process, url: url! };
}

/** The real server (npm start's entry) as a child process for the enclosing describe. */
export function useLiveServer(kind: StoreKind): { readonly current: LiveServer } {
  let server: LiveServer | undefined;
  let db: TestDatabase | undefined;
  let dir: ReturnType<typeof makeTempDir> | undefined;
  beforeAll(async () => {
    dir = makeTempDir();
    db = await createTestDatabase(kind);
    const env: Record<string, string> = { PORT: '0', HOST: '127.0.0.1', TROVE_DATA_DIR: dir.path, TROVE_STATIC_DIR: dir.path };
    if (db.databaseUrl) env['DATABASE_URL'] = db.databaseUrl;
    let launched = await launch(env);
    const port = new URL(launched.url).port;
    server = {
      url: launched.url,
      dataDir: dir.path,
      databaseUrl: db.databaseUrl,
      get process() {
        return launched.process;
      },
      async ownerCode() {
        const [, code] = await launched.process.waitForLine(/Pairing code: (\S+)/);
        return code!;
      },
      async restart() {
        launched.process.kill();
        await launched.process.exited();
        launched = await launch({ ...env, PORT: port });
      },
    };
  });
  afterAll(async () => {
    server?.process.kill();
    await db?.dispose();
    dir?.remove();
  });
  return {
    get current() {
      if (!server) throw new Error('server not started');
      return server;
    },
  };
}

/** A device: its own IndexedDB, clock and transport, paired with `code`. */
export async function pairedDevice(server: LiveServer, code: string, name: string, transport?: Transport): Promise<Device> {
  const env = testEnv();
  env.clock.set(Date.now()); // the server flags clocks far from its own
  const t = transport ?? httpTransport(server.url);
  await pairDevice({ db: env.db, random: env.random, transport: t }, code, name);
  return new Device(env, t);
}

export class Device {
  constructor(
    readonly env: ReturnType<typeof testEnv>,
    public transport: Transport,
  ) {}

  sync(extra: { pushChunkBytes?: number } = {}): Promise<SyncOutcome> {
    return syncOnce({ ...(this.env as Env), transport: this.transport, ...extra });
  }

  async token(): Promise<string> {
    return (await this.env.db.syncState.get('device'))!.token!;
  }
}
