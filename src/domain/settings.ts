import * as v from 'valibot';
import { defineMutation } from './sync/mutation';
import { applyLww, type LwwRecord } from './sync/lww';
import { basesSchema, noteOverwrittenEdits, stampBases } from './cases/overwritten';

/** Shop-wide settings: one record, edited field by field (last writer by HLC wins per field). */
export interface ShopSettings {
  shopName: string;
  /** ISO 4217 code; money is stored in this currency's minor units. */
  currency: string;
  /** BCP 47 tag for number and date formatting. */
  locale: string;
  /** IANA zone that decides business days. */
  timeZone: string;
  receiptHeader: string;
  /** How new SKUs are made: {CAT} category code, {REG} register code, {SEQ:n} sequence. */
  skuPattern: string;
  /** Prices include tax (EU/UK/AU) or have it added at the till (US). */
  taxMode: 'inclusive' | 'exclusive';
  /** Default tax rate in basis points (20 % = 2000); a category may have its own. */
  taxRateBp: number;
  /** Cash is rounded to a multiple of this many minor units (5 = 0.05); 0 = no cash rounding. */
  cashIncrement: number;
  /** Discounts above this share of the price (basis points) and price overrides need a manager. */
  approvalThresholdBp: number;
  /** Warn before selling a piece priced above this (minor units) while offline for long; 0 = never. */
  offlineWarnAbove: number;
  /** …once this device has been offline for more than this many minutes. */
  offlineWarnAfterMinutes: number;
}

export type ShopSettingsRecord = LwwRecord<ShopSettings>;

export const SETTINGS_ID = 'shop';

export const DEFAULT_SETTINGS: ShopSettings = {
  shopName: '',
  currency: 'USD',
  locale: 'en-US',
  timeZone: 'UTC',
  receiptHeader: '',
  skuPattern: '{CAT}-{REG}{SEQ:4}',
  taxMode: 'exclusive',
  taxRateBp: 0,
  cashIncrement: 0,
  approvalThresholdBp: 2000,
  offlineWarnAbove: 50_000,
  offlineWarnAfterMinutes: 30,
};

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

/** A tax rate in basis points: 0–100 %, e.g. 8.875 % = 887.5 is not allowed, 887 or 888 is. */
export const taxRate = v.pipe(
  v.number('A tax rate must be a number'),
  v.safeInteger('A tax rate is whole basis points (8.25 % = 825)'),
  v.minValue(0, 'A tax rate cannot be negative'),
  v.maxValue(10_000, 'A tax rate is at most 100 %'),
);

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

export function settingsOf(record: ShopSettingsRecord | undefined): ShopSettings {
  return record ? { ...DEFAULT_SETTINGS, ...record.values } : DEFAULT_SETTINGS;
}
