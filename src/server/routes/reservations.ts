import * as v from 'valibot';
import { MAX_RESERVATIONS_PER_DEVICE, RESERVATION_TTL_MS, type Reservation } from '../../domain/reservations';
import { authenticate, type DeviceRow } from '../auth/authenticate';
import { HttpError } from '../http/http-error';
import { readJsonBody, sendJson } from '../http/json';
import type { Router } from '../http/router';
import type { Store } from '../store/open-store';
import type { EventHub } from '../sync/event-hub';

// The request schemas live here, not in src/domain: the page never validates these, and valibot
// pipes are not tree-shaken from the register's start-up bundle.
const pieceIdSchema = v.pipe(v.string('pieceId must be a string'), v.uuid('pieceId must be a UUID'));

/** `POST /v1/reservations` */
export const reserveRequestSchema = v.strictObject({ pieceId: pieceIdSchema });

/** `PUT /v1/reservations`: this device's whole set (renews the ones it keeps, releases the rest). */
export const replaceReservationsSchema = v.strictObject({
  pieceIds: v.pipe(
    v.array(pieceIdSchema, 'pieceIds must be an array'),
    v.maxLength(MAX_RESERVATIONS_PER_DEVICE, `At most ${MAX_RESERVATIONS_PER_DEVICE} pieces can be reserved by one device`),
  ),
});

/** A request body holds one id, or a cart's worth of them. */
const BODY_LIMIT = 16 * 1024;
/** How often lapsed reservations are swept (and the other devices told), while there are any. */
const SWEEP_INTERVAL_MS = 30_000;

interface Held {
  readonly pieceId: string;
  readonly deviceId: string;
  readonly deviceName: string;
  readonly since: number;
  expiresAt: number;
}

/**
 * The pieces held in carts, IN MEMORY (see domain/reservations.ts for why they are not ledger
 * events). One server process serves one shop (ARCHITECTURE §10), so memory is the right place:
 * a restart forgets them, and the devices put theirs back on the next renewal or reconnect
 * (they re-send their whole set whenever their event stream says hello). Keyed by piece and
 * device: when two carts hold the same piece, each device sees the other's.
 */
export class ReservationBook {
  readonly #held = new Map<string, Held>();

  constructor(
    private readonly now: () => number = Date.now,
    private readonly ttlMs: number = RESERVATION_TTL_MS,
  ) {}

  get size(): number {
    return this.#held.size;
  }

  /** Drops lapsed reservations; true when one was dropped. */
  sweep(): boolean {
    const now = this.now();
    let dropped = false;
    for (const [key, held] of this.#held)
      if (held.expiresAt <= now) {
        this.#held.delete(key);
        dropped = true;
      }
    return dropped;
  }

  list(excludeDevices: ReadonlySet<string> = new Set()): Reservation[] {
    this.sweep();
    const now = this.now();
    return [...this.#held.values()]
      .filter((h) => !excludeDevices.has(h.deviceId))
      .sort((a, b) => a.since - b.since || a.pieceId.localeCompare(b.pieceId))
      .map((h) => ({
        pieceId: h.pieceId,
        deviceId: h.deviceId,
        deviceName: h.deviceName,
        since: new Date(h.since).toISOString(),
        expiresAt: new Date(h.expiresAt).toISOString(),
        expiresInMs: h.expiresAt - now,
      }));
  }

  /** This device's pieces, in the order they were reserved. */
  of(deviceId: string): string[] {
    return this.list().flatMap((r) => (r.deviceId === deviceId ? [r.pieceId] : []));
  }

  /** Reserves (or renews) `pieceIds` for `device`; with `replace`, releases its others. True when anything changed. */
  reserve(device: Pick<DeviceRow, 'id' | 'name'>, pieceIds: readonly string[], replace: boolean): boolean {
    this.sweep();
    const now = this.now();
    const wanted = new Set(pieceIds);
    let changed = false;
    if (replace)
      for (const [key, held] of this.#held)
        if (held.deviceId === device.id && !wanted.has(held.pieceId)) {
          this.#held.delete(key);
          changed = true;
        }
    const mine = [...this.#held.values()].filter((h) => h.deviceId === device.id).length;
    const fresh = [...wanted].filter((id) => !this.#held.has(key(id, device.id)));
    if (mine + fresh.length > MAX_RESERVATIONS_PER_DEVICE)
      throw new HttpError(413, 'too-many-reservations', `One device can hold at most ${MAX_RESERVATIONS_PER_DEVICE} pieces in carts`);
    for (const pieceId of wanted) {
      const held = this.#held.get(key(pieceId, device.id));
      if (held) held.expiresAt = now + this.ttlMs;
      else
        this.#held.set(key(pieceId, device.id), {
          pieceId,
          deviceId: device.id,
          deviceName: device.name,
          since: now,
          expiresAt: now + this.ttlMs,
        });
      // A renewal changes the expiry the others measure from: they fetch again.
      changed = true;
    }
    return changed;
  }

  release(deviceId: string, pieceId: string): boolean {
    return this.#held.delete(key(pieceId, deviceId));
  }
}

const key = (pieceId: string, deviceId: string): string => `${pieceId} ${deviceId}`;

function parse<T>(schema: v.GenericSchema<unknown, T>, body: unknown): T {
  const parsed = v.safeParse(schema, body);
  if (!parsed.success) throw new HttpError(400, 'invalid-request', parsed.issues[0].message);
  return parsed.output;
}

/**
 * Pieces in carts, for the other registers to see (issue 8, "prevention that narrows the window"):
 * `GET /v1/reservations` → `{ reservations }` (every device's, the caller's included);
 * `POST /v1/reservations {pieceId}` reserves or renews one; `PUT /v1/reservations {pieceIds}`
 * makes them this device's whole set; `DELETE /v1/reservations/<pieceId>` releases one. Every
 * change sends a `reservations` event on the event stream. Device token as on every /v1 route.
 */
export function registerReservationRoutes(
  router: Router,
  store: Store,
  events: EventHub,
  book: ReservationBook = new ReservationBook(),
): void {
  let timer: NodeJS.Timeout | undefined;
  const changed = (): void => {
    events.broadcast('reservations', { count: book.size });
    // Lapsed reservations must reach the others without anyone asking: sweep while there are any.
    if (book.size > 0 && timer === undefined) {
      timer = setInterval(() => {
        if (book.sweep()) events.broadcast('reservations', { count: book.size });
        if (book.size === 0) {
          clearInterval(timer);
          timer = undefined;
        }
      }, SWEEP_INTERVAL_MS);
      timer.unref(); // never the reason the process stays up
    }
  };
  const answer = (res: Parameters<typeof sendJson>[0], status: number, deviceId: string): void =>
    sendJson(res, status, { pieceIds: book.of(deviceId) });

  router.get('/v1/reservations', async ({ req, res }) => {
    await authenticate(store, req);
    // A revoked device's carts are not the shop's any more; theirs lapse on their own too.
    const revoked = await store.db.selectFrom('devices').select('id').where('revoked_at', 'is not', null).execute();
    if (book.sweep()) events.broadcast('reservations', { count: book.size });
    sendJson(res, 200, { reservations: book.list(new Set(revoked.map((d) => d.id))) });
  });

  router.post('/v1/reservations', async ({ req, res }) => {
    const body = readJsonBody(req, BODY_LIMIT);
    body.catch(() => undefined); // when the token is bad, the 401 is the answer
    const device = await authenticate(store, req);
    const { pieceId } = parse(reserveRequestSchema, await body);
    if (book.reserve(device, [pieceId], false)) changed();
    answer(res, 200, device.id);
  });

  router.put('/v1/reservations', async ({ req, res }) => {
    const body = readJsonBody(req, BODY_LIMIT);
    body.catch(() => undefined);
    const device = await authenticate(store, req);
    const { pieceIds } = parse(replaceReservationsSchema, await body);
    if (book.reserve(device, pieceIds, true)) changed();
    answer(res, 200, device.id);
  });

  router.delete('/v1/reservations/:pieceId', async ({ req, res, params }) => {
    const device = await authenticate(store, req);
    const pieceId = params.pieceId ?? '';
    if (!v.is(pieceIdSchema, pieceId)) throw new HttpError(400, 'invalid-request', 'pieceId must be a UUID');
    if (book.release(device.id, pieceId)) changed();
    answer(res, 200, device.id);
  });
}
