// A small React wrapper around ECharts: one chart per element, options applied as given, resized with its box and
// disposed with the component. Only the chart kinds the app uses are registered, to keep the bundle small.
import { BarChart, PieChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { type CSSProperties, useEffect, useRef } from 'react';

echarts.use([BarChart, PieChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

export type EChartOption = echarts.EChartsCoreOption;

export function EChart({
  option,
  style,
  'data-testid': testId,
}: {
  option: EChartOption;
  style?: CSSProperties;
  'data-testid'?: string;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);

  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const instance = echarts.init(el);
    chart.current = instance;
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(el);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption(option, { notMerge: true });
  }, [option]);

  return <div ref={ref} data-testid={testId} style={{ width: '100%', height: 260, ...style }} />;
}

/** A horizontal bar chart of labelled counts: long Chinese labels read better on the vertical axis. */
export function barOption(rows: readonly { label: string; count: number }[]): EChartOption {
  return {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    grid: { left: 8, right: 24, top: 8, bottom: 8, containLabel: true },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', inverse: true, data: rows.map((r) => r.label) },
    series: [
      {
        type: 'bar',
        data: rows.map((r) => r.count),
        itemStyle: { color: '#b71c1c' },
        label: { show: true, position: 'right' },
      },
    ],
  };
}

export function pieOption(rows: readonly { label: string; count: number }[]): EChartOption {
  return {
    tooltip: { trigger: 'item', formatter: '{b}: {c} ({d}%)' },
    legend: { bottom: 0 },
    color: ['#b71c1c', '#e57373', '#ffb74d', '#90a4ae', '#4db6ac', '#9575cd'],
    series: [
      {
        type: 'pie',
        radius: ['35%', '65%'],
        data: rows.filter((r) => r.count > 0).map((r) => ({ name: r.label, value: r.count })),
        label: { formatter: '{b}\n{c}' },
      },
    ],
  };
}
