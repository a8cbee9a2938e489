import { matchesAll, planQuery } from '../../domain/catalog/search';
import { variantLabel } from '../../domain/catalog/variants';
import { normaliseCode } from '../../domain/catalog/sku';
import type { ItemRecord, PriceChange } from '../../domain/catalog/item';
import type { ProductRecord } from '../../domain/catalog/product';
import type { TroveDb } from '../db';
import { pieceJourney, type PieceRecord, type PieceStatus } from '../../domain/inventory/pieces';
import type { StockEvent } from '../../domain/inventory/ledger';
import { bundleAvailability, type BundleRecord } from '../../domain/catalog/bundle';

/** One line of the catalogue list, search results and the register. */
export interface ItemSummary {
  id: string;
  productId: string;
  title: string;
  variant: string;
  sku: string;
  price: number;
  onHand: number;
  photoId: string | undefined;
  tracking: 'quantity' | 'piece';
}

export const PAGE_SIZE = 50;

async function summarise(db: TroveDb, items: ItemRecord[]): Promise<ItemSummary[]> {
  const productIds = [...new Set(items.map((i) => i.productId))];
  const products = new Map(
    ((await db.products.bulkGet(productIds)) as (ProductRecord | undefined)[]).filter((p) => p !== undefined).map((p) => [p.id, p]),
  );
  const levels = await db.stockLevels
    .where('itemId')
    .anyOf(items.map((i) => i.id))
    .toArray();
  const onHand = new Map<string, number>();
  for (const l of levels) onHand.set(l['itemId'] as string, (onHand.get(l['itemId'] as string) ?? 0) + (l['onHand'] as number));
  return items.map((item) => {
    const product = products.get(item.productId);
    return {
      id: item.id,
      productId: item.productId,
      title: product?.values.title ?? '(missing product)',
      variant: variantLabel(item.values.optionValues),
      sku: item.values.sku,
      price: item.values.price,
      onHand: onHand.get(item.id) ?? 0,
      photoId: item.values.photoIds[0] ?? product?.values.photoIds[0],
      tracking: item.values.tracking,
    };
  });
}

/**
 * Search as you type (§10): scan the token index with the longest query word's prefix, keep items
 * matching every other word, one page at a time — never the whole catalogue in memory. An empty
 * query lists the newest items first (ids are time-ordered UUIDv7).
 */
export async function searchItems(db: TroveDb, query: string, page = 0): Promise<{ items: ItemSummary[]; more: boolean }> {
  const plan = planQuery(query);
  const base = plan
    ? db.items
        .where('tokens')
        .startsWith(plan.scan)
        .distinct()
        .filter((item) => matchesAll((item as unknown as ItemRecord).tokens, plan.rest))
    : db.items.reverse();
  const rows = (await base
    .offset(page * PAGE_SIZE)
    .limit(PAGE_SIZE + 1)
    .toArray()) as unknown as ItemRecord[];
  return { items: await summarise(db, rows.slice(0, PAGE_SIZE)), more: rows.length > PAGE_SIZE };
}

/** An exact SKU or barcode (what a scanner types). */
export async function findByCode(db: TroveDb, code: string): Promise<ItemSummary | undefined> {
  const normal = normaliseCode(code);
  const item = ((await db.items.where('sku').equals(normal).first()) ?? (await db.items.where('barcodes').equals(normal).first())) as
    ItemRecord | undefined;
  return item ? (await summarise(db, [item]))[0] : undefined;
}

/** The item already using `code` as SKU or barcode, other than `exceptId`. */
export async function codeOwner(db: TroveDb, code: string, exceptId?: string): Promise<ItemSummary | undefined> {
  const normal = normaliseCode(code);
  const hits = (await db.items.where('sku').equals(normal).toArray()).concat(
    await db.items.where('barcodes').equals(normal).toArray(),
  ) as unknown as ItemRecord[];
  const other = hits.find((i) => i.id !== exceptId);
  return other ? (await summarise(db, [other]))[0] : undefined;
}

export interface ItemDetail {
  item: ItemRecord;
  product: ProductRecord;
  category: string | undefined;
  collection: string | undefined;
  siblings: ItemSummary[];
  history: PriceChange[];
  levels: { locationId: string; location: string; onHand: number }[];
}

export async function readItem(db: TroveDb, id: string): Promise<ItemDetail | undefined> {
  const item = (await db.items.get(id)) as ItemRecord | undefined;
  if (!item) return undefined;
  const product = (await db.products.get(item.productId)) as ProductRecord | undefined;
  if (!product) return undefined;
  const siblings = await summarise(
    db,
    ((await db.items.bulkGet(product.itemIds)) as (ItemRecord | undefined)[]).filter((i) => i !== undefined),
  );
  const history = ((await db.priceChanges.where('itemId').equals(id).toArray()) as unknown as PriceChange[]).sort((a, b) =>
    b.at.localeCompare(a.at),
  );
  const levelRows = await db.stockLevels.where('itemId').equals(id).toArray();
  const locations = await db.locations.bulkGet(levelRows.map((l) => l['locationId'] as string));
  const levels = levelRows.map((l, i) => ({
    locationId: l['locationId'] as string,
    location: ((locations[i]?.['values'] as { name?: string } | undefined)?.name ?? 'Unknown location') as string,
    onHand: l['onHand'] as number,
  }));
  const category = product.values.categoryId
    ? ((await db.categories.get(product.values.categoryId)) as { name?: string } | undefined)?.name
    : undefined;
  const collection = product.values.collectionId
    ? ((await db.collections.get(product.values.collectionId)) as { name?: string } | undefined)?.name
    : undefined;
  return { item, product, category, collection, siblings, history, levels };
}

/** The next number for generated SKUs on this device (one more than the items it has). */
export async function nextSkuSequence(db: TroveDb): Promise<number> {
  return (await db.items.count()) + 1;
}

export interface PieceView {
  id: string;
  serial: string;
  barcode: string | null;
  cost: number | null;
  certificate: string;
  photoIds: string[];
  status: PieceStatus;
  journey: { status: PieceStatus; at: string }[];
}

/** The pieces of a piece-tracked item, each with its status journey read from the ledger. */
export async function readPieces(db: TroveDb, itemId: string): Promise<PieceView[]> {
  const pieces = (await db.pieces.where('itemId').equals(itemId).toArray()) as unknown as PieceRecord[];
  const events = (await db.stockEvents.where('itemId').equals(itemId).toArray()) as unknown as StockEvent[];
  return pieces
    .map((p) => {
      const journey = pieceJourney(events.filter((e) => e.pieceId === p.id));
      return {
        id: p.id,
        serial: p.values.serial,
        barcode: p.values.barcode,
        cost: p.values.cost,
        certificate: p.values.certificate,
        photoIds: p.values.photoIds,
        status: journey.at(-1)?.status ?? 'received',
        journey,
      };
    })
    .sort((a, b) => a.serial.localeCompare(b.serial, undefined, { numeric: true }));
}

export interface BundleView {
  components: (ItemSummary & { quantity: number })[];
  /** Sets that can be made from what is on hand now (§4: min of component on hand / quantity). */
  available: number;
}

export async function readBundle(db: TroveDb, itemId: string): Promise<BundleView | undefined> {
  const bundle = (await db.bundles.get(itemId)) as BundleRecord | undefined;
  if (!bundle) return undefined;
  const items = ((await db.items.bulkGet(bundle.components.map((c) => c.itemId))) as (ItemRecord | undefined)[]).filter(
    (i) => i !== undefined,
  );
  const summaries = new Map((await summarise(db, items)).map((s) => [s.id, s]));
  const components = bundle.components.flatMap((c) => {
    const s = summaries.get(c.itemId);
    return s ? [{ ...s, quantity: c.quantity }] : [];
  });
  return { components, available: bundleAvailability(bundle.components, (id) => summaries.get(id)?.onHand ?? 0) };
}
