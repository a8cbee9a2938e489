import type { TroveDb } from '../db';
import type { StaffRecord, StaffRole } from '../../domain/staff';

/** A staff member as screens see them: no PIN hash, only whether one is set. */
export interface StaffView {
  id: string;
  name: string;
  role: StaffRole;
  active: boolean;
  hasPin: boolean;
}

/** Every staff record with its PIN hash (for verifying a PIN; never handed to the UI). */
export async function readStaffRecords(db: TroveDb): Promise<StaffRecord[]> {
  return (await db.staff.toArray()) as unknown as StaffRecord[];
}

/** Everyone, active first, then by name. A shop has a handful of people: one read is fine. */
export async function listStaff(db: TroveDb): Promise<StaffView[]> {
  const rows = await readStaffRecords(db);
  return rows
    .map((r) => ({ id: r.id, name: r.values.name, role: r.values.role, active: r.values.active, hasPin: r.values.pin !== null }))
    .sort((a, b) => Number(b.active) - Number(a.active) || a.name.localeCompare(b.name));
}
