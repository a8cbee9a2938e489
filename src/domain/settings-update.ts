import * as v from 'valibot';
import { defineMutation } from './sync/mutation';
import { applyLww } from './sync/lww';
import { basesSchema, noteOverwrittenEdits, stampBases } from './cases/overwritten';
import { DEFAULT_SETTINGS, SETTINGS_ID, taxRate, type ShopSettingsRecord } from './settings';

/**
 * Editing the shop settings (`settings.update`): the checks of every field and the mutation. A
 * back-office action, so it is loaded on first use (sync/registry.ts LAZY) and stays out of the
 * register's first download (ARCHITECTURE §8); the shape and defaults are in settings.ts.
 */

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

function isLocale(tag: string): boolean {
  try {
    return Intl.getCanonicalLocales(tag).length === 1;
  } catch {
    return false;
  }
}

/** A whole number from `min` to `max`, each refusal in its own words. */
const whole = (notANumber: string, fraction: string, [min, tooLow]: [number, string], [max, tooHigh]: [number, string]) =>
  v.pipe(v.number(notANumber), v.safeInteger(fraction), v.minValue(min, tooLow), v.maxValue(max, tooHigh));

const days = (what: string, max: number, maxWords: string) =>
  whole(
    `${what} must be a number of days`,
    `${what} is whole days`,
    [1, `${what} is at least 1 day`],
    [max, `${what} is at most ${maxWords}`],
  );

const timesAYear = (what: string) =>
  v.pipe(
    v.number(`${what} must be a number`),
    v.finite(`${what} must be a number`),
    v.minValue(0.1, `${what} is at least 0.1 times a year`),
    v.maxValue(52, `${what} is at most 52 times a year (once a week)`),
  );

const percent = (what: string) =>
  whole(`${what} must be a number`, `${what} is a whole percent`, [1, `${what} is at least 1 %`], [98, `${what} is at most 98 %`]);

/** Insights health bands and ABC classes: each a pair or triple edited as one (see ShopSettings). */
export const turnoverBandSchema = v.pipe(
  v.strictObject({ low: timesAYear('The low end of healthy turnover'), high: timesAYear('The high end of healthy turnover') }),
  v.check((b) => b.low < b.high, 'Healthy turnover: the low end must be below the high end'),
);
export const dsiBandSchema = v.pipe(
  v.strictObject({
    healthyMax: days('Healthy days of stock', 730, '730 days (two years)'),
    warningFrom: days('The warning for days of stock', 730, '730 days (two years)'),
  }),
  v.check((b) => b.healthyMax < b.warningFrom, 'Days of stock: the warning must start above the healthy limit'),
);
export const abcThresholdsSchema = v.pipe(
  v.strictObject({ a: percent('Class A'), b: percent('Class B'), c: percent('Class C') }),
  v.check(
    (t) => t.a + t.b + t.c === 100,
    (issue) => {
      const t = issue.input as { a: number; b: number; c: number };
      return `Classes A, B and C must add up to 100 % (now ${t.a + t.b + t.c} %)`;
    },
  ),
);
export const countEveryDaysSchema = v.strictObject({
  A: days('How often class A is counted', 730, '730 days'),
  B: days('How often class B is counted', 730, '730 days'),
  C: days('How often class C is counted', 730, '730 days'),
});

export const settingsPatchSchema = v.strictObject({
  shopName: v.optional(
    v.pipe(v.string(), v.trim(), v.minLength(1, 'Enter the shop name'), v.maxLength(80, 'Shop name is at most 80 characters')),
  ),
  currency: v.optional(v.pipe(v.string(), v.regex(/^[A-Z]{3}$/, 'Currency is a three-letter ISO code such as USD or EUR'))),
  locale: v.optional(v.pipe(v.string(), v.check(isLocale, 'Not a known language tag'))),
  timeZone: v.optional(v.pipe(v.string(), v.check(isTimeZone, 'Not a known time zone'))),
  receiptHeader: v.optional(v.pipe(v.string(), v.maxLength(500, 'Receipt header is at most 500 characters'))),
  skuPattern: v.optional(
    v.pipe(
      v.string(),
      v.trim(),
      v.maxLength(40, 'SKU pattern is at most 40 characters'),
      v.regex(/\{REG\}/, 'The SKU pattern needs {REG} so two devices never make the same SKU offline'),
      v.regex(/\{SEQ(:\d)?\}/, 'The SKU pattern needs {SEQ} (or {SEQ:4} for four digits)'),
      v.regex(/^[A-Za-z0-9{}:_-]+$/, 'The SKU pattern may use letters, digits, - and _ around its {…} parts'),
    ),
  ),
  taxMode: v.optional(v.picklist(['inclusive', 'exclusive'], 'Prices either include tax or exclude it')),
  taxRateBp: v.optional(taxRate),
  cashIncrement: v.optional(
    v.pipe(
      v.number(),
      v.safeInteger('Cash rounding is whole minor units'),
      v.minValue(0, 'Cash rounding cannot be negative'),
      v.maxValue(1000, 'Cash rounding is at most 10.00'),
    ),
  ),
  approvalThresholdBp: v.optional(
    v.pipe(
      v.number(),
      v.safeInteger(),
      v.minValue(0, 'The approval threshold cannot be negative'),
      v.maxValue(10_000, 'The approval threshold is at most 100 %'),
    ),
  ),
  offlineWarnAbove: v.optional(
    v.pipe(
      v.number(),
      v.safeInteger('The offline warning price is whole minor units'),
      v.minValue(0, 'The offline warning price cannot be negative (0 turns the warning off)'),
      v.maxValue(100_000_000_00, 'The offline warning price is too large'),
    ),
  ),
  offlineWarnAfterMinutes: v.optional(
    v.pipe(
      v.number(),
      v.safeInteger('The offline time is whole minutes'),
      v.minValue(0, 'The offline time cannot be negative'),
      v.maxValue(7 * 24 * 60, 'The offline time is at most a week (10080 minutes)'),
    ),
  ),
  turnoverBand: v.optional(turnoverBandSchema),
  dsiBand: v.optional(dsiBandSchema),
  abcThresholds: v.optional(abcThresholdsSchema),
  abcBasis: v.optional(v.picklist(['revenue', 'margin'], 'ABC ranks by revenue or by margin')),
  countEveryDays: v.optional(countEveryDaysSchema),
  markdownPct: v.optional(
    whole(
      'The markdown must be a number',
      'The markdown is a whole percent',
      [5, 'The markdown is at least 5 % off'],
      [90, 'The markdown is at most 90 % off'],
    ),
  ),
  seasonEndWeeks: v.optional(
    whole(
      'The weeks before a season ends must be a number',
      'The weeks before a season ends are whole weeks',
      [1, 'Show a season’s end at least 1 week before'],
      [26, 'Show a season’s end at most 26 weeks before'],
    ),
  ),
});

export type SettingsPatch = v.InferOutput<typeof settingsPatchSchema>;

export const updateSettings = defineMutation({
  name: 'settings.update',
  version: 1,
  ownerOnly: true,
  restricted: true,
  tables: ['settings', 'cases'],
  schema: v.strictObject({ patch: settingsPatchSchema, bases: basesSchema }),
  stamp: stampBases('settings', (a) => ({ id: SETTINGS_ID, patch: a.patch })),
  async apply(store, { patch, bases }, meta) {
    const current = (await store.get('settings', SETTINGS_ID)) as ShopSettingsRecord | undefined;
    await noteOverwrittenEdits(store, 'settings', SETTINGS_ID, patch, meta, bases);
    const next = applyLww(current, SETTINGS_ID, DEFAULT_SETTINGS, patch, meta.hlc);
    await store.put('settings', next);
  },
});
