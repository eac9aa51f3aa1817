// The overview's charts, in a file of their own so that ECharts loads only when the overview and the big screen draw
// them (lazily, behind the counts and lists: warning-chart-options.ts builds their options).
// The shared wrapper registers bars and pies; the tree map and the trend's lines are registered here. A chart is
// clicked down to an organisation, and saved as a PNG from the instance the wrapper made (found by its element, so
// the wrapper stays the one place that creates and disposes charts).
import { DownloadOutlined } from '@ant-design/icons';
import { Button, Card, Empty } from 'antd';
import { LineChart, TreemapChart } from 'echarts/charts';
import { MarkPointComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { type ReactNode, useEffect, useRef } from 'react';
import { EChart, type EChartOption } from '../../components/echart.tsx';
import { INK } from './warning-chart-options.ts';
import { useWT } from './warning-i18n.ts';

echarts.use([TreemapChart, LineChart, MarkPointComponent]);

function instanceIn(box: HTMLDivElement | null): echarts.ECharts | undefined {
  const el = box?.firstElementChild;
  return el instanceof HTMLElement ? echarts.getInstanceByDom(el) : undefined;
}

/** A chart in a card, with a button saving it as a PNG; `onPick` receives the organisation id of a clicked item. */
export function ChartCard({
  title,
  option,
  height,
  testId,
  dark = false,
  empty,
  onPick,
}: {
  title: ReactNode;
  option: EChartOption;
  height: number;
  testId: string;
  dark?: boolean;
  empty?: string | null;
  onPick?: (partyOrgId: string) => void;
}) {
  const t = useWT();
  const box = useRef<HTMLDivElement>(null);
  const pick = useRef(onPick);
  pick.current = onPick;

  // The wrapper's effect (a child's) has made the instance before this one runs; it lives as long as the element,
  // which is made anew when the card stops being empty — hence `empty`, though the body does not read it.
  // biome-ignore lint/correctness/useExhaustiveDependencies: the chart element comes and goes with `empty`
  useEffect(() => {
    const chart = instanceIn(box.current);
    if (!chart) return;
    const handler = (params: { data?: unknown }) => {
      const id = (params.data as { id?: unknown } | undefined)?.id;
      if (typeof id === 'string') pick.current?.(id);
    };
    chart.on('click', handler);
    return () => {
      if (!chart.isDisposed()) chart.off('click', handler);
    };
  }, [empty]);

  const save = () => {
    const chart = instanceIn(box.current);
    if (!chart) return;
    const a = document.createElement('a');
    a.href = chart.getDataURL({ type: 'png', pixelRatio: 2, backgroundColor: dark ? '#0b1a33' : '#fff' });
    a.download = `${typeof title === 'string' ? title : 'chart'}.png`;
    document.body.appendChild(a);
    a.click();
    a.remove();
  };

  return (
    <Card
      size="small"
      title={title}
      data-testid={testId}
      styles={dark ? { header: { color: INK.dark.text, borderColor: '#1f3a66' }, body: {} } : undefined}
      style={dark ? { background: '#10254a', borderColor: '#1f3a66' } : undefined}
      extra={
        !empty && (
          <Button
            size="small"
            type="text"
            icon={<DownloadOutlined />}
            onClick={save}
            aria-label={t('warning.chart.export')}
            data-testid={`${testId}-export`}
            style={dark ? { color: INK.dark.text } : undefined}
          >
            {t('warning.chart.export')}
          </Button>
        )
      }
    >
      {empty ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={empty} style={{ height: height - 40 }} />
      ) : (
        <div ref={box}>
          <EChart option={option} style={{ height }} data-testid={`${testId}-canvas`} />
        </div>
      )}
    </Card>
  );
}
