import { describe, expect, it } from 'vitest';
import { medianRatio } from '@/bench/load';
import { formatTable, ratio, verdictOf, type Figure } from '@/bench/report';

describe('the bench table', () => {
  it('holds a figure to its goal from the side the goal names', () => {
    expect(verdictOf({ name: 'page', value: 0.8, unit: 'ratio', goal: { at: 'least', value: 0.8 } })).toBe('pass');
    expect(verdictOf({ name: 'page', value: 0.79, unit: 'ratio', goal: { at: 'least', value: 0.8 } })).toBe('FAIL');
    expect(verdictOf({ name: 'mail', value: 1.21, unit: 'ratio', goal: { at: 'most', value: 1.2 } })).toBe('FAIL');
    expect(verdictOf({ name: 'mail', value: 0.9, unit: 'ratio', goal: { at: 'most', value: 1.2 } })).toBe('pass');
  });

  it('fails a goal that could not be measured, and gives no verdict without a goal', () => {
    expect(verdictOf({ name: 'page', value: null, unit: 'ratio', goal: { at: 'least', value: 0.8 } })).toBe('FAIL');
    expect(verdictOf({ name: 'rss', value: 300, unit: 'MiB' })).toBe('—');
  });

  it('has no ratio when the denominator measured nothing', () => {
    expect(ratio(10, 0)).toBeNull();
    expect(ratio(30, 40)).toBe(0.75);
  });

  it('prints each figure next to its goal and verdict', () => {
    const figures: Figure[] = [
      { name: 'GET /fr/login vs bare', value: 0.8312, unit: 'ratio', goal: { at: 'least', value: 0.8 }, detail: '83 vs 100 req/s' },
      { name: 'Works without JavaScript', value: 0, unit: 'check', goal: { check: true } },
      { name: 'Peak RSS', value: 312.44, unit: 'MiB' },
    ];
    expect(formatTable(figures).split('\n')).toEqual([
      '| Figure | Goal | Measured | Verdict | Measurements |',
      '| --- | --- | --- | --- | --- |',
      '| GET /fr/login vs bare | ≥ 0.8 | 0.83 | pass | 83 vs 100 req/s |',
      '| Works without JavaScript | yes | no | FAIL |  |',
      '| Peak RSS |  | 312 MiB | — |  |',
    ]);
  });
});

describe('the ratio of interleaved rounds', () => {
  it('is the median of the rounds measured back to back, so one disturbed round does not decide', () => {
    expect(medianRatio([40, 41, 10], [50, 50, 50])).toBeCloseTo(0.8);
    expect(medianRatio([30, 40], [40, 40])).toBeCloseTo(0.875);
  });

  it('leaves out rounds whose denominator measured nothing, and has no ratio without any', () => {
    expect(medianRatio([30, 40], [0, 50])).toBeCloseTo(0.8);
    expect(medianRatio([30], [0])).toBeNull();
  });
});
