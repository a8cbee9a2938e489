import { describe, expect, it } from 'vitest';
import { parseCountFigure } from '../../src/state/count.svelte';

describe('typed count figures (whole-unit items)', () => {
  it('accepts whole, non-negative numbers', () => {
    expect(parseCountFigure(' 12 ')).toEqual({ ok: true, value: 12 });
    expect(parseCountFigure('0')).toEqual({ ok: true, value: 0 });
  });
  it('refuses negatives, fractions, words and nothing with a clear message', () => {
    expect(parseCountFigure('-2')).toEqual({ ok: false, message: 'A count cannot be negative' });
    expect(parseCountFigure('1.5')).toEqual({ ok: false, message: 'Count whole units: 1.5 is not a whole number' });
    expect(parseCountFigure('2,5')).toEqual({ ok: false, message: 'Count whole units: 2.5 is not a whole number' });
    expect(parseCountFigure('lots')).toEqual({ ok: false, message: '“lots” is not a number' });
    expect(parseCountFigure('')).toEqual({ ok: false, message: 'Enter how many you counted' });
  });
});
