import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { PairResponse } from '../../src/domain/sync/protocol';
import { OPERATOR_CODE_TTL_MS, createPairingCode } from '../../src/server/auth/pairing';
import { startServer } from '../../src/server/main';
import { EventHub } from '../../src/server/sync/event-hub';
import { testConfig } from './helpers/config';
import { STORE_VARIANTS, createTestDatabase } from './helpers/databases';
import { openEvents } from './helpers/events';
import { api, saveLocation, useSyncServer } from './helpers/sync';
import { useTempDir } from './helpers/temp';

for (const variant of STORE_VARIANTS) {
  describe.skipIf(variant.skip)(`event stream ${variant.tag}`, () => {
    const sync = useSyncServer(variant);

    it('says hello, then sends a pull event with the new version after each committed push', async () => {
      const listener = await sync.pair('staff', 'Listening tablet');
      const writer = await sync.pair('owner', 'Writing laptop');
      const stream = await openEvents(sync.url, listener.token);
      try {
        expect(stream.status).toBe(200);
        expect(stream.headers['content-type']).toBe('text/event-stream; charset=utf-8');
        expect(stream.headers['cache-control']).toBe('no-store');
        const [, hello = ''] = await stream.waitFor(/^event: hello\ndata: (\{.*\})\n\n/);
        expect(JSON.parse(hello)).toEqual({ version: await sync.shopVersion() });
        expect(stream.text()).not.toContain('event: pull');

        await sync.pushOk(writer, [saveLocation(1), saveLocation(2)]);
        const [, data = ''] = await stream.waitFor(/event: pull\ndata: (\{.*\})\n\n/);
        expect(JSON.parse(data)).toEqual({ version: await sync.shopVersion() });
      } finally {
        stream.close();
      }
    });

    it('ends the streams of a device when it is revoked, and only those', async () => {
      const owner = await sync.pair('owner');
      const lost = await sync.pair('staff', 'Lost phone');
      const lostStream = await openEvents(sync.url, lost.token);
      const ownerStream = await openEvents(sync.url, owner.token);
      try {
        await lostStream.waitFor(/event: hello/);
        await ownerStream.waitFor(/event: hello/);
        expect((await api(sync.url, 'DELETE', `/v1/devices/${lost.deviceId}`, { token: owner.token })).status).toBe(200);
        await lostStream.ended;
        await sync.pushOk(owner, [saveLocation(1)]);
        await ownerStream.waitFor(/event: pull/);
        expect(lostStream.text()).not.toContain('event: pull');
      } finally {
        lostStream.close();
        ownerStream.close();
      }
    });
  });

  describe.skipIf(variant.skip)(`server close with open streams ${variant.tag}`, () => {
    const temp = useTempDir();

    it('close() ends open event streams instead of waiting for them', async () => {
      // Its own server, since this test closes it.
      const database = await createTestDatabase(variant.kind);
      try {
        const server = await startServer(testConfig({ dataDir: join(temp.path, 'data'), databaseUrl: database.databaseUrl }));
        const { code } = await createPairingCode(server.store.db, 'owner', OPERATOR_CODE_TTL_MS);
        const device = (await api(server.url, 'POST', '/v1/pair', { body: { code, deviceName: 'Tablet' } })).json() as PairResponse;
        const stream = await openEvents(server.url, device.token);
        await stream.waitFor(/event: hello/);
        const closed = await Promise.race([
          server.close().then(() => 'closed'),
          new Promise((resolve) => setTimeout(() => resolve('hung'), 5000)),
        ]);
        expect(closed).toBe('closed');
        await stream.ended;
      } finally {
        await database.dispose();
      }
    });
  });
}

describe('event hub', () => {
  it('sends a ping comment on every interval so idle connections stay open', async () => {
    const hub = new EventHub(30);
    const server = createServer((_req, res) => hub.open('device', res, 7));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const stream = await openEvents(url, 'token');
    try {
      await stream.waitFor(/event: hello\ndata: \{"version":7\}\n\n: ping\n\n: ping\n\n/);
      expect(hub.size).toBe(1);
    } finally {
      stream.close();
      hub.closeAll();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
    expect(hub.size).toBe(0);
  });
});
