import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { MAX_RESERVATIONS_PER_DEVICE, RESERVATION_TTL_MS, type Reservation } from '../../src/domain/reservations';
import { createRequestListener } from '../../src/server/app';
import { createApiRouter } from '../../src/server/routes/index';
import { ReservationBook } from '../../src/server/routes/reservations';
import { EventHub } from '../../src/server/sync/event-hub';
import { STORE_VARIANTS } from './helpers/databases';
import { openEvents } from './helpers/events';
import { request } from './helpers/http';
import { api, useSyncServer } from './helpers/sync';
import { useTempDir } from './helpers/temp';

const START = Date.parse('2026-11-27T10:42:00.000Z');

for (const variant of STORE_VARIANTS) {
  describe.skipIf(variant.skip)(`piece reservations ${variant.tag}`, () => {
    const sync = useSyncServer(variant);
    const temp = useTempDir();
    // Our own listener on the same store, with a clock the test moves.
    let now = START;
    let book: ReservationBook;
    let hub: EventHub;
    let server: Server;
    let url = '';
    beforeAll(async () => {
      book = new ReservationBook(() => now);
      hub = new EventHub();
      server = createServer(
        createRequestListener({
          router: createApiRouter({ store: sync.server.store, events: hub, reservations: book }),
          staticDir: temp.path,
          https: false,
        }),
      );
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });
    afterAll(async () => {
      hub.closeAll();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    });
    beforeEach(() => {
      // Every test starts with an empty book at 10:42.
      now = START + 100 * RESERVATION_TTL_MS;
      book.sweep();
      now = START;
    });

    const list = async (token: string): Promise<Reservation[]> => {
      const res = await api(url, 'GET', '/v1/reservations', { token });
      expect(res.status).toBe(200);
      return (res.json() as { reservations: Reservation[] }).reservations;
    };

    it('reserves a piece for the other devices, renews it, and releases it', async () => {
      const counter = await sync.pair('owner', 'Counter tablet');
      const stall = await sync.pair('staff', 'Stall phone');
      const piece = randomUUID();
      const stream = await openEvents(url, stall.token);
      try {
        await stream.waitFor(/event: hello/);
        const reserved = await api(url, 'POST', '/v1/reservations', { token: counter.token, body: { pieceId: piece } });
        expect(reserved.status).toBe(200);
        expect(reserved.json()).toEqual({ pieceIds: [piece] });
        // The other device is told, and sees who holds it and since when.
        await stream.waitFor(/event: reservations\ndata: \{"count":1\}\n\n/);
        expect(await list(stall.token)).toEqual([
          {
            pieceId: piece,
            deviceId: counter.deviceId,
            deviceName: 'Counter tablet',
            since: '2026-11-27T10:42:00.000Z',
            expiresAt: new Date(START + RESERVATION_TTL_MS).toISOString(),
            expiresInMs: RESERVATION_TTL_MS,
          },
        ]);

        // Renewing keeps "since" and pushes the expiry out.
        now = START + 5 * 60_000;
        expect((await api(url, 'POST', '/v1/reservations', { token: counter.token, body: { pieceId: piece } })).status).toBe(200);
        const [renewed] = await list(stall.token);
        expect(renewed).toMatchObject({ since: '2026-11-27T10:42:00.000Z', expiresInMs: RESERVATION_TTL_MS });

        const released = await api(url, 'DELETE', `/v1/reservations/${piece}`, { token: counter.token });
        expect(released.status).toBe(200);
        expect(released.json()).toEqual({ pieceIds: [] });
        await stream.waitFor(/event: reservations\ndata: \{"count":0\}\n\n/);
        expect(await list(stall.token)).toEqual([]);
        // Releasing what is not held is not an error (a retried DELETE).
        expect((await api(url, 'DELETE', `/v1/reservations/${piece}`, { token: counter.token })).status).toBe(200);
      } finally {
        stream.close();
      }
    });

    it('PUT makes the set exactly the cart: new pieces reserved, the others released, only its own', async () => {
      const counter = await sync.pair('owner', 'Counter tablet');
      const stall = await sync.pair('owner', 'Stall phone');
      const [a, b, c]: string[] = [randomUUID(), randomUUID(), randomUUID()];
      await api(url, 'POST', '/v1/reservations', { token: stall.token, body: { pieceId: c } });
      now += 1000; // listed in the order they went into carts
      expect((await api(url, 'PUT', '/v1/reservations', { token: counter.token, body: { pieceIds: [a, b] } })).json()).toEqual({
        pieceIds: [a, b].sort(),
      });
      const put = await api(url, 'PUT', '/v1/reservations', { token: counter.token, body: { pieceIds: [b] } });
      expect(put.json()).toEqual({ pieceIds: [b] });
      const held = (await list(counter.token)).filter((r) => [a, b, c].includes(r.pieceId));
      expect(held.map((r) => [r.pieceId, r.deviceName])).toEqual([
        [c, 'Stall phone'],
        [b, 'Counter tablet'],
      ]);
      // Both carts may hold the same piece (an offline device could not know): each sees the other.
      now += 1000;
      await api(url, 'PUT', '/v1/reservations', { token: stall.token, body: { pieceIds: [b] } });
      expect((await list(counter.token)).filter((r) => r.pieceId === b).map((r) => r.deviceName)).toEqual([
        'Counter tablet',
        'Stall phone',
      ]);
      await api(url, 'PUT', '/v1/reservations', { token: counter.token, body: { pieceIds: [] } });
      await api(url, 'PUT', '/v1/reservations', { token: stall.token, body: { pieceIds: [] } });
    });

    it('lapses on its own after the time to live, and the sweep tells the others', async () => {
      const counter = await sync.pair('owner', 'Counter tablet');
      const stall = await sync.pair('staff', 'Stall phone');
      const piece = randomUUID();
      await api(url, 'POST', '/v1/reservations', { token: counter.token, body: { pieceId: piece } });
      now = START + RESERVATION_TTL_MS - 1;
      expect((await list(stall.token)).map((r) => [r.pieceId, r.expiresInMs])).toEqual([[piece, 1]]);
      const stream = await openEvents(url, stall.token);
      try {
        await stream.waitFor(/event: hello/);
        now = START + RESERVATION_TTL_MS;
        expect(await list(stall.token)).toEqual([]);
        expect(book.size).toBe(0);
        // The GET that found it lapsed told the listeners.
        await stream.waitFor(/event: reservations\ndata: \{"count":0\}/);
      } finally {
        stream.close();
      }
    });

    it('answers 401 without a token or with a revoked one, and forgets a revoked device’s carts', async () => {
      const owner = await sync.pair('owner', 'Owner laptop');
      const lost = await sync.pair('staff', 'Lost phone');
      const piece = randomUUID();
      expect((await api(url, 'POST', '/v1/reservations', { token: lost.token, body: { pieceId: piece } })).status).toBe(200);
      expect((await api(url, 'GET', '/v1/reservations')).status).toBe(401);
      expect((await api(url, 'POST', '/v1/reservations', { body: { pieceId: piece } })).status).toBe(401);
      expect((await api(url, 'GET', '/v1/reservations', { token: 'not-a-token' })).status).toBe(401);
      expect((await api(url, 'DELETE', `/v1/devices/${lost.deviceId}`, { token: owner.token })).status).toBe(200);
      for (const [method, path, body] of [
        ['GET', '/v1/reservations', undefined],
        ['POST', '/v1/reservations', { pieceId: piece }],
        ['PUT', '/v1/reservations', { pieceIds: [] }],
        ['DELETE', `/v1/reservations/${piece}`, undefined],
      ] as const) {
        const res = await api(url, method, path, { token: lost.token, body });
        expect(res.status, `${method} ${path}`).toBe(401);
        expect(res.json()).toMatchObject({ error: 'unauthorized' });
      }
      expect((await list(owner.token)).some((r) => r.pieceId === piece)).toBe(false);
    });

    it('answers 400 for a body that is not a reservation, 413 for too much', async () => {
      const device = await sync.pair('owner', 'Counter tablet');
      const token = device.token;
      for (const body of [{}, { pieceId: 'OR-1' }, { pieceId: 42 }, { pieceId: randomUUID(), extra: true }, [randomUUID()]]) {
        const res = await api(url, 'POST', '/v1/reservations', { token, body });
        expect(res.status, JSON.stringify(body)).toBe(400);
        expect(res.json()).toMatchObject({ error: 'invalid-request' });
      }
      for (const body of [{}, { pieceIds: 'x' }, { pieceIds: ['x'] }]) {
        expect((await api(url, 'PUT', '/v1/reservations', { token, body })).status, JSON.stringify(body)).toBe(400);
      }
      const tooMany = Array.from({ length: MAX_RESERVATIONS_PER_DEVICE + 1 }, () => randomUUID());
      expect((await api(url, 'PUT', '/v1/reservations', { token, body: { pieceIds: tooMany } })).status).toBe(400);
      expect((await api(url, 'DELETE', '/v1/reservations/not-a-uuid', { token })).status).toBe(400);
      const notJson = await request(url, '/v1/reservations', {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: '{"pieceId":',
      });
      expect(notJson.status).toBe(400);
      const huge = await request(url, '/v1/reservations', {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ pieceId: 'x'.repeat(40_000) }),
      });
      expect(huge.status).toBe(413);
      // One at a time, the device still cannot hold more than a cart's worth.
      const full = tooMany.slice(0, MAX_RESERVATIONS_PER_DEVICE);
      expect((await api(url, 'PUT', '/v1/reservations', { token, body: { pieceIds: full } })).status).toBe(200);
      const over = await api(url, 'POST', '/v1/reservations', { token, body: { pieceId: tooMany.at(-1) } });
      expect(over.status).toBe(413);
      expect(over.json()).toMatchObject({ error: 'too-many-reservations' });
      await api(url, 'PUT', '/v1/reservations', { token, body: { pieceIds: [] } });
    });
  });
}
