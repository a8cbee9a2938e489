import { untrack } from 'svelte';
import { appEnv } from '../data/env';
import type { Env } from '../data/commands/perform';
import type { CartCandidate } from '../data/queries/register';
import {
  RESERVATION_RENEW_MS,
  heldElsewhere,
  offlineWarning,
  type PieceWarning,
  type Reservation,
  type ReservationList,
} from '../domain/reservations';
import type { ShopSettings } from '../domain/settings';
import { httpTransport, type Transport } from '../sync/http';
import type { Cart } from './cart.svelte';
import type { Connectivity } from './connectivity.svelte';

/**
 * Pieces in carts, shared with the other registers (best effort, online only, never blocking a
 * sale): the pieces in this cart are sent to the server as this device's whole set whenever the
 * cart changes, renewed while it holds them, and the other devices' set is fetched whenever the
 * server says it changed and whenever the event stream (re)connects. Also the offline warning for
 * an expensive piece. See domain/reservations.ts for why reservations are not ledger events.
 */
export class Reservations {
  /** Pieces held in carts on other devices, by piece id. */
  // eslint-disable-next-line svelte/prefer-svelte-reactivity -- replaced whole on each fetch, never mutated
  #held = $state.raw<ReadonlyMap<string, Reservation>>(new Map());
  #list: Reservation[] = [];
  #receivedAt = 0;
  #deviceId: string | undefined;
  /** The set the server last accepted from us (undefined: not known, send it). */
  #sent: string | undefined;
  #sending: Promise<void> = Promise.resolve();

  constructor(
    private readonly cart: Cart,
    private readonly connectivity: Connectivity,
    private readonly env: Env = appEnv(),
    private readonly transport: Transport = httpTransport(location.origin),
    private readonly now: () => number = () => Date.now(),
  ) {}

  /** Follows the cart and the server's events (`sync.onServerEvent`) from now on. */
  start(events: { onServerEvent: (name: string, data: string) => void }, win: Window = window): void {
    events.onServerEvent = (name) => {
      if (name === 'reservations') void this.refresh();
      if (name === 'hello') {
        // (Re)connected: the server may have restarted (it keeps reservations in memory) or
        // still hold a set from before a reload. Say ours again, then read theirs.
        this.#sent = undefined;
        void this.#send().then(() => this.refresh());
      }
    };
    $effect.root(() => {
      $effect(() => {
        const ids = this.cart.pieceIds.join(' ');
        untrack(() => void this.#send(ids));
      });
    });
    win.addEventListener('online', () => {
      this.#sent = undefined;
      void this.#send().then(() => this.refresh());
    });
    setInterval(() => {
      if (this.cart.pieceIds.length === 0) return;
      this.#sent = undefined; // a renewal
      void this.#send();
    }, RESERVATION_RENEW_MS);
  }

  /** The reservation another device holds on `pieceId`, if one is known and has not lapsed. */
  heldElsewhere(pieceId: string): Reservation | undefined {
    const held = this.#held.get(pieceId);
    return held && this.#receivedAt + held.expiresInMs > this.now() ? held : undefined;
  }

  /** Pieces to avoid when the register picks one of an item's pieces by itself. */
  reservedPieceIds(): string[] {
    return [...this.#held.keys()].filter((id) => this.heldElsewhere(id));
  }

  /** Why the register should ask before `candidate` goes into the cart (empty: nothing to say). */
  async warningsFor(candidate: CartCandidate, settings: ShopSettings): Promise<PieceWarning[]> {
    if (!candidate.pieceId) return [];
    // Only a paired register has others that could have sold the piece.
    await this.#token();
    const warnings: PieceWarning[] = [];
    const held = this.heldElsewhere(candidate.pieceId);
    if (held) warnings.push({ kind: 'reserved', deviceName: held.deviceName, since: held.since });
    const offline = this.#paired()
      ? offlineWarning(this.connectivity.online, this.connectivity.lastOnlineAt, this.now(), candidate.unitPrice, settings)
      : null;
    if (offline) warnings.push({ kind: 'offline', offlineMs: offline.offlineMs, label: candidate.serial ?? candidate.sku });
    return warnings;
  }

  /** Reads the other devices' reservations. Fails quietly: this is a hint, never a reason to stop. */
  async refresh(): Promise<void> {
    const token = await this.#token();
    if (!token) return;
    try {
      const { reservations } = await this.transport.request<ReservationList>('GET', '/v1/reservations', undefined, token);
      this.#list = reservations;
      this.#receivedAt = this.now();
      this.#held = heldElsewhere(this.#list, this.#deviceId, this.#receivedAt, this.#receivedAt);
    } catch {
      // Offline or the server is away: keep what we knew; it lapses by itself.
    }
  }

  /** Sends the cart's pieces as this device's whole set, one request at a time, the latest set winning. */
  #send(ids: string = this.cart.pieceIds.join(' ')): Promise<void> {
    this.#sending = this.#sending.then(async () => {
      const latest = this.cart.pieceIds.join(' ');
      if (latest !== ids || latest === this.#sent || !this.connectivity.online) return;
      const token = await this.#token();
      if (!token) return;
      try {
        await this.transport.request('PUT', '/v1/reservations', { pieceIds: latest ? latest.split(' ') : [] }, token);
        this.#sent = latest;
      } catch {
        this.#sent = undefined; // try again on reconnect or at the next renewal
      }
    });
    return this.#sending;
  }

  #paired(): boolean {
    return this.#deviceId !== undefined;
  }

  async #token(): Promise<string | undefined> {
    const device = await this.env.db.syncState.get('device');
    this.#deviceId = device?.token ? device.deviceId : undefined;
    return device?.token;
  }
}
