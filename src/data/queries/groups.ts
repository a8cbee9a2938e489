import type { CategoryRecord, CollectionRecord } from '../../domain/catalog/groups';
import type { TroveDb } from '../db';

export interface GroupView {
  id: string;
  name: string;
  code?: string;
  /** Categories: own tax rate in basis points, null = the shop's default. */
  taxRateBp?: number | null;
  seasonEnd?: string | null;
}

export async function listCategories(db: TroveDb): Promise<GroupView[]> {
  const rows = (await db.categories.toArray()) as unknown as CategoryRecord[];
  return rows
    .map((r) => ({ id: r.id, name: r.values.name, code: r.values.code, taxRateBp: r.values.taxRateBp ?? null }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

export async function listCollections(db: TroveDb): Promise<GroupView[]> {
  const rows = (await db.collections.toArray()) as unknown as CollectionRecord[];
  return rows.map((r) => ({ id: r.id, name: r.values.name, seasonEnd: r.values.seasonEnd })).sort((a, b) => a.name.localeCompare(b.name));
}
