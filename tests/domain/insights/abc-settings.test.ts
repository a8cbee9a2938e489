import { beforeAll, describe, expect, it } from 'vitest';
import * as v from 'valibot';
import { abcClasses, abcSummary, countsDue, DEFAULT_ABC, DEFAULT_COUNT_SCHEDULE } from '../../../src/domain/insights/abc';
import { abcInputs } from '../../../src/domain/insights/report';
import { band, DEFAULT_BANDS } from '../../../src/domain/insights/kpis';
import { abcSettingsOf, bandsOf, countScheduleOf, seasonOf } from '../../../src/domain/insights/shop-settings';
import { DEFAULT_SEASON } from '../../../src/domain/insights/seasonal';
import { DEFAULT_SETTINGS } from '../../../src/domain/settings';
import { settingsPatchSchema, updateSettings } from '../../../src/domain/settings-update';
import { openCountSchema, openCountMutation, type CountRecord } from '../../../src/domain/inventory/count';
import { loadAllMutations, prepare } from '../../../src/domain/sync/registry';
import { memoryStore } from '../../factories/memory-store';
import type { PeriodFigures } from '../../../src/domain/insights/rollups';

beforeAll(() => loadAllMutations());

const problem = (patch: unknown): string | null => {
  const r = v.safeParse(settingsPatchSchema, patch);
  return r.success ? null : r.issues[0].message;
};

describe('Insights settings (health bands, ABC, count schedule)', () => {
  it('the defaults are the seed article’s and the domain defaults', () => {
    expect(bandsOf(DEFAULT_SETTINGS)).toEqual(DEFAULT_BANDS);
    expect(abcSettingsOf(DEFAULT_SETTINGS)).toEqual(DEFAULT_ABC);
    expect(countScheduleOf(DEFAULT_SETTINGS)).toEqual(DEFAULT_COUNT_SCHEDULE);
    expect(DEFAULT_COUNT_SCHEDULE).toEqual({ A: 30, B: 90, C: 182 });
    expect(seasonOf(DEFAULT_SETTINGS)).toEqual(DEFAULT_SEASON);
    expect(seasonOf({ markdownPct: 20, seasonEndWeeks: 6 })).toEqual({ offBp: 2000, weeks: 6 });
  });

  it('the markdown and the season-end window: whole numbers in range, else a clear message', () => {
    expect(problem({ markdownPct: 20, seasonEndWeeks: 6 })).toBeNull();
    expect(problem({ markdownPct: 2 })).toBe('The markdown is at least 5 % off');
    expect(problem({ markdownPct: 95 })).toBe('The markdown is at most 90 % off');
    expect(problem({ markdownPct: 12.5 })).toBe('The markdown is a whole percent');
    expect(problem({ markdownPct: Number.NaN })).toBe('The markdown must be a number');
    expect(problem({ seasonEndWeeks: 0 })).toBe('Show a season’s end at least 1 week before');
    expect(problem({ seasonEndWeeks: 52 })).toBe('Show a season’s end at most 26 weeks before');
  });

  it('accepts sensible values, decimals for turnover', () => {
    expect(problem({ turnoverBand: { low: 3.5, high: 8 } })).toBeNull();
    expect(problem({ dsiBand: { healthyMax: 120, warningFrom: 180 } })).toBeNull();
    expect(problem({ abcThresholds: { a: 70, b: 20, c: 10 } })).toBeNull();
    expect(problem({ abcBasis: 'margin' })).toBeNull();
    expect(problem({ countEveryDays: { A: 14, B: 60, C: 365 } })).toBeNull();
  });

  it('refuses low ≥ high, classes not adding up to 100, absurd and non-numbers — with a clear message', () => {
    expect(problem({ turnoverBand: { low: 6, high: 4 } })).toBe('Healthy turnover: the low end must be below the high end');
    expect(problem({ turnoverBand: { low: 5, high: 5 } })).toBe('Healthy turnover: the low end must be below the high end');
    expect(problem({ turnoverBand: { low: 4, high: 500 } })).toBe(
      'The high end of healthy turnover is at most 52 times a year (once a week)',
    );
    expect(problem({ turnoverBand: { low: 0, high: 6 } })).toBe('The low end of healthy turnover is at least 0.1 times a year');
    expect(problem({ turnoverBand: { low: Number.NaN, high: 6 } })).toBe('The low end of healthy turnover must be a number');
    expect(problem({ dsiBand: { healthyMax: 120, warningFrom: 90 } })).toBe(
      'Days of stock: the warning must start above the healthy limit',
    );
    expect(problem({ dsiBand: { healthyMax: 60.5, warningFrom: 90 } })).toBe('Healthy days of stock is whole days');
    expect(problem({ dsiBand: { healthyMax: 90, warningFrom: 5000 } })).toBe(
      'The warning for days of stock is at most 730 days (two years)',
    );
    expect(problem({ abcThresholds: { a: 80, b: 15, c: 10 } })).toBe('Classes A, B and C must add up to 100 % (now 105 %)');
    expect(problem({ abcThresholds: { a: 100, b: 0, c: 0 } })).toBe('Class A is at most 98 %');
    expect(problem({ abcBasis: 'profit' })).toBe('ABC ranks by revenue or by margin');
    expect(problem({ countEveryDays: { A: 0, B: 90, C: 182 } })).toBe('How often class A is counted is at least 1 day');
    expect(problem({ countEveryDays: { A: 30, B: 90, C: 10_000 } })).toBe('How often class C is counted is at most 730 days');
  });

  it('settings.update applies a band as one last-writer-wins field (both ends travel together)', async () => {
    const store = memoryStore();
    const meta = (hlc: string) => ({ hlc, occurredAt: '2026-11-27T10:00:00.000Z', deviceId: hlc.split('-').slice(2).join('-') });
    const a = prepare('settings.update', { patch: { turnoverBand: { low: 3, high: 5 } } }).args as never;
    const b = prepare('settings.update', { patch: { turnoverBand: { low: 5, high: 8 } } }).args as never;
    // Whatever the order, the later edit's band is kept whole: never low 5 with high 5.
    await updateSettings.apply(store, b, meta('000000000000002-0000-dev-b'));
    await updateSettings.apply(store, a, meta('000000000000001-0000-dev-a'));
    const s = (await store.get('settings', 'shop')) as unknown as { values: { turnoverBand: unknown } };
    expect(s.values.turnoverBand).toEqual({ low: 5, high: 8 });
  });

  it('the bands decide the words on a figure', () => {
    const bands = bandsOf({ ...DEFAULT_SETTINGS, turnoverBand: { low: 2, high: 3 }, dsiBand: { healthyMax: 150, warningFrom: 200 } });
    expect(band('annualTurnover', 5)).toBe('healthy');
    expect(band('annualTurnover', 5, bands)).toBe('watch');
    expect(band('dsi', 130)).toBe('warning');
    expect(band('dsi', 130, bands)).toBe('healthy');
  });
});

describe('ABC by gross margin', () => {
  it('a worked example: revenue and margin rank the same four pieces differently; cost-unknown sales stay out of margin', () => {
    // Ranking by contribution margin instead of sales is the "multi-criteria" variant described in
    // Ramanathan, "ABC inventory classification with multiple-criteria using weighted linear
    // optimization", Computers & Operations Research 33 (2006) — here the single criterion is the
    // gross margin (revenue − COGS, ARCHITECTURE §10: cost-unknown sales left out of margins).
    // Figures in dollars, computed by hand:
    //   diamond studs  revenue 6,000  COGS 4,800  margin 1,200
    //   gold hoops     revenue 2,500  COGS 1,000  margin 1,500
    //   silver chain   revenue 1,000  COGS   300  margin   700
    //   polish cloth   revenue   500  of which 400 sold with NO known cost; COGS 20 on the other 100 → margin 80
    // By revenue (total 10,000): studs 60 % (A), hoops 25 % (85 % — the item crossing 80 % is A),
    // chain 10 % (95 %: B), cloth 5 % (C).
    // By margin (total 3,480): hoops 1,500 = 43.10 % (A), studs 1,200 = 34.48 % (77.59 % → still
    // under 80 % before it, A), chain 700 = 20.11 % (above it 77.59 % < 80 %: A too!), cloth 80 =
    // 2.30 % (above it 97.70 % ≥ 95 %: C).
    const fig = (revenue: number, cogs: number, costUnknownRevenue = 0): PeriodFigures =>
      ({
        revenue: revenue * 100,
        cogs: cogs * 100,
        costUnknownRevenue: costUnknownRevenue * 100,
        returnRevenue: 0,
        returnCogs: 0,
        returnCostUnknownRevenue: 0,
      }) as unknown as PeriodFigures;
    const inputs = abcInputs(
      new Map([
        ['studs', fig(6000, 4800)],
        ['hoops', fig(2500, 1000)],
        ['chain', fig(1000, 300)],
        ['cloth', fig(500, 20, 400)],
      ]),
    );
    expect(inputs.find((i) => i.itemId === 'cloth')).toEqual({ itemId: 'cloth', revenue: 50_000, margin: 8_000 });
    const byRevenue = abcClasses(inputs, { ...DEFAULT_ABC, by: 'revenue' });
    expect(byRevenue.map((r) => `${r.itemId}:${r.class}`)).toEqual(['studs:A', 'hoops:A', 'chain:B', 'cloth:C']);
    const byMargin = abcClasses(inputs, { ...DEFAULT_ABC, by: 'margin' });
    expect(byMargin.map((r) => `${r.itemId}:${r.class}`)).toEqual(['hoops:A', 'studs:A', 'chain:A', 'cloth:C']);
    expect(byMargin.map((r) => r.shareBp)).toEqual([4310, 3448, 2012, 230]);
    expect(byMargin.reduce((s, r) => s + r.shareBp, 0)).toBe(10_000);
    expect(abcSummary(byMargin).A.shareBp).toBe(9770);
    // Other thresholds (70/20/10) from the settings: chain drops to B.
    expect(
      abcClasses(inputs, { a: 70, b: 20, c: 10, by: 'margin' })
        .map((r) => r.class)
        .join(''),
    ).toBe('AABC');
  });

  it('count schedule from the settings: B every 60 days makes a B item due sooner', () => {
    const items = [{ itemId: 'b', class: 'B' as const, lastCounted: '2026-09-20' }];
    expect(countsDue(items, '2026-11-27')).toEqual([]);
    expect(countsDue(items, '2026-11-27', countScheduleOf({ countEveryDays: { A: 30, B: 60, C: 182 } }))).toEqual([
      { itemId: 'b', class: 'B', lastCounted: '2026-09-20', due: '2026-11-19', overdueDays: 8 },
    ]);
  });
});

describe('count.open by ABC class', () => {
  const uuid = (n: number) => `018f0000-0000-7000-8000-${String(n).padStart(12, '0')}`;
  const base = { countId: uuid(1), name: 'Class A count', refId: null, locationId: uuid(2), blind: true };

  it('needs the class and the items; other scopes take neither', () => {
    expect(v.safeParse(openCountSchema, { ...base, scope: 'abc', abcClass: 'A', itemIds: [uuid(3)] }).success).toBe(true);
    const noItems = v.safeParse(openCountSchema, { ...base, scope: 'abc', abcClass: 'A' });
    expect(noItems.success ? null : noItems.issues[0].message).toBe('Choose the ABC class to count');
    const empty = v.safeParse(openCountSchema, { ...base, scope: 'abc', abcClass: 'A', itemIds: [] });
    expect(empty.success ? null : empty.issues[0].message).toBe('No item of that class to count');
    expect(v.safeParse(openCountSchema, { ...base, scope: 'full', abcClass: 'A', itemIds: [uuid(3)] }).success).toBe(false);
  });

  it('a v1 row (queued by an older app) is still valid; v2 carries the items, sorted and unique', async () => {
    expect(openCountMutation.version).toBe(2);
    const old = prepare('count.open', { ...base, scope: 'full' }, 1);
    expect(old.args).toMatchObject({ scope: 'full', refId: null });
    const store = memoryStore();
    await store.put('locations', { id: uuid(2), values: { name: 'Floor' } });
    const meta = { hlc: '000000000000001-0000-dev', occurredAt: '2026-11-27T10:00:00.000Z', deviceId: 'dev' };
    const args = prepare('count.open', { ...base, scope: 'abc', abcClass: 'B', itemIds: [uuid(9), uuid(4), uuid(9)] }).args;
    await openCountMutation.apply(store, args as never, meta);
    const count = (await store.get('counts', uuid(1))) as unknown as CountRecord;
    expect(count.scope).toEqual({ kind: 'abc', refId: null, abcClass: 'B', itemIds: [uuid(4), uuid(9)] });
  });
});
