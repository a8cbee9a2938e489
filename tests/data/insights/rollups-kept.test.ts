// The §10 item-day rollups stored on the device are revised by every write and every pull, in the
// same transaction, and always equal a from-scratch build over what the device holds (issue 9).
import { readFileSync } from 'node:fs';
import { rowsOf, type ItemDays } from '../../../src/domain/insights/item-days';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { completeSale, type CartLine } from '../../../src/data/commands/sales';
import { perform, type Env } from '../../../src/data/commands/perform';
import { newId } from '../../../src/data/commands/ids';
import { adjustStock } from '../../../src/data/commands/stock';
import { returnSale } from '../../../src/data/commands/returns';
import { importCatalog } from '../../../src/data/commands/import-catalog';
import { importContext } from '../../../src/data/queries/export-catalog';
import { readCatalogCsv } from '../../../src/domain/catalog/csv/reader';
import { applyPullPage, dropRejected, savePairing, syncedTables } from '../../../src/data/sync-store';
import {
  loadRollups,
  readDims,
  readMovements,
  refreshRollups,
  rollupPeriod,
  rollupsStale,
  storedItemDays,
} from '../../../src/data/insights/rollups';
import { buildRollups, scopeRows, type Rollups } from '../../../src/domain/insights/rollups';
import { addDays } from '../../../src/domain/insights/days';
import { businessDayOf } from '../../../src/domain/sale/shift';
import type { PullResponse, SyncedRecord } from '../../../src/domain/sync/protocol';
import type { SaleRecord } from '../../../src/domain/sale/types';
import { seededRandom, testEnv } from '../../factories/env';
import { registerShop, ringLine } from '../../factories/register-shop';

type Shop = Awaited<ReturnType<typeof registerShop>>;

const today = (env: Env) => businessDayOf(env.clock.now(), 'UTC');

/** Each item's rows (as objects: typed arrays of another kind would not compare equal), by item id. */
const sorted = (m: Map<string, ItemDays>) =>
  [...m].map(([id, d]) => [id, rowsOf(d)] as const).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));

/** Every dense series as the screen reads it (stock carried, −0 as 0), keyed by scope. */
function series(r: Rollups) {
  return [...r.scopes].map(([k, s]) => [k, s.opening, scopeRows(r, s)] as const).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

/**
 * WITHOUT rebuilding first: the stored rows are complete, equal a from-scratch build over every
 * movement on the device, and the rollups the screen opens with (stored rows + current
 * dimensions) equal the from-scratch rollups, dense series included.
 */
async function expectKeptEqualsRebuild(env: Env): Promise<Rollups> {
  expect(await rollupsStale(env.db)).toBe(false);
  const movements = await readMovements(env.db, 'UTC');
  const { from, to } = rollupPeriod(movements, today(env));
  const rebuilt = buildRollups({ movements, items: await readDims(env.db), from, to });
  expect(sorted(await storedItemDays(env.db))).toEqual(sorted(rebuilt.items));
  const opened = await loadRollups(env.db, today(env), 'UTC');
  expect(await rollupsStale(env.db)).toBe(false);
  expect([opened.from, opened.to]).toEqual([from, to]);
  expect(sorted(opened.items)).toEqual(sorted(rebuilt.items));
  expect(series(opened)).toEqual(series(rebuilt));
  return opened;
}

async function sell(env: Env, shop: Shop, lines: CartLine[]) {
  return completeSale(env, {
    shiftId: shop.shiftId,
    locationId: shop.floor,
    lines,
    saleDiscount: null,
    tenders: [{ kind: 'cash', amount: lines.reduce((s, l) => s + l.quantity * l.unitPrice, 0), method: null, reference: null }],
    staffId: null,
    approvedBy: null,
    customerId: null,
  });
}

/** A shop whose rollups were built once (the Insights screen opened), so writes keep them. */
async function builtShop(env: Env) {
  const shop = await registerShop(env);
  await refreshRollups(env.db, today(env), 'UTC');
  expect(await rollupsStale(env.db)).toBe(false);
  return shop;
}

const pullPage = (records: SyncedRecord[], cursor: number, lastMutationIds: Record<string, number> = {}): PullResponse => ({
  cursor,
  hasMore: false,
  events: [],
  records,
  lastMutationIds,
  hlc: '000000000000001-0000-server',
});

/** The pull a device gets for its own set-up: every record as it is now, this device's mutations applied. */
async function confirmAll(env: Env, cursor: number): Promise<void> {
  const confirmed: SyncedRecord[] = [];
  for (const table of syncedTables(env.db))
    for (const row of await env.db.table(table).toArray()) confirmed.push({ table, id: row.id, version: cursor, data: row });
  const lastId = (await env.db.outbox.toArray()).at(-1)?.id ?? 0;
  await applyPullPage(env.db, env.random, pullPage(confirmed, cursor, { 'dev-a': lastId }), env.clock.now());
}

describe('the stored §10 rollups are kept by every write and every pull', () => {
  it('nothing is revised before the first build; the screen builds once, then writes keep the rows', async () => {
    const env = testEnv();
    const shop = await registerShop(env);
    await sell(env, shop, [ringLine(env, shop.ring, 1)]);
    expect(await rollupsStale(env.db)).toBe(true);
    expect(await env.db.dailyRollups.count()).toBe(0);
    const opened = await loadRollups(env.db, today(env), 'UTC'); // builds and stores
    expect(rowsOf(opened.items.get(shop.ring)).at(-1)!.onHand).toBe(6);
    await expectKeptEqualsRebuild(env);
  });

  it('a sale (register), a return, a receipt and a shrinkage each leave the rows equal to a rebuild', async () => {
    const env = testEnv();
    const shop = await builtShop(env);
    const { receiptNumber } = await sell(env, shop, [
      ringLine(env, shop.ring, 3),
      ringLine(env, shop.ooak, 1, { pieceId: shop.piece, unitPrice: 89_000, sku: 'OOAK-1' }),
    ]);
    let r = await expectKeptEqualsRebuild(env);
    expect(rowsOf(r.items.get(shop.ring)).at(-1)).toMatchObject({ day: today(env), sold: 3, revenue: 9000, cogs: 3200, onHand: 4 });

    const sale = (await env.db.sales.where('receiptNumber').equals(receiptNumber).first()) as unknown as SaleRecord;
    await returnSale(env, {
      sale,
      lines: [{ saleLineId: sale.lines[0]!.lineId, quantity: 1, damaged: false }],
      refundTo: 'original',
      reason: 'Too small',
      staffId: null,
      approvedBy: null,
    });
    r = await expectKeptEqualsRebuild(env);
    expect(rowsOf(r.items.get(shop.ring)).at(-1)).toMatchObject({ returned: 1, returnRevenue: 3000, onHand: 5 });

    env.clock.advance(2 * 86_400_000); // stock events are dated by their instant, sales and returns by their shift's day
    await perform(env, 'stock.receive', {
      eventId: newId(env),
      lotId: newId(env),
      itemId: shop.ring,
      locationId: shop.floor,
      quantity: 4,
      unitCost: 1300,
      supplierId: null,
      source: 'manual',
    });
    await adjustStock(env, { itemId: shop.ring, pieceId: null, locationId: shop.floor, quantity: -1, reason: 'damaged', note: '' });
    r = await expectKeptEqualsRebuild(env);
    expect(rowsOf(r.items.get(shop.ring)).at(-1)).toMatchObject({
      day: today(env),
      received: 4,
      shrinkageUnits: 1,
      provisional: 2,
      onHand: 8,
    });
  });

  it('an import batch (products, items and their opening stock through the batch writer) leaves the rows equal to a rebuild', async () => {
    const env = testEnv();
    await builtShop(env);
    const text = readFileSync(path.resolve(import.meta.dirname, '../../fixtures/csv', 'shopify-classic.csv'), 'utf8');
    const plan = await readCatalogCsv(text, { ...(await importContext(env.db)), currencyDigits: 2 });
    const summary = await importCatalog(env, plan);
    expect(summary.receipts).toBeGreaterThan(0);
    const r = await expectKeptEqualsRebuild(env);
    expect(r.items.size).toBeGreaterThan(2);
  });

  it('a pull of another register’s sale, and of a late-synced sale dated 10 days back, revise the right days', async () => {
    // Two registers of the same shop: the same set-up (same ids), each its own sales.
    const a = { ...testEnv(), random: seededRandom(5) };
    const b = { ...testEnv(), random: seededRandom(5) };
    const shop = await builtShop(a);
    await registerShop(b);
    const b2 = { ...b, random: seededRandom(77) }; // from here on, its own ids
    await sell(a, shop, [ringLine(a, shop.ring, 1)]);
    const theirs = await sell(b2, shop, [ringLine(b2, shop.ring, 2)]);
    const sale = (await b.db.sales.get(theirs.saleId)) as unknown as SaleRecord;
    const events = await b.db.stockEvents.filter((e) => e['ref'] === sale.id).toArray();
    await applyPullPage(
      a.db,
      a.random,
      pullPage(
        [
          { table: 'sales', id: sale.id, version: 3, data: sale as never },
          ...events.map((e) => ({ table: 'stockEvents', id: e.id, version: 3, data: e })),
        ],
        3,
      ),
      a.clock.now(),
    );
    let r = await expectKeptEqualsRebuild(a);
    expect(rowsOf(r.items.get(shop.ring)).at(-1)).toMatchObject({ sold: 3, onHand: 4 });

    // Late-synced: a stall's sale of 10 days ago arrives today; that day gets it, every later day's stock moves.
    const back = addDays(today(a), -10);
    const late = {
      ...sale,
      id: newId(a),
      receiptNumber: 'S2-0001',
      businessDay: back,
      lines: sale.lines.map((l) => ({ ...l, lineId: newId(a) })),
    };
    await applyPullPage(a.db, a.random, pullPage([{ table: 'sales', id: late.id, version: 4, data: late as never }], 4), a.clock.now());
    r = await expectKeptEqualsRebuild(a);
    const rows = rowsOf(r.items.get(shop.ring));
    expect(rows.find((x) => x.day === back)).toMatchObject({ sold: 2, provisional: 0 });
    expect(rows.at(-1)).toMatchObject({ sold: 3, onHand: 2 });

    // A year back (the rows of another year sit in another bucket): the stock before it all moves.
    const lastYear = addDays(today(a), -400);
    const older = {
      ...late,
      id: newId(a),
      receiptNumber: 'S2-0002',
      businessDay: lastYear,
      lines: late.lines.map((l) => ({ ...l, lineId: newId(a) })),
    };
    await applyPullPage(a.db, a.random, pullPage([{ table: 'sales', id: older.id, version: 5, data: older as never }], 5), a.clock.now());
    r = await expectKeptEqualsRebuild(a);
    expect(rowsOf(r.items.get(shop.ring)).find((x) => x.day === lastYear)).toMatchObject({ sold: 2, onHand: -2 });
    expect(rowsOf(r.items.get(shop.ring)).at(-1)).toMatchObject({ onHand: 0 });
  });

  it('a pending sale replayed over pulled layers (new COGS), then acknowledged (no longer provisional): rows equal a rebuild', async () => {
    const env = testEnv();
    await savePairing(env.db, env.random, { deviceId: 'dev-a', token: 't', registerCode: 'R1', role: 'owner', deviceName: 'Counter' });
    const shop = await builtShop(env);
    await confirmAll(env, 1);
    await expectKeptEqualsRebuild(env);
    const { saleId } = await sell(env, shop, [ringLine(env, shop.ring, 3)]);
    let r = await expectKeptEqualsRebuild(env);
    expect(rowsOf(r.items.get(shop.ring)).at(-1)).toMatchObject({ cogs: 3200, provisional: 1 });

    // Another register sold a January unit first: our pending sale is replayed at 10.00 + 2 × 12.00.
    const january = (await env.db.lots.where('itemId').equals(shop.ring).toArray()).find((l) => l['unitCost'] === 1000)!;
    const confirmedJanuary = { ...((await env.db.shadows.get(['lots', january['id'] as string]))!.data as object), qtyRemaining: 1 };
    await applyPullPage(
      env.db,
      env.random,
      pullPage([{ table: 'lots', id: january['id'] as string, version: 2, data: confirmedJanuary as never }], 2),
      env.clock.now(),
    );
    r = await expectKeptEqualsRebuild(env);
    expect(rowsOf(r.items.get(shop.ring)).at(-1)).toMatchObject({ cogs: 3400, provisional: 1 });

    // The server applied it: the sale comes back confirmed and the outbox row goes.
    const sale = await env.db.sales.get(saleId);
    const lastId = (await env.db.outbox.toArray()).at(-1)!.id;
    await applyPullPage(
      env.db,
      env.random,
      pullPage([{ table: 'sales', id: saleId, version: 3, data: sale! }], 3, { 'dev-a': lastId }),
      env.clock.now(),
    );
    expect(await env.db.outbox.count()).toBe(0);
    r = await expectKeptEqualsRebuild(env);
    expect(rowsOf(r.items.get(shop.ring)).at(-1)).toMatchObject({ sold: 3, provisional: 0 });
  });

  it('a rejected pending sale and a rejected receipt disappear from the rows', async () => {
    const env = testEnv();
    await savePairing(env.db, env.random, { deviceId: 'dev-a', token: 't', registerCode: 'R1', role: 'owner', deviceName: 'Counter' });
    const shop = await builtShop(env);
    await confirmAll(env, 1);
    const before = await expectKeptEqualsRebuild(env);
    await sell(env, shop, [ringLine(env, shop.ring, 2)]);
    const receipt = await perform(env, 'stock.receive', {
      eventId: newId(env),
      lotId: newId(env),
      itemId: shop.ring,
      locationId: shop.floor,
      quantity: 9,
      unitCost: 1100,
      supplierId: null,
      source: 'manual',
    });
    const rows = await env.db.outbox.toArray();
    await dropRejected(env.db, 'dev-a', [receipt.id]);
    let r = await expectKeptEqualsRebuild(env);
    expect(rowsOf(r.items.get(shop.ring)).at(-1)).toMatchObject({ sold: 2, received: 7 }); // the set-up's 2 + 5, not the 9 refused
    await dropRejected(env.db, 'dev-a', [rows.at(-2)!.id]);
    r = await expectKeptEqualsRebuild(env);
    expect(sorted(r.items)).toEqual(sorted(before.items));
  });

  it('an item moved to another category shows there at once (series follow the current dimensions); a time zone change builds again', async () => {
    const env = testEnv();
    const shop = await builtShop(env);
    await sell(env, shop, [ringLine(env, shop.ring, 1)]);
    const category = newId(env);
    await perform(env, 'category.save', { id: category, name: 'Rings' });
    await perform(env, 'product.save', { id: shop.productId, patch: { categoryId: category } });
    const r = await expectKeptEqualsRebuild(env);
    expect(scopeRows(r, r.scopes.get(`category:${category}`)!).at(-1)!.sold).toBe(1);
    expect(r.scopes.has('category:-')).toBe(false);

    const marker = await env.db.dailyRollups.get(['', 'meta', '__built__']);
    const inParis = await loadRollups(env.db, today(env), 'Europe/Paris');
    expect(rowsOf(inParis.items.get(shop.ring)).at(-1)!.sold).toBe(1);
    expect(await env.db.dailyRollups.get(['', 'meta', '__built__'])).toMatchObject({ timeZone: 'Europe/Paris' });
    expect(marker).toMatchObject({ timeZone: 'UTC' });
  });

  it('stored packs a backup turned into plain objects are built again instead of read', async () => {
    const env = testEnv();
    const shop = await builtShop(env);
    const packs = await env.db.dailyRollups.toArray();
    await env.db.dailyRollups.bulkPut(JSON.parse(JSON.stringify(packs)) as never[]);
    await sell(env, shop, [ringLine(env, shop.ring, 1)]); // cannot revise an unreadable pack: gives the marker up
    expect(await rollupsStale(env.db)).toBe(true);
    const r = await loadRollups(env.db, today(env), 'UTC');
    expect(rowsOf(r.items.get(shop.ring)).at(-1)!.onHand).toBe(6);
    await expectKeptEqualsRebuild(env);
  });
});
