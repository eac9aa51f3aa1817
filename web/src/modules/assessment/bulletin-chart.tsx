// The rank-change bars of a bulletin, in a file of its own so that ECharts loads only when a bulletin is opened.
import { useMemo } from 'react';
import { EChart, type EChartOption } from '../../components/echart.tsx';

/** Rank change as horizontal bars (up to the right, in red; down to the left, in grey), in ranking order. */
function changeOption(bars: readonly { name: string; change: number }[], name: string): EChartOption {
  const reach = Math.max(1, ...bars.map((b) => Math.abs(b.change)));
  return {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    grid: { left: 8, right: 32, top: 8, bottom: 8, containLabel: true },
    xAxis: { type: 'value', min: -reach, max: reach, minInterval: 1 },
    yAxis: { type: 'category', inverse: true, data: bars.map((b) => b.name) },
    series: [
      {
        name,
        type: 'bar',
        data: bars.map((b) => ({
          value: b.change,
          itemStyle: { color: b.change >= 0 ? '#b71c1c' : '#8c8c8c' },
        })),
        label: {
          show: true,
          position: 'right',
          formatter: ({ value }: { value: number }) =>
            value > 0 ? `↑${value}` : value < 0 ? `↓${-value}` : '0',
        },
      },
    ],
  };
}

export default function BulletinChart({
  bars,
  name,
}: {
  bars: readonly { name: string; change: number }[];
  name: string;
}) {
  const option = useMemo(() => changeOption(bars, name), [bars, name]);
  const height = Math.max(120, bars.length * 28 + 24);
  return <EChart option={option} style={{ height }} data-testid="bulletin-chart" />;
}
