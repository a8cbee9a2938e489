import type { TroveDb } from './db';
import type { OutboxRow } from './records';
import { DomainError } from '../domain/errors';

/**
 * "Export unsynced changes" (issue 8 point 3): the outbox of a device that cannot reach the server
 * (broken screen, no network for days) as a file another paired device of the same shop imports and
 * pushes. Each change keeps its original (device, id), so the server applies it once, whichever
 * device delivers it first — and a second import, or the original device coming back, is a duplicate.
 */
export const UNSYNCED_FORMAT = 'trove-unsynced-changes';

export interface UnsyncedFile {
  format: typeof UNSYNCED_FORMAT;
  version: 1;
  exportedAt: string;
  deviceId: string;
  deviceName: string | null;
  changes: Omit<OutboxRow, 'seq' | 'touches'>[];
}

export async function exportUnsynced(db: TroveDb, now: number): Promise<UnsyncedFile> {
  const [state, rows] = await db.transaction('r', db.syncState, db.outbox, () =>
    Promise.all([db.syncState.get('device'), db.outbox.orderBy('seq').toArray()]),
  );
  if (rows.length === 0)
    throw new DomainError('nothing-unsynced', 'Every change on this device has reached the server: there is nothing to export.');
  if (rows.some((r) => r.origin === undefined))
    throw new DomainError(
      'never-paired',
      'Some changes were made before this device was paired, so the server cannot tell whose they are. Pair this device, or make a full backup and restore it instead.',
    );
  return {
    format: UNSYNCED_FORMAT,
    version: 1,
    exportedAt: new Date(now).toISOString(),
    deviceId: state?.deviceId ?? rows[0]!.origin!,
    deviceName: state?.deviceName ?? null,
    changes: rows.map(({ seq: _seq, touches: _touches, ...row }) => row),
  };
}

export function unsyncedFileName(file: UnsyncedFile): string {
  const who = (file.deviceName ?? 'device').replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-|-$/g, '') || 'device';
  return `trove-unsynced-${who}-${file.exportedAt.slice(0, 19).replace(/:/g, '-')}.json`;
}

export function parseUnsynced(text: string): UnsyncedFile {
  let file: Partial<UnsyncedFile> | undefined;
  try {
    file = JSON.parse(text) as Partial<UnsyncedFile>;
  } catch {
    file = undefined;
  }
  const ok =
    file?.format === UNSYNCED_FORMAT &&
    file.version === 1 &&
    Array.isArray(file.changes) &&
    file.changes.every(
      (c) =>
        typeof c?.origin === 'string' &&
        Number.isSafeInteger(c.id) &&
        c.id > 0 &&
        typeof c.name === 'string' &&
        typeof c.hlc === 'string' &&
        typeof c.occurredAt === 'string' &&
        Number.isSafeInteger(c.v),
    );
  if (!ok) throw new DomainError('unsynced-invalid', 'This file is not a Trove “unsynced changes” export.');
  return file as UnsyncedFile;
}

export interface ImportOutcome {
  /** Queued here, to be relayed under their original device at the next sync. */
  queued: number;
  /** Already on the server, or already queued on this device (an earlier import). */
  skipped: number;
}

/**
 * Queues a file's changes on this device under their original identity. `devices` is what the
 * server says about the shop's devices (GET /v1/devices): a change from a device the shop never
 * paired is refused (the server would refuse to relay it), and those the server already has
 * (id ≤ its last mutation id from that device) are skipped.
 */
export async function importUnsynced(
  db: TroveDb,
  file: UnsyncedFile,
  devices: readonly { deviceId: string; lastMutationId: number }[],
): Promise<ImportOutcome> {
  const known = new Map(devices.map((d) => [d.deviceId, d.lastMutationId]));
  const strangers = [...new Set(file.changes.map((c) => c.origin!))].filter((id) => !known.has(id));
  if (strangers.length > 0)
    throw new DomainError('unknown-device', 'These changes come from a device that was never paired with this shop’s server.', {
      strangers,
    });
  return db.transaction('rw', db.outbox, async () => {
    let queued = 0;
    let skipped = 0;
    for (const change of [...file.changes].sort((a, b) => (a.origin! < b.origin! ? -1 : a.origin! > b.origin! ? 1 : a.id - b.id))) {
      const here = await db.outbox.where('[origin+id]').equals([change.origin!, change.id]).count();
      if (here > 0 || change.id <= (known.get(change.origin!) ?? 0)) {
        skipped += 1;
        continue;
      }
      // No `touches`: nothing is replayed over this device's records; the pull after the push brings the result.
      await db.outbox.add({ ...change, touches: [] });
      queued += 1;
    }
    return { queued, skipped };
  });
}
