import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { abcClasses, abcSummary, countsDue, DEFAULT_ABC } from '../../../src/domain/insights/abc';

describe('ABC analysis', () => {
  it('classes ten items by revenue share (example adapted, computed by hand)', () => {
    // Adapted from the procedure in GIZ, "ABC-analysis — how to"
    // (https://gc21.giz.de/ibt/en/opt/site/ilt/ibt/regionalportale/sadc/inhalt/logistics/module_03/how_to.html):
    // sort by value, accumulate the shares, cut at the class limits — with the seed article's
    // 80/15/5 ("the 20% of items that generate 80% of your revenue").
    // Revenues ($): 5000, 2500, 1200, 500, 300, 200, 150, 80, 50, 20 — total 10,000, so shares in
    // basis points equal the dollars. Share of the items ranked above each: 0, 50.00 %, 75.00 %
    // (< 80 % → A, and this item brings the total to 87 %), 87 %, 92 % (< 95 % → B), 95 % (→ C) …
    const revenues = [5000, 2500, 1200, 500, 300, 200, 150, 80, 50, 20];
    const rows = abcClasses(revenues.map((r, i) => ({ itemId: `i${String(i + 1).padStart(2, '0')}`, revenue: r * 100, margin: 0 })));
    expect(rows.map((r) => r.class).join('')).toBe('AAABBCCCCC');
    expect(rows.map((r) => r.shareBp)).toEqual(revenues);
    expect(rows.map((r) => r.cumulativeBp)).toEqual([5000, 7500, 8700, 9200, 9500, 9700, 9850, 9930, 9980, 10000]);
    const s = abcSummary(rows);
    expect([s.A.items, s.B.items, s.C.items]).toEqual([3, 2, 5]);
    expect([s.A.shareBp, s.B.shareBp, s.C.shareBp]).toEqual([8700, 800, 500]);
  });

  it('can rank by margin, and breaks ties by item id', () => {
    const rows = abcClasses(
      [
        { itemId: 'b', revenue: 100, margin: 50 },
        { itemId: 'a', revenue: 100, margin: 50 },
        { itemId: 'c', revenue: 900, margin: -10 },
      ],
      { ...DEFAULT_ABC, by: 'margin' },
    );
    expect(rows.map((r) => [r.itemId, r.class])).toEqual([
      ['a', 'A'],
      ['b', 'A'],
      ['c', 'C'],
    ]);
  });

  const items = fc.uniqueArray(
    fc.record({ itemId: fc.uuid(), revenue: fc.integer({ min: 0, max: 10_000_000 }), margin: fc.integer({ min: -1000, max: 1_000_000 }) }),
    {
      selector: (i) => i.itemId,
      maxLength: 80,
    },
  );
  const limits = fc.record({ a: fc.integer({ min: 1, max: 98 }), b: fc.integer({ min: 1, max: 50 }) }).filter((l) => l.a + l.b < 100);

  it('shares sum to exactly 100 % and every item has exactly one class (fast-check, 300 runs)', () => {
    // Exact: shares are integer basis points allocated from 10,000 (largest remainder), no tolerance needed.
    fc.assert(
      fc.property(items, limits, fc.boolean(), (list, l, byMargin) => {
        const settings = { a: l.a, b: l.b, c: 100 - l.a - l.b, by: byMargin ? ('margin' as const) : ('revenue' as const) };
        const rows = abcClasses(list, settings);
        expect(rows).toHaveLength(list.length);
        expect(new Set(rows.map((r) => r.itemId)).size).toBe(list.length);
        for (const r of rows) expect(['A', 'B', 'C']).toContain(r.class);
        const total = rows.reduce((s, r) => s + r.value, 0);
        expect(rows.reduce((s, r) => s + r.shareBp, 0)).toBe(total === 0 ? 0 : 10_000);
        if (total > 0) expect(rows[rows.length - 1]!.cumulativeBp).toBe(10_000);
        // Classes never go back up the ranking: A…A B…B C…C.
        const order = rows.map((r) => r.class).join('');
        expect(order).toMatch(/^A*B*C*$/);
        // A reaches the A limit unless every item with value is A.
        const s = abcSummary(rows);
        if (total > 0 && s.B.items + s.C.items > 0 && rows.some((r) => r.class !== 'A' && r.value > 0))
          expect(s.A.shareBp).toBeGreaterThanOrEqual(l.a * 100);
        // Deterministic: the input order does not matter.
        expect(abcClasses([...list].reverse(), settings)).toEqual(rows);
      }),
      { numRuns: 300 },
    );
  });
});

describe('cycle counts by ABC class', () => {
  it('A monthly, B quarterly, C twice a year: due and overdue items, most overdue first', () => {
    const due = countsDue(
      [
        { itemId: 'a-recent', class: 'A', lastCounted: '2026-11-10' }, // due 12-10: not yet
        { itemId: 'a-late', class: 'A', lastCounted: '2026-10-01' }, // due 10-31: 27 days over
        { itemId: 'b-due', class: 'B', lastCounted: '2026-08-29' }, // due 11-27: today
        { itemId: 'c-ok', class: 'C', lastCounted: '2026-08-01' }, // due 2027-01-30
        { itemId: 'new', class: 'C', lastCounted: null },
      ],
      '2026-11-27',
    );
    expect(due.map((d) => [d.itemId, d.due, d.itemId === 'new' ? null : d.overdueDays])).toEqual([
      ['new', null, null],
      ['a-late', '2026-10-31', 27],
      ['b-due', '2026-11-27', 0],
    ]);
  });
});
