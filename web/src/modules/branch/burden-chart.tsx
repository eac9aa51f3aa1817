// The burden meter's chart, in a file of its own so that ECharts loads only on this page. The shared wrapper
// registers bars and pies; the share's line and the target's line are registered here, for this chart alone.
import { LineChart } from 'echarts/charts';
import { MarkLineComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { useMemo } from 'react';
import type { BurdenCounts } from '#contracts/branch-rollup';
import { EChart } from '../../components/echart.tsx';
import { useT } from '../../i18n/i18n.tsx';
import { BURDEN_TARGET, burdenChartOption, percent } from './burden-logic.ts';

echarts.use([LineChart, MarkLineComponent]);

export default function BurdenChart({ months }: { months: readonly BurdenCounts[] }) {
  const t = useT();
  const option = useMemo(
    () =>
      burdenChartOption(months, {
        typed: t('burden.source.typed'),
        prefilled: t('burden.source.prefilled'),
        reused: t('burden.source.reused'),
        imported: t('burden.source.imported'),
        share: t('burden.share'),
        target: t('burden.target', { target: percent(BURDEN_TARGET) }),
        months: Array.from({ length: 12 }, (_, i) => t('rollup.month', { n: i + 1 })),
      }),
    [months, t],
  );
  return <EChart option={option} style={{ height: 300 }} data-testid="burden-chart" />;
}
