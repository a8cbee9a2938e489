import type { ShopSettings } from '../settings';
import { DEFAULT_BANDS, type BandSettings } from './kpis';
import type { AbcSettings, CountSchedule } from './abc';
import type { SeasonSettings } from './seasonal';

/**
 * The Insights figures the owner configures in Settings (issue 9: "health bands … configurable",
 * "ABC … 80/15/5, configurable; optionally by margin", counts "A monthly, B quarterly, C twice a
 * year"), turned into what the domain functions take. Settings hold them as whole fields (a band
 * is one field, so its two ends change together); sell-through keeps the article's band.
 */
export function bandsOf(s: Pick<ShopSettings, 'turnoverBand' | 'dsiBand'>): BandSettings {
  return {
    turnover: { low: s.turnoverBand.low, high: s.turnoverBand.high },
    dsi: { healthyMax: s.dsiBand.healthyMax, warningFrom: s.dsiBand.warningFrom },
    sellThrough: DEFAULT_BANDS.sellThrough,
  };
}

export function abcSettingsOf(s: Pick<ShopSettings, 'abcThresholds' | 'abcBasis'>, by: AbcSettings['by'] = s.abcBasis): AbcSettings {
  return { a: s.abcThresholds.a, b: s.abcThresholds.b, c: s.abcThresholds.c, by };
}

export function countScheduleOf(s: Pick<ShopSettings, 'countEveryDays'>): CountSchedule {
  return { A: s.countEveryDays.A, B: s.countEveryDays.B, C: s.countEveryDays.C };
}

/** The markdown and the season-end window (seasonal.ts, and the slow movers' markdown in aging.ts). */
export function seasonOf(s: Pick<ShopSettings, 'markdownPct' | 'seasonEndWeeks'>): SeasonSettings {
  return { weeks: s.seasonEndWeeks, offBp: s.markdownPct * 100 };
}
