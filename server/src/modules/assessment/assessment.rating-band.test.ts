// A result row's band from its thin rated leaves, by hand.
import { describe, expect, it } from 'vitest';
import { totalBand } from './assessment.rating-band.ts';
import type { IndicatorNode } from './assessment.scoring.ts';

const root: IndicatorNode = {
  id: 'root',
  name: '总分',
  weight: 100,
  children: [
    { id: 'rated', name: '评价', weight: 40, rule: { kind: 'direct' }, children: [] },
    { id: 'done', name: '完成率', weight: 60, rule: { kind: 'ratio' }, children: [] },
  ],
};

describe('the band of a total', () => {
  it('is none when no leaf is thin', () => {
    expect(totalBand(root, { rated: { v: 80, d: '' }, done: { v: 0.5, d: '' } })).toEqual({
      bandLow: null,
      bandHigh: null,
    });
  });

  it('scores the tree with every thin leaf at each edge of its band', () => {
    // rated in [61, 76], done 0.5 → 50. Low: 61 × 0.4 + 50 × 0.6 = 24.4 + 30 = 54.4; high: 76 × 0.4 + 30 = 60.4.
    const out = totalBand(root, {
      rated: { v: 70, d: '', band: { low: 61, high: 76 } },
      done: { v: 0.5, d: '' },
    });
    expect(out.bandLow).toBeCloseTo(54.4, 10);
    expect(out.bandHigh).toBeCloseTo(60.4, 10);
  });

  it('leaves a thin leaf alone in the total when the rest has no data', () => {
    // done without data drops out: the total is the rated leaf alone, 61..76.
    const out = totalBand(root, {
      rated: { v: 70, d: '', band: { low: 61, high: 76 } },
      done: { v: null, d: '' },
    });
    expect(out.bandLow).toBeCloseTo(61, 10);
    expect(out.bandHigh).toBeCloseTo(76, 10);
  });
});
