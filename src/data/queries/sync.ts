import type { TroveDb } from '../db';
import type { SyncState } from '../records';
import type { CaseRecord } from '../../domain/cases';

/** What Settings shows about sync (the token never leaves the data layer through here). */
export interface SyncView {
  paired: boolean;
  deviceId?: string;
  deviceName?: string;
  registerCode?: string;
  role?: 'owner' | 'staff';
  lastSyncAt?: string;
  lastError?: string;
  pending: number;
  /** Server clock minus this device's at the last pull (ms). */
  clockOffsetMs?: number;
}

export async function readSyncView(db: TroveDb): Promise<SyncView> {
  const [state, pending] = await Promise.all([db.syncState.get('device'), db.outbox.count()]);
  const s: Partial<SyncState> = state ?? {};
  return {
    paired: Boolean(s.token),
    deviceId: s.deviceId,
    deviceName: s.deviceName,
    registerCode: s.registerCode,
    role: s.role,
    lastSyncAt: s.lastSyncAt,
    lastError: s.lastError,
    pending,
    clockOffsetMs: s.clockOffsetMs,
  };
}

export async function readToken(db: TroveDb): Promise<string | undefined> {
  return (await db.syncState.get('device'))?.token;
}

export async function openCases(db: TroveDb): Promise<CaseRecord[]> {
  const rows = (await db.cases.where('status').equals('open').toArray()) as unknown as CaseRecord[];
  return rows.sort((a, b) => a.openedAt.localeCompare(b.openedAt));
}
