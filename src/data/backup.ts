import { strFromU8, strToU8, unzipSync, zipSync, type Zippable } from 'fflate';
import type { TroveDb } from './db';
import type { OutboxRow, SyncState } from './records';
import { SCHEMA_VERSION } from './schema';
import { freshSyncState } from './commands/write-env';
import { DomainError } from '../domain/errors';
import { Hlc } from '../domain/hlc';
import type { RandomSource } from '../domain/ids';

/**
 * A whole device in one zip (issue 8 point 3): `manifest.json`, one `tables/<name>.json` per Dexie
 * table, and the photo bytes under `blobs/` (rows name them as `{ "$blob": n, "type": … }`).
 * Restored into an empty install it becomes a NEW device (§10 "Mutation identity"): it pairs again
 * under a new id, and the changes it carried keep their original (device, id), so whichever device
 * pushes them first wins and the server applies nothing twice.
 */
export const DEVICE_BACKUP_FORMAT = 'trove-device-backup';

export interface BackupManifest {
  format: typeof DEVICE_BACKUP_FORMAT;
  version: 1;
  schemaVersion: number;
  exportedAt: string;
  deviceId: string | null;
  deviceName: string | null;
  /** Rows per table, so a restore can prove it has read everything. */
  counts: Record<string, number>;
  /** Changes not yet on the server when the backup was made. */
  pending: number;
}

type Row = Record<string, unknown>;
const BLOB = '$blob';

export async function exportDeviceBackup(db: TroveDb, now: number): Promise<{ zip: Uint8Array; manifest: BackupManifest }> {
  // One read transaction: every table as of the same instant.
  const tables = await db.transaction('r', db.tables, async () =>
    Promise.all(db.tables.map(async (t) => [t.name, (await t.toArray()) as Row[]] as const)),
  );
  const files: Zippable = {};
  const blobs: Blob[] = [];
  const counts: Record<string, number> = {};
  for (const [name, rows] of tables) {
    counts[name] = rows.length;
    const plain = rows.map((row) => {
      const out: Row = {};
      for (const [key, value] of Object.entries(row)) {
        if (value instanceof Blob) {
          out[key] = { [BLOB]: blobs.length, type: value.type };
          blobs.push(value);
        } else out[key] = value;
      }
      return out;
    });
    files[`tables/${name}.json`] = strToU8(JSON.stringify(plain));
  }
  for (const [n, blob] of blobs.entries()) files[`blobs/${n}`] = [new Uint8Array(await blob.arrayBuffer()), { level: 0 }];
  const state = tables.find(([name]) => name === 'syncState')?.[1][0] as SyncState | undefined;
  const manifest: BackupManifest = {
    format: DEVICE_BACKUP_FORMAT,
    version: 1,
    schemaVersion: SCHEMA_VERSION,
    exportedAt: new Date(now).toISOString(),
    deviceId: state?.deviceId ?? null,
    deviceName: state?.deviceName ?? null,
    counts,
    pending: counts['outbox'] ?? 0,
  };
  files['manifest.json'] = strToU8(JSON.stringify(manifest, null, 2));
  return { zip: zipSync(files, { level: 6 }), manifest };
}

/** `trove-backup-Counter-tablet-2026-11-27.zip` (local date). */
export function backupFileName(deviceName: string | null, now: number): string {
  const d = new Date(now);
  const day = `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
  const who = (deviceName ?? 'device').replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-|-$/g, '') || 'device';
  return `trove-backup-${who}-${day}.zip`;
}

/** Tables whose rows make an install "not empty": anything a person made or the server sent. */
const CONTENT_TABLES = ['outbox', 'items', 'products', 'sales', 'stockEvents', 'locations', 'staff', 'customers', 'settings'] as const;

/** Refuses to overwrite a device that holds a shop: restore goes into an empty install only. */
async function assertEmpty(db: TroveDb): Promise<void> {
  const state = await db.syncState.get('device');
  if (state?.token)
    throw new DomainError('device-not-empty', 'This device is paired with a shop. Restore a backup only into a fresh install.');
  for (const name of CONTENT_TABLES) {
    if ((await db.table(name).count()) > 0)
      throw new DomainError('device-not-empty', 'This device already holds shop data. Restore a backup only into a fresh install.');
  }
}

function readManifest(files: Record<string, Uint8Array>): BackupManifest {
  const raw = files['manifest.json'];
  let manifest: Partial<BackupManifest> | undefined;
  try {
    manifest = raw ? (JSON.parse(strFromU8(raw)) as Partial<BackupManifest>) : undefined;
  } catch {
    manifest = undefined;
  }
  if (manifest?.format !== DEVICE_BACKUP_FORMAT || manifest.version !== 1)
    throw new DomainError('backup-invalid', 'This file is not a Trove device backup.');
  if (manifest.schemaVersion !== SCHEMA_VERSION)
    throw new DomainError(
      'backup-version',
      `This backup was made by ${manifest.schemaVersion! < SCHEMA_VERSION ? 'an older' : 'a newer'} version of Trove (data version ${manifest.schemaVersion}, this app ${SCHEMA_VERSION}). Restore it with the same version.`,
    );
  return manifest as BackupManifest;
}

/**
 * The restored install's own sync state: a new install id (so a new HLC node and unpaired register
 * code), no token — it pairs again as a new device — the confirmed state's cursor, and mutation
 * ids that continue after any rows the original made before it was ever paired (they have no
 * origin yet and become the new device's at pairing).
 */
function restoredState(old: SyncState | undefined, outbox: OutboxRow[], random: RandomSource): SyncState {
  const fresh = freshSyncState(random);
  const unstamped = outbox.filter((r) => r.origin === undefined).map((r) => r.id);
  const hlc = old ? { ...Hlc.parse(old.hlc), node: fresh.installId } : Hlc.parse(fresh.hlc);
  return {
    ...fresh,
    hlc: Hlc.format(hlc),
    cursor: old?.cursor ?? 0,
    nextMutationId: unstamped.length > 0 ? Math.max(...unstamped) + 1 : 1,
    ...(old?.deviceName ? { deviceName: `${old.deviceName} (restored)` } : {}),
  };
}

export interface RestoreSummary {
  manifest: BackupManifest;
  /** Changes carried over, to be relayed under their original device once this one is paired. */
  carried: number;
}

export async function restoreDeviceBackup(db: TroveDb, random: RandomSource, bytes: Uint8Array): Promise<RestoreSummary> {
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes);
  } catch {
    throw new DomainError('backup-invalid', 'This file is not a Trove device backup (it is not a readable zip).');
  }
  const manifest = readManifest(files);
  const tables = new Map<string, Row[]>();
  for (const t of db.tables) {
    const raw = files[`tables/${t.name}.json`];
    const rows = raw ? (JSON.parse(strFromU8(raw)) as Row[]) : [];
    if (rows.length !== (manifest.counts[t.name] ?? 0))
      throw new DomainError(
        'backup-invalid',
        `The backup is incomplete: table ${t.name} has ${rows.length} of ${manifest.counts[t.name] ?? 0} rows.`,
      );
    tables.set(
      t.name,
      rows.map((row) => {
        const out: Row = {};
        for (const [key, value] of Object.entries(row)) {
          const ref = value !== null && typeof value === 'object' && BLOB in value ? (value as { $blob: number; type: string }) : undefined;
          if (ref) {
            const data = files[`blobs/${ref.$blob}`];
            if (!data) throw new DomainError('backup-invalid', `The backup is incomplete: photo data ${ref.$blob} is missing.`);
            out[key] = new Blob([data as Uint8Array<ArrayBuffer>], { type: ref.type });
          } else out[key] = value;
        }
        return out;
      }),
    );
  }
  const outbox = (tables.get('outbox') ?? []) as unknown as OutboxRow[];
  const state = restoredState((tables.get('syncState') ?? [])[0] as SyncState | undefined, outbox, random);
  tables.set('syncState', [state as unknown as Row]);
  await db.transaction('rw', db.tables, async () => {
    await assertEmpty(db);
    for (const t of db.tables) {
      await t.clear();
      const rows = tables.get(t.name) ?? [];
      if (rows.length > 0) await t.bulkPut(rows);
    }
  });
  return { manifest, carried: outbox.length };
}

/** Erasing this install is refused while changes wait for the server: they would be lost. */
export async function assertNothingUnsynced(db: TroveDb): Promise<void> {
  const pending = await db.outbox.count();
  if (pending > 0)
    throw new DomainError(
      'unsynced-changes',
      `${pending} ${pending === 1 ? 'change has' : 'changes have'} not reached the server yet. Sync first, or use “Export unsynced changes” and import the file on another device.`,
      { pending },
    );
}

/** Deletes this install's data (Settings → Reset this device), only when nothing is unsynced. */
export async function resetDevice(db: TroveDb): Promise<void> {
  await assertNothingUnsynced(db);
  await db.transaction('rw', db.tables, async () => {
    await assertNothingUnsynced(db);
    for (const t of db.tables) await t.clear();
  });
}
