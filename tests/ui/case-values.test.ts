import { describe, expect, it } from 'vitest';
import { fieldLabel, fieldValue } from '../../src/ui/screens/cases/labels';

const money = (minor: number) => `$${(minor / 100).toFixed(2)}`;

describe('a field edited on two devices, in plain words on its case page', () => {
  it('money, yes/no, lists and empty values', () => {
    expect(fieldValue('price', 12_500, money)).toBe('$125.00');
    expect(fieldValue('active', false, money)).toBe('no');
    expect(fieldValue('tags', ['gold', 'gift'], money)).toBe('gold, gift');
    expect(fieldValue('name', '', money)).toBe('empty');
  });

  it('a setting made of parts (a health band, the ABC split, a count schedule) names each part, never JSON', () => {
    expect(fieldLabel('turnoverBand')).toBe('Turnover band');
    expect(fieldValue('turnoverBand', { low: 4, high: 6 }, money)).toBe('Low 4, High 6');
    expect(fieldValue('dsiBand', { healthyMax: 90, warningFrom: 120 }, money)).toBe('Healthy max 90, Warning from 120');
    expect(fieldValue('abcThresholds', { a: 70, b: 20, c: 10 }, money)).toBe('A 70, B 20, C 10');
    expect(fieldValue('countEveryDays', { A: 30, B: 90, C: 182 }, money)).toBe('A 30, B 90, C 182');
  });
});
