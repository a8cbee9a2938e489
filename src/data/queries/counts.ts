import type { TroveDb } from '../db';
import { dexieStore } from '../commands/write-env';
import { normaliseCode } from '../../domain/catalog/sku';
import { variantLabel } from '../../domain/catalog/variants';
import type { ItemRecord } from '../../domain/catalog/item';
import type { ProductRecord } from '../../domain/catalog/product';
import type { LocationRecord } from '../../domain/locations';
import type { Lot } from '../../domain/inventory/ledger';
import {
  reviewFromStore,
  varianceValue,
  type CountLineRecord,
  type CountRecord,
  type CountScopeKind,
  type UnknownCode,
} from '../../domain/inventory/count';
import { keyOf, type CountChoice, type CountOutcome } from '../../domain/inventory/count-rule';

/** Read side of the Count screen: sessions, a zone's running totals, warnings, the review. */

export interface CountSummary {
  id: string;
  name: string;
  status: CountRecord['status'];
  scope: CountScopeKind;
  scopeLabel: string;
  locationId: string;
  location: string;
  blind: boolean;
  openedAt: string;
  closedAt: string | null;
  zones: string[];
  lines: number;
  unknownCodes: UnknownCode[];
}

const SCOPE_WORDS: Record<CountScopeKind, string> = {
  full: 'Full count',
  category: 'Category',
  collection: 'Collection',
  supplier: 'Supplier',
  location: 'Everything at the location',
  abc: 'ABC class',
};

/** Item sets of ABC-class counts, by count (a count's scope never changes once planned). */
const classItems = new WeakMap<CountRecord, Set<string>>();
function itemsOfScope(count: CountRecord): Set<string> {
  let set = classItems.get(count);
  if (!set) classItems.set(count, (set = new Set(count.scope.itemIds ?? [])));
  return set;
}

function scopeLabelOf(count: CountRecord, group: string): string {
  if (count.scope.kind === 'abc') {
    const n = count.scope.itemIds?.length ?? 0;
    return `ABC class ${count.scope.abcClass ?? '?'} · ${n} ${n === 1 ? 'item' : 'items'}`;
  }
  return group ? `${SCOPE_WORDS[count.scope.kind]}: ${group}` : SCOPE_WORDS[count.scope.kind];
}

async function groupName(db: TroveDb, kind: CountScopeKind, refId: string | null): Promise<string> {
  if (!refId) return '';
  const table = kind === 'category' ? db.categories : kind === 'collection' ? db.collections : kind === 'supplier' ? db.suppliers : null;
  const row = table ? ((await table.get(refId)) as { values?: { name?: string }; name?: string } | undefined) : undefined;
  return row?.values?.name ?? row?.name ?? 'unknown';
}

async function locationName(db: TroveDb, id: string): Promise<string> {
  return ((await db.locations.get(id)) as unknown as LocationRecord | undefined)?.values.name ?? 'Unknown location';
}

async function summarise(db: TroveDb, count: CountRecord): Promise<CountSummary> {
  const lines = (await db.countLines.where('countId').equals(count.id).toArray()) as unknown as CountLineRecord[];
  const group = await groupName(db, count.scope.kind, count.scope.refId);
  return {
    id: count.id,
    name: count.name,
    status: count.status,
    scope: count.scope.kind,
    scopeLabel: scopeLabelOf(count, group),
    locationId: count.locationId,
    location: await locationName(db, count.locationId),
    blind: count.blind,
    openedAt: count.openedAt,
    closedAt: count.closedAt,
    zones: [...new Set(lines.map((l) => l.zone))].sort((a, b) => a.localeCompare(b)),
    lines: lines.length,
    unknownCodes: count.unknownCodes ?? [],
  };
}

/** Open counts first (newest first), then the ten most recently closed. */
export async function listCounts(db: TroveDb): Promise<CountSummary[]> {
  const all = (await db.counts.toArray()) as unknown as CountRecord[];
  const open = all.filter((c) => c.status === 'open').sort((a, b) => b.openedAt.localeCompare(a.openedAt));
  const closed = all
    .filter((c) => c.status !== 'open')
    .sort((a, b) => (b.closedAt ?? '').localeCompare(a.closedAt ?? ''))
    .slice(0, 10);
  return Promise.all([...open, ...closed].map((c) => summarise(db, c)));
}

export async function readCount(db: TroveDb, countId: string): Promise<CountSummary | undefined> {
  const count = (await db.counts.get(countId)) as unknown as CountRecord | undefined;
  return count ? summarise(db, count) : undefined;
}

interface ItemInfo {
  itemId: string;
  title: string;
  sku: string;
  tracking: 'quantity' | 'piece';
}

async function itemInfos(
  db: TroveDb,
  ids: readonly string[],
): Promise<Map<string, ItemInfo & { item: ItemRecord; product: ProductRecord | undefined }>> {
  const items = ((await db.items.bulkGet([...ids])) as unknown as (ItemRecord | undefined)[]).filter(
    (i): i is ItemRecord => i !== undefined,
  );
  const products = new Map(
    ((await db.products.bulkGet([...new Set(items.map((i) => i.productId))])) as unknown as (ProductRecord | undefined)[])
      .filter((p): p is ProductRecord => p !== undefined)
      .map((p) => [p.id, p]),
  );
  return new Map(
    items.map((item) => {
      const product = products.get(item.productId);
      const variant = variantLabel(item.values.optionValues);
      const title = `${product?.values.title ?? '(missing product)'}${variant ? ` · ${variant}` : ''}`;
      return [item.id, { itemId: item.id, title, sku: item.values.sku, tracking: item.values.tracking, item, product }];
    }),
  );
}

/** Whether an item belongs to the count's scope (categories and collections are the product's). */
function inScope(count: CountRecord, item: ItemRecord, product: ProductRecord | undefined, onHandHere: number): boolean {
  switch (count.scope.kind) {
    case 'full':
      return true;
    case 'location':
      return onHandHere !== 0;
    case 'category':
      return product?.values.categoryId === count.scope.refId;
    case 'collection':
      return product?.values.collectionId === count.scope.refId;
    case 'supplier':
      return item.values.supplierId === count.scope.refId;
    case 'abc':
      // The items the planning device resolved for the class (carried by the count).
      return itemsOfScope(count).has(item.id);
  }
}

async function levelsOf(db: TroveDb, itemId: string): Promise<Map<string, number>> {
  const rows = await db.stockLevels.where('itemId').equals(itemId).toArray();
  return new Map(rows.map((r) => [r['locationId'] as string, r['onHand'] as number]));
}

/**
 * What a counter should be told about counting this item here: it is not in the count's scope, or
 * the ledger has its stock at another location (counting it at the wrong place). Null: fine.
 */
export async function countWarning(db: TroveDb, count: CountRecord, itemId: string): Promise<string | null> {
  const info = (await itemInfos(db, [itemId])).get(itemId);
  if (!info) return null;
  const levels = await levelsOf(db, itemId);
  const here = levels.get(count.locationId) ?? 0;
  const elsewhere = [...levels].filter(([id, n]) => id !== count.locationId && n > 0);
  if (here <= 0 && elsewhere.length > 0) {
    const names = await Promise.all(elsewhere.map(async ([id, n]) => `${await locationName(db, id)} (${n})`));
    return `Wrong location? The records have ${info.sku} at ${names.join(', ')}, not at ${await locationName(db, count.locationId)}`;
  }
  if (!inScope(count, info.item, info.product, here))
    return `${info.sku} is not part of this count (${(await summarise(db, count)).scopeLabel})`;
  return null;
}

export type CodeMatch =
  { kind: 'item'; itemId: string; title: string; sku: string; tracking: 'quantity' | 'piece' } | { kind: 'unknown'; code: string };

/** What a scanned or typed code is: an item (by SKU or barcode) or unknown. */
export async function matchCode(db: TroveDb, code: string): Promise<CodeMatch> {
  const normal = normaliseCode(code);
  const item = ((await db.items.where('sku').equals(normal).first()) ??
    (await db.items.where('barcodes').equals(normal).first())) as unknown as ItemRecord | undefined;
  if (!item) return { kind: 'unknown', code: code.trim() };
  const info = (await itemInfos(db, [item.id])).get(item.id)!;
  return { kind: 'item', itemId: item.id, title: info.title, sku: info.sku, tracking: info.tracking };
}

export interface ZoneLine {
  itemId: string;
  title: string;
  sku: string;
  /** This device's figure in this zone. */
  zone: number;
  /** Summed over every zone and device this device has seen. */
  total: number;
  /** On hand here per the ledger (the screen hides it in blind mode). */
  expected: number;
  firstScanAt: string;
  warning: string | null;
}

/**
 * The running totals of a zone as this device counts it, newest item first. Ordered by each line's
 * FIRST scan, so a row never moves under a finger when its item is scanned again.
 */
export async function readZone(db: TroveDb, countId: string, zone: string): Promise<ZoneLine[]> {
  const count = (await db.counts.get(countId)) as unknown as CountRecord | undefined;
  if (!count) return [];
  const lines = (await db.countLines.where('countId').equals(countId).toArray()) as unknown as CountLineRecord[];
  const state = await db.syncState.get('device');
  const mine = new Set([state?.deviceId, state?.installId].filter(Boolean));
  const zoneLines = lines.filter((l) => l.zone === zone && mine.has(l.deviceId));
  const infos = await itemInfos(
    db,
    zoneLines.map((l) => l.itemId),
  );
  const out: ZoneLine[] = [];
  for (const l of zoneLines) {
    const info = infos.get(l.itemId);
    out.push({
      itemId: l.itemId,
      title: info?.title ?? '(missing item)',
      sku: info?.sku ?? '',
      zone: l.quantity,
      total: lines.filter((o) => o.itemId === l.itemId && o.locationId === l.locationId).reduce((s, o) => s + o.quantity, 0),
      expected: (await levelsOf(db, l.itemId)).get(count.locationId) ?? 0,
      firstScanAt: l.firstScanAt,
      warning: await countWarning(db, count, l.itemId),
    });
  }
  return out.sort((a, b) => b.firstScanAt.localeCompare(a.firstScanAt) || a.sku.localeCompare(b.sku));
}

export interface ReviewLine extends Omit<CountOutcome, 'flagged'> {
  title: string;
  sku: string;
  /** On hand now per the ledger (before applying). */
  onHandNow: number;
  /** Value of the variance to be applied (negative: shrinkage); null: cost not known. */
  value: number | null;
  flagged: { id: string; type: string; quantity: number; occurredAt: string }[];
  warning: string | null;
}

export interface NotCounted {
  itemId: string;
  locationId: string;
  title: string;
  sku: string;
  onHand: number;
}

export interface CountReview {
  count: CountSummary;
  lines: ReviewLine[];
  notCounted: NotCounted[];
  totals: { units: number; value: number; short: number; over: number; unknownValue: number };
}

/**
 * The review before anything changes: the counting rule over this device's lines and ledger with
 * the reviewer's choices, each variance valued (FIFO cost for a loss, last cost for found), the
 * flagged movements, warnings, and the items in scope nobody counted.
 */
export async function reviewCount(
  db: TroveDb,
  countId: string,
  choices: readonly { itemId: string; locationId: string; choice: CountChoice }[],
  zeroes: readonly { itemId: string; locationId: string }[],
  now: string,
): Promise<CountReview | undefined> {
  const record = (await db.counts.get(countId)) as unknown as CountRecord | undefined;
  if (!record) return undefined;
  const outcomes = await reviewFromStore(dexieStore(db), record, choices, zeroes, now);
  const counted = new Set(outcomes.filter((o) => !o.zero).map((o) => o.key));
  // Items in scope at the count's location nobody counted.
  const allItems = (await db.items.toArray()) as unknown as ItemRecord[];
  const candidates = allItems.filter((i) => i.values.tracking === 'quantity' && i.values.status !== 'archived');
  const infos = await itemInfos(db, [...new Set([...candidates.map((i) => i.id), ...outcomes.map((o) => o.itemId)])]);
  const here = new Map(
    (await db.stockLevels.where('locationId').equals(record.locationId).toArray()).map((r) => [
      r['itemId'] as string,
      r['onHand'] as number,
    ]),
  );
  const notCounted: NotCounted[] = [];
  for (const item of candidates) {
    const info = infos.get(item.id)!;
    if (counted.has(keyOf(item.id, record.locationId))) continue;
    if (!inScope(record, item, info.product, here.get(item.id) ?? 0)) continue;
    notCounted.push({ itemId: item.id, locationId: record.locationId, title: info.title, sku: info.sku, onHand: here.get(item.id) ?? 0 });
  }
  notCounted.sort((a, b) => a.sku.localeCompare(b.sku));
  const lines: ReviewLine[] = [];
  for (const o of outcomes) {
    const info = infos.get(o.itemId);
    const lots = (await db.lots.where('itemId').equals(o.itemId).toArray()) as unknown as Lot[];
    lines.push({
      ...o,
      title: info?.title ?? '(missing item)',
      sku: info?.sku ?? '',
      onHandNow: (await levelsOf(db, o.itemId)).get(o.locationId) ?? 0,
      value: info?.tracking === 'piece' ? 0 : varianceValue(lots, info?.item.values.cost ?? null, o.variance),
      flagged: o.flagged.map((e) => ({ id: e.id, type: e.type, quantity: e.quantity, occurredAt: e.occurredAt })),
      warning: o.zero ? null : await countWarning(db, record, o.itemId),
    });
  }
  lines.sort((a, b) => a.sku.localeCompare(b.sku));
  const totals = { units: 0, value: 0, short: 0, over: 0, unknownValue: 0 };
  for (const l of lines) {
    totals.units += l.variance;
    if (l.variance < 0) totals.short += -l.variance;
    if (l.variance > 0) totals.over += l.variance;
    if (l.value === null) totals.unknownValue += 1;
    else totals.value += l.value;
  }
  return { count: await summarise(db, record), lines, notCounted, totals };
}
