import type { StockEvent } from './ledger';

/**
 * The counting rule of ARCHITECTURE §10 ("Counting") as one pure function.
 *
 * For each (item, location) of a count:
 * - **Zones are summed.** Every device counts its own zones; each (device, zone, item, location) is
 *   one line with a quantity and its first and last scan time. Counted = the sum of the lines.
 * - **The count takes effect at its last scan** T2 = the latest `lastScanAt` of its lines (T1 = the
 *   earliest `firstScanAt`). On hand as of T2 = the sum of the ledger events with occurredAt ≤ T2.
 * - **Flagged movements.** Every ledger event with occurredAt within [T1 − 2 min, T2 + 2 min] (other
 *   than this count's own events) is flagged; the reviewer chooses per line:
 *   - `counted` — "keep counted": the counted figure already reflects every flagged movement, so after
 *     apply the stock is the counted figure plus only the movements after the window.
 *     variance = counted − onHand(≤ T2) − Σ flagged movements after T2.
 *   - `difference` — "keep difference": the counter saw the stock before the flagged movements, so
 *     they stand on top of the counted figure: the variance is computed ignoring them and applied
 *     as a delta. variance = counted − (onHand(≤ T2) − Σ flagged movements at or before T2).
 *   With nothing flagged both give counted − onHand(≤ T2).
 * - **Not counted** (in scope, no line): not counted means not changed; it is listed as "not counted"
 *   in the review, and the reviewer may choose "count as zero" for it — then it is a line with
 *   counted 0 effective at the count's own last scan (or, if nothing at all was scanned, when
 *   the count is applied), treated like any other line.
 * - `skip` leaves a counted line unapplied (e.g. an item counted at the wrong location).
 *
 * The result depends only on the SET of lines and events, never on their order (sums, min/max and
 * sorted output): the property test in tests/domain/inventory/count-rule.test.ts checks it.
 */

/** Movements this close to a count's first or last scan are flagged for review. */
export const FLAG_WINDOW_MS = 2 * 60 * 1000;

export type CountChoice = 'counted' | 'difference' | 'skip';

/** One (device, zone, item, location) record of a count. */
export interface CountLineFigures {
  id: string;
  zone: string;
  deviceId: string;
  itemId: string;
  locationId: string;
  quantity: number;
  firstScanAt: string;
  lastScanAt: string;
}

export type LedgerMovement = Pick<StockEvent, 'id' | 'type' | 'itemId' | 'locationId' | 'quantity' | 'occurredAt'> & {
  ref?: string | null;
};

export interface CountRuleInput {
  countId: string;
  lines: readonly CountLineFigures[];
  /** Ledger events of the counted items (any order; other items' and locations' are ignored). */
  events: readonly LedgerMovement[];
  /** Per `keyOf(item, location)`; missing = 'counted'. */
  choices?: Readonly<Record<string, CountChoice>>;
  /** (item, location) pairs not counted that the reviewer counts as zero. */
  zeroes?: readonly { itemId: string; locationId: string }[];
  /** When nothing was scanned at all: the instant a "count as zero" takes effect (the apply time). */
  fallbackAt: string;
}

export interface CountOutcome {
  key: string;
  itemId: string;
  locationId: string;
  /** Summed over zones. */
  counted: number;
  zones: { zone: string; quantity: number }[];
  firstScanAt: string;
  lastScanAt: string;
  /** Ledger on hand as of the last scan. */
  onHandAtCount: number;
  /** Movements within the flag window, oldest first. */
  flagged: LedgerMovement[];
  /** The variance under each choice (equal when nothing is flagged). */
  varianceCounted: number;
  varianceDifference: number;
  choice: CountChoice;
  /** What applying writes (0 when skipped). */
  variance: number;
  /** Counted as zero by the reviewer (nobody counted it). */
  zero: boolean;
}

export const keyOf = (itemId: string, locationId: string): string => `${itemId}|${locationId}`;

/** Quantity moves only: reservations and cost corrections change availability or value, not stock. */
const moves = (e: LedgerMovement) => e.type !== 'costCorrection' && e.type !== 'reserve' && e.type !== 'release';

const ms = (iso: string) => Date.parse(iso);

/** The counting rule (see the module comment). Sorted by item, then location. */
export function countOutcomes(input: CountRuleInput): CountOutcome[] {
  const groups = new Map<string, CountLineFigures[]>();
  for (const line of input.lines) {
    const key = keyOf(line.itemId, line.locationId);
    groups.set(key, [...(groups.get(key) ?? []), line]);
  }
  const lastOfAll =
    input.lines.reduce<string | null>((t, l) => (t === null || l.lastScanAt > t ? l.lastScanAt : t), null) ?? input.fallbackAt;
  for (const z of input.zeroes ?? []) {
    const key = keyOf(z.itemId, z.locationId);
    if (groups.has(key)) continue;
    groups.set(key, [
      {
        id: '',
        zone: '',
        deviceId: '',
        itemId: z.itemId,
        locationId: z.locationId,
        quantity: 0,
        firstScanAt: lastOfAll,
        lastScanAt: lastOfAll,
      },
    ]);
  }
  const out: CountOutcome[] = [];
  for (const [key, lines] of groups) {
    const { itemId, locationId } = lines[0]!;
    const zero = lines.length === 1 && lines[0]!.id === '';
    const counted = lines.reduce((s, l) => s + l.quantity, 0);
    const byZone = new Map<string, number>();
    for (const l of lines) if (!zero) byZone.set(l.zone, (byZone.get(l.zone) ?? 0) + l.quantity);
    const firstScanAt = lines.reduce((t, l) => (l.firstScanAt < t ? l.firstScanAt : t), lines[0]!.firstScanAt);
    const lastScanAt = lines.reduce((t, l) => (l.lastScanAt > t ? l.lastScanAt : t), lines[0]!.lastScanAt);
    const t2 = ms(lastScanAt);
    const from = ms(firstScanAt) - FLAG_WINDOW_MS;
    const to = t2 + FLAG_WINDOW_MS;
    const events = input.events.filter(
      (e) => e.itemId === itemId && e.locationId === locationId && moves(e) && !(e.type === 'count' && e.ref === input.countId),
    );
    let onHandAtCount = 0;
    let flaggedBefore = 0;
    let flaggedAfter = 0;
    const flagged: LedgerMovement[] = [];
    for (const e of events) {
      const at = ms(e.occurredAt);
      if (at <= t2) onHandAtCount += e.quantity;
      if (at >= from && at <= to && e.quantity !== 0) {
        flagged.push(e);
        if (at <= t2) flaggedBefore += e.quantity;
        else flaggedAfter += e.quantity;
      }
    }
    flagged.sort((a, b) => (a.occurredAt < b.occurredAt ? -1 : a.occurredAt > b.occurredAt ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    const varianceCounted = counted - onHandAtCount - flaggedAfter;
    const varianceDifference = counted - (onHandAtCount - flaggedBefore);
    const choice = input.choices?.[key] ?? 'counted';
    const variance = choice === 'skip' ? 0 : choice === 'difference' ? varianceDifference : varianceCounted;
    out.push({
      key,
      itemId,
      locationId,
      counted,
      zones: [...byZone].map(([zone, quantity]) => ({ zone, quantity })).sort((a, b) => (a.zone < b.zone ? -1 : a.zone > b.zone ? 1 : 0)),
      firstScanAt,
      lastScanAt,
      onHandAtCount,
      flagged,
      varianceCounted,
      varianceDifference,
      choice,
      variance,
      zero,
    });
  }
  return out.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}
