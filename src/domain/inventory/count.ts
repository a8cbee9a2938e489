import * as v from 'valibot';
import { defineMutation, type RecordStore } from '../sync/mutation';
import { DomainError } from '../errors';
import { code, text, uuid } from '../catalog/fields';
import type { ItemRecord } from '../catalog/item';
import type { CaseRecord } from '../cases';
import { consumeFifo, lastCost, type Consumption } from './fifo';
import type { Lot, StockEvent } from './ledger';
import { countOutcomes, keyOf, type CountChoice, type CountLineFigures, type CountOutcome, type LedgerMovement } from './count-rule';

/**
 * Cycle counts (issue 7 point 5; ARCHITECTURE §10 "Counting"). A count is a session a manager
 * plans (`count.open`) for one location and a scope; any device — a cashier's too — joins it and
 * counts a zone (`count.record`), offline or not; a manager reviews the variances and applies them
 * in one mutation (`count.apply`) or cancels the count (`count.cancel`).
 *
 * Lines never collide: each (device, zone, item, location) is its own record, written only by the
 * device that counts that zone. A scan adds 1 to it, +1/−1 add to it, a typed figure replaces it.
 * Codes nobody recognised are kept on the session (code, zone, time), never dropped.
 *
 * Counts cover quantity-tracked items; a one-of-a-kind piece is checked on its own page (a piece is
 * sold, found or written off as itself), so recording a piece-tracked item is refused.
 */

export const COUNT_SCOPES = ['full', 'category', 'collection', 'location', 'supplier', 'abc'] as const;
export type CountScopeKind = (typeof COUNT_SCOPES)[number];

/** At most this many items in a count planned by ABC class (keeps one mutation well under a push's 1 MB). */
export const MAX_CLASS_COUNT_ITEMS = 10_000;

/**
 * What a count covers. Category, collection and supplier scopes name a group (`refId`) and every
 * device reads the group from synced catalogue data. An ABC-class count (`kind: 'abc'`) carries its
 * items instead (`itemIds`, resolved on the device that planned it): ABC classes are worked out on
 * each device from its own sales history (device-local, see data/insights/classes.ts), so two
 * devices could class an item differently for a while — the count must cover the same items
 * everywhere, so it says which.
 */
export interface CountScope {
  kind: CountScopeKind;
  refId: string | null;
  /** ABC scope only: the class it was planned for (shown), and the items it covers (sorted, unique). */
  abcClass?: 'A' | 'B' | 'C';
  itemIds?: string[];
}
export type CountStatus = 'open' | 'applied' | 'cancelled';

export interface UnknownCode {
  code: string;
  zone: string;
  at: string;
  deviceId: string;
}

/** What applying wrote, per (item, location): kept on the count for its report. */
export interface AppliedLine {
  itemId: string;
  locationId: string;
  counted: number;
  variance: number;
  choice: CountChoice;
  zero: boolean;
  /** Value of the variance: shrinkage (negative) at FIFO cost, found (positive) at last cost; null: unknown. */
  value: number | null;
  eventId: string | null;
}

export interface CountRecord {
  id: string;
  name: string;
  scope: CountScope;
  locationId: string;
  /** Expected figures hidden from the counters. */
  blind: boolean;
  status: CountStatus;
  openedAt: string;
  openedBy: string;
  closedAt: string | null;
  unknownCodes: UnknownCode[];
  applied: AppliedLine[] | null;
  [key: string]: unknown;
}

export interface CountLineRecord extends CountLineFigures {
  countId: string;
  /** How many times it was scanned or stepped (a typed figure counts as one). */
  scans: number;
  [key: string]: unknown;
}

/** A count variance as stored: like a loss (negative) or like found (positive), §10 FIFO table. */
export type CountEvent = StockEvent & {
  type: 'count';
  source: 'count';
  ref: string;
  counted: number;
  choice: CountChoice;
  cost: number | null;
  layers: Consumption['layers'];
  expense: 'shrinkage' | null;
};

const zone = v.pipe(
  v.string(),
  v.trim(),
  v.minLength(1, 'Name the zone you count, e.g. “Case 3”'),
  v.maxLength(60, 'A zone name is at most 60 characters'),
);

/** A whole number of units (whole-unit items: no fractions, no negatives). */
export const countQuantity = v.pipe(
  v.number('Enter a number'),
  v.check((q) => Number.isInteger(q), 'Count whole units: no fractions'),
  v.minValue(0, 'A count cannot be negative'),
  v.maxValue(1_000_000, 'Quantity is not realistic'),
);

export const openCountSchema = v.pipe(
  v.strictObject({
    countId: uuid('Count id'),
    name: text('Name', 80),
    scope: v.picklist(COUNT_SCOPES, 'Choose what to count'),
    refId: v.nullable(uuid('Scope')),
    locationId: uuid('Location id'),
    blind: v.boolean(),
    /** ABC scope (v2): the class, and the items it covered on the planning device. */
    abcClass: v.optional(v.picklist(['A', 'B', 'C'], 'Choose class A, B or C')),
    itemIds: v.optional(
      v.pipe(
        v.array(uuid('Item id')),
        v.minLength(1, 'No item of that class to count'),
        v.maxLength(
          MAX_CLASS_COUNT_ITEMS,
          `At most ${MAX_CLASS_COUNT_ITEMS.toLocaleString('en-US')} items in one count: plan it by category`,
        ),
      ),
    ),
  }),
  v.check(
    (a) => (a.scope === 'full' || a.scope === 'location' || a.scope === 'abc') === (a.refId === null),
    'Choose the category, collection or supplier to count',
  ),
  v.check((a) => (a.scope === 'abc') === (a.abcClass !== undefined && a.itemIds !== undefined), 'Choose the ABC class to count'),
);
export type OpenCountArgs = v.InferInput<typeof openCountSchema>;

export const recordCountSchema = v.variant('kind', [
  v.strictObject({ kind: v.literal('scan'), countId: uuid('Count id'), lineId: uuid('Line id'), zone, itemId: uuid('Item id') }),
  v.strictObject({
    kind: v.literal('add'),
    countId: uuid('Count id'),
    lineId: uuid('Line id'),
    zone,
    itemId: uuid('Item id'),
    quantity: v.pipe(
      v.number(),
      v.safeInteger('Count whole units: no fractions'),
      v.check((q) => q !== 0 && Math.abs(q) <= 1000, 'Add or take away whole units'),
    ),
  }),
  v.strictObject({
    kind: v.literal('set'),
    countId: uuid('Count id'),
    lineId: uuid('Line id'),
    zone,
    itemId: uuid('Item id'),
    quantity: countQuantity,
  }),
  v.strictObject({ kind: v.literal('unknown'), countId: uuid('Count id'), zone, code: code('Code') }),
]);
export type RecordCountArgs = v.InferInput<typeof recordCountSchema>;

export const applyCountSchema = v.strictObject({
  countId: uuid('Count id'),
  choices: v.pipe(
    v.array(
      v.strictObject({
        itemId: uuid('Item id'),
        locationId: uuid('Location id'),
        choice: v.picklist(['counted', 'difference', 'skip']),
        /** Ids of the flagged movements the reviewer saw (absent: not recorded — older app). */
        seen: v.optional(v.pipe(v.array(v.pipe(v.string(), v.maxLength(200))), v.maxLength(1_000))),
      }),
    ),
    v.maxLength(100_000),
  ),
  zeroes: v.pipe(
    v.array(v.strictObject({ itemId: uuid('Item id'), locationId: uuid('Location id'), eventId: uuid('Event id') })),
    v.maxLength(100_000),
  ),
});
export type ApplyCountArgs = v.InferInput<typeof applyCountSchema>;

async function openCount(store: RecordStore, countId: string): Promise<CountRecord> {
  const count = (await store.get('counts', countId)) as CountRecord | undefined;
  if (!count) throw new DomainError('count-not-found', 'That count does not exist', { countId });
  if (count.status !== 'open')
    throw new DomainError(
      'count-closed',
      `This count was ${count.status === 'applied' ? 'applied' : 'cancelled'}: nothing more can be counted in it`,
      {
        countId,
      },
    );
  return count;
}

async function itemOf(store: RecordStore, itemId: string): Promise<ItemRecord> {
  const item = (await store.get('items', itemId)) as ItemRecord | undefined;
  if (!item) throw new DomainError('item-not-found', 'The counted item does not exist', { itemId });
  return item;
}

export async function lotsOf(store: RecordStore, itemId: string): Promise<Lot[]> {
  const ids = await store.find('lots', 'itemId', itemId);
  return (await Promise.all(ids.map((id) => store.get('lots', id)))).filter(Boolean) as unknown as Lot[];
}

async function eventsOf(store: RecordStore, itemId: string): Promise<StockEvent[]> {
  const ids = await store.find('stockEvents', 'itemId', itemId);
  return (await Promise.all(ids.map((id) => store.get('stockEvents', id)))).filter(Boolean) as unknown as StockEvent[];
}

/**
 * The value of a variance before anything changes: units short consume the oldest layers (without
 * changing them) at FIFO cost; units over come in at the item's last cost. Null: cost not known.
 * Negative for a loss.
 */
export function varianceValue(lots: readonly Lot[], itemCost: number | null, variance: number): number | null {
  if (variance === 0) return 0;
  if (variance < 0) {
    const { consumption } = consumeFifo(lots, -variance, itemCost);
    return consumption.costUnknownQty === -variance ? null : -consumption.cost;
  }
  const cost = lastCost(lots, itemCost);
  return cost === null ? null : cost * variance;
}

/**
 * A manager plans a count: scope, location, blind or not. Idempotent by its id.
 * v2 added the ABC-class scope (`scope: 'abc'` with `abcClass` and `itemIds`); a v1 row (an outbox
 * queued before) is a valid v2 row as it is.
 */
export const openCountMutation = defineMutation({
  name: 'count.open',
  version: 2,
  restricted: true,
  tables: ['counts', 'locations'],
  schema: openCountSchema,
  upgrade: (args) => args,
  async apply(store, args, meta) {
    if (await store.get('counts', args.countId)) return;
    if (!(await store.get('locations', args.locationId)))
      throw new DomainError('location-not-found', 'The location does not exist', { locationId: args.locationId });
    const count: CountRecord = {
      id: args.countId,
      name: args.name,
      scope:
        args.scope === 'abc' && args.abcClass && args.itemIds
          ? { kind: 'abc', refId: null, abcClass: args.abcClass, itemIds: [...new Set(args.itemIds)].sort() }
          : { kind: args.scope, refId: args.refId },
      locationId: args.locationId,
      blind: args.blind,
      status: 'open',
      openedAt: meta.occurredAt,
      openedBy: meta.deviceId,
      closedAt: null,
      unknownCodes: [],
      applied: null,
    };
    await store.put('counts', count);
  },
});

/**
 * Anyone counts: a scan adds 1 to this device's line for (zone, item), +1/−1 add to it (never below
 * zero), a typed figure replaces it; the line keeps its first and last scan time. An unknown code
 * is appended to the session's list.
 */
export const recordCountMutation = defineMutation({
  name: 'count.record',
  version: 1,
  tables: ['counts', 'countLines', 'items'],
  schema: recordCountSchema,
  async apply(store, args, meta) {
    const count = await openCount(store, args.countId);
    if (args.kind === 'unknown') {
      await store.put('counts', {
        ...count,
        unknownCodes: [...count.unknownCodes, { code: args.code, zone: args.zone, at: meta.occurredAt, deviceId: meta.deviceId }],
      });
      return;
    }
    const item = await itemOf(store, args.itemId);
    if (item.values.tracking === 'piece')
      throw new DomainError('piece-tracked', `${item.values.sku} is tracked piece by piece: check its pieces on the item’s page`, {
        itemId: args.itemId,
      });
    const current = (await store.get('countLines', args.lineId)) as CountLineRecord | undefined;
    if (current && (current.countId !== args.countId || current.itemId !== args.itemId || current.zone !== args.zone))
      throw new DomainError('count-line-mismatch', 'That count line belongs to another zone or item', { lineId: args.lineId });
    const before = current?.quantity ?? 0;
    const quantity = args.kind === 'scan' ? before + 1 : args.kind === 'add' ? before + args.quantity : args.quantity;
    if (quantity < 0) throw new DomainError('count-negative', 'A count cannot go below zero', { lineId: args.lineId });
    const line: CountLineRecord = {
      id: args.lineId,
      countId: args.countId,
      zone: args.zone,
      deviceId: current?.deviceId ?? meta.deviceId,
      itemId: args.itemId,
      locationId: count.locationId,
      quantity,
      scans: (current?.scans ?? 0) + 1,
      firstScanAt: current && current.firstScanAt < meta.occurredAt ? current.firstScanAt : meta.occurredAt,
      lastScanAt: current && current.lastScanAt > meta.occurredAt ? current.lastScanAt : meta.occurredAt,
    };
    await store.put('countLines', line);
  },
});

/** The review of a count as the store holds it now: the counting rule over its lines and the ledger. */
export async function reviewFromStore(
  store: RecordStore,
  count: CountRecord,
  choices: readonly { itemId: string; locationId: string; choice: CountChoice }[],
  zeroes: readonly { itemId: string; locationId: string }[],
  fallbackAt: string,
): Promise<CountOutcome[]> {
  const lineIds = await store.find('countLines', 'countId', count.id);
  const lines = (await Promise.all(lineIds.map((id) => store.get('countLines', id)))).filter(Boolean) as unknown as CountLineRecord[];
  const itemIds = [...new Set([...lines.map((l) => l.itemId), ...zeroes.map((z) => z.itemId)])];
  const events: LedgerMovement[] = (await Promise.all(itemIds.map((id) => eventsOf(store, id)))).flat();
  return countOutcomes({
    countId: count.id,
    lines,
    events,
    choices: Object.fromEntries(choices.map((c) => [keyOf(c.itemId, c.locationId), c.choice])),
    zeroes,
    fallbackAt,
  });
}

/** Event id of a counted (item, location): its smallest line id (the same on every device and the server). */
function eventIdOf(lines: readonly CountLineRecord[], outcome: CountOutcome): string | undefined {
  return lines
    .filter((l) => l.itemId === outcome.itemId && l.locationId === outcome.locationId)
    .map((l) => l.id)
    .sort()[0];
}

/**
 * A manager applies a count with the reviewer's choices, in ONE mutation: each (item, location) with
 * a variance gets one `count` event effective at its last scan — negative consumes the oldest layers
 * (shrinkage), positive is a new layer at the last cost. The server runs the same apply over the
 * events it has ordered; its result is authoritative. Applying twice changes nothing.
 */
export const applyCountMutation = defineMutation({
  name: 'count.apply',
  version: 1,
  restricted: true,
  tables: ['counts', 'countLines', 'items', 'stockEvents', 'lots', 'cases'],
  schema: applyCountSchema,
  async apply(store, args, meta) {
    const count = (await store.get('counts', args.countId)) as CountRecord | undefined;
    if (!count) throw new DomainError('count-not-found', 'That count does not exist', { countId: args.countId });
    if (count.status === 'applied') return;
    if (count.status === 'cancelled') throw new DomainError('count-closed', 'This count was cancelled', { countId: args.countId });
    const lineIds = await store.find('countLines', 'countId', count.id);
    const lines = (await Promise.all(lineIds.map((id) => store.get('countLines', id)))).filter(Boolean) as unknown as CountLineRecord[];
    const outcomes = await reviewFromStore(store, count, args.choices, args.zeroes, meta.occurredAt);
    const zeroIds = new Map(args.zeroes.map((z) => [keyOf(z.itemId, z.locationId), z.eventId]));
    const applied: AppliedLine[] = [];
    for (const o of outcomes) {
      const item = await itemOf(store, o.itemId);
      const eventId = o.zero ? zeroIds.get(o.key) : eventIdOf(lines, o);
      const lots = await lotsOf(store, o.itemId);
      const value = item.values.tracking === 'piece' ? 0 : varianceValue(lots, item.values.cost, o.variance);
      const line: AppliedLine = {
        itemId: o.itemId,
        locationId: o.locationId,
        counted: o.counted,
        variance: o.variance,
        choice: o.choice,
        zero: o.zero,
        value,
        eventId: null,
      };
      applied.push(line);
      if (o.variance === 0 || item.values.tracking === 'piece' || !eventId || (await store.get('stockEvents', eventId))) continue;
      line.eventId = eventId;
      const base = {
        id: eventId,
        type: 'count' as const,
        itemId: o.itemId,
        pieceId: null,
        locationId: o.locationId,
        quantity: o.variance,
        occurredAt: o.lastScanAt,
        hlc: meta.hlc,
        deviceId: meta.deviceId,
        source: 'count' as const,
        ref: count.id,
        counted: o.counted,
        choice: o.choice,
      };
      if (o.variance < 0) {
        const units = -o.variance;
        const { consumption, changed } = consumeFifo(lots, units, item.values.cost);
        for (const lot of changed) await store.put('lots', lot);
        const known = units - consumption.costUnknownQty;
        const event: CountEvent = {
          ...base,
          unitCost: known === 0 ? null : Math.round(consumption.cost / known),
          cost: known === 0 ? null : consumption.cost,
          layers: consumption.layers,
          expense: 'shrinkage',
        };
        await store.put('stockEvents', event);
      } else {
        const unitCost = lastCost(lots, item.values.cost);
        const event: CountEvent = { ...base, unitCost, cost: null, layers: [], expense: null };
        await store.put('stockEvents', event);
        const lot: Lot = {
          id: eventId,
          itemId: o.itemId,
          receivedAt: o.lastScanAt,
          qtyReceived: o.variance,
          qtyRemaining: o.variance,
          unitCost,
          supplierId: null,
          purchaseOrderId: null,
          eventId,
        };
        await store.put('lots', lot);
      }
    }
    await store.put('counts', { ...count, status: 'applied', closedAt: meta.occurredAt, applied });
    const late = unseenMovements(outcomes, args.choices);
    if (late.length > 0) await store.put('cases', countFlaggedCase(count, late, meta.occurredAt));
  },
});

/**
 * Movements near a count that its reviewer never saw: they reached this ledger (the server's, or
 * a device's after a pull) only after the review — a sale from a register that was offline during
 * the count. Only lines whose choice records what was seen can tell.
 */
function unseenMovements(
  outcomes: readonly CountOutcome[],
  choices: ApplyCountArgs['choices'],
): { outcome: CountOutcome; unseen: LedgerMovement[] }[] {
  const seen = new Map(choices.flatMap((c) => (c.seen ? [[keyOf(c.itemId, c.locationId), new Set(c.seen)] as const] : [])));
  return outcomes.flatMap((outcome) => {
    const saw = seen.get(outcome.key);
    const unseen = saw ? outcome.flagged.filter((e) => !saw.has(e.id)) : [];
    return unseen.length > 0 ? [{ outcome, unseen }] : [];
  });
}

/**
 * One case per count (its id derived from the count, so every device and the server open the
 * same one): the lines and the movements the review did not show, and what was applied.
 */
function countFlaggedCase(count: CountRecord, late: { outcome: CountOutcome; unseen: LedgerMovement[] }[], openedAt: string): CaseRecord {
  const lines = late.map(({ outcome: o, unseen }) => {
    const moves = unseen.map((e) => `${e.type} ${e.quantity > 0 ? '+' : ''}${e.quantity} at ${e.occurredAt.slice(11, 16)} UTC`).join(', ');
    return `${o.itemId} (${moves}): applied ${o.choice === 'difference' ? 'keep difference' : o.choice === 'skip' ? 'nothing' : 'keep counted'} ${o.variance > 0 ? '+' : ''}${o.variance}`;
  });
  return {
    id: `count-flagged:${count.id}`,
    type: 'count-flagged',
    concerns: [`counts/${count.id}`, ...late.flatMap(({ unseen }) => unseen.map((e) => `stockEvents/${e.id}`))],
    status: 'open',
    summary: `Stock moved near the count “${count.name}” after it was reviewed (a register that was offline, most likely), so the review did not show it: ${lines.join('; ')}. Check those shelves; adjust if the count and the sale do not agree.`,
    openedAt,
  };
}

/** A manager abandons a count: nothing changes in stock; its lines stay for the record. */
export const cancelCountMutation = defineMutation({
  name: 'count.cancel',
  version: 1,
  restricted: true,
  tables: ['counts'],
  schema: v.strictObject({ countId: uuid('Count id') }),
  async apply(store, args, meta) {
    const count = (await store.get('counts', args.countId)) as CountRecord | undefined;
    if (!count) throw new DomainError('count-not-found', 'That count does not exist', { countId: args.countId });
    if (count.status === 'cancelled') return;
    if (count.status === 'applied') throw new DomainError('count-closed', 'This count was already applied', { countId: args.countId });
    await store.put('counts', { ...count, status: 'cancelled', closedAt: meta.occurredAt });
  },
});
