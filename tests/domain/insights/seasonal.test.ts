import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays } from '../../../src/domain/insights/days';
import { movement, type Movement } from '../../../src/domain/insights/movements';
import { sellThroughByWeek } from '../../../src/domain/insights/kpis';
import { buildRollups, type ItemDims } from '../../../src/domain/insights/rollups';
import {
  collectionWeeks,
  lotRows,
  seasonEnds,
  weekPct,
  weeksSinceArrival,
  type SeasonCatalogue,
} from '../../../src/domain/insights/seasonal';

/** A day row with only the fields sell-through reads. */
const day = (d: string, o: { received?: number; sold?: number; returned?: number }) => ({
  day: d,
  received: o.received ?? 0,
  sold: o.sold ?? 0,
  returned: o.returned ?? 0,
});

describe('sell-through of a new collection by weeks since arrival', () => {
  it("the seed article's pendant: 100 received, 75 sold by the end of week 4 = 75 %; a restock in week 5 counts too", () => {
    // Source: the seed article (../shared/seed/, "Identifying Winners with Sell-Through Rate"):
    // "You sold 75 pendants out of 100 you brought in. (75 / 100) x 100 = 75% Sell-Through Rate."
    // Arrival 2026-10-01: week 1 = Oct 1–7, week 2 = Oct 8–14, week 3 = Oct 15–21, week 4 = Oct 22–28, week 5 = Oct 29–Nov 4.
    const rows = [
      day('2026-09-30', { sold: 3 }), // sold before the first receipt: not "since arrival"
      day('2026-10-01', { received: 100, sold: 5 }),
      day('2026-10-05', { sold: 15 }), // week 1: 20 of 100 = 20 %
      day('2026-10-10', { sold: 27, returned: 2 }), // week 2: 20 + 25 net = 45 of 100 = 45 %
      // week 3: nothing sold, still 45 %
      day('2026-10-25', { sold: 30 }), // week 4: 75 of 100 = 75 %
      day('2026-10-29', { received: 20 }),
      day('2026-10-30', { sold: 5 }), // week 5 so far: 80 of 120 = 66.67 %
      day('2026-11-02', { sold: 9 }), // after today: not counted yet
    ];
    const { arrival, weeks } = weeksSinceArrival(rows, '2026-10-30');
    expect(arrival).toBe('2026-10-01');
    expect(weeks.map((w) => [w.week, w.until, w.received, w.sold, w.kpi.value, w.partial])).toEqual([
      [1, '2026-10-07', 100, 20, 20, false],
      [2, '2026-10-14', 100, 45, 45, false],
      [3, '2026-10-21', 100, 45, 45, false],
      [4, '2026-10-28', 100, 75, 75, false],
      [5, '2026-11-04', 120, 80, (80 * 100) / 120, true],
    ]);
    expect(weeks[4]!.kpi.value).toBeCloseTo(66.67, 2);
    // The figure is redone from its inputs by its formula.
    expect(weeks[3]!.kpi.formula).toBe('(sold * 100) / received');
    expect(weeks[3]!.kpi.inputs).toEqual({ sold: 75, received: 100 });
  });

  it('no receipt: no arrival and no weeks (never a division by zero); a week with nothing received yet is null, not NaN', () => {
    expect(weeksSinceArrival([day('2026-10-01', { sold: 2 })], '2026-10-30')).toEqual({ arrival: null, weeks: [] });
    expect(weeksSinceArrival([], '2026-10-30')).toEqual({ arrival: null, weeks: [] });
    // Received only after today: not arrived yet.
    expect(weeksSinceArrival([day('2026-11-01', { received: 5 })], '2026-10-30').arrival).toBeNull();
    // Arrival today: one partial week.
    const today = weeksSinceArrival([day('2026-10-30', { received: 4, sold: 1 })], '2026-10-30');
    expect(today.weeks.map((w) => [w.week, w.partial, w.kpi.value])).toEqual([[1, true, 25]]);
  });

  it('property: the last week equals everything since arrival, and no figure is NaN or infinite', () => {
    const start = '2026-01-01';
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            offset: fc.integer({ min: 0, max: 120 }),
            received: fc.integer({ min: 0, max: 20 }),
            sold: fc.integer({ min: 0, max: 20 }),
            returned: fc.integer({ min: 0, max: 3 }),
          }),
          { maxLength: 40 },
        ),
        fc.integer({ min: 0, max: 130 }),
        (raw, todayOffset) => {
          const rows = raw.map((r) => day(addDays(start, r.offset), r));
          const today = addDays(start, todayOffset);
          const { arrival, weeks } = weeksSinceArrival(rows, today, 1000);
          const firstReceipt =
            rows
              .filter((r) => r.received > 0 && r.day <= today)
              .map((r) => r.day)
              .sort()[0] ?? null;
          expect(arrival).toBe(firstReceipt);
          if (arrival === null) {
            expect(weeks).toEqual([]);
            return;
          }
          const since = rows.filter((r) => r.day >= arrival && r.day <= today);
          const last = weeks[weeks.length - 1]!;
          expect(last.until >= today && addDays(last.until, -7) < today).toBe(true);
          expect(last.received).toBe(since.reduce((s, r) => s + r.received, 0));
          expect(last.sold).toBe(since.reduce((s, r) => s + r.sold - r.returned, 0));
          for (const w of weeks) if (w.kpi.value !== null) expect(Number.isFinite(w.kpi.value)).toBe(true);
          // The same figures as kpis.ts's sellThroughByWeek on the rows since arrival (rows given in any order).
          expect(weeks.map((w) => w.kpi)).toEqual(sellThroughByWeek(since, arrival, weeks.length).map((w) => w.kpi));
        },
      ),
    );
  });
});

// --- a small shop, through the real rollups -------------------------------------------------

const TODAY = '2026-11-27';

function shop(): { movements: Movement[]; dims: ItemDims[]; catalogue: SeasonCatalogue } {
  const ms: Movement[] = [];
  let n = 0;
  const receive = (itemId: string, d: string, qty: number, cost: number) =>
    ms.push(
      movement({
        id: `m${n++}`,
        kind: 'receive',
        itemId,
        locationId: 'floor',
        day: d,
        units: qty,
        value: qty * cost,
        received: qty,
        receivedValue: qty * cost,
      }),
    );
  const sell = (itemId: string, d: string, qty: number, price: number, cost: number) =>
    ms.push(
      movement({
        id: `m${n++}`,
        kind: 'sale',
        itemId,
        locationId: 'floor',
        day: d,
        units: -qty,
        value: -qty * cost,
        sold: qty,
        revenue: qty * price,
        cogs: qty * cost,
      }),
    );
  // Holiday Sparkle (season ends 2026-12-20, 23 days after today): arrived 2026-11-02.
  receive('studs', '2026-11-02', 10, 1200); // 10 studs at 12.00, price 45.00
  sell('studs', '2026-11-05', 2, 4500, 1200);
  sell('studs', '2026-11-20', 2, 4500, 1200); // 4 of 10 sold, 6 left (72.00 at cost)
  receive('cuff', '2026-11-09', 5, 3000); // 5 cuffs at 30.00, price 99.99, none sold (150.00 at cost)
  receive('star', '2026-11-09', 3, 2000); // already marked down from 80.00 to 50.00; 1 sold, 2 left
  sell('star', '2026-11-25', 1, 5000, 2000);
  // Summer Tides (ended 2026-09-30, 58 days ago) with 2 anklets left.
  receive('anklet', '2026-05-01', 10, 800);
  sell('anklet', '2026-06-10', 8, 2500, 800);
  // Riviera Summer (ends 2027-01-30, 64 days away): too far off to show.
  receive('riviera', '2026-11-20', 4, 1000);
  // Sold out (ends 2026-12-01): nothing left, not shown.
  receive('gone', '2026-10-01', 2, 1000);
  sell('gone', '2026-10-02', 2, 3000, 1000);
  // Core (permanent, no season end): never shown near a season's end.
  receive('chain', '2026-01-10', 5, 1500);
  const collectionOf: Record<string, string> = {
    studs: 'holiday',
    cuff: 'holiday',
    star: 'holiday',
    anklet: 'summer',
    riviera: 'riviera',
    gone: 'soldout',
    chain: 'core',
  };
  const price: Record<string, number> = { studs: 4500, cuff: 9999, star: 5000, anklet: 2500, riviera: 6000, gone: 3000, chain: 4000 };
  return {
    movements: ms,
    dims: Object.entries(collectionOf).map(([itemId, c]) => ({ itemId, categoryId: null, collectionId: c, supplierId: null })),
    catalogue: {
      items: new Map(Object.entries(collectionOf).map(([id, c]) => [id, { collectionId: c, price: price[id]! }])),
      collections: new Map([
        ['holiday', { name: 'Holiday Sparkle', seasonEnd: '2026-12-20' }],
        ['summer', { name: 'Summer Tides', seasonEnd: '2026-09-30' }],
        ['riviera', { name: 'Riviera Summer', seasonEnd: '2027-01-30' }],
        ['soldout', { name: 'Sold Out', seasonEnd: '2026-12-01' }],
        ['core', { name: 'Core', seasonEnd: null }],
        ['empty', { name: 'Never received', seasonEnd: '2026-12-05' }],
      ]),
      previousPrice: new Map([['star', 8000]]),
    },
  };
}

function rollups() {
  const s = shop();
  return { ...s, r: buildRollups({ movements: s.movements, items: s.dims, from: '2026-01-01', to: TODAY }) };
}

describe('collections by weeks since arrival', () => {
  it('groups the items of each collection from its first receipt, newest arrival first; never-received collections left out', () => {
    const { r, catalogue } = rollups();
    const list = collectionWeeks(r.items, catalogue, TODAY, 12);
    expect(list.map((c) => [c.name, c.arrival, c.weeksOnSale])).toEqual([
      ['Riviera Summer', '2026-11-20', 2], // Nov 20–26, Nov 27 (today) starts week 2
      ['Holiday Sparkle', '2026-11-02', 4], // Nov 2 + 25 days: week 4
      ['Sold Out', '2026-10-01', 9],
      ['Summer Tides', '2026-05-01', 31], // 210 days: 30 whole weeks, the 31st begun
      ['Core', '2026-01-10', 46],
    ]);
    const holiday = list[1]!;
    // Week 1 (Nov 2–8): 2 of 10 studs = 20 %. Week 2 (Nov 9–15): the cuffs and stars arrive, 2 of 18 = 11.11 %.
    // Week 3 (Nov 16–22): 4 of 18 = 22.22 %. Week 4 (Nov 23–29, so far): 5 of 18 = 27.78 %.
    expect(holiday.weeks.map((w) => [w.received, w.sold])).toEqual([
      [10, 2],
      [18, 2],
      [18, 4],
      [18, 5],
    ]);
    expect(weekPct(holiday, 1)).toBe(20);
    expect(weekPct(holiday, 2)).toBeCloseTo(11.11, 2);
    expect(weekPct(holiday, 8)).toBeNull(); // not that old yet
    expect(holiday.now.value).toBeCloseTo(27.78, 2);
    // Summer Tides: 8 of 10 anklets sold = 80 %; only the first 12 weeks are kept for the table.
    expect(list[3]!.now.value).toBe(80);
    expect(list[3]!.weeks).toHaveLength(12);
  });
});

describe('collections near the end of their season', () => {
  it('lists the collections ending within 4 weeks (or ended) with stock left, and marks down what is left 30 % in one step', () => {
    const { r, catalogue } = rollups();
    const rows = seasonEnds(r.items, catalogue, TODAY, { weeks: 4, offBp: 3000 });
    expect(rows.map((x) => [x.name, x.daysLeft])).toEqual([
      ['Summer Tides', -58], // ended 58 days ago, 2 anklets still on the shelf
      ['Holiday Sparkle', 23],
    ]);
    const holiday = rows[1]!;
    // On hand: 6 studs + 5 cuffs + 2 stars = 13 units; at cost 6 × 12.00 + 5 × 30.00 + 2 × 20.00 = 262.00.
    expect([holiday.units, holiday.value, holiday.pieces]).toEqual([13, 26200, 3]);
    // Sold since arrival: 4 studs + 1 star = 5 of 18 received.
    expect(holiday.sellThrough.inputs).toEqual({ sold: 5, received: 18 });
    // At today's prices: 6 × 45.00 + 5 × 99.99 + 2 × 50.00 = 270.00 + 499.95 + 100.00 = 869.95.
    expect(holiday.valueAtRetail).toBe(86995);
    // 30 % off, rounded once half away from zero: 45.00 → 31.50; 99.99 → 99.99 − 30.00 (29.997 rounded) = 69.99.
    // The star is already marked down (80.00 → 50.00): not marked down again; "Revert" puts 80.00 back.
    expect(holiday.markdowns).toEqual([
      { itemId: 'studs', price: 3150 },
      { itemId: 'cuff', price: 6999 },
    ]);
    expect(holiday.reverts).toEqual([{ itemId: 'star', price: 8000 }]);
    // What is left would bring in 6 × 31.50 + 5 × 69.99 + 2 × 50.00 = 189.00 + 349.95 + 100.00 = 638.95.
    expect(holiday.valueAtNewRetail).toBe(63895);
    const summer = rows[0]!;
    expect([summer.units, summer.value, summer.sellThrough.value]).toEqual([2, 1600, 80]);
    expect(summer.markdowns).toEqual([{ itemId: 'anklet', price: 1750 }]);
  });

  it('a longer window takes in later seasons; a collection with no season end or nothing received never divides by zero', () => {
    const { r, catalogue } = rollups();
    const rows = seasonEnds(r.items, catalogue, TODAY, { weeks: 10, offBp: 2000 });
    expect(rows.map((x) => x.name)).toEqual(['Summer Tides', 'Holiday Sparkle', 'Riviera Summer']);
    const riviera = rows[2]!;
    expect([riviera.daysLeft, riviera.sellThrough.value]).toEqual([64, 0]);
    expect(riviera.markdowns).toEqual([{ itemId: 'riviera', price: 4800 }]);
    // No items at all: nothing shown, nothing divided.
    const empty = seasonEnds(new Map(), catalogue, TODAY);
    expect(empty).toEqual([]);
  });
});

describe('sell-through per receipt lot', () => {
  it('the pendant delivery: 100 received, 25 left = 75 %; other items and empty lots left out; newest first', () => {
    const lots = [
      { id: 'a', itemId: 'pendant', receivedAt: '2026-10-01T09:00:00Z', qtyReceived: 100, qtyRemaining: 25 },
      { id: 'b', itemId: 'pendant', receivedAt: '2026-11-01T09:00:00Z', qtyReceived: 20, qtyRemaining: 20 },
      { id: 'c', itemId: 'other', receivedAt: '2026-11-02T09:00:00Z', qtyReceived: 5, qtyRemaining: 1 },
      { id: 'd', itemId: 'pendant', receivedAt: '2026-11-03T09:00:00Z', qtyReceived: 0, qtyRemaining: 0 },
    ];
    const rows = lotRows(lots, new Set(['pendant']), (i) => i.slice(0, 10));
    expect(rows.map((l) => [l.lotId, l.receivedOn, l.kpi.value])).toEqual([
      ['b', '2026-11-01', 0],
      ['a', '2026-10-01', 75],
    ]);
  });
});
