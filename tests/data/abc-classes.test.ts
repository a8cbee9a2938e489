import { describe, expect, it } from 'vitest';
import { completeSale } from '../../src/data/commands/sales';
import { perform, type Env } from '../../src/data/commands/perform';
import { newId } from '../../src/data/commands/ids';
import { applyCount, planCount, recordCount } from '../../src/data/commands/counts';
import { countWarning, listCounts, reviewCount } from '../../src/data/queries/counts';
import { refreshRollups } from '../../src/data/insights/rollups';
import {
  classCountsDue,
  classesOutdated,
  ensureItemClasses,
  itemsOfClass,
  lastCountedDays,
  readClassesMeta,
  readItemClass,
  readItemClasses,
  refreshItemClasses,
  storeItemClasses,
} from '../../src/data/insights/classes';
import { syncedTables } from '../../src/data/sync-store';
import { readSettings } from '../../src/data/queries/settings';
import type { CountRecord } from '../../src/domain/inventory/count';
import { businessDayOf } from '../../src/domain/sale/shift';
import { isDomainError } from '../../src/domain/errors';
import { testEnv } from '../factories/env';
import { registerShop, ringLine } from '../factories/register-shop';

const today = (env: Env) => businessDayOf(env.clock.now(), 'UTC');

/**
 * A shop with three quantity-tracked items sold today: the ring brings 90.00 (3 × 30), the chain
 * 25.00, the cloth 5.00 — of 120.00. Ring 75 % (A); above the chain 75 % < 80 % → A (the item
 * that crosses the limit is still A); above the cloth 95.83 % ≥ 95 % → C. The one-of-a-kind
 * piece and the unsold bracelet are C with nothing.
 */
async function shop() {
  const env = testEnv();
  const s = await registerShop(env);
  const chain = newId(env);
  const cloth = newId(env);
  const bracelet = newId(env);
  await perform(env, 'catalog.createProduct', {
    product: { id: newId(env), title: 'Chain' },
    items: [{ id: chain, sku: 'CHAIN-1', price: 2500, cost: 700, tracking: 'quantity' }],
  });
  await perform(env, 'catalog.createProduct', {
    product: { id: newId(env), title: 'Polishing cloth' },
    items: [{ id: cloth, sku: 'CLOTH-1', price: 500, cost: 100, tracking: 'quantity' }],
  });
  await perform(env, 'catalog.createProduct', {
    product: { id: newId(env), title: 'Bracelet' },
    items: [{ id: bracelet, sku: 'BRAC-1', price: 9000, cost: 3000, tracking: 'quantity' }],
  });
  for (const [itemId, quantity, unitCost] of [
    [chain, 3, 700],
    [cloth, 10, 100],
    [bracelet, 2, 3000],
  ] as const) {
    await perform(env, 'stock.receive', {
      eventId: newId(env),
      lotId: newId(env),
      itemId,
      locationId: s.floor,
      quantity,
      unitCost,
      supplierId: null,
      source: 'manual',
    });
  }
  await completeSale(env, {
    shiftId: s.shiftId,
    locationId: s.floor,
    lines: [
      ringLine(env, s.ring, 3),
      ringLine(env, chain, 1, { sku: 'CHAIN-1', title: 'Chain', unitPrice: 2500 }),
      ringLine(env, cloth, 1, { sku: 'CLOTH-1', title: 'Polishing cloth', unitPrice: 500 }),
    ],
    saleDiscount: null,
    tenders: [{ kind: 'cash', amount: 12_000, method: null, reference: null }],
    staffId: null,
    approvedBy: null,
    customerId: null,
  });
  return { env, ...s, chain, cloth, bracelet };
}

describe('ABC class stored on each item (device-local)', () => {
  it('is worked out from the rollups and stored for every item; never synced', async () => {
    const { env, ring, chain, cloth, bracelet, ooak } = await shop();
    expect(syncedTables(env.db)).not.toContain('abcClasses');
    const settings = await readSettings(env.db);
    const r = await refreshRollups(env.db, today(env), 'UTC');
    await storeItemClasses(env.db, r, today(env), settings);
    expect((await readItemClass(env.db, ring))?.class).toBe('A');
    expect(await readItemClass(env.db, ring)).toMatchObject({ rank: 1, value: 9000, shareBp: 7500, basis: 'revenue', day: today(env) });
    expect((await readItemClass(env.db, chain))?.class).toBe('A');
    expect((await readItemClass(env.db, cloth))?.class).toBe('C');
    // Never sold: C with nothing.
    expect(await readItemClass(env.db, bracelet)).toMatchObject({ class: 'C', value: 0 });
    expect(await readItemClass(env.db, ooak)).toMatchObject({ class: 'C', value: 0 });
    expect(await readItemClasses(env.db, [ring, cloth, 'nope'])).toEqual(
      new Map([
        [ring, 'A'],
        [cloth, 'C'],
      ]),
    );
    expect(await readClassesMeta(env.db)).toMatchObject({ day: today(env), basis: 'revenue', thresholds: { a: 80, b: 15, c: 5 } });
    // Nothing about classes went into the outbox.
    expect((await env.db.outbox.toArray()).every((row) => !JSON.stringify(row).includes('abcClasses'))).toBe(true);
  });

  it('follows the settings: other thresholds or by margin re-class items; outdated after a week or a settings change', async () => {
    const { env, ring, chain } = await shop();
    await ensureItemClasses(env.db, env.clock.now());
    expect((await readItemClass(env.db, chain))?.class).toBe('A');
    await perform(env, 'settings.update', { patch: { abcThresholds: { a: 70, b: 20, c: 10 } } });
    const settings = await readSettings(env.db);
    expect(classesOutdated(await readClassesMeta(env.db), today(env), settings)).toBe(true);
    await ensureItemClasses(env.db, env.clock.now());
    // Above the chain: 75 % ≥ 70 % → B.
    expect((await readItemClass(env.db, chain))?.class).toBe('B');
    expect((await readItemClass(env.db, ring))?.class).toBe('A');
    // By margin: ring 90.00 − COGS (2 × 10.00 + 1 × 12.00 = 32.00) = 58.00; chain 25.00 − 7.00 = 18.00; cloth 4.00.
    await perform(env, 'settings.update', { patch: { abcBasis: 'margin' } });
    await ensureItemClasses(env.db, env.clock.now());
    expect(await readItemClass(env.db, ring)).toMatchObject({ basis: 'margin', value: 5800 });
    expect(await readItemClass(env.db, chain)).toMatchObject({ value: 1800 });
    const meta = await readClassesMeta(env.db);
    expect(classesOutdated(meta, today(env), await readSettings(env.db))).toBe(false);
    env.clock.advance(7 * 86_400_000);
    expect(classesOutdated(meta, today(env), await readSettings(env.db))).toBe(true);
  });

  it('the Insights screen stores them at most once a day (same settings), not on every open', async () => {
    const { env, ring } = await shop();
    const r = await refreshRollups(env.db, today(env), 'UTC');
    await refreshItemClasses(env.db, r, today(env), await readSettings(env.db));
    expect((await readItemClass(env.db, ring))?.class).toBe('A');
    // A stored row out of step with the rollups shows whether the next open worked them out again.
    await env.db.abcClasses.update(ring, { class: 'C' });
    await refreshItemClasses(env.db, r, today(env), await readSettings(env.db));
    expect((await readItemClass(env.db, ring))?.class).toBe('C');
    await perform(env, 'settings.update', { patch: { abcBasis: 'margin' } });
    await refreshItemClasses(env.db, r, today(env), await readSettings(env.db));
    expect(await readItemClass(env.db, ring)).toMatchObject({ class: 'A', basis: 'margin' });
    await env.db.abcClasses.update(ring, { class: 'C' });
    env.clock.advance(86_400_000);
    const next = await refreshRollups(env.db, today(env), 'UTC');
    await refreshItemClasses(env.db, next, today(env), await readSettings(env.db));
    expect(await readItemClass(env.db, ring)).toMatchObject({ class: 'A', day: today(env) });
  });
});

describe('cycle counts by ABC class', () => {
  it('overdue per class from applied counts; a class count carries its items and is scoped by them', async () => {
    const { env, floor, ring, chain, cloth, bracelet, ooak } = await shop();
    await ensureItemClasses(env.db, env.clock.now());
    let settings = await readSettings(env.db);
    const due = await classCountsDue(env.db, today(env), settings);
    // Counts cover quantity-tracked items only: the piece-tracked ring is not in any class list.
    expect(due.map((c) => [c.class, c.items, c.due.length, c.never, c.everyDays])).toEqual([
      ['A', 2, 2, 2, 30],
      ['B', 0, 0, 0, 90],
      ['C', 2, 2, 2, 182],
    ]);
    expect(due[2]!.due.map((d) => d.itemId).sort()).toEqual([cloth, bracelet].sort());
    expect(due[2]!.due.some((d) => d.itemId === ooak)).toBe(false);

    const items = await itemsOfClass(env.db, 'A', true, today(env), settings);
    expect(items).toEqual([ring, chain].sort());
    const countId = await planCount(env, {
      name: 'Class A count',
      scope: 'abc',
      refId: null,
      locationId: floor,
      blind: true,
      abcClass: 'A',
      itemIds: items,
    });
    const count = (await env.db.counts.get(countId)) as unknown as CountRecord;
    expect(count.scope).toEqual({ kind: 'abc', refId: null, abcClass: 'A', itemIds: items });
    expect((await listCounts(env.db))[0]).toMatchObject({ scope: 'abc', scopeLabel: 'ABC class A · 2 items' });
    // In scope: the class's items; the cloth is not part of this count.
    expect(await countWarning(env.db, count, ring)).toBeNull();
    expect(await countWarning(env.db, count, cloth)).toBe('CLOTH-1 is not part of this count (ABC class A · 2 items)');

    await recordCount(env, countId, 'Case 1', ring, { kind: 'set', quantity: 4 });
    const review = await reviewCount(env.db, countId, [], [], new Date(env.clock.now()).toISOString());
    // Nobody counted the chain yet: the review lists it (and only it) as not counted.
    expect(review!.notCounted.map((n) => n.sku)).toEqual(['CHAIN-1']);
    await applyCount(env, {
      countId,
      choices: [{ itemId: ring, locationId: floor, choice: 'counted' }],
      zeroes: [],
    });
    expect(await lastCountedDays(env.db, 'UTC')).toEqual(new Map([[ring, today(env)]]));
    settings = await readSettings(env.db);
    let a = (await classCountsDue(env.db, today(env), settings))[0]!;
    expect(a.due.map((d) => d.itemId)).toEqual([chain]);

    // 30 days on, the ring is due again (A monthly); every 45 days, not yet.
    env.clock.advance(30 * 86_400_000);
    a = (await classCountsDue(env.db, today(env), settings))[0]!;
    expect(a.due.map((d) => [d.itemId, d.overdueDays])).toEqual([
      [chain, Number.MAX_SAFE_INTEGER],
      [ring, 0],
    ]);
    await perform(env, 'settings.update', { patch: { countEveryDays: { A: 45, B: 90, C: 182 } } });
    a = (await classCountsDue(env.db, today(env), await readSettings(env.db)))[0]!;
    expect(a.due.map((d) => d.itemId)).toEqual([chain]);
  });

  it('settings refused with a clear message write nothing', async () => {
    const { env } = await shop();
    const before = await env.db.outbox.count();
    await expect(perform(env, 'settings.update', { patch: { dsiBand: { healthyMax: 120, warningFrom: 90 } } })).rejects.toSatisfy(
      (e) => isDomainError(e, 'invalid-args') && (e as Error).message === 'Days of stock: the warning must start above the healthy limit',
    );
    expect(await env.db.outbox.count()).toBe(before);
  });
});
