import type { ShopSettings } from './settings';

/**
 * Piece reservations narrow the window in which two registers sell the same one-of-a-kind piece
 * (ARCHITECTURE §5 "Oversell"). They are a hint, never a lock: a register that is offline cannot
 * see them, so a sale is never refused because of one — the register only warns.
 *
 * A reservation is EPHEMERAL server state, not a ledger event. The ledger's `reserve`/`release`
 * event types stay unused for carts on purpose: a piece lying in a cart has not moved (stock,
 * FIFO and rollups must not change), a ledger event would be synced, kept and replayed forever,
 * and a cart's reservation must vanish by itself when the tablet holding it dies, is wiped or
 * loses its network — which only a time-to-live can promise. So the server keeps them in memory
 * with a short TTL that the cart renews while it holds the piece.
 */

/** How long a reservation lives unless the cart holding the piece renews it. */
export const RESERVATION_TTL_MS = 10 * 60_000;
/** The cart renews its reservations this often (well inside the TTL). */
export const RESERVATION_RENEW_MS = 4 * 60_000;
/** More pieces than this in one cart is not a cart: the server refuses the rest. */
export const MAX_RESERVATIONS_PER_DEVICE = 100;

/** A piece held in a cart on a device, as the server lists it. */
export interface Reservation {
  pieceId: string;
  deviceId: string;
  deviceName: string;
  /** When the piece went into that cart (ISO, server clock). */
  since: string;
  /** When it lapses unless renewed (ISO, server clock). */
  expiresAt: string;
  /** expiresAt − the server's now when it answered: lets a device with a wrong clock expire it right. */
  expiresInMs: number;
}

/** `GET /v1/reservations` */
export interface ReservationList {
  reservations: Reservation[];
}

/** Why the register asks before putting a piece into the cart. */
export type PieceWarning = { kind: 'reserved'; deviceName: string; since: string } | { kind: 'offline'; offlineMs: number; label: string };

/**
 * The offline warning: this device has been out of touch with the others for longer than the
 * shop allows, and the piece is worth more than the shop's limit — another register may have
 * sold it in the meantime. `lastOnlineAt` undefined: never online here (nothing to compare with).
 */
export function offlineWarning(
  online: boolean,
  lastOnlineAt: number | undefined,
  now: number,
  price: number,
  settings: Pick<ShopSettings, 'offlineWarnAbove' | 'offlineWarnAfterMinutes'>,
): { offlineMs: number } | null {
  if (online || lastOnlineAt === undefined) return null;
  if (settings.offlineWarnAbove <= 0 || price <= settings.offlineWarnAbove) return null;
  const offlineMs = Math.max(0, now - lastOnlineAt);
  return offlineMs > settings.offlineWarnAfterMinutes * 60_000 ? { offlineMs } : null;
}

/** "45 s", "12 min", "2 h 10 min", "3 d 4 h": how long, for people. */
export function describeDuration(ms: number): string {
  const minutes = Math.floor(ms / 60_000);
  if (minutes < 1) return `${Math.max(0, Math.floor(ms / 1000))} s`;
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return minutes % 60 === 0 ? `${hours} h` : `${hours} h ${minutes % 60} min`;
  const days = Math.floor(hours / 24);
  return hours % 24 === 0 ? `${days} d` : `${days} d ${hours % 24} h`;
}

/** The sentence the register shows for the offline warning. */
export function offlineWarningText(offlineMs: number, label: string): string {
  return `This device has been offline for ${describeDuration(offlineMs)}; another register may already have sold ${label}. Check before selling.`;
}

/**
 * The reservations held by OTHER devices, by piece, that have not lapsed at `now` (device clock).
 * `receivedAt` is when the list arrived: expiry is measured from it with the server's
 * `expiresInMs`, so a device whose clock is wrong still lets them lapse on time.
 */
export function heldElsewhere(
  list: readonly Reservation[],
  ownDeviceId: string | undefined,
  receivedAt: number,
  now: number,
): Map<string, Reservation> {
  const out = new Map<string, Reservation>();
  for (const r of list) {
    if (r.deviceId === ownDeviceId || receivedAt + r.expiresInMs <= now) continue;
    const known = out.get(r.pieceId);
    if (!known || r.since < known.since) out.set(r.pieceId, r);
  }
  return out;
}
