import { appEnv } from '../data/env';
import { Live } from '../data/live.svelte';
import type { Env } from '../data/commands/perform';
import { planCount } from '../data/commands/counts';
import { readSettings } from '../data/queries/settings';
import {
  classCountsDue,
  ensureItemClasses,
  itemsOfClass,
  readClassesMeta,
  shopToday,
  type ClassDue,
  type ClassesMeta,
} from '../data/insights/classes';
import type { AbcClass } from '../domain/insights/abc';
import { DomainError } from '../domain/errors';
import { MAX_CLASS_COUNT_ITEMS } from '../domain/inventory/count';

/**
 * Cycle counts by ABC class on the Count screen (issue 9 point 2): what is due per class, and
 * planning a count of one class. Made when the Count screen opens (not in the first download).
 */
export class ClassCountsState {
  /** Per class: items, due and overdue (null until the classes exist on this device). */
  readonly due: Live<{ meta: ClassesMeta; classes: ClassDue[] } | null>;
  /** Working out the classes (a rollup build) is under way. */
  working = $state(false);

  constructor(private readonly env: Env = appEnv()) {
    this.due = new Live(async () => {
      const meta = await readClassesMeta(env.db);
      if (!meta) return null;
      const settings = await readSettings(env.db);
      return { meta, classes: await classCountsDue(env.db, shopToday(env.clock.now(), settings.timeZone), settings) };
    }, null);
  }

  /** Works the classes out when they are missing, older than a week or made with other settings. */
  async ensure(): Promise<void> {
    this.working = true;
    try {
      await ensureItemClasses(this.env.db, this.env.clock.now());
    } finally {
      this.working = false;
    }
  }

  /** The items a count of `cls` would cover now (all of the class, or only the ones due). */
  async itemsFor(cls: AbcClass, onlyDue: boolean): Promise<string[]> {
    await this.ensure();
    const settings = await readSettings(this.env.db);
    return itemsOfClass(this.env.db, cls, onlyDue, shopToday(this.env.clock.now(), settings.timeZone), settings);
  }

  /** Plans a count of one class at a location: the count carries the items resolved here and now. */
  async plan(input: { name: string; abcClass: AbcClass; onlyDue: boolean; locationId: string; blind: boolean }): Promise<string> {
    const itemIds = await this.itemsFor(input.abcClass, input.onlyDue);
    if (itemIds.length === 0)
      throw new DomainError(
        'count-empty',
        input.onlyDue ? `No class ${input.abcClass} item is due for a count` : `No item is in class ${input.abcClass}`,
        {},
      );
    if (itemIds.length > MAX_CLASS_COUNT_ITEMS)
      throw new DomainError(
        'count-too-large',
        `Class ${input.abcClass} has ${itemIds.length} items to count — more than ${MAX_CLASS_COUNT_ITEMS} in one count. Plan it by category instead.`,
        {},
      );
    return planCount(this.env, {
      name: input.name,
      scope: 'abc',
      refId: null,
      locationId: input.locationId,
      blind: input.blind,
      abcClass: input.abcClass,
      itemIds,
    });
  }
}
