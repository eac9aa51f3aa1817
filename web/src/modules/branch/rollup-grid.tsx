import { Space, Table, Tag, Tooltip, Typography } from 'antd';
import type { ObligationTally } from '#contracts/branch-rollup';
import { useT } from '../../i18n/i18n.tsx';
import type { MessageKey } from '../../i18n/zh-cn.ts';
import {
  CELL_COLOURS,
  type CellState,
  cellCount,
  cellState,
  periodCount,
  type RollupBranch,
  type RollupBy,
  tallyOf,
} from './rollup-logic.ts';

// The grid of the roll-up: a row per branch, a column per month or quarter and one for the year; each cell coloured
// by what is missing and showing held out of asked. A cell opens the duties behind it.

export const STATE_LABEL: Record<CellState, MessageKey> = {
  missing: 'rollup.state.missing',
  partial: 'rollup.state.partial',
  held: 'rollup.state.held',
  exempt: 'rollup.state.exempt',
  due: 'rollup.state.due',
  none: 'rollup.state.none',
};

export type OpenCell = { branchId: string; index: number | null };

function Cell({
  tally,
  label,
  onOpen,
  testId,
}: {
  tally: ObligationTally;
  label: string;
  onOpen: () => void;
  testId: string;
}) {
  const t = useT();
  const state = cellState(tally);
  const { held, asked } = cellCount(tally);
  const colours = CELL_COLOURS[state];
  const text =
    state === 'none' ? '—' : state === 'exempt' && asked === 0 ? t(STATE_LABEL.exempt) : `${held}/${asked}`;
  return (
    <Tooltip
      title={
        state === 'none' ? t(STATE_LABEL.none) : `${t(STATE_LABEL[state])} · ${t('rollup.cellTip', tally)}`
      }
    >
      <button
        type="button"
        onClick={onOpen}
        disabled={state === 'none'}
        aria-label={`${label} ${t(STATE_LABEL[state])} ${text}`}
        data-testid={testId}
        data-state={state}
        style={{
          width: '100%',
          minWidth: 44,
          padding: '4px 2px',
          border: `1px solid ${colours.border}`,
          borderRadius: 4,
          background: colours.background,
          color: colours.color,
          fontWeight: state === 'missing' || state === 'partial' ? 600 : 400,
          cursor: state === 'none' ? 'default' : 'pointer',
          fontVariantNumeric: 'tabular-nums',
        }}
      >
        {text}
      </button>
    </Tooltip>
  );
}

export function RollupLegend() {
  const t = useT();
  const states: CellState[] = ['missing', 'partial', 'held', 'exempt', 'due'];
  return (
    <Space size={[12, 4]} wrap data-testid="rollup-legend">
      {states.map((s) => (
        <Space key={s} size={4}>
          <span
            style={{
              display: 'inline-block',
              width: 14,
              height: 14,
              borderRadius: 3,
              background: CELL_COLOURS[s].background,
              border: `1px solid ${CELL_COLOURS[s].border}`,
            }}
          />
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t(STATE_LABEL[s])}
          </Typography.Text>
        </Space>
      ))}
    </Space>
  );
}

export function periodLabel(t: ReturnType<typeof useT>, by: RollupBy, index: number | null): string {
  if (index === null) return t('rollup.year');
  return by === 'month' ? t('rollup.month', { n: index + 1 }) : t('rollup.quarter', { n: index + 1 });
}

export function RollupGrid({
  branches,
  by,
  temporaryIds,
  loading,
  onOpen,
}: {
  branches: readonly RollupBranch[];
  by: RollupBy;
  temporaryIds: ReadonlySet<string>;
  loading: boolean;
  onOpen: (cell: OpenCell) => void;
}) {
  const t = useT();
  const periods = Array.from({ length: periodCount(by) }, (_, i) => i);
  return (
    <Table<RollupBranch>
      size="small"
      rowKey="partyOrgId"
      loading={loading}
      dataSource={[...branches]}
      // An organ may have a few hundred branches: pages keep the grid quick, the lagging-first order puts what
      // needs attention on the first.
      pagination={{ defaultPageSize: 50, showSizeChanger: true, hideOnSinglePage: true }}
      scroll={{ x: 'max-content' }}
      data-testid="rollup-grid"
      columns={[
        {
          key: 'name',
          title: t('rollup.branch'),
          fixed: 'left',
          width: 180,
          render: (_, b) => (
            <Space size={4} wrap={false}>
              <Typography.Text style={{ maxWidth: 160 }} ellipsis={{ tooltip: b.name }}>
                {b.name}
              </Typography.Text>
              {temporaryIds.has(b.partyOrgId) && (
                <Tag style={{ marginInlineEnd: 0 }}>{t('rollup.temporaryTag')}</Tag>
              )}
            </Space>
          ),
        },
        ...periods.map((i) => ({
          key: `p${i}`,
          title: periodLabel(t, by, i),
          align: 'center' as const,
          width: by === 'month' ? 60 : 96,
          render: (_: unknown, b: RollupBranch) => (
            <Cell
              tally={tallyOf(b, by, i)}
              label={`${b.name} ${periodLabel(t, by, i)}`}
              onOpen={() => onOpen({ branchId: b.partyOrgId, index: i })}
              testId="rollup-cell"
            />
          ),
        })),
        {
          key: 'total',
          title: t('rollup.year'),
          align: 'center' as const,
          width: 72,
          render: (_: unknown, b: RollupBranch) => (
            <Cell
              tally={b.total}
              label={`${b.name} ${t('rollup.year')}`}
              onOpen={() => onOpen({ branchId: b.partyOrgId, index: null })}
              testId="rollup-total"
            />
          ),
        },
      ]}
    />
  );
}
