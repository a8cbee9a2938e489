import type { ApplyCountArgs, CountLineRecord, CountScopeKind, OpenCountArgs, RecordCountArgs } from '../../domain/inventory/count';
import type { CountChoice } from '../../domain/inventory/count-rule';
import type { TroveDb } from '../db';
import type { SyncState } from '../records';
import { newId } from './ids';
import { perform, type Env } from './perform';

/** Cycle counts on the device (issue 7 point 5): each action is one mutation in one transaction. */

export interface PlanCountInput {
  name: string;
  scope: CountScopeKind;
  refId: string | null;
  locationId: string;
  blind: boolean;
  /** ABC-class counts: the class and the items it covers (resolved on this device when planned). */
  abcClass?: 'A' | 'B' | 'C';
  itemIds?: string[];
}

export async function planCount(env: Env, input: PlanCountInput): Promise<string> {
  const countId = newId(env);
  await perform(env, 'count.open', { countId, ...input } satisfies OpenCountArgs);
  return countId;
}

/** Ids this device has written under (before and after pairing). */
async function ownIds(db: TroveDb): Promise<Set<string>> {
  const state = (await db.syncState.get('device')) as SyncState | undefined;
  return new Set([state?.deviceId, state?.installId].filter((x): x is string => typeof x === 'string'));
}

/** This device's line for (zone, item) in the count, if it has one: lines are per device and zone. */
export async function ownLine(db: TroveDb, countId: string, zone: string, itemId: string): Promise<CountLineRecord | undefined> {
  const mine = await ownIds(db);
  const lines = (await db.countLines.where('countId').equals(countId).toArray()) as unknown as CountLineRecord[];
  return lines.find((l) => l.itemId === itemId && l.zone === zone && mine.has(l.deviceId));
}

export type CountEntry = { kind: 'scan' } | { kind: 'add'; quantity: number } | { kind: 'set'; quantity: number };

/**
 * Records what a counter did for an item in their zone: a scan (+1), a +1/−1 step, or a typed
 * figure (replaces the zone's figure). Returns the zone's new figure for the item.
 */
export async function recordCount(env: Env, countId: string, zone: string, itemId: string, entry: CountEntry): Promise<number> {
  const line = await ownLine(env.db, countId, zone, itemId);
  const lineId = line?.id ?? newId(env);
  await perform(env, 'count.record', { countId, lineId, zone, itemId, ...entry } as RecordCountArgs);
  const after = (await env.db.countLines.get(lineId)) as unknown as CountLineRecord | undefined;
  return after?.quantity ?? 0;
}

/** A code that matched nothing: kept on the session, never dropped. */
export async function recordUnknownCode(env: Env, countId: string, zone: string, code: string): Promise<void> {
  await perform(env, 'count.record', { kind: 'unknown', countId, zone, code: code.trim() } satisfies RecordCountArgs);
}

export interface ApplyCountInput {
  countId: string;
  /** `seen`: ids of the flagged movements the review showed (a later one opens a case on apply). */
  choices: { itemId: string; locationId: string; choice: CountChoice; seen?: string[] }[];
  zeroes: { itemId: string; locationId: string }[];
}

/** Applies the reviewed count in one mutation (the server applies the same and its result wins). */
export async function applyCount(env: Env, input: ApplyCountInput): Promise<void> {
  await perform(env, 'count.apply', {
    countId: input.countId,
    choices: input.choices,
    zeroes: input.zeroes.map((z) => ({ ...z, eventId: newId(env) })),
  } satisfies ApplyCountArgs);
}

export async function cancelCount(env: Env, countId: string): Promise<void> {
  await perform(env, 'count.cancel', { countId });
}
