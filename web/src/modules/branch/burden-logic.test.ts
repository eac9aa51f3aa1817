import { describe, expect, it } from 'vitest';
import type { BurdenCounts, BurdenMeter } from '#contracts/branch-rollup';
import {
  BURDEN_TARGET,
  branchesByShare,
  burdenChartOption,
  meetsTarget,
  organMonths,
  percent,
  shareOf,
} from './burden-logic.ts';

const C = (typed: number, prefilled: number, reused = 0, imported = 0, records = 1): BurdenCounts => ({
  records,
  typed,
  prefilled,
  reused,
  imported,
  untypedShare: shareOf({ typed, prefilled, reused, imported }),
});
const empty = () => C(0, 0, 0, 0, 0);

describe('shares', () => {
  it('is the share of fields nobody typed, none without fields', () => {
    expect(shareOf({ typed: 3, prefilled: 5, reused: 1, imported: 1 })).toBeCloseTo(0.7);
    expect(shareOf({ typed: 0, prefilled: 0, reused: 0, imported: 0 })).toBeNull();
    expect(percent(0.666)).toBe('67%');
    expect(percent(null)).toBe('—');
  });
  it('meets the target at 60% and above', () => {
    expect(BURDEN_TARGET).toBe(0.6);
    expect(meetsTarget(0.6)).toBe(true);
    expect(meetsTarget(0.59)).toBe(false);
    expect(meetsTarget(null)).toBeNull();
  });
});

const meter = (): BurdenMeter => {
  const a = Array.from({ length: 12 }, empty);
  const b = Array.from({ length: 12 }, empty);
  a[0] = C(2, 8);
  b[0] = C(6, 2, 2);
  b[5] = C(0, 0, 0, 10);
  return {
    year: 2026,
    total: C(8, 10, 2, 10, 3),
    branches: [
      { partyOrgId: 'a', name: '甲', total: C(2, 8), months: a },
      { partyOrgId: 'b', name: '乙', total: C(6, 2, 2, 10, 2), months: b },
      { partyOrgId: 'c', name: '丙', total: empty(), months: Array.from({ length: 12 }, empty) },
    ],
  };
};

it("adds the branches' months into the organ's", () => {
  const months = organMonths(meter());
  expect(months[0]).toMatchObject({ records: 2, typed: 8, prefilled: 10, reused: 2, imported: 0 });
  expect(months[0]?.untypedShare).toBeCloseTo(0.6);
  expect(months[5]).toMatchObject({ imported: 10, untypedShare: 1 });
  expect(months[1]?.untypedShare).toBeNull();
});

it('puts the heaviest typing first and branches without records last', () => {
  expect(branchesByShare(meter().branches).map((b) => b.name)).toEqual(['乙', '甲', '丙']);
});

it('draws stacked bars by source and the share against the target line', () => {
  const months = organMonths(meter());
  const labels = {
    typed: '手工填写',
    prefilled: '自动带出',
    reused: '沿用计划',
    imported: '导入',
    share: '未手工填写占比',
    target: '目标 60%',
    months: Array.from({ length: 12 }, (_, i) => `${i + 1}月`),
  };
  const option = burdenChartOption(months, labels);
  const bars = option.series.filter((s) => s.type === 'bar');
  expect(bars.map((s) => [s.name, 'stack' in s ? s.stack : null])).toEqual([
    ['手工填写', 'fields'],
    ['自动带出', 'fields'],
    ['沿用计划', 'fields'],
    ['导入', 'fields'],
  ]);
  expect(bars[0]?.data.slice(0, 2)).toEqual([8, 0]);
  const line = option.series.find((s) => s.type === 'line');
  expect(line?.data.slice(0, 2)).toEqual([60, null]);
  expect(line && 'markLine' in line ? line.markLine.data : null).toEqual([{ yAxis: 60 }]);
  expect(option.xAxis.data).toHaveLength(12);
});
