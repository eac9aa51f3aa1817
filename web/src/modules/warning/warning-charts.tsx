// The overview's charts, in a file of their own so that ECharts loads only with the overview and the big screen.
// The shared wrapper registers bars and pies; the tree map and the trend's lines are registered here. A chart is
// clicked down to an organisation, and saved as a PNG from the instance the wrapper made (found by its element, so
// the wrapper stays the one place that creates and disposes charts).
import { DownloadOutlined } from '@ant-design/icons';
import { Button, Card, Empty } from 'antd';
import { LineChart, TreemapChart } from 'echarts/charts';
import { MarkPointComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { type ReactNode, useEffect, useMemo, useRef } from 'react';
import type { Level, OverviewOrg } from '#contracts/warning';
import { LEVEL_LABELS } from '#contracts/warning';
import { EChart, type EChartOption } from '../../components/echart.tsx';
import { useLocale } from '../../i18n/i18n.tsx';
import { useWT } from './warning-i18n.ts';
import { LEVEL_COLOUR, periodLabel, ranking, rankingShown, tiles, trendSeries } from './warning-logic.ts';

echarts.use([TreemapChart, LineChart, MarkPointComponent]);

/** Text and lines on the big screen's dark background. */
const INK = { light: { text: '#333', axis: '#999' }, dark: { text: '#e8eefc', axis: '#6b7fa8' } };

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

/** Every organisation a tile in its level's colour, the worst top left; the label carries the index. */
export function useTreemapOption(orgs: readonly OverviewOrg[], dark = false): EChartOption {
  const { locale } = useLocale();
  return useMemo(() => {
    const word = (l: Level) => (locale === 'en' ? LEVEL_LABELS[l].en : LEVEL_LABELS[l].zh);
    return {
      tooltip: {
        formatter: (p: { data?: { name: string; level: Level; index: number | null } }) =>
          p.data ? `${p.data.name}<br/>${word(p.data.level)} · ${p.data.index ?? '—'}` : '',
      },
      series: [
        {
          type: 'treemap',
          roam: false,
          nodeClick: false,
          // Keep the order tiles() gives (worst first); ECharts would otherwise sort by size, all equal here.
          sort: false,
          breadcrumb: { show: false },
          left: 0,
          right: 0,
          top: 0,
          bottom: 0,
          label: {
            // Past a few dozen tiles a name no longer fits: the colours speak, the tooltip names.
            show: orgs.length <= (dark ? 120 : 60),
            formatter: (p: { data?: { name: string; index: number | null } }) =>
              p.data ? `${p.data.name}\n${p.data.index ?? '—'}` : '',
            fontSize: dark ? 16 : 12,
            color: '#fff',
            overflow: 'break',
          },
          itemStyle: { borderColor: dark ? '#0b1a33' : '#fff', borderWidth: 2, gapWidth: 2 },
          data: tiles(orgs).map((n) => ({ ...n, itemStyle: { color: LEVEL_COLOUR[n.level] } })),
        },
      ],
    };
  }, [orgs, dark, locale]);
}

export function useTrendOption(orgs: readonly OverviewOrg[], dark = false): EChartOption {
  const { locale } = useLocale();
  return useMemo(() => {
    const { periods, series } = trendSeries(orgs);
    const ink = dark ? INK.dark : INK.light;
    return {
      tooltip: { trigger: 'axis' },
      legend: { type: 'scroll', bottom: 0, textStyle: { color: ink.text } },
      grid: { left: 8, right: 16, top: 16, bottom: 36, containLabel: true },
      xAxis: {
        type: 'category',
        data: periods.map((p) => periodLabel(p, locale)),
        axisLabel: { color: ink.text },
        axisLine: { lineStyle: { color: ink.axis } },
      },
      yAxis: { type: 'value', min: 0, max: 100, axisLabel: { color: ink.text } },
      // A quarter alone is a point, not a line: the symbols keep it visible.
      series: series.map((s) => ({
        type: 'line',
        name: s.name,
        data: s.values,
        connectNulls: false,
        showSymbol: true,
        symbolSize: dark ? 10 : 6,
      })),
    };
  }, [orgs, dark, locale]);
}

/** Highest first, top to bottom; the lowest in its level's colour with a mark, the others quiet. */
export function useRankingOption(
  orgs: readonly OverviewOrg[],
  lowestWord: string,
  dark = false,
): EChartOption {
  return useMemo(() => {
    const rows = rankingShown(ranking(orgs));
    const ink = dark ? INK.dark : INK.light;
    return {
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      grid: { left: 8, right: 48, top: 8, bottom: 8, containLabel: true },
      xAxis: { type: 'value', min: 0, max: 100, axisLabel: { color: ink.text } },
      yAxis: {
        type: 'category',
        inverse: true,
        data: rows.map((r) => `${r.rank}. ${r.name}`),
        axisLabel: { color: ink.text },
      },
      series: [
        {
          type: 'bar',
          data: rows.map((r) => ({
            id: r.partyOrgId,
            value: r.value,
            itemStyle: { color: r.lowest ? LEVEL_COLOUR[r.level] : dark ? '#4f78c4' : '#8c9eb5' },
            label: {
              show: true,
              position: 'right',
              color: r.lowest ? LEVEL_COLOUR[r.level] : ink.text,
              fontWeight: r.lowest ? 'bold' : 'normal',
              formatter: r.lowest ? `{c} ${lowestWord}` : '{c}',
            },
          })),
        },
      ],
    };
  }, [orgs, lowestWord, dark]);
}
