import type { TroveDb } from '../db';
import type { AbcClass } from '../../domain/insights/abc';

/**
 * Reading the ABC classes stored on this device (table `abcClasses`, local only; written by
 * data/insights/classes.ts when the Insights rollups are built). Kept apart from the writer so the
 * Stock and Catalogue screens can show a class without loading the rollup code.
 */

/** Key of the row saying when and how the classes were worked out. */
export const CLASSES_META = '';

export type ItemClass = {
  itemId: string;
  class: AbcClass;
  /** Rank by value (1 = best); items with nothing in the period share the last ranks. */
  rank: number;
  /** Revenue or margin over the period (minor units). */
  value: number;
  shareBp: number;
  basis: 'revenue' | 'margin';
  /** The shop's day the class was worked out on. */
  day: string;
};

export type ClassesMeta = {
  itemId: typeof CLASSES_META;
  day: string;
  from: string;
  to: string;
  basis: 'revenue' | 'margin';
  thresholds: { a: number; b: number; c: number };
};

/** The stored class of one item (undefined: never worked out on this device). */
export async function readItemClass(db: TroveDb, itemId: string): Promise<ItemClass | undefined> {
  if (itemId === CLASSES_META) return undefined;
  return (await db.abcClasses.get(itemId)) as ItemClass | undefined;
}

/** The stored classes of these items (the catalogue list's page): absent ones are not in the map. */
export async function readItemClasses(db: TroveDb, itemIds: readonly string[]): Promise<Map<string, AbcClass>> {
  const rows = (await db.abcClasses.bulkGet([...itemIds])) as (ItemClass | undefined)[];
  return new Map(rows.filter((x): x is ItemClass => !!x && x.itemId !== CLASSES_META).map((x) => [x.itemId, x.class]));
}

export async function readClassesMeta(db: TroveDb): Promise<ClassesMeta | undefined> {
  return (await db.abcClasses.get(CLASSES_META)) as ClassesMeta | undefined;
}
