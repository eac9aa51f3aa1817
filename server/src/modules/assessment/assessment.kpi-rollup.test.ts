// The roll-up of business KPI values (pure): finest periods win, period and department rules, the words; and the
// cells of an import (periods as people write them, numbers with % and separators).
import { describe, expect, it } from 'vitest';
import { normalisePeriod, parseKpiNumber } from './assessment.kpi-cells.ts';
import {
  formatKpi,
  type KpiRule,
  periodOfKey,
  type RawKpiValue,
  rollUp,
  describe as words,
} from './assessment.kpi-rollup.ts';

const rule = (over: Partial<KpiRule> = {}): KpiRule => ({
  code: 'r',
  name: '办件按时办结率',
  measureUnit: '%',
  periodRollup: 'mean',
  deptCombine: 'mean',
  ...over,
});
let n = 0;
const v = (
  departmentId: string,
  periodKey: string,
  value: number,
  source: 'import' | 'push' = 'import',
): RawKpiValue => {
  const p = periodOfKey(periodKey);
  if (!p) throw new Error(periodKey);
  return {
    id: `v${n++}`,
    departmentId,
    periodKey,
    periodFrom: p.from,
    periodTo: p.to,
    value,
    source,
    recordedAt: new Date(0),
  };
};

describe('rollUp', () => {
  it('counts months that cover their quarter whole, and leaves out the quarter', () => {
    const values = [
      v('a', '2026-Q1', 50),
      v('a', '2026-01', 90),
      v('a', '2026-02', 96),
      v('a', '2026-03', 99),
      v('a', '2026-Q2', 80),
    ];
    // January to March tile Q1, so they stand for it; Q2 has no months and counts for its three.
    // Weighted by months: (90 + 96 + 99 + 80 × 3) / (1 + 1 + 1 + 3) = (285 + 240) / 6 = 525 / 6 = 87.5.
    const r = rollUp(rule(), values);
    expect(r?.used.map((x) => x.periodKey)).toEqual(['2026-01', '2026-02', '2026-03', '2026-Q2']);
    expect(r?.partial).toEqual([]);
    expect(r?.value).toBe(87.5);
    expect(r?.leafValue).toBe(0.875);
  });

  it('keeps a quarter whose months only partly cover it, and leaves those months out', () => {
    const values = [
      v('a', '2026-Q1', 300),
      v('a', '2026-01', 100),
      v('a', '2026-02', 90),
      v('a', '2026-Q2', 330),
    ];
    // January and February say nothing of March: Q1's own 300 stands. H1 sum = 300 + 330 = 630 (not 100 + 90 + 330 = 520).
    const sum = rollUp(rule({ measureUnit: '件', periodRollup: 'sum', deptCombine: 'sum' }), values);
    expect(sum?.used.map((x) => x.periodKey)).toEqual(['2026-Q1', '2026-Q2']);
    expect(sum?.partial.map((p) => [p.coarse.periodKey, p.finer.map((f) => f.periodKey)])).toEqual([
      ['2026-Q1', ['2026-01', '2026-02']],
    ]);
    expect(sum?.value).toBe(630);
    // Mean: Q1 and Q2 three months each: (300 × 3 + 330 × 3) / 6 = 1890 / 6 = 315.
    expect(rollUp(rule({ measureUnit: '件' }), values)?.value).toBe(315);
    // Mean weighted by months where the spans differ: Q1 50 (3 months) beside April 80 (1 month):
    // (50 × 3 + 80 × 1) / 4 = 230 / 4 = 57.5 (an unweighted mean would say 65).
    expect(rollUp(rule({ measureUnit: '件' }), [v('a', '2026-Q1', 50), v('a', '2026-04', 80)])?.value).toBe(
      57.5,
    );
    if (!sum) throw new Error('no figure');
    expect(words(rule({ name: '办结件数', measureUnit: '件' }), sum, () => '政务服务科')).toBe(
      '办结件数 630 件（政务服务科 2026-Q1～2026-Q2，导入；2026-Q1 内的分期数值不全，按整期数值计）',
    );
  });

  it('sums, means or takes the latest period, then sums or means the departments', () => {
    const values = [v('a', '2026-01', 10), v('a', '2026-03', 30), v('b', '2026-02', 5)];
    // sum/sum: (10 + 30) + 5 = 45; mean/mean: (20 + 5) / 2 = 12.5; last/sum: 30 + 5 = 35.
    expect(rollUp(rule({ measureUnit: '件', periodRollup: 'sum', deptCombine: 'sum' }), values)?.value).toBe(
      45,
    );
    expect(rollUp(rule({ measureUnit: '件' }), values)?.value).toBe(12.5);
    expect(
      rollUp(rule({ measureUnit: '件', periodRollup: 'last', deptCombine: 'sum' }), values)?.leafValue,
    ).toBe(35);
    expect(rollUp(rule(), [])).toBeNull();
  });

  it('says what the figure is', () => {
    const r = rollUp(rule(), [v('a', '2026-Q1', 96.5, 'push')]);
    if (!r) throw new Error('no figure');
    expect(words(rule(), r, () => '政务服务科')).toBe('办件按时办结率 96.5%（政务服务科 2026-Q1，推送）');
    expect(formatKpi(12, '件')).toBe('12 件');
    expect(formatKpi(86.666666, '%')).toBe('86.67%');
  });
});

describe('import cells', () => {
  it('reads periods as people write them', () => {
    const read = (x: unknown) => {
      const r = normalisePeriod(x);
      return r.ok ? r.value : null;
    };
    expect(
      [
        '2026-03',
        '2026-3',
        '2026/03',
        '2026年3月',
        '2026Q1',
        '2026-Q2',
        '2026年第三季度',
        '2026年下半年',
        '2026H1',
        '2026年度',
        '2026',
      ].map(read),
    ).toEqual([
      '2026-03',
      '2026-03',
      '2026-03',
      '2026-03',
      '2026-Q1',
      '2026-Q2',
      '2026-Q3',
      '2026-H2',
      '2026-H1',
      '2026',
      '2026',
    ]);
    expect(read(new Date(Date.UTC(2026, 4, 1)))).toBe('2026-05');
    expect(['2026-13', '2026-Q5', '第一季度', ''].map(read)).toEqual([null, null, null, null]);
  });

  it('reads numbers with a percent sign and thousands separators, and refuses words', () => {
    expect([96.5, '96.5%', '1,234', ' 88 ', '-2.5'].map((x) => parseKpiNumber(x))).toEqual([
      { ok: true, value: 96.5 },
      { ok: true, value: 96.5 },
      { ok: true, value: 1234 },
      { ok: true, value: 88 },
      { ok: true, value: -2.5 },
    ]);
    expect(parseKpiNumber('良好')).toEqual({ ok: false, reason: '“良好”不是数字，请只填写数值' });
  });
});
