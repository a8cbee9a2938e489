import { appEnv } from '../data/env';
import { Live } from '../data/live.svelte';
import type { Env } from '../data/commands/perform';
import {
  applyCount,
  cancelCount,
  planCount,
  recordCount,
  recordUnknownCode,
  type ApplyCountInput,
  type CountEntry,
  type PlanCountInput,
} from '../data/commands/counts';
import {
  countWarning,
  listCounts,
  matchCode,
  readCount,
  readZone,
  reviewCount,
  type CountReview,
  type CountSummary,
  type ZoneLine,
} from '../data/queries/counts';
import { listSuppliers, type SupplierView } from '../data/queries/suppliers';
import type { CountRecord } from '../domain/inventory/count';
import type { CountChoice } from '../domain/inventory/count-rule';
import { isDomainError } from '../domain/errors';

/**
 * How long a tag must be out of the camera's view before it counts again (FrameDeduper). Longer than
 * the register's 600 ms so a slow phone that decodes a steady tag only every 0.7 s never counts it
 * twice; short enough that a tag taken away for a second and shown again counts again.
 */
export const COUNT_GONE_AFTER_MS = 800;

/** What happened to a scanned or typed code during a count. */
export type CountRead =
  | { kind: 'counted'; itemId: string; title: string; sku: string; zone: number; warning: string | null }
  | { kind: 'unknown'; code: string }
  | { kind: 'refused'; message: string };

/**
 * Turns what a counter typed into a whole, non-negative figure, or says why it is not one
 * (whole-unit items: no fractions, no negatives).
 */
export function parseCountFigure(text: string): { ok: true; value: number } | { ok: false; message: string } {
  const trimmed = text.trim().replace(',', '.');
  if (trimmed === '') return { ok: false, message: 'Enter how many you counted' };
  const value = Number(trimmed);
  if (!Number.isFinite(value)) return { ok: false, message: `“${text.trim()}” is not a number` };
  if (value < 0) return { ok: false, message: 'A count cannot be negative' };
  if (!Number.isInteger(value)) return { ok: false, message: `Count whole units: ${trimmed} is not a whole number` };
  if (value > 1_000_000) return { ok: false, message: 'That is not a realistic count' };
  return { ok: true, value };
}

/** The Count screen's state (made when the screen opens, so none of it is in the first download). */
export class CountState {
  readonly list: Live<CountSummary[]>;
  readonly suppliers: Live<SupplierView[]>;

  constructor(private readonly env: Env = appEnv()) {
    this.list = new Live(() => listCounts(env.db), []);
    this.suppliers = new Live(() => listSuppliers(env.db), []);
  }

  count(id: string): Live<CountSummary | undefined> {
    return new Live(() => readCount(this.env.db, id), undefined);
  }

  zone(countId: string, zone: string): Live<ZoneLine[]> {
    return new Live(() => readZone(this.env.db, countId, zone), []);
  }

  /** The review with these choices (a new one per change of choices; it follows the database live). */
  review(
    countId: string,
    choices: { itemId: string; locationId: string; choice: CountChoice }[],
    zeroes: { itemId: string; locationId: string }[],
  ): Live<CountReview | undefined> {
    const now = () => new Date(this.env.clock.now()).toISOString(); // eslint-disable-line svelte/prefer-svelte-reactivity -- a timestamp, not state
    return new Live(() => reviewCount(this.env.db, countId, choices, zeroes, now()), undefined);
  }

  plan(input: PlanCountInput): Promise<string> {
    return planCount(this.env, input);
  }

  /** A code from the camera, a wedge scanner or the code field: counts the item, or keeps the unknown code. */
  async read(countId: string, zone: string, code: string): Promise<CountRead> {
    const match = await matchCode(this.env.db, code);
    try {
      if (match.kind === 'unknown') {
        await recordUnknownCode(this.env, countId, zone, match.code);
        return match;
      }
      if (match.tracking === 'piece')
        return { kind: 'refused', message: `${match.sku} is tracked piece by piece: check its pieces on the item’s page` };
      return this.step(countId, zone, match.itemId, { kind: 'scan' });
    } catch (e) {
      if (isDomainError(e)) return { kind: 'refused', message: e.message };
      throw e;
    }
  }

  /** +1, −1 or a typed figure for an item in this zone. */
  async step(countId: string, zone: string, itemId: string, entry: CountEntry): Promise<CountRead> {
    try {
      const figure = await recordCount(this.env, countId, zone, itemId, entry);
      const count = (await this.env.db.counts.get(countId)) as unknown as CountRecord;
      const match = (await readZone(this.env.db, countId, zone)).find((l) => l.itemId === itemId);
      return {
        kind: 'counted',
        itemId,
        title: match?.title ?? '',
        sku: match?.sku ?? '',
        zone: figure,
        warning: await countWarning(this.env.db, count, itemId),
      };
    } catch (e) {
      if (isDomainError(e)) return { kind: 'refused', message: e.message };
      throw e;
    }
  }

  apply(input: ApplyCountInput): Promise<void> {
    return applyCount(this.env, input);
  }

  cancel(countId: string): Promise<void> {
    return cancelCount(this.env, countId);
  }
}
