import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { addDays, eachDay } from '../../../src/domain/insights/days';
import { movement, type Movement, type MovementKind } from '../../../src/domain/insights/movements';
import {
  buildRollups,
  itemPeriod,
  reviseItemRows,
  reviseScopes,
  scopePeriod,
  scopeRows,
  seriesOf,
  updateRollups,
  type ItemDayRow,
  type ItemDims,
  type Rollups,
} from '../../../src/domain/insights/rollups';
import { kpisOf } from '../../../src/domain/insights/kpis';
import { daysOfRows, rowsOf } from '../../../src/domain/insights/item-days';

const FROM = '2026-03-01';
const TO = '2026-03-16';
const DIMS: ItemDims[] = [
  { itemId: 'ring', categoryId: 'rings', collectionId: 'spring', supplierId: 's1' },
  { itemId: 'chain', categoryId: 'necklaces', collectionId: null, supplierId: 's1' },
  { itemId: 'stud', categoryId: 'earrings', collectionId: 'spring', supplierId: 's2' },
  { itemId: 'cuff', categoryId: null, collectionId: null, supplierId: null },
];

describe('a small ledger, worked by hand', () => {
  // Ring: 10 received at $20 on Mar 1; 4 sold on Mar 3 for $50 each net of tax (COGS $80);
  // 1 lost on Mar 5 ($20 shrinkage); 10 more at $22 on Mar 10.
  const ms: Movement[] = [
    movement({
      id: 'r1',
      kind: 'receive',
      itemId: 'ring',
      locationId: 'floor',
      day: '2026-03-01',
      units: 10,
      value: 20000,
      received: 10,
      receivedValue: 20000,
    }),
    movement({
      id: 's1',
      kind: 'sale',
      itemId: 'ring',
      locationId: 'floor',
      day: '2026-03-03',
      units: -4,
      value: -8000,
      sold: 4,
      revenue: 20000,
      cogs: 8000,
    }),
    movement({
      id: 'l1',
      kind: 'adjust',
      itemId: 'ring',
      locationId: 'floor',
      day: '2026-03-05',
      units: -1,
      value: -2000,
      shrinkage: 2000,
      shrinkageUnits: 1,
    }),
    movement({
      id: 'r2',
      kind: 'receive',
      itemId: 'ring',
      locationId: 'stock',
      day: '2026-03-10',
      units: 10,
      value: 22000,
      received: 10,
      receivedValue: 22000,
    }),
  ];
  const r = buildRollups({ movements: ms, items: DIMS, from: FROM, to: '2026-03-10' });

  it('item-day rows only on days with movement, stock at the end of each', () => {
    expect(rowsOf(r.items.get('ring')).map((row) => [row.day, row.onHand, row.stockValue])).toEqual([
      ['2026-03-01', 10, 20000],
      ['2026-03-03', 6, 12000],
      ['2026-03-05', 5, 10000],
      ['2026-03-10', 15, 32000],
    ]);
  });

  it('the average inventory comes from the daily step function', () => {
    // End-of-day values Mar 1–10: 20000, 20000, 12000, 12000, 10000 × 5 days (5–9), 32000.
    const p = itemPeriod(r.items.get('ring')!, FROM, '2026-03-10');
    expect(p.stockValueDaySum).toBe(20000 * 2 + 12000 * 2 + 10000 * 5 + 32000);
    const k = kpisOf(p);
    expect(k.averageInventory.value).toBe(14600);
    expect(k.inventoryTurnover.value).toBe(8000 / 14600);
    expect(k.grossMargin.value).toBe(12000);
    expect(k.sellThrough.value).toBe(20); // 4 of 20 received
    expect(k.stockValueAtCost.value).toBe(32000);
  });

  it('dense rows per scope: every day, stock carried, location without value', () => {
    const rings = scopeRows(r, r.scopes.get('category:rings')!);
    expect(rings).toHaveLength(10);
    expect(rings.map((x) => x.stockValue)).toEqual([20000, 20000, 12000, 12000, 10000, 10000, 10000, 10000, 10000, 32000]);
    const floor = scopeRows(r, r.scopes.get('location:floor')!);
    expect(floor.map((x) => x.onHand)).toEqual([10, 10, 6, 6, 5, 5, 5, 5, 5, 5]);
    expect(floor[0]!.stockValue).toBeNull();
    const p = scopePeriod(r, r.scopes.get('shop:all')!, FROM, '2026-03-10');
    expect(p.stockValueDaySum).toBe(itemPeriod(r.items.get('ring')!, FROM, '2026-03-10').stockValueDaySum);
  });

  it('a late-synced sale on Mar 2 rewrites the ring rows from Mar 2 on, and only those', () => {
    const copy = buildRollups({ movements: ms, items: DIMS, from: FROM, to: '2026-03-10' });
    const late = movement({
      id: 's0',
      kind: 'sale',
      itemId: 'ring',
      locationId: 'floor',
      day: '2026-03-02',
      units: -1,
      value: -2000,
      sold: 1,
      revenue: 5000,
      cogs: 2000,
    });
    const changes = updateRollups(copy, [late]);
    expect(changes.put.map((x) => [x.day, x.onHand])).toEqual([
      ['2026-03-02', 9],
      ['2026-03-03', 5],
      ['2026-03-05', 4],
      ['2026-03-10', 14],
    ]);
    expect(changes.deleted).toEqual([]);
  });
});

// ---- property: incremental == from scratch ----

const KINDS: MovementKind[] = ['receive', 'sale', 'adjust', 'transfer', 'costCorrection', 'return'];
const rawMovement = fc.record({
  item: fc.integer({ min: 0, max: 3 }),
  loc: fc.integer({ min: 0, max: 2 }),
  day: fc.integer({ min: -4, max: 20 }), // before, inside and after the dense period
  kind: fc.constantFrom(...KINDS),
  qty: fc.integer({ min: 1, max: 6 }),
  cost: fc.integer({ min: 0, max: 4000 }),
  price: fc.integer({ min: 0, max: 9000 }),
  unknown: fc.boolean(),
});
type Raw = typeof rawMovement extends fc.Arbitrary<infer T> ? T : never;

function toMovement(id: string, m: Raw): Movement {
  const base = { id, itemId: DIMS[m.item]!.itemId, locationId: `loc${m.loc}`, day: addDays(FROM, m.day), provisional: m.price % 2 };
  const value = m.unknown ? 0 : m.qty * m.cost;
  switch (m.kind) {
    case 'receive':
      return movement({
        ...base,
        kind: 'receive',
        units: m.qty,
        value,
        costUnknownUnits: m.unknown ? m.qty : 0,
        received: m.qty,
        receivedValue: value,
        receivedCostUnknown: m.unknown ? m.qty : 0,
      });
    case 'sale':
      return movement({
        ...base,
        kind: 'sale',
        units: -m.qty,
        value: -value,
        costUnknownUnits: m.unknown ? -m.qty : 0,
        sold: m.qty,
        revenue: m.qty * m.price,
        cogs: value,
        costUnknownSold: m.unknown ? m.qty : 0,
        costUnknownRevenue: m.unknown ? m.qty * m.price : 0,
      });
    case 'return':
      return movement({ ...base, kind: 'return', units: m.qty, value, returned: m.qty, returnRevenue: m.qty * m.price, returnCogs: value });
    case 'adjust':
      return movement({
        ...base,
        kind: 'adjust',
        units: -m.qty,
        value: -value,
        ...(m.cost % 2 ? { shrinkage: value, shrinkageUnits: m.qty } : { marketing: value, marketingUnits: m.qty }),
      });
    case 'transfer':
      return movement({ ...base, kind: 'transfer', units: m.loc === 0 ? -m.qty : m.qty });
    default:
      return movement({ ...base, kind: 'costCorrection', value: m.cost - 2000, cogs: (m.cost % 300) - 150 });
  }
}

/** What a device's table of item-day rows holds after applying the changes an update returned. */
function applyChanges(table: Map<string, ItemDayRow>, changes: ReturnType<typeof updateRollups>) {
  for (const d of changes.deleted) table.delete(`${d.itemId}|${d.day}`);
  for (const row of changes.put) table.set(`${row.itemId}|${row.day}`, row);
}
function tableOf(r: Rollups): Map<string, ItemDayRow> {
  return new Map([...r.items.values()].flatMap(rowsOf).map((row) => [`${row.itemId}|${row.day}`, row]));
}
function snapshot(r: Rollups) {
  const items = [...r.items]
    .map(([id, d]) => [id, rowsOf(d)] as const)
    .filter(([, rows]) => rows.length > 0)
    .sort(([a], [b]) => a.localeCompare(b));
  const scopes = [...r.scopes.keys()].sort().map((k) => [k, scopeRows(r, r.scopes.get(k)!)] as const);
  // A scope whose movements were all removed is all zeros: the same as no scope at all.
  const nonEmpty = scopes.filter(([, rows]) =>
    rows.some((row) => Object.entries(row).some(([key, v]) => key !== 'day' && v !== 0 && v !== null)),
  );
  return { items: new Map(items), scopes: nonEmpty };
}

describe('incremental rollups equal a recomputation from scratch', () => {
  it('over random ledgers with late-synced, re-costed and removed events (fast-check, 250 runs)', () => {
    fc.assert(
      fc.property(
        fc.array(rawMovement, { minLength: 1, maxLength: 60 }),
        fc.integer({ min: 0, max: 60 }),
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 4000 }), fc.boolean()), { maxLength: 10 }),
        fc.array(fc.nat(), { maxLength: 5 }),
        fc.integer({ min: 1, max: 7 }),
        (raws, split, recosts, removals, batchSize) => {
          const ledger = raws.map((m, i) => toMovement(`m${i}`, m));
          // The device first holds part of the ledger (its own, or an earlier pull)...
          const cut = Math.min(split, ledger.length);
          const first = ledger.slice(cut);
          const late = ledger.slice(0, cut); // older ids, arriving later, any day
          const r = buildRollups({ movements: first, items: DIMS, from: FROM, to: TO });
          const table = tableOf(r);
          // ...late-synced events arrive in batches...
          for (let i = 0; i < late.length; i += batchSize) {
            const batch = late.slice(i, i + batchSize);
            const changes = updateRollups(r, batch);
            // Only the items of the batch are rewritten.
            const items = new Set(batch.map((m) => m.itemId));
            for (const row of changes.put) expect(items.has(row.itemId)).toBe(true);
            applyChanges(table, changes);
          }
          // ...events are re-costed (the same fact with another cost, maybe moved to another day by the server order)...
          const final = new Map(ledger.map((m) => [m.id, m]));
          const recosted = recosts.map(([i, cost, moveDay]) => {
            const raw = raws[i % raws.length]!;
            const m = toMovement(`m${i % raws.length}`, { ...raw, cost, unknown: false, day: moveDay ? raw.day - 1 : raw.day });
            final.set(m.id, m);
            return m;
          });
          applyChanges(table, updateRollups(r, recosted));
          // ...and some are removed (the server rejected their mutation).
          const removed = removals.map((i) => ({ id: `m${i % raws.length}`, itemId: DIMS[raws[i % raws.length]!.item]!.itemId }));
          for (const { id } of removed) final.delete(id);
          applyChanges(table, updateRollups(r, [], removed));

          const scratch = buildRollups({ movements: [...final.values()], items: DIMS, from: FROM, to: TO });
          expect(snapshot(r)).toEqual(snapshot(scratch));
          // The rows the updates told the device to write and delete give the same table.
          expect(new Map([...table].sort())).toEqual(new Map([...tableOf(scratch)].sort()));
        },
      ),
      { numRuns: 250 },
    );
  });

  it('revising stored rows from old and new versions alone equals a rebuild (fast-check, 250 runs)', () => {
    fc.assert(
      fc.property(
        fc.array(rawMovement, { minLength: 1, maxLength: 60 }),
        fc.array(fc.tuple(fc.nat(), rawMovement), { maxLength: 15 }),
        fc.array(fc.nat(), { maxLength: 6 }),
        fc.integer({ min: 1, max: 9 }),
        (raws, edits, removals, batchSize) => {
          // The device: its current version of each fact, its stored item rows, its dense series.
          const current = new Map<string, Movement>();
          const r = buildRollups({ movements: [], items: DIMS, from: FROM, to: TO });
          const revise = (batch: Movement[], removedIds: string[] = []) => {
            const after = [...new Map(batch.map((m) => [m.id, m])).values()]; // one version per fact: the last
            const before = [...after.map((m) => m.id), ...removedIds].flatMap((id) => (current.has(id) ? [current.get(id)!] : []));
            const items = new Set([...before, ...after].map((m) => m.itemId));
            for (const itemId of items) {
              const out = reviseItemRows(
                itemId,
                rowsOf(r.items.get(itemId)),
                before.filter((m) => m.itemId === itemId),
                after.filter((m) => m.itemId === itemId),
              );
              if (out.rows.length > 0) r.items.set(itemId, daysOfRows(itemId, out.rows));
              else r.items.delete(itemId);
            }
            reviseScopes(r, before, after);
            for (const id of removedIds) current.delete(id);
            for (const m of after) current.set(m.id, m);
          };
          // Facts arrive in batches, in any order of day (late sync)...
          const ledger = raws.map((m, i) => toMovement(`m${i}`, m));
          for (let i = 0; i < ledger.length; i += batchSize) revise(ledger.slice(i, i + batchSize));
          // ...some change (re-costed, or moved to another day by the server's order)...
          revise(edits.map(([i, raw]) => toMovement(`m${i % raws.length}`, { ...raw, item: raws[i % raws.length]!.item })));
          // ...and some are withdrawn.
          revise([], [...new Set(removals.map((i) => `m${i % raws.length}`))]);

          const scratch = buildRollups({ movements: [...current.values()], items: DIMS, from: FROM, to: TO });
          expect(snapshot(r)).toEqual(snapshot(scratch));
        },
      ),
      { numRuns: 250 },
    );
  });

  it('from scratch equals a brute-force day-by-day recount (fast-check, 200 runs)', () => {
    fc.assert(
      fc.property(fc.array(rawMovement, { minLength: 1, maxLength: 50 }), (raws) => {
        const ledger = raws.map((m, i) => toMovement(`m${i}`, m));
        const r = buildRollups({ movements: ledger, items: DIMS, from: FROM, to: TO });
        const shop = scopeRows(r, seriesOf(r, 'shop', 'all'));
        const days = eachDay(FROM, TO);
        days.forEach((day, i) => {
          const upTo = ledger.filter((m) => m.day <= day);
          expect(shop[i]!.onHand).toBe(upTo.reduce((s, m) => s + m.units, 0));
          expect(shop[i]!.stockValue).toBe(upTo.reduce((s, m) => s + m.value, 0));
          expect(shop[i]!.revenue).toBe(ledger.filter((m) => m.day === day).reduce((s, m) => s + m.revenue, 0));
        });
        for (const dims of DIMS) {
          const d = r.items.get(dims.itemId);
          const rows = rowsOf(d);
          const mine = ledger.filter((m) => m.itemId === dims.itemId);
          const expected = days.reduce((s, day) => s + mine.filter((m) => m.day <= day).reduce((t, m) => t + m.value, 0), 0);
          expect(itemPeriod(d, FROM, TO).stockValueDaySum).toBe(expected);
          expect(new Set(rows.map((row) => row.day))).toEqual(new Set(mine.map((m) => m.day)));
        }
      }),
      { numRuns: 200 },
    );
  });
});

it('builds rollups over a large random ledger (completes; no timing asserted)', () => {
  // A deterministic pseudo-random ledger: 2 years, 2,000 items, 100,000 sale lines plus receipts.
  let seed = 42;
  // mulberry32: a small deterministic generator.
  const rand = () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let x = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4_294_967_296;
  };
  const items: ItemDims[] = Array.from({ length: 2000 }, (_, i) => ({
    itemId: `item${i}`,
    categoryId: `cat${i % 12}`,
    collectionId: i % 3 ? `col${i % 7}` : null,
    supplierId: `sup${i % 20}`,
  }));
  const ms: Movement[] = [];
  for (let i = 0; i < 2000; i++)
    ms.push(
      movement({
        id: `rcv${i}`,
        kind: 'receive',
        itemId: `item${i}`,
        locationId: 'floor',
        day: '2025-01-01',
        units: 100,
        value: 100 * 1500,
        received: 100,
        receivedValue: 150000,
      }),
    );
  for (let i = 0; i < 100_000; i++) {
    const item = Math.floor(rand() * 2000);
    ms.push(
      movement({
        id: `sale${i}`,
        kind: 'sale',
        itemId: `item${item}`,
        locationId: rand() < 0.8 ? 'floor' : 'stall',
        day: addDays('2025-01-01', Math.floor(rand() * 730)),
        units: -1,
        value: -1500,
        sold: 1,
        revenue: 4000,
        cogs: 1500,
      }),
    );
  }
  const r = buildRollups({ movements: ms, items, from: '2025-01-01', to: '2026-12-31' });
  const p = scopePeriod(r, r.scopes.get('shop:all')!, '2025-01-01', '2026-12-31');
  expect(p.sold).toBe(100_000);
  expect(p.cogs).toBe(150_000_000);
  expect(p.closingOnHand).toBe(200_000 - 100_000);
});

describe('scopePeriod', () => {
  /** The figures of a sub-period summed from the day rows (what scopePeriod did before it read the columns). */
  function fromRows(r: Rollups, key: string, from: string, to: string) {
    const series = r.scopes.get(key)!;
    const rows = scopeRows(r, series);
    const start = eachDay(r.from, from).length - 1;
    const end = eachDay(r.from, to).length - 1;
    const before = rows[start - 1];
    const sum = (f: (row: (typeof rows)[number]) => number) => rows.slice(start, end + 1).reduce((s, row) => s + f(row), 0);
    const last = rows[end]!;
    return {
      openingValue: start === 0 ? (series.scope === 'location' ? 0 : series.opening.value) : (before?.stockValue ?? 0),
      openingOnHand: start === 0 ? series.opening.units : before!.onHand,
      sold: sum((row) => row.sold),
      revenue: sum((row) => row.revenue),
      cogs: sum((row) => row.cogs),
      received: sum((row) => row.received),
      stockValueDaySum: sum((row) => row.stockValue ?? 0),
      onHandDaySum: sum((row) => row.onHand),
      closingValue: last.stockValue ?? 0,
      closingOnHand: last.onHand,
      closingCostUnknownOnHand: last.costUnknownOnHand,
    };
  }

  it('reads the columns to the same figures as the day rows, for every scope and any sub-period (fast-check, 200 runs)', () => {
    fc.assert(
      fc.property(
        fc.array(rawMovement, { minLength: 1, maxLength: 50 }),
        fc.integer({ min: 0, max: 15 }),
        fc.integer({ min: 0, max: 15 }),
        (raws, a, b) => {
          const r = buildRollups({ movements: raws.map((m, i) => toMovement(`m${i}`, m)), items: DIMS, from: FROM, to: TO });
          const [from, to] = [addDays(FROM, Math.min(a, b)), addDays(FROM, Math.max(a, b))];
          for (const key of r.scopes.keys()) {
            const p = scopePeriod(r, r.scopes.get(key)!, from, to);
            expect(p, key).toMatchObject(fromRows(r, key, from, to));
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});
