import type { TroveDb } from '../db';
import type { LocationRecord } from '../../domain/locations';

export interface LocationView {
  id: string;
  name: string;
  kind: string;
  archived: boolean;
}

export async function listLocations(db: TroveDb): Promise<LocationView[]> {
  const rows = (await db.locations.toArray()) as unknown as LocationRecord[];
  return rows.map((r) => ({ id: r.id, ...r.values })).sort((a, b) => a.name.localeCompare(b.name));
}
