// Rater groups by hand: exact means, a group nobody answered for, a thin group turning the result into a band.
import { describe, expect, it } from 'vitest';
import { type RaterGroupInput, ratedScore } from './assessment.rated.ts';

const superior: RaterGroupInput = { group: 'superior', weight: 50, minRaters: 3, answers: [90, 80, 100] }; // mean 90
const peer: RaterGroupInput = { group: 'peer', weight: 30, minRaters: 5, answers: [80, 80, 80, 80, 80] }; // mean 80
const publicFull: RaterGroupInput = { group: 'public', weight: 20, minRaters: 3, answers: [70, 60, 80] }; // mean 70

describe('rated score', () => {
  it('weighs the groups’ means into an exact score', () => {
    // 90 × 0.5 + 80 × 0.3 + 70 × 0.2 = 45 + 24 + 14 = 83
    const out = ratedScore([superior, peer, publicFull]);
    expect(out.score).toBeCloseTo(83, 10);
    expect(out.band).toBeNull();
    expect(out.groups.map((g) => [g.group, g.n, g.mean, g.effectiveWeight, g.thin, g.band, g.note])).toEqual([
      ['superior', 3, 90, 50, false, null, null],
      ['peer', 5, 80, 30, false, null, null],
      ['public', 3, 70, 20, false, null, null],
    ]);
  });

  it('drops a group without answers and renormalises the rest', () => {
    const out = ratedScore([superior, peer, { ...publicFull, answers: [] }]);
    // 50 / 80 = 62.5 %, 30 / 80 = 37.5 %; 90 × 0.625 + 80 × 0.375 = 56.25 + 30 = 86.25
    expect(out.score).toBeCloseTo(86.25, 10);
    expect(out.groups[0]?.effectiveWeight).toBeCloseTo(62.5, 10);
    expect(out.groups[1]?.effectiveWeight).toBeCloseTo(37.5, 10);
    expect(out.groups[2]).toEqual({
      group: 'public',
      weight: 20,
      effectiveWeight: null,
      n: 0,
      mean: null,
      band: null,
      thin: false,
      note: '群众无人评价，不计入，其余评价组权重按比例放大',
    });
  });

  it('turns the result into a band when a group has too few raters', () => {
    const thin: RaterGroupInput = { group: 'public', weight: 20, minRaters: 10, answers: [60, 90, 75] };
    const out = ratedScore([superior, peer, thin]);
    // low = 90 × 0.5 + 80 × 0.3 + 60 × 0.2 = 45 + 24 + 12 = 81; high = 45 + 24 + 90 × 0.2 = 45 + 24 + 18 = 87
    expect(out.score).toBeNull();
    expect(out.band?.low).toBeCloseTo(81, 10);
    expect(out.band?.high).toBeCloseTo(87, 10);
    expect(out.groups[2]).toMatchObject({
      n: 3,
      mean: 75,
      thin: true,
      band: { low: 60, high: 90 },
      effectiveWeight: 20,
      note: '群众评价人数不足（3 人，至少需 10 人），按最低 60 分至最高 90 分的区间计入',
    });
  });

  it('combines a dropped group and a thin one', () => {
    const thin: RaterGroupInput = { group: 'public', weight: 20, minRaters: 10, answers: [60, 90] };
    const out = ratedScore([superior, { ...peer, answers: [] }, thin]);
    // weights 50 / 70 and 20 / 70; low = (90 × 50 + 60 × 20) / 70 = 5700 / 70; high = (4500 + 1800) / 70 = 90
    expect(out.band?.low).toBeCloseTo(5700 / 70, 10);
    expect(out.band?.high).toBeCloseTo(90, 10);
  });

  it('is not thin at exactly the minimum, and has nothing without answers', () => {
    expect(ratedScore([{ ...superior, minRaters: 3 }]).score).toBe(90); // n = 3 = minimum
    expect(ratedScore([{ ...superior, minRaters: 4 }]).band).toEqual({ low: 80, high: 100 }); // only group, thin
    expect(
      ratedScore([
        { ...superior, answers: [] },
        { ...peer, answers: [] },
      ]),
    ).toMatchObject({
      score: null,
      band: null,
    });
    expect(ratedScore([{ ...superior, weight: 0 }]).groups[0]?.note).toBe('有评价的各组权重均为 0，无法计分');
  });

  it('with a scale, counts a thin group as the range its mean could take had the missing raters answered', () => {
    // Peers: one answer of 60, two needed: one rater missing. Their mean lies between (60 + 0) / 2 = 30 and
    // (60 + 100) / 2 = 80. Low: 90 × 0.5 + 30 × 0.3 + 70 × 0.2 = 45 + 9 + 14 = 68; high: 45 + 24 + 14 = 83.
    const scale = { low: 0, high: 100 };
    const out = ratedScore([
      { ...superior, scale },
      { group: 'peer', weight: 30, minRaters: 2, answers: [60], scale },
      { ...publicFull, scale },
    ]);
    expect(out.score).toBeNull();
    expect(out.band?.low).toBeCloseTo(68, 10);
    expect(out.band?.high).toBeCloseTo(83, 10);
    expect(out.groups[1]).toMatchObject({ n: 1, mean: 60, thin: true, band: { low: 30, high: 80 } });
    expect(out.groups[1]?.note).toBe(
      '同级评价人数不足（1 人，至少需 2 人），按尚缺的 1 人给出最低至最高分计，均分在 30–80 分之间',
    );
    // Groups with enough raters are untouched by the scale.
    expect(out.groups[0]).toMatchObject({ thin: false, band: null, mean: 90 });
  });
});
