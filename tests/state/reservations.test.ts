import { flushSync } from 'svelte';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { RESERVATION_TTL_MS, type Reservation } from '../../src/domain/reservations';
import { Cart } from '../../src/state/cart.svelte';
import { Connectivity, LAST_ONLINE_KEY } from '../../src/state/connectivity.svelte';
import { Register } from '../../src/state/register.svelte';
import { Reservations } from '../../src/state/reservations.svelte';
import type { Transport } from '../../src/sync/http';
import { testEnv } from '../factories/env';
import { registerShop } from '../factories/register-shop';
import { track } from './track.svelte';

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
  vi.useRealTimers();
});

const MIN = 60_000;

/** A window whose network the test switches, as Playwright's setOffline does. */
function fakeWindow(online = true): Window & { goOffline(): void; goOnline(): void } {
  const target = new EventTarget() as Window & { goOffline(): void; goOnline(): void };
  const navigator = { onLine: online };
  Object.assign(target, {
    navigator,
    goOffline: () => {
      navigator.onLine = false;
      target.dispatchEvent(new Event('offline'));
    },
    goOnline: () => {
      navigator.onLine = true;
      target.dispatchEvent(new Event('online'));
    },
  });
  return target;
}

function memoryStorage(): Pick<Storage, 'getItem' | 'setItem'> {
  const map = new Map<string, string>();
  return { getItem: (k) => map.get(k) ?? null, setItem: (k, v) => void map.set(k, v) };
}

/** The server's side as the device sees it: records what it is sent, lists what the test says others hold. */
function fakeServer(): Transport & { sent: unknown[]; others: Reservation[] } {
  const server = {
    sent: [] as unknown[],
    others: [] as Reservation[],
    async request<T>(method: string, path: string, body?: unknown): Promise<T> {
      if (method === 'GET' && path === '/v1/reservations') return { reservations: server.others } as T;
      server.sent.push({ method, path, body });
      return {} as T;
    },
  };
  return server;
}

describe('the last time this device was online', () => {
  it('is kept across a reload while offline', () => {
    vi.useFakeTimers();
    let now = Date.UTC(2026, 10, 27, 10, 0);
    const storage = memoryStorage();
    const win = fakeWindow(true);
    const first = new Connectivity(win, () => now, storage);
    expect(first.lastOnlineAt).toBe(now);
    now += 5 * MIN;
    win.goOffline();
    const wentOffline = now;
    now += 2 * 60 * MIN;
    expect(first.online).toBe(false);
    expect(first.lastOnlineAt).toBe(wentOffline);
    expect(storage.getItem(LAST_ONLINE_KEY)).toBe(String(wentOffline));
    // Reloaded with no network: it still knows.
    const reloaded = new Connectivity(fakeWindow(false), () => now, storage);
    expect(reloaded.online).toBe(false);
    expect(reloaded.lastOnlineAt).toBe(wentOffline);
    // Never online here at all: nothing to compare with.
    expect(new Connectivity(fakeWindow(false), () => now, memoryStorage()).lastOnlineAt).toBeUndefined();
  });
});

describe('piece reservations on the register', () => {
  async function setUp(options: { paired?: boolean } = {}) {
    vi.useFakeTimers({ toFake: ['Date', 'setInterval', 'clearInterval'] });
    const env = testEnv();
    const shop = await registerShop(env);
    if (options.paired ?? true) {
      const device = (await env.db.syncState.get('device'))!;
      await env.db.syncState.put({ ...device, deviceId: 'this-device', token: 'token', deviceName: 'Stall phone' });
    }
    let now = Date.UTC(2026, 10, 27, 10, 42);
    const clock = { now: () => now, advance: (ms: number) => (now += ms) };
    const win = fakeWindow(true);
    const connectivity = new Connectivity(win, clock.now, memoryStorage());
    const server = fakeServer();
    const cart = new Cart();
    const reservations = new Reservations(cart, connectivity, env, server, clock.now);
    const events = { onServerEvent: (_name: string, _data: string) => undefined as void };
    reservations.start(events, win);
    const register = new Register(
      cart,
      {
        approve: async () => null,
        staffId: () => null,
        pieceWarnings: (c, s) => reservations.warningsFor(c, s),
        reservedElsewhere: () => reservations.reservedPieceIds(),
      },
      env,
    );
    cleanups.push(track(() => [register.shift.current, register.settings.current]));
    await vi.waitFor(() => expect(register.shift.current).toBeDefined());
    return { env, shop, clock, win, server, cart, reservations, events, register };
  }

  const puts = (server: { sent: unknown[] }) =>
    server.sent.filter((r) => (r as { method: string }).method === 'PUT').map((r) => (r as { body: { pieceIds: string[] } }).body.pieceIds);

  it('tells the server what the cart holds: reserved when added, released when removed or sold', async () => {
    const { shop, server, cart, register } = await setUp();
    expect(await register.addCode('PIECE-0001')).toMatchObject({ kind: 'added' });
    flushSync();
    await vi.waitFor(() => expect(puts(server).at(-1)).toEqual([shop.piece]));
    // A quantity item is not reserved.
    await register.addCode('RING-1');
    flushSync();
    cart.remove(cart.lines[0]!.lineId);
    flushSync();
    await vi.waitFor(() => expect(puts(server).at(-1)).toEqual([]));
    await register.addCode('PIECE-0001');
    flushSync();
    await vi.waitFor(() => expect(puts(server).at(-1)).toEqual([shop.piece]));
    await register.checkout([{ kind: 'cash', amount: 1_000_000, method: null, reference: null }]);
    flushSync();
    await vi.waitFor(() => expect(puts(server).at(-1)).toEqual([]));
  });

  it('warns when another register holds the piece, and adds it when the cashier sells anyway', async () => {
    const { env, shop, clock, server, register, events, reservations } = await setUp();
    server.others = [
      {
        pieceId: shop.piece,
        deviceId: 'counter',
        deviceName: 'Counter tablet',
        since: '2026-11-27T10:42:00.000Z',
        expiresAt: '2026-11-27T10:52:00.000Z',
        expiresInMs: RESERVATION_TTL_MS,
      },
    ];
    events.onServerEvent('reservations', '{"count":1}');
    await vi.waitFor(() => expect(reservations.heldElsewhere(shop.piece)).toBeDefined());
    // Searching picks the item: its only piece is in the other cart, so it is offered with the warning.
    for (const result of [await register.addCode('PIECE-0001'), await register.addItem(shop.ooak)]) {
      expect(result).toMatchObject({
        kind: 'warn',
        warnings: [{ kind: 'reserved', deviceName: 'Counter tablet', since: '2026-11-27T10:42:00.000Z' }],
      });
    }
    // With a second piece of the item in stock, picking the item takes the free one, no question asked.
    const { perform } = await import('../../src/data/commands/perform');
    const { newId } = await import('../../src/data/commands/ids');
    const second = newId(env);
    await perform(env, 'piece.receive', {
      pieceId: second,
      eventId: newId(env),
      itemId: shop.ooak,
      locationId: shop.floor,
      serial: 'OOAK-1-2',
      barcode: 'PIECE-0002',
      cost: 41_000,
      source: 'manual',
    });
    expect(await register.addItem(shop.ooak)).toMatchObject({ kind: 'added', line: { pieceId: second } });
    register.cart.clear();
    const result = await register.addCode('PIECE-0001');
    expect(register.cart.lines).toHaveLength(0);
    if (result.kind !== 'warn') throw new Error('expected a warning');
    expect(result.proceed()).toMatchObject({ kind: 'added' });
    expect(register.cart.pieceIds).toEqual([shop.piece]);
    register.cart.clear();

    // The other cart lets go: no more warning.
    server.others = [];
    events.onServerEvent('reservations', '{"count":0}');
    await vi.waitFor(() => expect(reservations.heldElsewhere(shop.piece)).toBeUndefined());
    expect(await register.addCode('PIECE-0001')).toMatchObject({ kind: 'added' });
    register.cart.clear();

    // A reservation this device could not hear being released lapses by itself.
    server.others = [
      {
        pieceId: shop.piece,
        deviceId: 'counter',
        deviceName: 'Counter tablet',
        since: '2026-11-27T10:44:00.000Z',
        expiresAt: '2026-11-27T10:49:00.000Z',
        expiresInMs: 5 * MIN,
      },
    ];
    events.onServerEvent('reservations', '');
    await vi.waitFor(() => expect(reservations.heldElsewhere(shop.piece)).toBeDefined());
    clock.advance(5 * MIN);
    expect(await register.addCode('PIECE-0001')).toMatchObject({ kind: 'added' });
  });

  it('warns before selling an expensive piece after being offline for longer than the shop allows', async () => {
    const { clock, win, register, env } = await setUp();
    win.goOffline();
    clock.advance(29 * MIN);
    expect(await register.addCode('PIECE-0001')).toMatchObject({ kind: 'added' });
    register.cart.clear();
    clock.advance(101 * MIN);
    const result = await register.addCode('PIECE-0001');
    expect(result).toMatchObject({
      kind: 'warn',
      title: 'Stacking ring',
      warnings: [{ kind: 'offline', offlineMs: 130 * MIN, label: 'OOAK-1-1' }],
    });
    // A quantity item never asks.
    expect(await register.addCode('RING-1')).toMatchObject({ kind: 'added' });
    // Turned off in the shop settings: no question.
    const { perform } = await import('../../src/data/commands/perform');
    await perform(env, 'settings.update', { patch: { offlineWarnAbove: 0 } });
    await vi.waitFor(() => expect(register.settings.current.offlineWarnAbove).toBe(0));
    expect(await register.addCode('PIECE-0001')).toMatchObject({ kind: 'added' });
  });

  it('an unpaired register has nobody to warn about', async () => {
    const { clock, win, register } = await setUp({ paired: false });
    win.goOffline();
    clock.advance(10 * 60 * MIN);
    expect(await register.addCode('PIECE-0001')).toMatchObject({ kind: 'added' });
  });
});
