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
  it('counts months and leaves out the quarter holding them, but takes a quarter with no months', () => {
    const values = [
      v('a', '2026-Q1', 50),
      v('a', '2026-01', 90),
      v('a', '2026-02', 96),
      v('a', '2026-Q2', 80),
    ];
    // Q1 is covered by January and February; Q2 has no months: mean(90, 96, 80) = 88.667.
    const r = rollUp(rule(), values);
    expect(r?.used.map((x) => x.periodKey)).toEqual(['2026-01', '2026-02', '2026-Q2']);
    expect(r?.value).toBeCloseTo(88.6667, 3);
    expect(r?.leafValue).toBeCloseTo(0.886667, 5);
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
