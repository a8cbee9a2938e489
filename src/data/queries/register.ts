import { normaliseCode } from '../../domain/catalog/sku';
import { variantLabel } from '../../domain/catalog/variants';
import { pieceJourney, type PieceRecord } from '../../domain/inventory/pieces';
import { settingsOf, SETTINGS_ID } from '../../domain/settings';
import type { ItemRecord } from '../../domain/catalog/item';
import type { ProductRecord } from '../../domain/catalog/product';
import type { BundleRecord } from '../../domain/catalog/bundle';
import type { CategoryRecord } from '../../domain/catalog/groups';
import type { StockEvent } from '../../domain/inventory/ledger';
import type { SaleRecord, ShiftRecord } from '../../domain/sale/types';
import type { TroveDb } from '../db';

/** Everything the register needs to put an item (or one piece of it) on a cart line. */
export interface CartCandidate {
  itemId: string;
  pieceId: string | null;
  /** Product title with the variant, as the receipt will show it. */
  title: string;
  sku: string;
  serial: string | null;
  unitPrice: number;
  taxRateBp: number;
  tracking: 'quantity' | 'piece';
  /** A gift set's components (list prices for the split); empty otherwise. */
  components: { itemId: string; quantity: number; listPrice: number }[];
  /** Units on hand at any location (sets: how many can be made). */
  onHand: number;
  status: 'active' | 'archived';
}

export type Lookup =
  | { kind: 'found'; candidate: CartCandidate }
  | { kind: 'unknown'; code: string }
  /** A piece-tracked item with no piece left to sell (or the scanned piece is sold). */
  | { kind: 'unavailable'; code: string; title: string; reason: string };

async function onHandOf(db: TroveDb, itemIds: string[]): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  for (const l of await db.stockLevels.where('itemId').anyOf(itemIds).toArray())
    out.set(l['itemId'] as string, (out.get(l['itemId'] as string) ?? 0) + (l['onHand'] as number));
  return out;
}

async function taxRateOf(db: TroveDb, product: ProductRecord | undefined): Promise<number> {
  const settings = settingsOf(await db.settings.get(SETTINGS_ID));
  const categoryId = product?.values.categoryId;
  const category = categoryId ? ((await db.categories.get(categoryId)) as CategoryRecord | undefined) : undefined;
  return category?.values.taxRateBp ?? settings.taxRateBp;
}

/** Pieces of an item that are in stock now (their ledger says so), oldest serial first. */
async function piecesInStock(db: TroveDb, itemId: string): Promise<PieceRecord[]> {
  const pieces = (await db.pieces.where('itemId').equals(itemId).toArray()) as unknown as PieceRecord[];
  const events = (await db.stockEvents.where('itemId').equals(itemId).toArray()) as unknown as StockEvent[];
  return pieces
    .filter((p) => pieceJourney(events.filter((e) => e.pieceId === p.id)).at(-1)?.status === 'in-stock')
    .sort((a, b) => a.values.serial.localeCompare(b.values.serial, undefined, { numeric: true }));
}

/** An item (or one piece of it) as a cart candidate; `exclude` = pieces already in the cart. */
export async function candidateFor(
  db: TroveDb,
  itemId: string,
  pieceId: string | null = null,
  exclude: readonly string[] = [],
): Promise<Lookup> {
  const item = (await db.items.get(itemId)) as ItemRecord | undefined;
  if (!item) return { kind: 'unknown', code: itemId };
  const product = (await db.products.get(item.productId)) as ProductRecord | undefined;
  const variant = variantLabel(item.values.optionValues);
  const title = [product?.values.title ?? item.values.sku, variant].filter(Boolean).join(' — ');
  let piece: PieceRecord | undefined;
  if (item.values.tracking === 'piece') {
    const inStock = (await piecesInStock(db, itemId)).filter((p) => !exclude.includes(p.id));
    piece = pieceId ? inStock.find((p) => p.id === pieceId) : inStock[0];
    if (!piece) {
      const reason = pieceId
        ? exclude.includes(pieceId)
          ? 'This piece is already in the cart'
          : 'This piece is not in stock (sold or written off)'
        : 'No piece of this item is in stock';
      return { kind: 'unavailable', code: item.values.sku, title, reason };
    }
  }
  const bundle = (await db.bundles.get(itemId)) as BundleRecord | undefined;
  const componentItems = bundle ? ((await db.items.bulkGet(bundle.components.map((c) => c.itemId))) as (ItemRecord | undefined)[]) : [];
  const components = (bundle?.components ?? []).map((c, i) => ({
    itemId: c.itemId,
    quantity: c.quantity,
    listPrice: componentItems[i]?.values.price ?? 0,
  }));
  const levels = await onHandOf(db, [itemId, ...components.map((c) => c.itemId)]);
  const onHand = bundle
    ? Math.max(0, Math.min(...components.map((c) => Math.floor((levels.get(c.itemId) ?? 0) / c.quantity))))
    : (levels.get(itemId) ?? 0);
  return {
    kind: 'found',
    candidate: {
      itemId,
      pieceId: piece?.id ?? null,
      title,
      sku: item.values.sku,
      serial: piece?.values.serial ?? null,
      unitPrice: item.values.price,
      taxRateBp: await taxRateOf(db, product),
      tracking: item.values.tracking,
      components,
      onHand,
      status: item.values.status,
    },
  };
}

/** What a scanner or a typed code finds: a piece by its barcode or serial, else an item by SKU or barcode. */
export async function lookupCode(db: TroveDb, code: string, exclude: readonly string[] = []): Promise<Lookup> {
  const normal = normaliseCode(code);
  if (!normal) return { kind: 'unknown', code };
  const piece = ((await db.pieces.where('barcode').equals(normal).first()) ?? (await db.pieces.where('serial').equals(normal).first())) as
    PieceRecord | undefined;
  if (piece) return candidateFor(db, piece.itemId, piece.id, exclude);
  const item = ((await db.items.where('sku').equals(normal).first()) ?? (await db.items.where('barcodes').equals(normal).first())) as
    ItemRecord | undefined;
  if (!item) return { kind: 'unknown', code: code.trim() };
  return candidateFor(db, item.id, null, exclude);
}

/** Favourite tiles: active items tagged "favourite" (on the item or its product) in the catalogue, up to 12. */
export async function favourites(db: TroveDb): Promise<{ itemId: string; title: string; price: number }[]> {
  const candidates = ((await db.items.where('tokens').equals('favourite').toArray()) as unknown as ItemRecord[]).filter(
    (i) => i.values.status === 'active',
  );
  const products = new Map(
    ((await db.products.bulkGet(candidates.map((i) => i.productId))) as (ProductRecord | undefined)[])
      .filter((p) => p)
      .map((p) => [p!.id, p!]),
  );
  const tagged = (tags: readonly string[] | undefined) => (tags ?? []).some((t) => t.toLowerCase() === 'favourite');
  return candidates
    .filter((i) => tagged(i.values.tags) || tagged(products.get(i.productId)?.values.tags))
    .slice(0, 12)
    .map((i) => ({
      itemId: i.id,
      title: [products.get(i.productId)?.values.title ?? i.values.sku, variantLabel(i.values.optionValues)].filter(Boolean).join(' — '),
      price: i.values.price,
    }));
}

/** The shift open on this register, if any. */
export async function openShiftOf(db: TroveDb, registerCode: string): Promise<ShiftRecord | undefined> {
  const open = (await db.shifts.where('status').equals('open').toArray()) as unknown as ShiftRecord[];
  return open.filter((s) => s.registerCode === registerCode).sort((a, b) => b.openedAt.localeCompare(a.openedAt))[0];
}

/** Sales of one shift, newest first. */
export async function salesOfShift(db: TroveDb, shiftId: string): Promise<SaleRecord[]> {
  const sales = (await db.sales.where('shiftId').equals(shiftId).toArray()) as unknown as SaleRecord[];
  return sales.sort((a, b) => b.occurredAt.localeCompare(a.occurredAt));
}

export async function readSale(db: TroveDb, id: string): Promise<SaleRecord | undefined> {
  return (await db.sales.get(id)) as unknown as SaleRecord | undefined;
}

/** This device's register code: from pairing, or a random one made from the install id while unpaired (§10). */
export async function registerCodeOf(db: TroveDb): Promise<string> {
  const state = await db.syncState.get('device');
  return state?.registerCode ?? `U${(state?.installId ?? '0000').slice(0, 4).toUpperCase()}`;
}

/** The latest sales of every register (pulled ones included), newest first. */
export async function recentSales(db: TroveDb, limit = 20): Promise<SaleRecord[]> {
  return (await db.sales.orderBy('occurredAt').reverse().limit(limit).toArray()) as unknown as SaleRecord[];
}
