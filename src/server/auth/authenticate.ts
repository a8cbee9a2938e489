import type { IncomingMessage } from 'node:http';
import type { Selectable } from 'kysely';
import { HttpError } from '../http/http-error';
import type { Store } from '../store/open-store';
import type { DevicesTable } from '../store/schema';
import { sha256Hex } from './secrets';

export type DeviceRow = Selectable<DevicesTable>;

/** last_seen_at is for people ("seen 3 minutes ago"): writing it on every pull is wasted I/O. */
const SEEN_RESOLUTION_MS = 60_000;

function unauthorized(message: string): HttpError {
  return new HttpError(401, 'unauthorized', message, { headers: { 'WWW-Authenticate': 'Bearer' } });
}

function bearerToken(req: IncomingMessage): string | undefined {
  const match = /^Bearer[ ]+([A-Za-z0-9_-]{1,200})[ ]*$/i.exec(req.headers.authorization ?? '');
  return match?.[1];
}

/**
 * The device behind `Authorization: Bearer <token>`; 401 `unauthorized` when the header is
 * missing or the token is unknown or revoked (the same answer for both: nothing to learn).
 */
export async function authenticate(store: Store, req: IncomingMessage, now: number = Date.now()): Promise<DeviceRow> {
  const token = bearerToken(req);
  if (token === undefined) throw unauthorized('Send the device token as "Authorization: Bearer <token>"');
  const device = await store.db
    .selectFrom('devices')
    .selectAll()
    .where('token_hash', '=', sha256Hex(token))
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  if (device === undefined) throw unauthorized('This device is not paired with the shop (unknown or removed token)');
  const seen = device.last_seen_at === null ? 0 : Date.parse(device.last_seen_at);
  if (now - seen >= SEEN_RESOLUTION_MS) {
    const at = new Date(now).toISOString();
    await store.db.updateTable('devices').set({ last_seen_at: at }).where('id', '=', device.id).execute();
    return { ...device, last_seen_at: at };
  }
  return device;
}

/** Device admin is for owner devices; the server checks the role, never the app's PIN. */
export function requireOwner(device: DeviceRow): void {
  if (device.role !== 'owner') throw new HttpError(403, 'owner-only', 'Only an owner device can manage devices');
}
