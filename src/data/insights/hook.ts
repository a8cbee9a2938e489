import type { Table } from 'dexie';
import type { TroveDb } from '../db';
import type { Shadow } from '../records';
import type { StoredRecord } from '../../domain/sync/mutation';

/**
 * The write paths' door to the §10 rollups (rollups.ts), kept tiny: the batch writer and the
 * sync store are in the register's initial JavaScript (§8: 120 KB gzip), the revision code is not.
 * rollups.ts registers itself when it loads; it is loaded when the page is idle after start, and
 * awaited before a sale's and a pull's transaction (`loadRollupRevision`). A write made before it
 * has loaded (a receipt in the first second after start) cannot revise the stored rows, so it drops
 * their marker: the Insights screen builds them again from scratch when it next opens.
 */

/** The tables whose records the rollups sum. */
export const ROLLUP_TABLES: readonly string[] = ['sales', 'returns', 'stockEvents'];

/** The marker row of complete stored rollups (see rollups.ts). */
export const ROLLUP_MARKER: [string, string, string] = ['', 'meta', '__built__'];

/** Anything that hands out tables: the database inside a transaction's zone, or a Dexie Transaction. */
export type Tables = { table(name: string): Table };

export type RollupWatch = { finish(): Promise<void> };

export interface RollupRevision {
  reviseRollupsOfBatch(
    tx: Tables,
    dirty: ReadonlyMap<string, ReadonlyMap<string, StoredRecord>>,
    shadows: readonly Shadow[],
  ): Promise<void>;
  watchRollups(db: TroveDb, keys: Iterable<string>, replays: boolean): Promise<RollupWatch | null>;
}

let revision: RollupRevision | undefined;

export function registerRollupRevision(r: RollupRevision): void {
  revision = r;
}

/** Loads the revision code (nothing to wait for once loaded: safe right before a transaction). */
export function loadRollupRevision(): Promise<unknown> | undefined {
  return revision ? undefined : import('./rollups');
}

/** Adds `dailyRollups` to a write's tables when it writes a table the rollups sum (the register's sale stays small otherwise). */
export function withRollupTables(tables: Set<string>): Set<string> {
  if (ROLLUP_TABLES.some((t) => tables.has(t))) tables.add('dailyRollups');
  return tables;
}

const dropMarker = async (tx: Tables): Promise<void> => {
  await tx.table('dailyRollups').delete(ROLLUP_MARKER);
};

/**
 * The batch writer's hook, in its transaction before it writes (`dirty`: the new version of every
 * record the batch put; `shadows`: the shadows it is about to create). See rollups.ts.
 */
export async function reviseRollupsOfBatch(
  tx: Tables,
  dirty: ReadonlyMap<string, ReadonlyMap<string, StoredRecord>>,
  shadows: readonly Shadow[],
): Promise<void> {
  if (!ROLLUP_TABLES.some((t) => (dirty.get(t)?.size ?? 0) > 0)) return;
  if (revision) return revision.reviseRollupsOfBatch(tx, dirty, shadows);
  await dropMarker(tx);
}

/** A pull page's or a rejection's hook, in its transaction before it writes; `finish()` after. See rollups.ts. */
export async function watchRollups(db: TroveDb, keys: Iterable<string>, replays: boolean): Promise<RollupWatch | null> {
  if (revision) return revision.watchRollups(db, keys, replays);
  return { finish: () => dropMarker(db) };
}

// Loaded when the page is idle after start (a browser page, not a test run or the service worker),
// so writes find it ready. Read off globalThis: this file is also type-checked for the worker.
const page = globalThis as { document?: unknown; requestIdleCallback?: (run: () => void, options: { timeout: number }) => unknown };
if (page.document !== undefined && (typeof page.requestIdleCallback === 'function' || 'serviceWorker' in navigator)) {
  const load = () => void loadRollupRevision()?.catch(() => undefined);
  if (typeof page.requestIdleCallback === 'function') page.requestIdleCallback(load, { timeout: 5000 });
  else setTimeout(load, 1000);
}
