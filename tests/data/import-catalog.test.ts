import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { importCatalog } from '../../src/data/commands/import-catalog';
import { exportCatalogLines, exportFileName, importContext } from '../../src/data/queries/export-catalog';
import { readCatalogCsv } from '../../src/domain/catalog/csv/reader';
import { isDomainError } from '../../src/domain/errors';
import type { ImportPlan } from '../../src/domain/catalog/csv/types';
import type { ItemRecord } from '../../src/domain/catalog/item';
import type { ProductRecord } from '../../src/domain/catalog/product';
import type { LocationRecord } from '../../src/domain/locations';
import type { SupplierRecord } from '../../src/domain/suppliers';
import type { Lot, StockEvent, StockLevel } from '../../src/domain/inventory/ledger';
import type { Env } from '../../src/data/commands/perform';
import { dumpDb, seededRandom, testEnv } from '../factories/env';
import { listCategories, listCollections } from '../../src/data/queries/groups';

const fixture = (name: string): string => readFileSync(path.resolve(import.meta.dirname, '../fixtures/csv', name), 'utf8');

async function planFor(env: Env, text: string): Promise<ImportPlan> {
  return readCatalogCsv(text, { ...(await importContext(env.db)), currencyDigits: 2 });
}

const TABLES = ['products', 'items', 'suppliers', 'locations', 'stockEvents', 'lots', 'pieces', 'outbox'] as const;
async function counts(env: Env): Promise<Record<string, number>> {
  return Object.fromEntries(await Promise.all(TABLES.map(async (t) => [t, await env.db.table(t).count()] as const)));
}

/** The catalogue as a shop owner sees it: product and item fields, suppliers and stock by name. */
async function catalogue(env: Env): Promise<unknown[]> {
  const suppliers = new Map(((await env.db.suppliers.toArray()) as unknown as SupplierRecord[]).map((s) => [s.id, s.values.name]));
  const groups = new Map([...(await listCategories(env.db)), ...(await listCollections(env.db))].map((g) => [g.id, g.name]));
  const locations = new Map(((await env.db.locations.toArray()) as unknown as LocationRecord[]).map((l) => [l.id, l.values.name]));
  const levels = (await env.db.stockLevels.toArray()) as unknown as StockLevel[];
  const products = (await env.db.products.orderBy(':id').toArray()) as unknown as ProductRecord[];
  return Promise.all(
    products.map(async (p) => ({
      product: { ...p.values, categoryId: groups.get(p.values.categoryId ?? ''), collectionId: groups.get(p.values.collectionId ?? '') },
      items: ((await env.db.items.bulkGet(p.itemIds)) as unknown as ItemRecord[]).map(({ values: { supplierId, ...item }, id }) => ({
        ...item,
        supplier: supplierId ? suppliers.get(supplierId) : null,
        stock: Object.fromEntries(
          levels.filter((l) => l.itemId === id && l.onHand !== 0).map((l) => [locations.get(l.locationId), l.onHand]),
        ),
      })),
    })),
  );
}

async function exportText(env: Env): Promise<string> {
  let text = '';
  for await (const line of exportCatalogLines(env.db, 2, 2)) text += line;
  return text;
}

// A one-of-a-kind piece and a price with no cost, in Trove's own format.
const PIECE =
  'Handle,Title,Product status,Item status,Tracking,SKU,Price,Cost,Quantity\r\nbrooch,Opal Brooch,active,active,piece,OB-1,300.00,120.00,2\r\n';

// The supplier's SKU and a reorder point and quantity, as a manager keeps them in a sheet.
const POLICY =
  'Handle,Title,SKU,Price,Supplier,Supplier SKU,Reorder point,Reorder quantity\r\nhoop,Gold Hoop,GH-1,45.00,Atelier Nord,AN-77,3,12\r\n';

describe('importing a confirmed plan', () => {
  it('writes nothing while planning', async () => {
    const env = testEnv();
    const plan = await planFor(env, fixture('shopify-classic.csv'));
    expect(plan.counts.products).toBe(3);
    expect(Object.values(await counts(env)).every((n) => n === 0)).toBe(true);
  });

  it('writes products, items, suppliers, receipts (FIFO layers, cost-unknown when no cost) and outbox rows', async () => {
    const env = testEnv();
    const progress: number[] = [];
    const summary = await importCatalog(env, await planFor(env, fixture('shopify-classic.csv')), {
      batchSize: 2,
      source: 'shop.csv',
      onProgress: (done) => progress.push(done),
    });
    expect(summary).toEqual({ products: 3, items: 5, suppliers: 2, locations: 0, categories: 3, collections: 0, receipts: 4, units: 11 });
    expect(progress).toEqual([0, 2, 3]);
    expect(await counts(env)).toEqual({
      products: 3,
      items: 5,
      suppliers: 2,
      locations: 1,
      stockEvents: 4,
      lots: 4,
      pieces: 0,
      outbox: 3 + 2 + 1 + 3 + 4,
    });
    const outbox = await env.db.outbox.toArray();
    expect(outbox.map((r) => r.name)).toEqual([
      'category.save',
      'category.save',
      'category.save',
      'supplier.save',
      'supplier.save',
      'location.save',
      'catalog.createProduct',
      'stock.receive',
      'stock.receive',
      'catalog.createProduct',
      'stock.receive',
      'catalog.createProduct',
      'stock.receive',
    ]);
    expect(outbox.map((r) => r.id)).toEqual(outbox.map((_, i) => i + 1));

    const items = (await env.db.items.toArray()) as unknown as ItemRecord[];
    const suppliers = (await env.db.suppliers.toArray()) as unknown as SupplierRecord[];
    const atelier = suppliers.find((s) => s.values.name === 'Atelier Nord')!;
    const ring = items.find((i) => i.values.sku === 'SR-6-G')!;
    expect(ring.values).toMatchObject({
      price: 12000,
      compareAtPrice: 15000,
      cost: 4850,
      supplierId: atelier.id,
      optionValues: ['6', 'Gold'],
      barcodes: ['4006381333931'],
    });

    const events = (await env.db.stockEvents.toArray()) as unknown as StockEvent[];
    const lots = (await env.db.lots.toArray()) as unknown as Lot[];
    expect(events.every((e) => e.type === 'receive' && e.source === 'import')).toBe(true);
    expect(events.find((e) => e.itemId === ring.id)).toMatchObject({ quantity: 3, unitCost: 4850, ref: 'shop.csv line 2' });
    const cuff = items.find((i) => i.values.sku.startsWith('BRACEL-'))!;
    // Winter Cuff has no cost in the file: its layer is cost-unknown.
    expect(lots.find((l) => l.itemId === cuff.id)).toMatchObject({ qtyReceived: 1, qtyRemaining: 1, unitCost: null });
    const floor = ((await env.db.locations.toArray()) as unknown as LocationRecord[])[0]!;
    expect(floor.values).toMatchObject({ name: 'Shop floor', kind: 'floor' });
    expect(await env.db.stockLevels.get([ring.id, floor.id])).toMatchObject({ onHand: 3 });
  });

  it('creates named locations, reuses existing suppliers and receives pieces one by one', async () => {
    const env = testEnv();
    await importCatalog(env, await planFor(env, fixture('square.csv')));
    const again = await planFor(env, fixture('lightspeed-x.csv').replace(/Goldsmiths Ltd/g, 'silverline co'));
    expect(again.newSuppliers).toEqual([]);
    await importCatalog(env, again);
    expect(await env.db.suppliers.count()).toBe(1);
    const names = ((await env.db.locations.toArray()) as unknown as LocationRecord[]).map((l) => [l.values.name, l.values.kind]);
    expect(names.sort()).toEqual([
      ['Main Outlet', 'other'],
      ['Main Street', 'other'],
      ['Market Stall', 'other'],
    ]);
    await importCatalog(env, await planFor(env, PIECE));
    expect(await env.db.pieces.count()).toBe(2);
    expect((await env.db.outbox.toArray()).filter((r) => r.name === 'piece.receive')).toHaveLength(2);
  });

  it('a write that fails stops the import with what was done; the failing batch is rolled back whole', async () => {
    const env = testEnv();
    const plan = await planFor(env, fixture('shopify-classic.csv'));
    plan.products[2]!.title = ''; // createProduct refuses it
    await expect(importCatalog(env, plan, { batchSize: 2 })).rejects.toSatisfy(
      (e) => isDomainError(e, 'import-stopped') && /at “” \(line 8\): Enter the title\. 2 products were imported before it/.test(e.message),
    );
    expect(await env.db.products.count()).toBe(2);
    expect((await env.db.outbox.toArray()).filter((r) => r.name === 'catalog.createProduct')).toHaveLength(2);
  });

  it('SKUs already on the device are refused at planning, generated ones continue the sequence', async () => {
    const env = testEnv();
    await importCatalog(env, await planFor(env, fixture('shopify-classic.csv')));
    const again = await planFor(env, fixture('shopify-classic.csv'));
    expect(again.problems.filter((p) => p.code === 'duplicate-sku').map((p) => p.line)).toEqual([2, 3, 4, 6]);
    expect(again.products.map((p) => p.items.map((i) => i.sku))).toEqual([['BRACEL-R00006']]);
  });
});

describe('the batch writer', () => {
  it('leaves the database exactly as perform() mutation by mutation does (records, shadows, outbox, projection)', async () => {
    const [viaPerform, viaBatch] = [
      { ...testEnv(), random: seededRandom(7) },
      { ...testEnv(), random: seededRandom(7) },
    ];
    for (const env of [viaPerform, viaBatch]) {
      for (const text of [fixture('shopify-classic.csv'), fixture('square.csv'), fixture('multi-location.csv'), PIECE]) {
        await importCatalog(env, await planFor(env, text), { batchSize: 2, via: env === viaPerform ? 'perform' : 'batch' });
      }
    }
    const [a, b] = [await dumpDb(viaPerform), await dumpDb(viaBatch)];
    expect(a['outbox']!.length).toBeGreaterThan(20);
    expect(a['shadows']!.length).toBeGreaterThan(20);
    expect(b).toEqual(a);
  });
});

describe('export', () => {
  it('names the file by the local date', () => {
    expect(exportFileName(new Date(2026, 10, 27, 23, 30).getTime())).toBe('trove-catalogue-2026-11-27.csv');
  });

  it('export then import into an empty device gives a deeply equal catalogue', async () => {
    const source = testEnv();
    for (const text of [fixture('square.csv'), fixture('shopify-classic.csv'), fixture('multi-location.csv'), PIECE, POLICY]) {
      const plan = await planFor(source, text);
      await importCatalog(source, plan);
    }
    const hoop = ((await source.db.items.where('sku').equals('GH-1').toArray()) as unknown as ItemRecord[])[0]!;
    expect(hoop.values).toMatchObject({ supplierSku: 'AN-77', reorderPoint: 3, reorderQty: 12 });
    expect(hoop.reorderPoint).toBe(3); // indexed for the low-stock list
    const text = await exportText(source);
    expect(text.startsWith('\ufeffHandle,Title,Description')).toBe(true);

    const target = testEnv();
    const plan = await planFor(target, text);
    expect(plan.format.id).toBe('trove');
    expect(plan.problems).toEqual([]);
    expect(plan.counts.generatedSkus).toBe(0);
    await importCatalog(target, plan);
    expect(await catalogue(target)).toEqual(await catalogue(source));
    expect(await exportText(target)).toBe(text);
  });
});
