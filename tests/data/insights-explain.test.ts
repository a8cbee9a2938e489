import { describe, expect, it } from 'vitest';
import { refreshRollups } from '../../src/data/insights/rollups';
import { kpiReport, readCatalogue } from '../../src/data/insights/report';
import { DEFAULT_BANDS, type Kpi } from '../../src/domain/insights/kpis';
import { businessDayOf } from '../../src/domain/sale/shift';
import { bandRule, formulaInWords, INPUT_TEXT } from '../../src/ui/screens/insights/explain';
import { testEnv } from '../factories/env';
import { registerShop, sellRings } from '../factories/register-shop';

/** Evaluates a figure's stated formula on exactly the inputs the "How is this worked out?" view lists. */
function recompute(k: Kpi): number {
  expect(k.formula).toMatch(/^[\w\s+\-*/().]*$/); // plain arithmetic on named inputs
  const names = Object.keys(k.inputs);
  const fn = new Function(...names, `return (${k.formula});`) as (...args: number[]) => number;
  return fn(...names.map((n) => k.inputs[n]!));
}

describe('insights: "How is this worked out?" shows inputs that reproduce each figure', () => {
  it('every KPI card of the shop and of an item recomputes exactly from its shown inputs and formula', async () => {
    const env = testEnv();
    const shop = await registerShop(env);
    for (let day = 0; day < 5; day++) {
      env.clock.advance(86_400_000);
      await sellRings(env, shop, 1);
    }
    const today = businessDayOf(env.clock.now(), 'UTC');
    const r = await refreshRollups(env.db, today, 'UTC');
    const c = await readCatalogue(env.db);
    for (const scope of [
      { kind: 'shop' as const, key: 'all' },
      { kind: 'item' as const, key: shop.ring },
    ]) {
      const k = kpiReport(r, c, scope, r.from, r.to);
      const cards = [
        k.annualTurnover,
        k.dsi,
        k.sellThrough,
        k.grossMargin,
        k.grossMarginPct,
        k.gmroi,
        k.stockValueAtCost,
        k.stockValueAtRetail!,
      ];
      for (const card of cards) {
        expect(card.value).not.toBeNull();
        expect(recompute(card)).toBe(card.value);
        // Every input has owner's words, and the worded formula names each of them.
        for (const name of Object.keys(card.inputs)) {
          expect(INPUT_TEXT[name]).toBeTruthy();
          if (card.formula.includes(name)) expect(formulaInWords(card)).toContain(INPUT_TEXT[name]);
        }
      }
      expect(k.grossMargin.value).toBe(5 * 3000 - (1000 + 1000 + 1200 + 1200 + 1200));
    }
  });
});

describe('insights: the healthy range in words', () => {
  it('names the jewelry-shop range when it is the default, and the owner’s own range when set', () => {
    expect(bandRule('annualTurnover')).toBe(
      'Healthy for a jewelry shop: 4 to 6 times a year. Below 4, stock is sitting; above 6, you may run out of best sellers.',
    );
    const own = { ...DEFAULT_BANDS, turnover: { low: 2, high: 3 } };
    expect(bandRule('annualTurnover', own)).toBe(
      'Healthy (your range): 2 to 3 times a year. Below 2, stock is sitting; above 3, you may run out of best sellers.',
    );
    expect(bandRule('dsi', { ...own, dsi: { healthyMax: 45, warningFrom: 75 } })).toBe(
      'Healthy: 45 days or fewer. From 75 days, too much money is stuck on the shelf.',
    );
  });
});
