// The per-level bar chart of the coverage view: its own file so that ECharts loads only when the chart is shown.

import { LEVEL_LABELS } from '#contracts/responsibility';
import type { CoverageNode } from '#contracts/responsibility-coverage';
import { barOption, EChart } from '../../components/echart.tsx';
import { useLabel } from '../../i18n/i18n.tsx';
import { progressByLevel } from './coverage-tree.ts';

export default function CoverageChart({ roots }: { roots: readonly CoverageNode[] }) {
  const label = useLabel();
  const rows = progressByLevel(roots).map((r) => ({
    label: label(LEVEL_LABELS[r.level]),
    count: r.progress,
  }));
  const option = barOption(rows);
  return (
    <EChart
      option={{ ...option, xAxis: { type: 'value', max: 100 } }}
      style={{ height: 180 }}
      data-testid="coverage-chart"
    />
  );
}
