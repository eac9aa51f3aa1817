// The results' bar chart, in a file of its own so that ECharts loads only when a cycle's results are opened.
import { useMemo } from 'react';
import type { ResultRow } from '#contracts/assessment';
import { EChart, type EChartOption } from '../../components/echart.tsx';

/** Totals as horizontal bars, best on top: long branch names read better on the vertical axis. */
function totalsOption(rows: readonly ResultRow[], name: string): EChartOption {
  const scored = rows.filter((r) => r.total !== null);
  return {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    grid: { left: 8, right: 48, top: 8, bottom: 8, containLabel: true },
    xAxis: { type: 'value', min: 0, max: 100 },
    yAxis: { type: 'category', inverse: true, data: scored.map((r) => r.subjectName) },
    series: [
      {
        name,
        type: 'bar',
        data: scored.map((r) => Math.round((r.total ?? 0) * 100) / 100),
        itemStyle: { color: '#b71c1c' },
        label: {
          show: true,
          position: 'right',
          formatter: ({ value }: { value: number }) => value.toFixed(2),
        },
      },
    ],
  };
}

export default function ResultsChart({ rows, name }: { rows: readonly ResultRow[]; name: string }) {
  const option = useMemo(() => totalsOption(rows, name), [rows, name]);
  // Some 28 px a bar, so that long branch names still read.
  const height = Math.max(160, rows.length * 28 + 24);
  return <EChart option={option} style={{ height }} data-testid="results-chart" />;
}
