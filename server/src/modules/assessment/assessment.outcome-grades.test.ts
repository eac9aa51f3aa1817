import { describe, expect, it } from 'vitest';
import { type GradeRule, gradeRanking, quotaPlaces, rankAndGrade } from './assessment.outcome-grades.ts';
import { DEFAULT_GRADES, rankEntries } from './assessment.ranking.ts';

const q20: GradeRule = { steps: DEFAULT_GRADES, topQuota: 20 };
const labels = (
  entries: { id: string; score: number | null; band?: { low: number; high: number } | null }[],
  rule: GradeRule = q20,
) => {
  const ranked = rankEntries(entries);
  const graded = gradeRanking(ranked, rule);
  return ranked.map((r) => [
    r.id,
    r.rank,
    graded.get(r.id)?.grade?.label ?? null,
    graded.get(r.id)?.gradeNote ?? null,
  ]);
};

describe('the quota on the top grade', () => {
  it('gives the top grade to at most N% of the ranked subjects, rounded down', () => {
    // 10 × 20% = 2; 6 × 20% = 1.2 → 1; 4 × 20% = 0.8 → 0; 10 × 30% = 3 (not 2.999…).
    expect([quotaPlaces(10, 20), quotaPlaces(6, 20), quotaPlaces(4, 20), quotaPlaces(10, 30)]).toEqual([
      2, 1, 0, 3,
    ]);
  });

  it('sends the ones past the places down to the next grade by rank, saying why', () => {
    // 5 ranked × 20% = 1 place: A keeps 优秀, B (also ≥ 90) takes 良好; C is 良好 by its bar, no note.
    expect(
      labels([
        { id: 'B', score: 91 },
        { id: 'A', score: 97 },
        { id: 'C', score: 85 },
        { id: 'D', score: 61 },
        { id: 'E', score: 10 },
      ]),
    ).toEqual([
      ['A', 1, '优秀', null],
      ['B', 2, '良好', '超出优秀比例（20%），按排名顺延为良好'],
      ['C', 3, '良好', null],
      ['D', 4, '一般', null],
      ['E', 5, '较差', null],
    ]);
  });

  it('moves a tie at the quota line down whole, and says the officer may separate it by calibration', () => {
    // 10 ranked × 20% = 2 places. A (98) takes one; B and C tie at 95 for rank 2 — both would make 3 > 2, so both go
    // down. Taking one of them would pick between equal scores with no rule.
    const rows = [
      { id: 'A', score: 98 },
      { id: 'B', score: 95 },
      { id: 'C', score: 95 },
      ...['D', 'E', 'F', 'G', 'H', 'I', 'J'].map((id, i) => ({ id, score: 70 - i })),
    ];
    const tie =
      '与其他 1 个对象并列第 2 名，全部评为优秀将超出优秀比例（20%），并列者一并顺延为良好；如需区分，请校准并写明理由';
    expect(labels(rows).slice(0, 4)).toEqual([
      ['A', 1, '优秀', null],
      ['B', 2, '良好', tie],
      ['C', 2, '良好', tie],
      ['D', 4, '一般', null],
    ]);
    // A tie that fits within the places keeps the grade: at 30%, 3 places hold A, B and C.
    expect(
      labels(rows, { steps: DEFAULT_GRADES, topQuota: 30 })
        .slice(0, 3)
        .map((r) => r[2]),
    ).toEqual(['优秀', '优秀', '优秀']);
  });

  it('grades a band 待定 with the reason and leaves it out of the count; no data, no grade; no quota, the bars alone', () => {
    // Ranked: A, B (2) → 2 × 50% = 1 place. C is banded: 待定. D has no data.
    expect(
      labels(
        [
          { id: 'A', score: 95 },
          { id: 'B', score: 92 },
          { id: 'C', score: 80, band: { low: 62.5, high: 97 } },
          { id: 'D', score: null },
        ],
        { steps: DEFAULT_GRADES, topQuota: 50 },
      ),
    ).toEqual([
      ['A', 1, '优秀', null],
      ['B', 2, '良好', '超出优秀比例（50%），按排名顺延为良好'],
      ['C', null, null, '待定：评价人数不足，得分在 62.5–97 之间，待评价补齐或经校准后确定等次'],
      ['D', null, null, null],
    ]);
    expect(
      labels(
        [
          { id: 'A', score: 95 },
          { id: 'B', score: 92 },
        ],
        { steps: DEFAULT_GRADES, topQuota: null },
      ),
    ).toEqual([
      ['A', 1, '优秀', null],
      ['B', 2, '优秀', null],
    ]);
  });

  it('gives small branches the 优秀 the whole organ has room for', () => {
    // A branch of four and a branch of one: counted per branch, 20% of 4 (0.8) and of 1 (0.2) leave no place at all;
    // counted over the five, 1 place — the best score, z0's 96 in the branch of one.
    const out = rankAndGrade(
      [
        ...[94, 92, 85, 70].map((score, i) => ({ id: `w${i}`, score, group: 'W' })),
        { id: 'z0', score: 96, group: 'Z' },
      ],
      q20,
    );
    expect(out.map((r) => [r.id, r.rank, r.grade?.label])).toEqual([
      ['w0', 1, '良好'],
      ['w1', 2, '良好'],
      ['w2', 3, '良好'],
      ['w3', 4, '一般'],
      ['z0', 1, '优秀'],
    ]);
  });

  it('ranks within each group when one is given (members within their branch), the quota over all of them', () => {
    // Ten ranked at 20%: 2 places over the whole cycle, the two best scores (y0 99, x0 95); the bars alone would
    // also give y1 (91) and x1 (93) 优秀 — past the quota, 良好. A branch's own rank does not earn a place.
    const out = rankAndGrade(
      [
        ...[95, 93, 80, 70, 60].map((score, i) => ({ id: `x${i}`, score, group: 'X' })),
        ...[99, 91, 85, 75, 65].map((score, i) => ({ id: `y${i}`, score, group: 'Y' })),
      ],
      q20,
    );
    expect(out.map((r) => [r.id, r.rank, r.grade?.label])).toEqual([
      ['x0', 1, '优秀'],
      ['x1', 2, '良好'],
      ['x2', 3, '良好'],
      ['x3', 4, '一般'],
      ['x4', 5, '一般'],
      ['y0', 1, '优秀'],
      ['y1', 2, '良好'],
      ['y2', 3, '良好'],
      ['y3', 4, '一般'],
      ['y4', 5, '一般'],
    ]);
  });
});
