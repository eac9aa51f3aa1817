// Ranks, ties, bands, calibrations and grades by hand.
import { describe, expect, it } from 'vitest';
import {
  applyCalibrations,
  calibrationIssues,
  DEFAULT_GRADES,
  type GradeStep,
  gradeIssues,
  gradeOf,
  type RankEntry,
  rankEntries,
} from './assessment.ranking.ts';

const view = (entries: readonly RankEntry[]) =>
  rankEntries(entries).map((r) => ({ id: r.id, rank: r.rank, tiedWith: r.tiedWith, range: r.range }));

describe('ranking', () => {
  it('ranks 1, 2, 2, 4 and shows who shares a place', () => {
    expect(
      view([
        { id: 'D', score: 80 },
        { id: 'B', score: 90 },
        { id: 'A', score: 95 },
        { id: 'C', score: 90 },
      ]),
    ).toEqual([
      { id: 'A', rank: 1, tiedWith: [], range: null },
      { id: 'B', rank: 2, tiedWith: ['C'], range: null },
      { id: 'C', rank: 2, tiedWith: ['B'], range: null },
      { id: 'D', rank: 4, tiedWith: [], range: null },
    ]);
  });

  it('ties scores that read the same to two decimals', () => {
    // 89.996 → 90.00 and 90.004 → 90.00: tied; 90.1 above them; 89.994 → 89.99 below
    const out = view([
      { id: 'X', score: 89.996 },
      { id: 'Y', score: 90.004 },
      { id: 'Z', score: 90.1 },
      { id: 'W', score: 89.994 },
    ]);
    expect(out).toEqual([
      { id: 'Z', rank: 1, tiedWith: [], range: null },
      { id: 'X', rank: 2, tiedWith: ['Y'], range: null },
      { id: 'Y', rank: 2, tiedWith: ['X'], range: null },
      { id: 'W', rank: 4, tiedWith: [], range: null },
    ]);
  });

  it('gives banded entries the ranks they could take, and no-data entries none, in that order', () => {
    const exact: RankEntry[] = [
      { id: 'A', score: 95 },
      { id: 'B', score: 90 },
      { id: 'C', score: 85 },
      { id: 'D', score: 80 },
    ];
    const out = rankEntries([
      { id: 'G', score: null },
      { id: 'E', score: null, band: { low: 82, high: 92 } },
      ...exact,
      // a band wins over a score: the entry is placed by its band
      { id: 'F', score: 88, band: { low: 85, high: 90 } },
    ]);
    expect(out.map((r) => r.id)).toEqual(['A', 'B', 'C', 'D', 'F', 'E', 'G']); // F's midpoint 87.5 > E's 87
    const byId = new Map(out.map((r) => [r.id, r]));
    // E: best 1 + #(> 92) = 1 + 1 (A) = 2; worst 1 + #(≥ 82) = 1 + 3 (A, B, C) = 4
    expect(byId.get('E')).toMatchObject({
      rank: null,
      tiedWith: [],
      range: { best: 2, worst: 4 },
      note: '评价人数不足，按区间显示',
    });
    // F at the edges: B's 90 equals the top (not counted ahead), C's 85 equals the bottom (counted ahead)
    // best 1 + #(> 90) = 1 + 1 = 2; worst 1 + #(≥ 85) = 1 + 3 = 4
    expect(byId.get('F')).toMatchObject({ rank: null, score: 88, range: { best: 2, worst: 4 } });
    expect(byId.get('G')).toEqual({
      id: 'G',
      score: null,
      band: null,
      rank: null,
      tiedWith: [],
      range: null,
      note: '数据不足，不参与排名',
    });
    // The banded entries do not push the exact ones down.
    expect(byId.get('D')?.rank).toBe(4);
  });
});

describe('calibration', () => {
  const entries: RankEntry[] = [
    { id: 'A', score: 80 },
    { id: 'B', score: null },
    { id: 'C', score: null, band: { low: 60, high: 80 } },
  ];

  it('names unknown ids, scores outside 0..120, blank reasons and repeats', () => {
    expect(calibrationIssues(entries, [{ id: 'A', to: 120, reason: '经党委会研究' }])).toEqual([]);
    expect(
      calibrationIssues(entries, [
        { id: 'Z', to: 50, reason: '经党委会研究' },
        { id: 'A', to: 120.5, reason: '   ' },
        { id: 'B', to: -1, reason: '' },
        { id: 'A', to: 70, reason: '重复' },
      ]),
    ).toEqual([
      { path: 'calibrations.0.id', message: '要校准的对象不在本次考核范围内，请重新选择' },
      { path: 'calibrations.1.to', message: '校准后的得分应在 0 到 120 之间' },
      { path: 'calibrations.1.reason', message: '请写明校准理由' },
      { path: 'calibrations.2.to', message: '校准后的得分应在 0 到 120 之间' },
      { path: 'calibrations.2.reason', message: '请写明校准理由' },
      { path: 'calibrations.3.id', message: '同一对象只能校准一次，与第 2 条重复，请合并' },
    ]);
  });

  it('sets the score, keeps the old one and the reason, settles a band, and refuses bad calibrations', () => {
    const out = applyCalibrations(entries, [
      { id: 'A', to: 85, reason: ' 获市级表彰，经党委会研究上调 ' },
      { id: 'C', to: 70, reason: '补充评价后确定' },
    ]);
    expect(out).toEqual([
      { id: 'A', score: 85, band: null, calibratedFrom: 80, reason: '获市级表彰，经党委会研究上调' },
      { id: 'B', score: null, calibratedFrom: null, reason: null },
      { id: 'C', score: 70, band: null, calibratedFrom: null, reason: '补充评价后确定' },
    ]);
    // Now C ranks as an exact entry: 85 (A) first, 70 (C) second.
    expect(view(out).slice(0, 2)).toEqual([
      { id: 'A', rank: 1, tiedWith: [], range: null },
      { id: 'C', rank: 2, tiedWith: [], range: null },
    ]);
    expect(() => applyCalibrations(entries, [{ id: 'A', to: 85, reason: '' }])).toThrow('请写明校准理由');
  });
});

describe('grades', () => {
  it('grades at the boundaries, bars inclusive, in hundredths', () => {
    const g = (s: number | null) => gradeOf(s, DEFAULT_GRADES)?.label ?? null;
    expect([g(100), g(90), g(89.99), g(80), g(79.99), g(60), g(59.99), g(0)]).toEqual([
      '优秀',
      '优秀',
      '良好',
      '良好',
      '一般',
      '一般',
      '较差',
      '较差',
    ]);
    expect(g(89.996)).toBe('优秀'); // reads 90.00, as ranked
    expect(g(89.994)).toBe('良好'); // reads 89.99
    expect(g(105)).toBe('优秀'); // bonuses past 100
    expect(g(null)).toBeNull();
    expect(gradeOf(90, DEFAULT_GRADES)?.grade).toBe('excellent');
    // Steps in any order; a score below every bar has no grade.
    const custom: GradeStep[] = [
      { grade: 'ok', label: '合格', atLeast: 60 },
      { grade: 'top', label: '优秀', atLeast: 85 },
    ];
    expect(gradeOf(86, custom)?.grade).toBe('top');
    expect(gradeOf(59, custom)).toBeNull();
  });

  it('names what is wrong in a grade scale', () => {
    expect(gradeIssues(DEFAULT_GRADES)).toEqual([]);
    expect(gradeIssues([])).toEqual([{ path: 'steps', message: '请至少设置一个等次' }]);
    expect(
      gradeIssues([
        { grade: 'a', label: '优秀', atLeast: 90 },
        { grade: 'a', label: ' ', atLeast: 130 },
        { grade: 'c', label: '一般', atLeast: 90 },
        { grade: '', label: '较差', atLeast: 0 },
      ]),
    ).toEqual([
      { path: 'steps.1.grade', message: '等次代码与第 1 个重复' },
      { path: 'steps.1.label', message: '请填写等次名称，如“优秀”' },
      { path: 'steps.1.atLeast', message: '分数线应在 0 到 120 之间' },
      { path: 'steps.2.atLeast', message: '分数线与第 1 个等次相同，请修改' },
      { path: 'steps.3.grade', message: '请填写等次代码' },
    ]);
    expect(gradeIssues([{ grade: 'a', label: '合格', atLeast: 60 }])).toEqual([
      { path: 'steps', message: '最低一个等次的分数线应为 0，确保每个得分都有等次' },
    ]);
  });
});
