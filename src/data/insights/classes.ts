import type { TroveDb } from '../db';
import type { ItemRecord } from '../../domain/catalog/item';
import type { CountRecord } from '../../domain/inventory/count';
import type { Rollups } from '../../domain/insights/rollups';
import type { ShopSettings } from '../../domain/settings';
import { abcClasses, countsDue, type AbcClass, type CountDue } from '../../domain/insights/abc';
import { abcInputs, itemFigures } from '../../domain/insights/report';
import { abcSettingsOf, countScheduleOf } from '../../domain/insights/shop-settings';
import { addDays } from '../../domain/insights/days';
import { shopDay } from '../../domain/insights/movements';
import { readSettings } from '../queries/settings';
import { loadRollups } from './rollups';
import { CLASSES_META as META, readClassesMeta, type ClassesMeta, type ItemClass } from '../queries/abc-classes';

export { readClassesMeta, readItemClass, readItemClasses, type ClassesMeta, type ItemClass } from '../queries/abc-classes';

/**
 * Each item's ABC class, stored on this device (table `abcClasses`, local only — never synced).
 *
 * Design (issue 9 point 2, "the class stored on each item"): the class is DERIVED — from the
 * synced sales and stock events (through the rollups) and the synced settings (thresholds, basis)
 * — so every device that holds the same data works out the same classes, and nothing needs to
 * travel: a 200,000-item catalogue re-classed after a busy week must not become a 200,000-row push.
 * It is recomputed by the Insights screen, from the rollups it opened with, when the stored classes
 * are not from today or were made with other settings (`refreshItemClasses`: at most once a day,
 * not on every open), and by the Count screen when they are older than a week or were made with
 * other settings. The period is fixed — the last 12 months to the shop's today — so the class
 * does not depend on the period someone happened to pick on the Insights screen.
 *
 * Where two devices can still disagree for a while (one has sales the other has not pulled yet), a
 * count planned by class carries the items it covers (domain/inventory/count.ts CountScope).
 */

export const CLASS_PERIOD_DAYS = 365;
/** Reused this long (days) before the Count screen works the classes out again. */
export const CLASS_MAX_AGE_DAYS = 7;

/** Works out every item's class over the last 12 months of `r` (items without sales are C). */
export function classify(
  r: Rollups,
  itemIds: readonly string[],
  today: string,
  settings: ShopSettings,
): { rows: ItemClass[]; meta: ClassesMeta } {
  const to = today < r.to ? today : r.to;
  const start = addDays(today, -(CLASS_PERIOD_DAYS - 1));
  const from = start > r.from ? start : r.from;
  const abc = abcSettingsOf(settings);
  const ranked = abcClasses(abcInputs(itemFigures(r, from, to)), abc);
  const rows: ItemClass[] = ranked.map((x) => ({
    itemId: x.itemId,
    class: x.class,
    rank: x.rank,
    value: x.value,
    shareBp: x.shareBp,
    basis: abc.by,
    day: today,
  }));
  const seen = new Set(rows.map((x) => x.itemId));
  let rank = rows.length;
  for (const id of [...itemIds].sort()) {
    if (seen.has(id)) continue;
    rows.push({ itemId: id, class: 'C', rank: ++rank, value: 0, shareBp: 0, basis: abc.by, day: today });
  }
  return { rows, meta: { itemId: META, day: today, from, to, basis: abc.by, thresholds: { ...settings.abcThresholds } } };
}

const sameClass = (a: Record<string, unknown> | undefined, b: ItemClass): boolean =>
  !!a && a['class'] === b.class && a['rank'] === b.rank && a['value'] === b.value && a['shareBp'] === b.shareBp && a['basis'] === b.basis;

/**
 * Stores the classes worked out from `r` (call it right after the rollups were built). Writes only
 * the rows that changed (a class, rank or value), drops rows of items that no longer exist, and
 * stamps when and how the classes were made — in one transaction.
 */
export async function storeItemClasses(db: TroveDb, r: Rollups, today: string, settings: ShopSettings): Promise<ClassesMeta> {
  const itemIds = (await db.items.toCollection().primaryKeys()) as string[];
  const { rows, meta } = classify(r, itemIds, today, settings);
  await db.transaction('rw', db.abcClasses, async () => {
    const stored = new Map((await db.abcClasses.toArray()).map((row) => [row.itemId, row]));
    const changed = rows.filter((row) => !sameClass(stored.get(row.itemId), row));
    const keep = new Set(rows.map((row) => row.itemId));
    const gone = [...stored.keys()].filter((id) => id !== META && !keep.has(id));
    // Rows differing only by the day are not rewritten: the meta row says when they were checked.
    if (changed.length > 0) await db.abcClasses.bulkPut(changed);
    if (gone.length > 0) await db.abcClasses.bulkDelete(gone);
    await db.abcClasses.put(meta);
  });
  return meta;
}

/** Whether the stored classes are missing, older than `maxAgeDays` (a week), or made with other ABC settings. */
export function classesOutdated(
  meta: ClassesMeta | undefined,
  today: string,
  settings: ShopSettings,
  maxAgeDays = CLASS_MAX_AGE_DAYS,
): boolean {
  if (!meta) return true;
  if (meta.day < addDays(today, -(maxAgeDays - 1)) || meta.day > today) return true;
  const t = settings.abcThresholds;
  return meta.basis !== settings.abcBasis || meta.thresholds.a !== t.a || meta.thresholds.b !== t.b || meta.thresholds.c !== t.c;
}

/** The Insights screen's: the classes stored from the rollups it opened with, unless today's are stored already (same settings). */
export async function refreshItemClasses(db: TroveDb, r: Rollups, today: string, settings: ShopSettings): Promise<ClassesMeta> {
  const meta = await readClassesMeta(db);
  if (meta && !classesOutdated(meta, today, settings, 1)) return meta;
  return storeItemClasses(db, r, today, settings);
}

/** The shop's today on this device. */
export function shopToday(now: number, timeZone: string): string {
  return shopDay(timeZone)(new Date(now).toISOString());
}

/** Stored classes, worked out again first when they are outdated (from the stored rollups; a build only when they are not complete). */
export async function ensureItemClasses(db: TroveDb, now: number): Promise<ClassesMeta> {
  const settings = await readSettings(db);
  const today = shopToday(now, settings.timeZone);
  const meta = await readClassesMeta(db);
  if (meta && !classesOutdated(meta, today, settings)) return meta;
  const r = await loadRollups(db, today, settings.timeZone);
  return storeItemClasses(db, r, today, settings);
}

/**
 * The shop day each item was last counted: the latest APPLIED count with a line for it that was
 * not skipped (counted, kept difference, or set to zero because nobody found any).
 */
export async function lastCountedDays(db: TroveDb, timeZone: string): Promise<Map<string, string>> {
  const day = shopDay(timeZone);
  const out = new Map<string, string>();
  const applied = (await db.counts.where('status').equals('applied').toArray()) as unknown as CountRecord[];
  for (const c of applied) {
    if (!c.closedAt || !c.applied) continue;
    const d = day(c.closedAt);
    for (const line of c.applied) {
      if (line.choice === 'skip') continue;
      const seen = out.get(line.itemId);
      if (!seen || d > seen) out.set(line.itemId, d);
    }
  }
  return out;
}

export type ClassDue = {
  class: AbcClass;
  /** The schedule: count every this many days. */
  everyDays: number;
  /** Countable items of the class. */
  items: number;
  /** Due or overdue (never counted included), most overdue first. */
  due: CountDue[];
  /** Of `due`, never counted at all. */
  never: number;
};

/**
 * Cycle counts by ABC class: per class, the quantity-tracked, active items not counted within the
 * class's interval (settings `countEveryDays`). Uses the stored classes as they are.
 */
export async function classCountsDue(db: TroveDb, today: string, settings: ShopSettings): Promise<ClassDue[]> {
  const [classes, items, counted] = await Promise.all([
    db.abcClasses.toArray() as Promise<unknown[]>,
    db.items.toArray() as Promise<unknown[]>,
    lastCountedDays(db, settings.timeZone),
  ]);
  const countable = new Set(
    (items as ItemRecord[]).filter((i) => i.values.tracking === 'quantity' && i.values.status !== 'archived').map((i) => i.id),
  );
  const list = (classes as ItemClass[])
    .filter((x) => x.itemId !== META && countable.has(x.itemId))
    .map((x) => ({ itemId: x.itemId, class: x.class, lastCounted: counted.get(x.itemId) ?? null }));
  const schedule = countScheduleOf(settings);
  const due = countsDue(list, today, schedule);
  return (['A', 'B', 'C'] as const).map((cls) => {
    const mine = due.filter((d) => d.class === cls);
    return {
      class: cls,
      everyDays: schedule[cls],
      items: list.filter((x) => x.class === cls).length,
      due: mine,
      never: mine.filter((d) => d.lastCounted === null).length,
    };
  });
}

/**
 * The items a count of one class covers, resolved now on this device (the count carries them, so
 * every device counts the same items): all countable items of the class, or only those due.
 */
export async function itemsOfClass(db: TroveDb, cls: AbcClass, onlyDue: boolean, today: string, settings: ShopSettings): Promise<string[]> {
  if (onlyDue) {
    const perClass = (await classCountsDue(db, today, settings)).find((c) => c.class === cls)!;
    return perClass.due.map((d) => d.itemId).sort();
  }
  const [classes, items] = await Promise.all([db.abcClasses.where('class').equals(cls).toArray(), db.items.toArray()]);
  const countable = new Set(
    (items as unknown as ItemRecord[]).filter((i) => i.values.tracking === 'quantity' && i.values.status !== 'archived').map((i) => i.id),
  );
  return classes
    .map((x) => x.itemId)
    .filter((id) => countable.has(id))
    .sort();
}
