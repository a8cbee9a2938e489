import { describe, expect, it } from 'vitest';
import type { DeviceInfo, PairResponse } from '../../src/domain/sync/protocol';
import { ADMIN_CODE_TTL_MS, createPairingCode } from '../../src/server/auth/pairing';
import { CODE_ALPHABET, sha256Hex } from '../../src/server/auth/secrets';
import { STORE_VARIANTS } from './helpers/databases';
import { request } from './helpers/http';
import { api, saveLocation, useSyncServer } from './helpers/sync';

const CODE = new RegExp(`^[${CODE_ALPHABET}]{4}-[${CODE_ALPHABET}]{4}$`);

for (const variant of STORE_VARIANTS) {
  describe.skipIf(variant.skip)(`pairing ${variant.tag}`, () => {
    const sync = useSyncServer(variant);
    const pairWith = (code: string, deviceName = 'Counter tablet') => api(sync.url, 'POST', '/v1/pair', { body: { code, deviceName } });

    it('pairs with a good code (any case, with or without the dash) and stores only hashes', async () => {
      const { code } = await createPairingCode(sync.server.store.db, 'staff', ADMIN_CODE_TTL_MS);
      expect(code).toMatch(CODE);
      const res = await pairWith(` ${code.replace('-', ' ').toLowerCase()} `);
      expect(res.status).toBe(200);
      const paired = res.json() as PairResponse;
      expect(paired.role).toBe('staff');
      expect(paired.deviceId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(Buffer.from(paired.token, 'base64url')).toHaveLength(32);
      expect(paired.registerCode).toMatch(/^R\d+$/);

      const row = await sync.server.store.db.selectFrom('devices').selectAll().where('id', '=', paired.deviceId).executeTakeFirstOrThrow();
      expect(row.token_hash).toBe(sha256Hex(paired.token));
      expect(row.name).toBe('Counter tablet');
      const codes = await sync.server.store.db.selectFrom('pairing_codes').select('code_hash').execute();
      expect(codes.map((c) => c.code_hash)).not.toContain(code);
      expect(codes.map((c) => c.code_hash)).toContain(sha256Hex(code.replace('-', '')));
    });

    it('gives every device its own register code', async () => {
      const devices = await Promise.all([sync.pair('staff'), sync.pair('staff'), sync.pair('owner')]);
      const codes = devices.map((d) => d.registerCode);
      expect(new Set(codes).size).toBe(3);
    });

    it('refuses a wrong, a used and an expired code with 401 invalid-pairing-code', async () => {
      const { code } = await createPairingCode(sync.server.store.db, 'staff', ADMIN_CODE_TTL_MS);
      expect((await pairWith(code)).status).toBe(200);
      const expired = await createPairingCode(sync.server.store.db, 'owner', ADMIN_CODE_TTL_MS, Date.now() - ADMIN_CODE_TTL_MS - 1000);
      for (const attempt of [code, 'ABCD-EFGH', expired.code]) {
        const res = await pairWith(attempt);
        expect(res.status, attempt).toBe(401);
        expect(res.json()).toMatchObject({ error: 'invalid-pairing-code' });
      }
    });

    it('answers a malformed pair request with 400 and the reason', async () => {
      const res = await api(sync.url, 'POST', '/v1/pair', { body: { code: 'ABCD-EFGH', deviceName: '  ' } });
      expect(res.status).toBe(400);
      expect(res.json()).toEqual({ error: 'invalid-pair-request', message: 'Name this device' });
    });

    it('lets an owner issue codes (staff by default), list devices and revoke one', async () => {
      const owner = await sync.pair('owner', 'Back office');
      const issued = await api(sync.url, 'POST', '/v1/devices/pairing-codes', { token: owner.token });
      expect(issued.status).toBe(201);
      const body = issued.json() as { code: string; role: string; expiresAt: string };
      expect(body.code).toMatch(CODE);
      expect(body.role).toBe('staff');
      // Admin-issued codes live one hour, not 24.
      expect(Date.parse(body.expiresAt) - Date.now()).toBeLessThanOrEqual(ADMIN_CODE_TTL_MS);
      expect(Date.parse(body.expiresAt) - Date.now()).toBeGreaterThan(ADMIN_CODE_TTL_MS - 60_000);
      const ownerCode = await api(sync.url, 'POST', '/v1/devices/pairing-codes', { token: owner.token, body: { role: 'owner' } });
      expect(ownerCode.json()).toMatchObject({ role: 'owner' });

      const staff = (await pairWith(body.code, 'Market phone')).json() as PairResponse;
      expect(staff.role).toBe('staff');
      const list = await api(sync.url, 'GET', '/v1/devices', { token: owner.token });
      expect(list.status).toBe(200);
      const devices = (list.json() as { devices: DeviceInfo[] }).devices;
      expect(devices.find((d) => d.deviceId === staff.deviceId)).toMatchObject({
        name: 'Market phone',
        role: 'staff',
        registerCode: staff.registerCode,
        revokedAt: null,
        lastMutationId: 0,
      });

      const revoked = await api(sync.url, 'DELETE', `/v1/devices/${staff.deviceId}`, { token: owner.token });
      expect(revoked.status).toBe(200);
      expect(revoked.json()).toEqual({ ok: true });
      const after = (await api(sync.url, 'GET', '/v1/devices', { token: owner.token })).json() as { devices: DeviceInfo[] };
      expect(after.devices.find((d) => d.deviceId === staff.deviceId)?.revokedAt).toEqual(expect.any(String));
      expect((await api(sync.url, 'DELETE', '/v1/devices/01900000-0000-7000-8000-000000000000', { token: owner.token })).status).toBe(404);
    });

    it('keeps device admin to owners: 403 owner-only for a staff device', async () => {
      const staff = await sync.pair('staff');
      for (const [method, path] of [
        ['POST', '/v1/devices/pairing-codes'],
        ['GET', '/v1/devices'],
        ['DELETE', `/v1/devices/${staff.deviceId}`],
      ] as const) {
        const res = await api(sync.url, method, path, { token: staff.token });
        expect(res.status, path).toBe(403);
        expect(res.json()).toMatchObject({ error: 'owner-only' });
      }
    });

    it('answers a revoked, forged or missing token with 401 on every authenticated endpoint', async () => {
      const owner = await sync.pair('owner');
      const lost = await sync.pair('owner', 'Lost tablet');
      expect((await sync.push(lost, [saveLocation(1)])).status).toBe(200);
      expect((await api(sync.url, 'DELETE', `/v1/devices/${lost.deviceId}`, { token: owner.token })).status).toBe(200);

      const hash = sha256Hex('x');
      const calls: [string, string, unknown][] = [
        ['POST', '/v1/sync/push', { deviceId: lost.deviceId, schemaVersion: 1, mutations: [saveLocation(2)] }],
        ['POST', '/v1/sync/pull', { cursor: 0 }],
        ['GET', '/v1/sync/events', undefined],
        ['GET', `/v1/blobs/${hash}`, undefined],
        ['GET', '/v1/devices', undefined],
        ['POST', '/v1/devices/pairing-codes', {}],
      ];
      const forged = Buffer.alloc(32, 7).toString('base64url');
      for (const token of [lost.token, forged, undefined]) {
        for (const [method, path, body] of calls) {
          const res = await api(sync.url, method, path, { token, body });
          expect(
            res.status,
            `${method} ${path} with ${token === undefined ? 'no' : token === forged ? 'a forged' : 'a revoked'} token`,
          ).toBe(401);
          expect(res.json()).toMatchObject({ error: 'unauthorized' });
        }
      }
      const put = await request(sync.url, `/v1/blobs/${hash}`, {
        method: 'PUT',
        headers: { authorization: `Bearer ${lost.token}` },
        body: 'x',
      });
      expect(put.status).toBe(401);
      // The revoked device's push above was refused: nothing past its first mutation.
      const row = await sync.server.store.db
        .selectFrom('devices')
        .select('last_mutation_id')
        .where('id', '=', lost.deviceId)
        .executeTakeFirstOrThrow();
      expect(row.last_mutation_id).toBe(1);
    });
  });

  describe.skipIf(variant.skip)(`pairing rate limit ${variant.tag}`, () => {
    const sync = useSyncServer(variant);

    it('answers 429 too-many-attempts with Retry-After after 10 wrong codes, even for a good one', async () => {
      for (let i = 0; i < 10; i += 1) {
        const res = await api(sync.url, 'POST', '/v1/pair', {
          body: { code: `WRNG-${String(i).padStart(4, 'A')}`, deviceName: 'Guesser' },
        });
        expect(res.status).toBe(401);
      }
      const { code } = await createPairingCode(sync.server.store.db, 'owner', ADMIN_CODE_TTL_MS);
      const blocked = await api(sync.url, 'POST', '/v1/pair', { body: { code, deviceName: 'Guesser' } });
      expect(blocked.status).toBe(429);
      expect(blocked.json()).toMatchObject({ error: 'too-many-attempts' });
      const retryAfter = Number(blocked.headers['retry-after']);
      expect(retryAfter).toBeGreaterThan(0);
      expect(retryAfter).toBeLessThanOrEqual(600);
      // The good code was not spent by the refused attempt.
      const row = await sync.server.store.db
        .selectFrom('pairing_codes')
        .select('used_at')
        .where('code_hash', '=', sha256Hex(code.replace('-', '')))
        .executeTakeFirstOrThrow();
      expect(row.used_at).toBeNull();
    });
  });
}
