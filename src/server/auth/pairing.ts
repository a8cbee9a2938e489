import { sql } from 'kysely';
import type { Kysely, Transaction } from 'kysely';
import type { DeviceRole, PairResponse } from '../../domain/sync/protocol';
import type { Schema } from '../store/schema';
import { generatePairingCode, generateToken, hashPairingCode, newId, sha256Hex } from './secrets';

/** Codes printed at start-up or by `npm run pairing-code`: the operator may pair the next day. */
export const OPERATOR_CODE_TTL_MS = 24 * 60 * 60 * 1000;
/** Codes an owner makes in the app: someone is standing next to the new device. */
export const ADMIN_CODE_TTL_MS = 60 * 60 * 1000;

export interface IssuedCode {
  code: string;
  role: DeviceRole;
  expiresAt: string;
}

export async function createPairingCode(
  db: Kysely<Schema>,
  role: DeviceRole,
  ttlMs: number,
  now: number = Date.now(),
): Promise<IssuedCode> {
  const code = generatePairingCode();
  const expiresAt = new Date(now + ttlMs).toISOString();
  await db
    .insertInto('pairing_codes')
    .values({
      code_hash: hashPairingCode(code),
      role,
      created_at: new Date(now).toISOString(),
      expires_at: expiresAt,
      used_at: null,
      used_by: null,
    })
    .execute();
  return { code, role, expiresAt };
}

/** True while some paired, non-revoked device is an owner: then no start-up code is printed. */
export async function hasActiveOwner(db: Kysely<Schema>): Promise<boolean> {
  const row = await db
    .selectFrom('devices')
    .select('id')
    .where('role', '=', 'owner')
    .where('revoked_at', 'is', null)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * Serialises writers on the single shop row (pairing, pushes). An UPDATE rather than SELECT … FOR
 * UPDATE because SQLite has no FOR UPDATE; a write as the first statement also makes SQLite take
 * its write lock up front (waiting out busy_timeout) instead of failing a later lock upgrade.
 */
export async function lockShop(trx: Transaction<Schema>): Promise<{ version: number; maxHlc: string | null }> {
  const row = await trx
    .updateTable('shop')
    .set((eb) => ({ version: eb.ref('version') }))
    .returning(['version', 'max_hlc'])
    .executeTakeFirstOrThrow();
  return { version: row.version, maxHlc: row.max_hlc };
}

/**
 * Turns a valid, unused, unexpired code into a new device with a fresh token. Returns undefined
 * for any bad code (wrong, used, expired) without saying which: a guesser learns nothing.
 */
export async function redeemPairingCode(
  db: Kysely<Schema>,
  code: string,
  deviceName: string,
  now: number = Date.now(),
): Promise<PairResponse | undefined> {
  const at = new Date(now).toISOString();
  const codeHash = hashPairingCode(code);
  return db.transaction().execute(async (trx) => {
    await lockShop(trx);
    const issued = await trx
      .selectFrom('pairing_codes')
      .select('role')
      .where('code_hash', '=', codeHash)
      .where('used_at', 'is', null)
      .where('expires_at', '>', at)
      .executeTakeFirst();
    if (issued === undefined) return undefined;

    // Devices are never deleted (revoked ones stay listed), so count + 1 is unused and short.
    const { n } = await trx
      .selectFrom('devices')
      .select(sql<number>`count(*)`.as('n'))
      .executeTakeFirstOrThrow();
    const registerCode = `R${Number(n) + 1}`;
    const deviceId = newId();
    const token = generateToken();
    await trx
      .insertInto('devices')
      .values({
        id: deviceId,
        name: deviceName,
        role: issued.role,
        token_hash: sha256Hex(token),
        register_code: registerCode,
        paired_at: at,
        revoked_at: null,
        last_seen_at: at,
        clock_wrong_at: null,
      })
      .execute();
    await trx.updateTable('pairing_codes').set({ used_at: at, used_by: deviceId }).where('code_hash', '=', codeHash).execute();
    return { deviceId, token, registerCode, role: issued.role };
  });
}
