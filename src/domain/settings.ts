import * as v from 'valibot';
import type { LwwRecord } from './sync/lww';

// The settings.update mutation and its checks are in settings-update.ts, loaded on first use (the
// register's first download carries only the shape, the defaults and settingsOf).
export type { SettingsPatch } from './settings-update';

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
  /**
   * Insights health bands (issue 9). Each band is ONE field so its two ends change together under
   * last-writer-wins: two devices editing the low and the high end apart can never combine into
   * low > high. Yearly inventory turnover from `low` to `high` is healthy.
   */
  turnoverBand: { low: number; high: number };
  /** Days sales of inventory: up to `healthyMax` healthy, from `warningFrom` a warning, between: watch. */
  dsiBand: { healthyMax: number; warningFrom: number };
  /** ABC classes: A = items making the first `a` % of sales (or margin), B the next `b` %, C the last `c` %; sum 100. */
  abcThresholds: { a: number; b: number; c: number };
  /** What ABC ranks items by: net revenue, or gross margin (cost-unknown sales left out). */
  abcBasis: 'revenue' | 'margin';
  /** Cycle counts by ABC class: count each item of a class at least every this many days. */
  countEveryDays: { A: number; B: number; C: number };
  /** Insights' one-step markdown of slow movers, dead stock and a season's leftovers: this whole percent off. */
  markdownPct: number;
  /** A collection shows under "Season ends" from this many weeks before its season ends. */
  seasonEndWeeks: number;
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
  // The seed article: "a healthy ratio is typically between 4 and 6" for a jewelry boutique; DSI
  // "between 60 and 90 days is a pretty healthy range … 120 days or more, it's a warning sign".
  // Same figures as insights/kpis.ts DEFAULT_BANDS (a test keeps them equal; not imported, so the
  // register's first download does not carry the Insights code).
  turnoverBand: { low: 4, high: 6 },
  dsiBand: { healthyMax: 90, warningFrom: 120 },
  abcThresholds: { a: 80, b: 15, c: 5 },
  abcBasis: 'revenue',
  // A monthly, B quarterly, C twice a year.
  countEveryDays: { A: 30, B: 90, C: 182 },
  // insights/seasonal.ts DEFAULT_SEASON (the same test keeps them equal).
  markdownPct: 30,
  seasonEndWeeks: 4,
};

/** A tax rate in basis points: 0–100 %, e.g. 8.875 % = 887.5 is not allowed, 887 or 888 is. */
export const taxRate = v.pipe(
  v.number('A tax rate must be a number'),
  v.safeInteger('A tax rate is whole basis points (8.25 % = 825)'),
  v.minValue(0, 'A tax rate cannot be negative'),
  v.maxValue(10_000, 'A tax rate is at most 100 %'),
);

export function settingsOf(record: ShopSettingsRecord | undefined): ShopSettings {
  return record ? { ...DEFAULT_SETTINGS, ...record.values } : DEFAULT_SETTINGS;
}
