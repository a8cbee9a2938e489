import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { countOutcomes, FLAG_WINDOW_MS, type CountLineFigures, type LedgerMovement } from '../../../src/domain/inventory/count-rule';

const COUNT = 'count-1';
const ITEMS = ['item-a', 'item-b', 'item-c'];
const LOCATIONS = ['floor', 'stall'];
const BASE = Date.UTC(2026, 10, 27, 9, 0, 0);
const iso = (offsetS: number) => new Date(BASE + offsetS * 1000).toISOString();

const lineArb = fc
  .record({
    zone: fc.constantFrom('Case 1', 'Case 2', 'Back shelf'),
    deviceId: fc.constantFrom('dev-a', 'dev-b'),
    item: fc.integer({ min: 0, max: 2 }),
    location: fc.integer({ min: 0, max: 1 }),
    quantity: fc.integer({ min: 0, max: 30 }),
    first: fc.integer({ min: 0, max: 1800 }),
    span: fc.integer({ min: 0, max: 600 }),
  })
  .map((l): Omit<CountLineFigures, 'id'> => ({
    zone: l.zone,
    deviceId: l.deviceId,
    itemId: ITEMS[l.item]!,
    locationId: LOCATIONS[l.location]!,
    quantity: l.quantity,
    firstScanAt: iso(l.first),
    lastScanAt: iso(l.first + l.span),
  }));

const eventArb = fc
  .record({
    type: fc.constantFrom('receive', 'sale', 'return', 'adjust', 'transferOut', 'transferIn', 'count', 'reserve'),
    item: fc.integer({ min: 0, max: 2 }),
    location: fc.integer({ min: 0, max: 1 }),
    quantity: fc.integer({ min: -5, max: 10 }),
    at: fc.integer({ min: -3600, max: 3600 }),
    ownCount: fc.boolean(),
  })
  .map((e): Omit<LedgerMovement, 'id'> => ({
    type: e.type as LedgerMovement['type'],
    itemId: ITEMS[e.item]!,
    locationId: LOCATIONS[e.location]!,
    quantity: e.quantity,
    occurredAt: iso(e.at),
    ref: e.type === 'count' && e.ownCount ? COUNT : null,
  }));

const caseArb = fc
  .record({
    lines: fc.array(lineArb, { maxLength: 12 }),
    events: fc.array(eventArb, { maxLength: 30 }),
    choices: fc.dictionary(
      fc.constantFrom(...ITEMS.flatMap((i) => LOCATIONS.map((l) => `${i}|${l}`))),
      fc.constantFrom('counted' as const, 'difference' as const, 'skip' as const),
    ),
    zeroes: fc.subarray(ITEMS.flatMap((itemId) => LOCATIONS.map((locationId) => ({ itemId, locationId })))),
    seed: fc.integer(),
  })
  .map((c) => ({
    ...c,
    lines: c.lines.map((l, i) => ({ ...l, id: `line-${String(i).padStart(3, '0')}` })),
    events: c.events.map((e, i) => ({ ...e, id: `event-${String(i).padStart(3, '0')}` })),
  }));

/** A deterministic shuffle (Fisher–Yates with a small LCG). */
function shuffle<T>(list: readonly T[], seed: number): T[] {
  const out = [...list];
  let s = seed >>> 0;
  for (let i = out.length - 1; i > 0; i -= 1) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

type Case = typeof caseArb extends fc.Arbitrary<infer T> ? T : never;
const run = (c: Case, lines = c.lines, events: readonly LedgerMovement[] = c.events, zeroes = c.zeroes) =>
  countOutcomes({ countId: COUNT, lines, events, choices: c.choices, zeroes, fallbackAt: iso(7200) });

describe('the counting rule (§10) is independent of arrival order', () => {
  it('the same result for any order of the same lines, ledger events and zero choices', () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        const expected = run(c);
        const permuted = run(c, shuffle(c.lines, c.seed), shuffle(c.events, c.seed * 7 + 1), shuffle(c.zeroes, c.seed * 13 + 5));
        expect(permuted).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });

  it('zones are summed: splitting a zone’s figure over several zones or devices changes no variance', () => {
    fc.assert(
      fc.property(caseArb, fc.integer({ min: 0, max: 11 }), fc.integer({ min: 0, max: 30 }), (c, at, part) => {
        fc.pre(c.lines.length > 0);
        const line = c.lines[at % c.lines.length]!;
        const split = Math.min(part, line.quantity);
        const lines = [
          ...c.lines.filter((l) => l !== line),
          { ...line, quantity: split },
          { ...line, id: 'line-split', zone: 'Another zone', deviceId: 'dev-z', quantity: line.quantity - split },
        ];
        const strip = (outs: ReturnType<typeof run>) => outs.map((o) => ({ ...o, zones: undefined }));
        expect(strip(run(c, shuffle(lines, c.seed)))).toEqual(strip(run(c)));
      }),
      { numRuns: 200 },
    );
  });

  it('after apply, stock = counted + the movements outside the flag window (keep counted), or + every flagged movement too (keep difference)', () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        for (const o of run(c)) {
          const relevant = c.events.filter(
            (e) =>
              e.itemId === o.itemId &&
              e.locationId === o.locationId &&
              !['reserve', 'costCorrection', 'release'].includes(e.type) &&
              e.ref !== COUNT,
          );
          const end = Date.parse(o.lastScanAt) + FLAG_WINDOW_MS;
          const later = relevant.filter((e) => Date.parse(e.occurredAt) > end).reduce((s, e) => s + e.quantity, 0);
          const flagged = o.flagged.reduce((s, e) => s + e.quantity, 0);
          const total = relevant.reduce((s, e) => s + e.quantity, 0);
          expect(total + o.varianceCounted).toBe(o.counted + later);
          expect(total + o.varianceDifference).toBe(o.counted + later + flagged);
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('the counting rule: worked example', () => {
  it('sums zones, takes effect at the last scan and flags a sale within 2 minutes of the first scan', () => {
    const lines: CountLineFigures[] = [
      {
        id: 'l1',
        zone: 'Case 1',
        deviceId: 'a',
        itemId: 'ring',
        locationId: 'floor',
        quantity: 3,
        firstScanAt: iso(600),
        lastScanAt: iso(700),
      },
      {
        id: 'l2',
        zone: 'Case 2',
        deviceId: 'b',
        itemId: 'ring',
        locationId: 'floor',
        quantity: 2,
        firstScanAt: iso(650),
        lastScanAt: iso(900),
      },
    ];
    const events: LedgerMovement[] = [
      { id: 'e1', type: 'receive', itemId: 'ring', locationId: 'floor', quantity: 8, occurredAt: iso(0) },
      { id: 'e2', type: 'sale', itemId: 'ring', locationId: 'floor', quantity: -1, occurredAt: iso(500) }, // 100 s before the first scan
      { id: 'e3', type: 'sale', itemId: 'ring', locationId: 'floor', quantity: -1, occurredAt: iso(2000) }, // long after
    ];
    const [o] = countOutcomes({ countId: COUNT, lines, events, fallbackAt: iso(3000) });
    expect(o).toMatchObject({
      counted: 5,
      zones: [
        { zone: 'Case 1', quantity: 3 },
        { zone: 'Case 2', quantity: 2 },
      ],
      lastScanAt: iso(900),
      onHandAtCount: 7,
      varianceCounted: -2,
      varianceDifference: -3,
    });
    expect(o!.flagged.map((e) => e.id)).toEqual(['e2']);
  });
});
