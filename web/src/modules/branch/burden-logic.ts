// The burden meter's arithmetic and its chart: fields people typed against fields the product filled in, month by
// month, and the share nobody typed against the target (at least 60%).
import type { BurdenCounts, BurdenMeter } from '#contracts/branch-rollup';

/** The target the product is held to on the demo organ: at least this share of fields not typed. */
export const BURDEN_TARGET = 0.6;

export const FIELD_SOURCES = ['typed', 'prefilled', 'reused', 'imported'] as const;
export type FieldSource = (typeof FIELD_SOURCES)[number];

/** Typed in grey, the product's help in greens and blues: the eye goes to what was saved. */
export const SOURCE_COLOURS: Record<FieldSource, string> = {
  typed: '#8c8c8c',
  prefilled: '#52c41a',
  reused: '#13c2c2',
  imported: '#1677ff',
};

const fieldsOf = (c: BurdenCounts) => c.typed + c.prefilled + c.reused + c.imported;

/** Share of fields nobody typed, 0–1; null without any field (nothing entered is no evidence either way). */
export function shareOf(c: Pick<BurdenCounts, FieldSource>): number | null {
  const all = c.typed + c.prefilled + c.reused + c.imported;
  return all === 0 ? null : (all - c.typed) / all;
}

export function percent(share: number | null): string {
  return share === null ? '—' : `${Math.round(share * 100)}%`;
}

export function meetsTarget(share: number | null): boolean | null {
  return share === null ? null : share >= BURDEN_TARGET;
}

/** The organ's months: the branches' months added up. */
export function organMonths(meter: BurdenMeter): BurdenCounts[] {
  return Array.from({ length: 12 }, (_, i) => {
    const sum = { records: 0, typed: 0, prefilled: 0, reused: 0, imported: 0 };
    for (const b of meter.branches) {
      const m = b.months[i];
      if (!m) continue;
      sum.records += m.records;
      sum.typed += m.typed;
      sum.prefilled += m.prefilled;
      sum.reused += m.reused;
      sum.imported += m.imported;
    }
    return { ...sum, untypedShare: shareOf(sum) };
  });
}

/** Branches with records first, the most typing first: where the load is still heavy is what an officer looks for. */
export function branchesByShare(branches: BurdenMeter['branches']): BurdenMeter['branches'] {
  return [...branches].sort((a, b) => {
    const sa = a.total.untypedShare;
    const sb = b.total.untypedShare;
    if (sa === null || sb === null) return sa === sb ? 0 : sa === null ? 1 : -1;
    return sa - sb || fieldsOf(b.total) - fieldsOf(a.total);
  });
}

export type ChartLabels = Record<FieldSource, string> & { share: string; target: string; months: string[] };

/**
 * Stacked bars of fields by source per month, with the share not typed as a line on its own axis (0–100%) and the
 * target drawn across it. Plain data in, an ECharts option out, so it is tested without a canvas.
 */
export function burdenChartOption(months: readonly BurdenCounts[], labels: ChartLabels) {
  return {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { bottom: 0 },
    grid: { left: 8, right: 8, top: 24, bottom: 40, containLabel: true },
    xAxis: { type: 'category', data: labels.months },
    yAxis: [
      { type: 'value', minInterval: 1 },
      { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' }, splitLine: { show: false } },
    ],
    series: [
      ...FIELD_SOURCES.map((source) => ({
        name: labels[source],
        type: 'bar',
        stack: 'fields',
        itemStyle: { color: SOURCE_COLOURS[source] },
        data: months.map((m) => m[source]),
      })),
      {
        name: labels.share,
        type: 'line',
        yAxisIndex: 1,
        connectNulls: false,
        itemStyle: { color: '#b71c1c' },
        data: months.map((m) => (m.untypedShare === null ? null : Math.round(m.untypedShare * 100))),
        markLine: {
          symbol: 'none',
          lineStyle: { type: 'dashed', color: '#b71c1c' },
          label: { formatter: labels.target, position: 'insideEndTop' },
          data: [{ yAxis: BURDEN_TARGET * 100 }],
        },
      },
    ],
  };
}
