// A result row's band from its thin rated leaves, and a rated leaf's value in an anonymous round, by hand.
import { describe, expect, it } from 'vitest';
import { totalBand } from './assessment.rating-band.ts';
import { type AnswerRow, type RoundRow, ratedValue } from './assessment.rating-values.ts';
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

describe('a rated leaf in an anonymous round', () => {
  // Closed: an anonymous round's answers count only then.
  const round = (anonymous: boolean, closed = true): RoundRow => ({
    unitId: 'u',
    id: 'r',
    leafKeys: ['mood'],
    weights: { superior: 50, peer: 30, public: 20 },
    minRaters: 3,
    anonymous,
    status: closed ? 'closed' : 'open',
    closed,
  });
  const answer = (group: string, score: number): AnswerRow => ({
    subjectId: 's',
    leafKey: 'mood',
    group,
    score,
    name: `${group}-${score}`,
  });
  // Superiors 90, 80, 100 (mean 90), the public 70, 60, 80 (mean 70), one peer alone: thin under a minimum of 3.
  const withPeer = (peer: number) => [
    answer('superior', 90),
    answer('superior', 80),
    answer('superior', 100),
    answer('peer', peer),
    answer('public', 70),
    answer('public', 60),
    answer('public', 80),
  ];

  it('leaves a thin group out of the value and takes it as anything on 0..100 in the band', () => {
    const out = ratedValue(round(true), withPeer(37));
    // Without the thin peers: 50 / 70 and 20 / 70 — 90 × 50 / 70 + 70 × 20 / 70 = (4500 + 1400) / 70 = 5900 / 70.
    expect(out.v).toBeCloseTo(5900 / 70, 10);
    // As designed, peers at 0: 45 + 0 + 14 = 59; at 100: 45 + 30 + 14 = 89.
    expect(out.band?.low).toBeCloseTo(59, 10);
    expect(out.band?.high).toBeCloseTo(89, 10);
    expect(out.d).toContain('同级已有评价，人数不足 3 人，暂以区间显示');
    expect(out.d).not.toContain('37');
    expect(out.d).not.toContain('同级 1 人');
  });

  it('shows the same whatever the lone peer answered: the answer cannot be read back', () => {
    expect(ratedValue(round(true), withPeer(73))).toEqual(ratedValue(round(true), withPeer(37)));
  });

  it('has no value but the band when every answered group is thin', () => {
    // Superiors alone answered, one of three: the value could be anything, 0..100.
    const out = ratedValue(round(true), [answer('superior', 64)]);
    expect(out.v).toBeNull();
    expect(out.band).toEqual({ low: 0, high: 100 });
    expect(out.d).not.toContain('64');
  });

  it('counts nothing while it is open, so no single answer can be read off the value as it moves', () => {
    for (const answers of [withPeer(37), withPeer(73), [answer('superior', 64)]])
      expect(ratedValue(round(true, false), answers)).toEqual({
        v: null,
        d: '匿名评价进行中，截止后一并计入',
      });
  });

  it('keeps a named round as it was: the thin group in the value, its band from its answer', () => {
    // Named, it counts as answers come, open or closed.
    expect(ratedValue(round(false, false), withPeer(37))).toEqual(ratedValue(round(false), withPeer(37)));
    const out = ratedValue(round(false), withPeer(37));
    // 90 × 0.5 + 37 × 0.3 + 70 × 0.2 = 45 + 11.1 + 14 = 70.1; peers (37 + 0 + 0) / 3 to (37 + 100 + 100) / 3 = 79:
    // low 45 + 37 / 3 × 0.3 + 14 = 45 + 3.7 + 14 = 62.7, high 45 + 79 × 0.3 + 14 = 45 + 23.7 + 14 = 82.7.
    expect(out.v).toBeCloseTo(70.1, 10);
    expect(out.band?.low).toBeCloseTo(62.7, 10);
    expect(out.band?.high).toBeCloseTo(82.7, 10);
  });
});
