import { DomainError, isDomainError } from '../../domain/errors';
import type { LocationRecord } from '../../domain/locations';
import type { SupplierRecord } from '../../domain/suppliers';
import type { ImportPlan, PlannedItem, PlannedProduct } from '../../domain/catalog/csv/types';
import { ensureCategory, ensureCollection } from './groups';
import { normaliseCode } from '../../domain/catalog/sku';
import { ensureDefaultLocation } from './locations';
import { newId } from './ids';
import { perform, type Env } from './perform';
import { BatchWriter, type BatchHints } from './batch-writer';

export interface ImportOptions {
  /** Products per IndexedDB transaction. */
  batchSize?: number;
  onProgress?: (done: number, total: number) => void;
  /** Called between batches so the page can paint its progress bar. */
  pause?: () => Promise<void>;
  /** Where the stock came from, on each receipt (e.g. the file name). */
  source?: string;
  /** 'perform' writes mutation by mutation: the reference the batch writer is tested against. */
  via?: 'batch' | 'perform';
}

export interface ImportSummary {
  products: number;
  items: number;
  suppliers: number;
  locations: number;
  categories: number;
  collections: number;
  receipts: number;
  units: number;
}

const key = (name: string): string => name.trim().toLowerCase();

/** Supplier ids by name: existing suppliers are reused, new names are created (supplier.save). */
async function resolveSuppliers(env: Env, plan: ImportPlan): Promise<Map<string, string>> {
  const byName = new Map(((await env.db.suppliers.toArray()) as unknown as SupplierRecord[]).map((s) => [key(s.values.name), s.id]));
  for (const name of plan.newSuppliers) {
    if (byName.has(key(name))) continue;
    const id = newId(env);
    await perform(env, 'supplier.save', { id, name });
    byName.set(key(name), id);
  }
  return byName;
}

/** Location ids by name (created when missing), and '' for the default shop-floor location. */
async function resolveLocations(env: Env, plan: ImportPlan): Promise<Map<string, string>> {
  const byName = new Map(((await env.db.locations.toArray()) as unknown as LocationRecord[]).map((l) => [key(l.values.name), l.id]));
  for (const name of plan.newLocations) {
    if (byName.has(key(name))) continue;
    const id = newId(env);
    await perform(env, 'location.save', { id, name, kind: 'other' });
    byName.set(key(name), id);
  }
  if (plan.usesDefaultLocation) byName.set('', await ensureDefaultLocation(env));
  return byName;
}

/** Ids by name of everything a plan refers to by name, creating what is new (one mutation each, before the products). */
interface Named {
  suppliers: Map<string, string>;
  locations: Map<string, string>;
  categories: Map<string, string>;
  collections: Map<string, string>;
}

async function resolveNames(env: Env, plan: ImportPlan): Promise<Named> {
  const categories = new Map<string, string>();
  const collections = new Map<string, string>();
  for (const name of new Set(plan.products.map((p) => p.category).filter(Boolean))) {
    if (!categories.has(key(name))) categories.set(key(name), (await ensureCategory(env, name))!.id);
  }
  for (const name of new Set(plan.products.map((p) => p.collection).filter(Boolean))) {
    if (!collections.has(key(name))) collections.set(key(name), (await ensureCollection(env, name))!);
  }
  return { suppliers: await resolveSuppliers(env, plan), locations: await resolveLocations(env, plan), categories, collections };
}

function itemArgs(item: PlannedItem, id: string, supplierId: string | null): Record<string, unknown> {
  const { line: _line, skuGenerated: _generated, supplier: _supplier, imageUrl: _image, quantities: _quantities, ...fields } = item;
  return { id, ...fields, supplierId };
}

interface ProductWrite {
  product: PlannedProduct;
  mutations: { name: string; args: unknown }[];
  ids: Record<'products' | 'items' | 'stockEvents' | 'lots' | 'pieces', string[]>;
  codes: string[];
  serials: string[];
  receipts: number;
  units: number;
}

/** One product: its createProduct mutation, then one receipt (a FIFO layer) per location with stock. */
function productWrite(env: Env, p: PlannedProduct, { suppliers, locations, categories, collections }: Named, source: string): ProductWrite {
  const w: ProductWrite = {
    product: p,
    mutations: [],
    ids: { products: [newId(env)], items: [], stockEvents: [], lots: [], pieces: [] },
    codes: [],
    serials: [],
    receipts: 0,
    units: 0,
  };
  const itemIds = p.items.map(() => newId(env));
  w.ids.items = itemIds;
  const supplierOf = (i: PlannedItem): string | null => (i.supplier ? (suppliers.get(key(i.supplier)) ?? null) : null);
  const { line: _line, handle: _handle, category, collection, imageUrls: _images, items: _items, ...fields } = p;
  // Category and collection only when the file names one, as when a product is typed in.
  const groups = {
    ...(category ? { categoryId: categories.get(key(category)) } : {}),
    ...(collection ? { collectionId: collections.get(key(collection)) } : {}),
  };
  w.mutations.push({
    name: 'catalog.createProduct',
    args: {
      product: { id: w.ids.products[0], ...fields, ...groups },
      items: p.items.map((i, n) => itemArgs(i, itemIds[n]!, supplierOf(i))),
    },
  });
  for (const [n, item] of p.items.entries()) {
    w.codes.push(...[item.sku, ...item.barcodes].map(normaliseCode));
    for (const q of item.quantities) {
      if (q.quantity <= 0) continue;
      const common = { itemId: itemIds[n]!, locationId: locations.get(key(q.location ?? ''))!, source: 'import' as const };
      if (item.tracking === 'piece') {
        // Each unit of a piece-tracked item is its own piece (serial SKU-1, SKU-2…), as when typed in.
        for (let unit = 1; unit <= q.quantity; unit += 1) {
          const [pieceId, eventId] = [newId(env), newId(env)];
          w.ids.pieces.push(pieceId);
          w.ids.stockEvents.push(eventId);
          w.serials.push(`${item.sku}-${unit}`);
          w.mutations.push({
            name: 'piece.receive',
            args: { ...common, pieceId, eventId, serial: `${item.sku}-${unit}`, cost: item.cost },
          });
        }
      } else {
        const [eventId, lotId] = [newId(env), newId(env)];
        w.ids.stockEvents.push(eventId);
        w.ids.lots.push(lotId);
        // No cost in the file: a cost-unknown layer, kept out of margins until corrected.
        const args = {
          ...common,
          eventId,
          lotId,
          quantity: q.quantity,
          unitCost: item.cost,
          supplierId: supplierOf(item),
          ref: `${source} line ${item.line}`.slice(0, 200),
        };
        w.mutations.push({ name: 'stock.receive', args });
      }
      w.receipts += 1;
      w.units += q.quantity;
    }
  }
  return w;
}

/** Pieces get serials SKU-1, SKU-2…; one another piece already has stops the import before writing. */
async function assertSerialsFree(env: Env, writes: ProductWrite[]): Promise<void> {
  const serials = writes.flatMap((w) => w.serials);
  if (serials.length === 0) return;
  const taken = await env.db.pieces.where('serial').anyOf(serials.map(normaliseCode)).first();
  if (taken)
    throw new DomainError('code-taken', `Serial ${String((taken as { serial?: unknown }).serial)} is already used by another piece`);
}

/** Writes one batch: through BatchWriter (fast), or mutation by mutation through perform (the reference). */
async function writeBatch(env: Env, writes: ProductWrite[], via: 'batch' | 'perform', failed: (w: ProductWrite) => void): Promise<void> {
  await assertSerialsFree(env, writes);
  if (via === 'perform') {
    for (const w of writes) {
      failed(w);
      for (const m of w.mutations) await perform(env, m.name, m.args);
    }
    return;
  }
  const owner = writes.flatMap((w) => w.mutations.map(() => w));
  const ids = (t: keyof ProductWrite['ids']): [string, string[]] => [t, writes.flatMap((w) => w.ids[t])];
  const codes = writes.flatMap((w) => w.codes);
  const hints: BatchHints = {
    ids: [ids('products'), ids('items'), ids('stockEvents'), ids('lots'), ids('pieces')],
    finds: [
      ['items', 'sku', codes],
      ['items', 'barcodes', codes],
    ],
  };
  await new BatchWriter(env).run(
    writes.flatMap((w) => w.mutations),
    hints,
    (index) => failed(owner[index]!),
  );
}

/**
 * Writes a confirmed plan. Each product (and its receipts) is its own mutation, as if typed in;
 * a batch of products goes to IndexedDB in one transaction with bulk reads and writes.
 */
export async function importCatalog(env: Env, plan: ImportPlan, options: ImportOptions = {}): Promise<ImportSummary> {
  const batchSize = options.batchSize ?? 250;
  const total: ImportSummary = {
    products: 0,
    items: 0,
    suppliers: plan.newSuppliers.length,
    locations: plan.newLocations.length,
    categories: plan.newCategories.length,
    collections: plan.newCollections.length,
    receipts: 0,
    units: 0,
  };
  const named = await resolveNames(env, plan);
  options.onProgress?.(0, plan.products.length);
  for (let start = 0; start < plan.products.length; start += batchSize) {
    const writes = plan.products.slice(start, start + batchSize).map((p) => productWrite(env, p, named, options.source ?? 'CSV'));
    let current: PlannedProduct | undefined;
    try {
      await writeBatch(env, writes, options.via ?? 'batch', (w) => (current = w.product));
    } catch (e) {
      const why = isDomainError(e) || e instanceof Error ? e.message : String(e);
      const at = current ? ` at “${current.title}” (line ${current.line})` : '';
      throw new DomainError('import-stopped', `The import stopped${at}: ${why}. ${start} products were imported before it.`, {
        imported: start,
      });
    }
    for (const w of writes) {
      total.products += 1;
      total.items += w.product.items.length;
      total.receipts += w.receipts;
      total.units += w.units;
    }
    options.onProgress?.(start + writes.length, plan.products.length);
    await options.pause?.();
  }
  return total;
}
