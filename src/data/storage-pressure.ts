import Dexie from 'dexie';
import { DomainError } from '../domain/errors';
import type { Clock } from '../domain/clock';
import type { TroveDb } from './db';
import type { FreedSpace } from './storage-free';

export type { FreedSpace } from './storage-free';

/**
 * When this device's storage runs short. The order is fixed and safe: only the bytes of photos
 * the server already has (`uploaded`, `remote`) are ever dropped — each becomes a `wanted`
 * placeholder again, shown as a placeholder and downloaded again by a later sync. A photo not
 * uploaded yet (`local`, `failed`), a record and an outbox row are never touched.
 * Freeing lives in storage-free.ts, loaded only when needed (the register's bundle stays small).
 */

/** Above this share of the quota, synced photos' bytes are dropped after writes. */
export const PRESSURE_RATIO = 0.9;

/** IndexedDB refused a write for lack of space (Dexie wraps it; the transaction aborts with it). */
export function isQuotaError(error: unknown, depth = 0): boolean {
  if (!error || typeof error !== 'object' || depth > 4) return false;
  const e = error as { name?: unknown; inner?: unknown; cause?: unknown; failures?: unknown };
  if (e.name === 'QuotaExceededError' || e.name === Dexie.errnames.QuotaExceeded) return true;
  if (Array.isArray(e.failures) && e.failures.some((f) => isQuotaError(f, depth + 1))) return true;
  return isQuotaError(e.inner, depth + 1) || isQuotaError(e.cause, depth + 1);
}

/** What a shop owner is told when a write cannot be stored even after freeing space. */
export function storageFullError(what: string): DomainError {
  return new DomainError(
    'storage-full',
    `This device’s storage is full: ${what} was NOT saved. Nothing was lost — everything saved before is kept and will still sync. ` +
      'Free space on this device (delete unused apps, videos or downloads), then try again.',
  );
}

/**
 * Runs a write that is its own transaction. When the device is out of space, frees what is safe
 * to free and tries ONCE more; when that fails too, throws `storage-full`. The write must be all
 * or nothing (one transaction), so a refused attempt has left nothing behind.
 */
export async function withStorageRetry<T>(env: { db: TroveDb; clock: Clock }, what: string, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (!isQuotaError(error)) throw error;
  }
  await import('./storage-free').then(({ freeSpace }) => freeSpace(env.db, env.clock.now())).catch(() => undefined);
  try {
    return await write();
  } catch (error) {
    if (isQuotaError(error)) throw storageFullError(what);
    throw error;
  }
}

/**
 * Every write's guard: inside a caller's transaction it runs as is (the outer write guards it);
 * on its own it gets `withStorageRetry`, then a background `checkPressure`.
 */
export async function guardedWrite<T>(env: { db: TroveDb; clock: Clock }, what: string, write: () => Promise<T>): Promise<T> {
  if (Dexie.currentTransaction) return write();
  const done = await withStorageRetry(env, what, write);
  checkPressure(env).catch(() => undefined);
  return done;
}

let lastCheck = -Infinity;

/** Resets the throttle of `checkPressure` (tests). */
export function resetPressureCheck(): void {
  lastCheck = -Infinity;
}

/**
 * After writes and syncs: when this origin uses more than PRESSURE_RATIO of its quota, drops
 * synced photos' bytes down to below it. At most once a minute; quiet where the browser cannot
 * say (no StorageManager, Node tests). Returns what was freed, or undefined when nothing was checked.
 */
export async function checkPressure(
  env: { db: TroveDb; clock: Clock },
  storage: StorageManager | undefined = globalThis.navigator?.storage,
): Promise<FreedSpace | undefined> {
  const now = env.clock.now();
  if (!storage?.estimate || now - lastCheck < 60_000) return undefined;
  lastCheck = now;
  const { usage, quota } = await storage.estimate();
  if (usage === undefined || !quota || usage <= quota * PRESSURE_RATIO) return undefined;
  // Aim a little lower than the line so the next few writes do not cross it again at once.
  const { freeSpace } = await import('./storage-free');
  return freeSpace(env.db, now, usage - quota * (PRESSURE_RATIO - 0.1));
}

/** True when `usedBytes` is above the warning line of `quotaBytes`. */
export function underPressure(usedBytes: number | undefined, quotaBytes: number | undefined): boolean {
  return usedBytes !== undefined && !!quotaBytes && usedBytes > quotaBytes * PRESSURE_RATIO;
}
