import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { Hlc } from '../../../src/domain/hlc';
import type { Mutation } from '../../../src/domain/sync/mutation';
import type { DeviceRole, PairResponse, PullResponse, PushResponse } from '../../../src/domain/sync/protocol';
import { OPERATOR_CODE_TTL_MS, createPairingCode } from '../../../src/server/auth/pairing';
import { startServer } from '../../../src/server/main';
import type { RunningServer } from '../../../src/server/main';
import { testConfig } from './config';
import { createTestDatabase } from './databases';
import type { StoreVariant, TestDatabase } from './databases';
import { request } from './http';
import type { TestResponse } from './http';
import { useTempDir } from './temp';

/** A JSON API call; `token` goes in the Authorization header. */
export function api(
  baseUrl: string,
  method: string,
  path: string,
  options: { token?: string; body?: unknown } = {},
): Promise<TestResponse> {
  const headers: Record<string, string> = {};
  if (options.token !== undefined) headers.authorization = `Bearer ${options.token}`;
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  return request(baseUrl, path, { method, headers, body: options.body === undefined ? undefined : JSON.stringify(options.body) });
}

export interface SyncServer {
  readonly url: string;
  readonly server: RunningServer;
  /** The server's TROVE_DATA_DIR. */
  readonly dataDir: string;
  /** Issues a code straight in the store (as `npm run pairing-code` does) and pairs with it. */
  pair(role?: DeviceRole, name?: string): Promise<PairResponse>;
  push(device: PairResponse, mutations: Mutation[], deviceId?: string): Promise<TestResponse>;
  pushOk(device: PairResponse, mutations: Mutation[]): Promise<PushResponse>;
  pull(device: PairResponse, cursor?: number, limit?: number): Promise<PullResponse>;
  /** Every page from `cursor` on. */
  pullAll(device: PairResponse, cursor?: number): Promise<PullResponse[]>;
  shopVersion(): Promise<number>;
}

/** An in-process server on its own database for the enclosing describe. */
export function useSyncServer(variant: StoreVariant): SyncServer {
  const temp = useTempDir();
  let database: TestDatabase;
  let running: RunningServer | undefined;
  beforeAll(async () => {
    database = await createTestDatabase(variant.kind);
    running = await startServer(testConfig({ dataDir: join(temp.path, 'data'), databaseUrl: database.databaseUrl }));
  });
  afterAll(async () => {
    await running?.close();
    await database.dispose();
  });
  const server = (): RunningServer => {
    if (running === undefined) throw new Error('server not started');
    return running;
  };
  const self: SyncServer = {
    get url() {
      return server().url;
    },
    get server() {
      return server();
    },
    get dataDir() {
      return join(temp.path, 'data');
    },
    async pair(role = 'owner', name = `${role} device`) {
      const { code } = await createPairingCode(server().store.db, role, OPERATOR_CODE_TTL_MS);
      const res = await api(server().url, 'POST', '/v1/pair', { body: { code, deviceName: name } });
      if (res.status !== 200) throw new Error(`pairing failed: ${res.status} ${res.text}`);
      return res.json() as PairResponse;
    },
    push: (device, mutations, deviceId = device.deviceId) =>
      api(server().url, 'POST', '/v1/sync/push', { token: device.token, body: { deviceId, schemaVersion: 1, mutations } }),
    async pushOk(device, mutations) {
      const res = await self.push(device, mutations);
      if (res.status !== 200) throw new Error(`push failed: ${res.status} ${res.text}`);
      return res.json() as PushResponse;
    },
    async pull(device, cursor = 0, limit) {
      const res = await api(server().url, 'POST', '/v1/sync/pull', { token: device.token, body: { cursor, limit } });
      if (res.status !== 200) throw new Error(`pull failed: ${res.status} ${res.text}`);
      return res.json() as PullResponse;
    },
    async pullAll(device, cursor = 0) {
      const pages: PullResponse[] = [];
      for (let next = cursor; ;) {
        const page = await self.pull(device, next);
        pages.push(page);
        if (!page.hasMore) return pages;
        next = page.cursor;
      }
    },
    async shopVersion() {
      return (await server().store.db.selectFrom('shop').select('version').executeTakeFirstOrThrow()).version;
    },
  };
  return self;
}

/** An HLC string at `wallMs` (default: now) for `node`. */
export function hlcAt(node: string, wallMs: number = Date.now(), counter = 0): string {
  return Hlc.format({ wall: wallMs, counter, node });
}

export function mutation(id: number, name: string, args: unknown, options: { v?: number; hlc?: string; node?: string } = {}): Mutation {
  return { id, name, v: options.v ?? 1, args, hlc: options.hlc ?? hlcAt(options.node ?? 'test'), occurredAt: new Date().toISOString() };
}

/** `location.save` v2 with a fresh location id. */
export function saveLocation(id: number, name = `Location ${id}`, locationId: string = randomUUID()): Mutation {
  return mutation(id, 'location.save', { id: locationId, name, kind: 'stockroom' }, { v: 2 });
}

export function settingsUpdate(id: number, patch: Record<string, unknown>, hlc?: string): Mutation {
  return mutation(id, 'settings.update', { patch }, { hlc });
}
