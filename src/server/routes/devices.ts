import * as v from 'valibot';
import type { DeviceInfo } from '../../domain/sync/protocol';
import { authenticate, requireOwner } from '../auth/authenticate';
import { ADMIN_CODE_TTL_MS, createPairingCode } from '../auth/pairing';
import { HttpError } from '../http/http-error';
import { hasNoBody, readJsonBody, sendJson } from '../http/json';
import type { Router } from '../http/router';
import type { Store } from '../store/open-store';
import type { EventHub } from '../sync/event-hub';

const codeRequestSchema = v.object({ role: v.optional(v.picklist(['owner', 'staff'], 'role must be "owner" or "staff"'), 'staff') });

/** Device admin, for owner devices only: issue pairing codes, list devices, revoke one. */
export function registerDeviceRoutes(router: Router, store: Store, events: EventHub): void {
  router.post('/v1/devices/pairing-codes', async ({ req, res }) => {
    requireOwner(await authenticate(store, req));
    // The body is optional: no body means a staff code.
    const body = hasNoBody(req) ? {} : await readJsonBody(req, 4 * 1024);
    const parsed = v.safeParse(codeRequestSchema, body);
    if (!parsed.success) throw new HttpError(400, 'invalid-request', parsed.issues[0].message);
    sendJson(res, 201, await createPairingCode(store.db, parsed.output.role, ADMIN_CODE_TTL_MS));
  });

  router.get('/v1/devices', async ({ req, res }) => {
    requireOwner(await authenticate(store, req));
    const rows = await store.db.selectFrom('devices').selectAll().orderBy('paired_at').orderBy('id').execute();
    const devices: DeviceInfo[] = rows.map((row) => ({
      deviceId: row.id,
      name: row.name,
      role: row.role,
      registerCode: row.register_code,
      pairedAt: row.paired_at,
      revokedAt: row.revoked_at,
      lastSeenAt: row.last_seen_at,
      lastMutationId: row.last_mutation_id,
    }));
    sendJson(res, 200, { devices });
  });

  router.delete('/v1/devices/:deviceId', async ({ req, res, params }) => {
    requireOwner(await authenticate(store, req));
    const deviceId = params.deviceId ?? '';
    const device = await store.db.selectFrom('devices').select(['id', 'revoked_at']).where('id', '=', deviceId).executeTakeFirst();
    if (device === undefined) throw new HttpError(404, 'device-not-found', 'No device with that id is paired with this shop');
    // Revoking twice keeps the first date. The row stays: its mutations may still be relayed.
    if (device.revoked_at === null) {
      await store.db.updateTable('devices').set({ revoked_at: new Date().toISOString() }).where('id', '=', deviceId).execute();
    }
    events.closeDevice(deviceId);
    sendJson(res, 200, { ok: true });
  });
}
