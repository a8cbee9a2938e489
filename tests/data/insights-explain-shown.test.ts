import { describe, expect, it } from 'vitest';
import { refreshRollups } from '../../src/data/insights/rollups';
import { kpiReport, readCatalogue } from '../../src/data/insights/report';
import { inventoryTurnover, type Kpi } from '../../src/domain/insights/kpis';
import { businessDayOf } from '../../src/domain/sale/shift';
import { exactDecimal, inputLines, resultLine } from '../../src/ui/screens/insights/explain';
import { testEnv } from '../factories/env';
import { registerShop, sellRings } from '../factories/register-shop';

/**
 * "How is this worked out?" as the owner reads it: rounded figures, with the exact one beside any
 * that rounding changed. These tests read the numbers back from the very text shown and redo each
 * figure from them — so the rounding for the eye never loses the exactness.
 */

/** The number a shown text stands for (en-US: "," groups, "." decimal), in minor units for money. */
function readBack(text: string, money: boolean): number {
  const plain = text.replace(/[^\d.-]/g, '');
  return money ? Number(`${plain}e2`) : Number(plain);
}

function redo(k: Kpi, inputs: Record<string, number>): number {
  const names = Object.keys(inputs);
  return (new Function(...names, `return (${k.formula});`) as (...a: number[]) => number)(...names.map((n) => inputs[n]!));
}

const MONEY = new Set(['stockValueDaySum', 'cogs', 'averageInventory', 'revenue', 'grossMargin', 'value', 'retailValue']);

describe('"How is this worked out?" reads like an owner reads it, and stays exact', () => {
  it('an average stock of 506,781.022301 shows as $506,781.02, with "exactly 506,781.022301" beside it; the turnover as 6.70 times', () => {
    // Worked example: cost of goods sold 3,397,092.43; average stock at cost 506,781.022301 (an average over days:
    // fractions of a cent). Turnover = 3,397,092.43 ÷ 506,781.022301 = 6.7032… times.
    const k = inventoryTurnover({ cogs: 339_709_243, averageInventory: 50_678_102.2301 });
    expect(inputLines(k, 'USD', 'en-US')).toEqual([
      { name: 'cogs', label: 'Cost of the pieces sold', shown: '$3,397,092.43', exact: null },
      { name: 'averageInventory', label: 'Average stock at cost', shown: '$506,781.02', exact: '506,781.022301' },
    ]);
    const result = resultLine(k, 'USD', 'en-US');
    expect(result.shown).toBe('6.70 times');
    expect(Number(result.exact!.replace(/,/g, ''))).toBe(k.value);
    // Days are whole numbers, percentages two decimals.
    expect(exactDecimal(12.5, 0, 'en-US')).toBe('12.5');
    expect(exactDecimal(-1234567, 2, 'en-US')).toBe('-12,345.67');
    expect(exactDecimal(5, 2, 'en-US')).toBe('0.05');
    expect(exactDecimal(1234.5, 2, 'de-DE')).toBe('12,345');
  });

  it('every card of a real shop: the numbers read back from the shown text redo the figure exactly', async () => {
    const env = testEnv();
    const shop = await registerShop(env);
    // Three sales a day apart: a stock value that changes during the period gives an average with fractions of a cent.
    for (let day = 0; day < 3; day++) {
      env.clock.advance(86_400_000);
      await sellRings(env, shop, 1);
    }
    const today = businessDayOf(env.clock.now(), 'UTC');
    const r = await refreshRollups(env.db, today, 'UTC');
    const c = await readCatalogue(env.db);
    const k = kpiReport(r, c, { kind: 'shop', key: 'all' }, r.from, r.to);
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
    let fractional = 0;
    for (const card of cards) {
      const shown: Record<string, number> = {};
      for (const line of inputLines(card, 'USD', 'en-US')) {
        const money = MONEY.has(line.name);
        if (line.exact) fractional++;
        // Rounded text: to the cent (money) or whole (counts); the exact text, when there is one, is the input itself.
        if (money) expect(line.shown).toMatch(/^-?\$[\d,]+\.\d\d$/);
        else expect(line.shown).toMatch(/^-?[\d,]+(\.\d{1,2})?$/);
        shown[line.name] = readBack(line.exact ?? line.shown, money);
        expect(shown[line.name]).toBe(card.inputs[line.name]);
      }
      expect(redo(card, shown)).toBe(card.value);
      const result = resultLine(card, 'USD', 'en-US');
      const money = card.id === 'grossMargin' || card.id === 'stockValueAtCost' || card.id === 'stockValueAtRetail';
      expect(readBack(result.exact ?? result.shown, money)).toBe(card.value);
    }
    // The shop's average stock has fractions of a cent (the stock value changed during the period), shown rounded + exact.
    expect(fractional).toBeGreaterThan(0);
  });
});
