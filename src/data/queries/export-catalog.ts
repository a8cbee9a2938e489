/** Catalogue CSV reads: what an import plan needs to know, and the export stream. */
import { csvLine, troveHeader, troveRow, type ExportLayout } from '../../domain/catalog/csv/export';
import { slug } from '../../domain/catalog/csv/cells';
import type { ItemRecord } from '../../domain/catalog/item';
import type { ProductRecord } from '../../domain/catalog/product';
import type { LocationRecord } from '../../domain/locations';
import type { SupplierRecord } from '../../domain/suppliers';
import type { StockLevel } from '../../domain/inventory/ledger';
import type { TroveDb } from '../db';
import { listCategories, listCollections } from './groups';
import { nextSkuSequence } from './catalog';
import { readSettings } from './settings';
import type { PlanContext } from '../../domain/catalog/csv/types';

/**
 * What an import plan needs to know about this device's catalogue: the SKUs and barcodes in use
 * (keys of their indexes only, never the items), supplier, location, category and collection
 * names, and the pattern, register code and sequence for generated SKUs. Reads only: nothing is
 * written until the plan is confirmed.
 */
export async function importContext(db: TroveDb): Promise<Omit<PlanContext, 'currencyDigits'>> {
  const [skus, barcodes, suppliers, locations, device, sequence, categories, collections, settings] = await Promise.all([
    db.items.orderBy('sku').uniqueKeys(),
    db.items.orderBy('barcodes').uniqueKeys(),
    db.suppliers.toArray() as unknown as Promise<SupplierRecord[]>,
    db.locations.toArray() as unknown as Promise<LocationRecord[]>,
    db.syncState.get('device'),
    nextSkuSequence(db),
    listCategories(db),
    listCollections(db),
    readSettings(db),
  ]);
  const taken = new Set([...skus, ...barcodes].map(String));
  return {
    codeTaken: (code) => taken.has(code),
    supplierNames: suppliers.map((s) => s.values.name),
    locationNames: locations.map((l) => l.values.name),
    categories: categories.map((c) => ({ name: c.name, code: c.code ?? '' })),
    collectionNames: collections.map((c) => c.name),
    registerCode: device?.registerCode ?? 'R0',
    skuPattern: settings.skuPattern,
    firstSequence: sequence,
  };
}

/** Products in id order (= creation order, ids are UUIDv7), one page at a time. */
async function* productPages(db: TroveDb, pageSize: number): AsyncGenerator<ProductRecord[]> {
  let last: string | undefined;
  for (;;) {
    const page = (await (last === undefined ? db.products.orderBy(':id') : db.products.where(':id').above(last))
      .limit(pageSize)
      .toArray()) as unknown as ProductRecord[];
    if (page.length === 0) return;
    yield page;
    last = page.at(-1)!.id;
  }
}

async function layoutOf(
  db: TroveDb,
  digits: number,
  pageSize: number,
): Promise<{ layout: ExportLayout; locationName: Map<string, string>; names: Map<string, string> }> {
  const locations = (await db.locations.toArray()) as unknown as LocationRecord[];
  // One column per location name: two locations spelled alike would read back as one anyway.
  const locationName = new Map<string, string>();
  const spelled = new Map<string, string>();
  for (const l of locations) {
    const name = spelled.get(l.values.name.toLowerCase()) ?? l.values.name;
    spelled.set(name.toLowerCase(), name);
    locationName.set(l.id, name);
  }
  const suppliers = (await db.suppliers.toArray()) as unknown as SupplierRecord[];
  const [categories, collections] = await Promise.all([listCategories(db), listCollections(db)]);
  let optionCount = 0;
  for await (const page of productPages(db, pageSize)) for (const p of page) optionCount = Math.max(optionCount, p.values.options.length);
  const layout = { optionCount, locations: [...spelled.values()].sort((a, b) => a.localeCompare(b)), digits };
  // Suppliers, categories and collections by id (ids are UUIDs, so one map holds all three).
  const names = new Map([
    ...suppliers.map((s) => [s.id, s.values.name] as const),
    ...[...categories, ...collections].map((g) => [g.id, g.name] as const),
  ]);
  return { layout, locationName, names };
}

/**
 * The whole catalogue as Trove CSV, streamed line by line (the header first, with a BOM so Excel
 * reads UTF-8). The one place that reads every product: a page of products and their items and
 * stock levels at a time, never the whole table at once.
 */
export async function* exportCatalogLines(db: TroveDb, digits = 2, pageSize = 500): AsyncGenerator<string> {
  const { layout, locationName, names } = await layoutOf(db, digits, pageSize);
  const nameOf = (id: string | null): string => (id ? (names.get(id) ?? '') : '');
  yield '\ufeff' + csvLine(troveHeader(layout));
  const handles = new Set<string>();
  for await (const page of productPages(db, pageSize)) {
    const ids = page.flatMap((p) => p.itemIds);
    const items = new Map(
      ((await db.items.bulkGet(ids)) as unknown as (ItemRecord | undefined)[]).flatMap((i) => (i ? [[i.id, i] as const] : [])),
    );
    const levels = (await db.stockLevels.where('itemId').anyOf(ids).toArray()) as unknown as StockLevel[];
    const onHand = new Map<string, Map<string, number>>();
    for (const l of levels) {
      const name = locationName.get(l.locationId);
      if (!name) continue;
      const byLocation = onHand.get(l.itemId) ?? new Map<string, number>();
      byLocation.set(name, (byLocation.get(name) ?? 0) + l.onHand);
      onHand.set(l.itemId, byLocation);
    }
    for (const product of page) {
      let handle = slug(product.values.title);
      for (let n = 2; handles.has(handle); n += 1) handle = `${slug(product.values.title)}-${n}`;
      handles.add(handle);
      for (const itemId of product.itemIds) {
        const item = items.get(itemId);
        if (!item) continue;
        const p = product.values;
        const row = { handle, product: p, item: item.values, onHand: onHand.get(itemId) ?? new Map<string, number>() };
        yield csvLine(
          troveRow(layout, {
            ...row,
            category: nameOf(p.categoryId),
            collection: nameOf(p.collectionId),
            supplier: nameOf(item.values.supplierId),
          }),
        );
      }
    }
  }
}

/** `trove-catalogue-2026-11-27.csv`, by the device's local date. */
export function exportFileName(nowMs: number): string {
  const now = new Date(nowMs);
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `trove-catalogue-${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}.csv`;
}
