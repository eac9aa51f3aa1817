// The overview's chart options (pure data for ECharts), apart from the charts themselves: the page builds them from
// its answer at once, while ECharts and the cards that draw them (warning-charts.tsx) load behind the counts.
import { useMemo } from 'react';
import type { Level, OverviewOrg } from '#contracts/warning';
import { LEVEL_LABELS } from '#contracts/warning';
import type { EChartOption } from '../../components/echart.tsx';
import { useLocale } from '../../i18n/i18n.tsx';
import { LEVEL_COLOUR, periodLabel, ranking, rankingShown, tiles, trendSeries } from './warning-logic.ts';

/** Text and lines on the big screen's dark background. */
export const INK = { light: { text: '#333', axis: '#999' }, dark: { text: '#e8eefc', axis: '#6b7fa8' } };

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
