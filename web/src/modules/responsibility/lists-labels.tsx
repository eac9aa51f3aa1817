// Tags and bars every officer page of the responsibility system shows the same way: the domain of a duty, the
// state of its current period, its level, and its progress.
import { Progress, Tag } from 'antd';
import {
  DOMAIN_LABELS,
  type Domain,
  LEVEL_LABELS,
  type Level,
  PERIOD_STATE_LABELS,
  type PeriodState,
} from '#contracts/responsibility';
import { useLabel } from '../../i18n/i18n.tsx';

const DOMAIN_COLORS: Record<Domain, string> = { party: 'red', business: 'blue', fusion: 'purple' };
const STATE_COLORS: Record<PeriodState, string> = {
  open: 'processing',
  due_soon: 'orange',
  overdue: 'red',
  done: 'green',
  late: 'gold',
  exempt: 'default',
};
const LEVEL_COLORS: Record<Level, string> = {
  principal: 'volcano',
  direct: 'geekblue',
  implementing: 'cyan',
};

export function DomainTag({ domain }: { domain: Domain }) {
  const label = useLabel();
  return (
    <Tag color={DOMAIN_COLORS[domain]} style={{ marginInlineEnd: 4 }}>
      {label(DOMAIN_LABELS[domain])}
    </Tag>
  );
}

export function StateTag({ state }: { state: PeriodState | null | undefined }) {
  const label = useLabel();
  if (!state) return <span>—</span>;
  return (
    <Tag color={STATE_COLORS[state]} data-state={state} style={{ marginInlineEnd: 4 }}>
      {label(PERIOD_STATE_LABELS[state])}
    </Tag>
  );
}

export function LevelTag({ level }: { level: Level | null | undefined }) {
  const label = useLabel();
  if (!level) return null;
  return (
    <Tag color={LEVEL_COLORS[level]} style={{ marginInlineEnd: 4 }}>
      {label(LEVEL_LABELS[level])}
    </Tag>
  );
}

/** Red when overdue, green once done: the bar says at a glance what the tag says in words. */
export function ProgressBar({
  percent,
  state,
  width = 120,
}: {
  percent: number;
  state?: PeriodState | null;
  width?: number;
}) {
  const status =
    state === 'overdue'
      ? 'exception'
      : state === 'done' || state === 'late' || percent >= 100
        ? 'success'
        : 'normal';
  return (
    <Progress
      percent={Math.round(percent)}
      size="small"
      status={status}
      style={{ width, marginBottom: 0, marginInlineEnd: 0 }}
    />
  );
}
