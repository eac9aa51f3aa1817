import { Tag, Tooltip } from 'antd';
import {
  DUES_CATEGORY_LABELS,
  type DuesBase,
  type DuesMonth,
  type DuesMonthState,
  yuan,
} from '#contracts/branch-dues';
import { useSession } from '../../app/session.tsx';
import { useLabel, useT } from '../../i18n/i18n.tsx';
import type { MessageKey } from '../../i18n/zh-cn.ts';

// Pieces shared by the dues pages: a month's coloured cell, a base in one line, the year choices, and the branch a
// collector opens on.

export const STATE_COLOUR: Record<DuesMonthState, string> = {
  none: 'default',
  unassessed: 'gold',
  paid: 'green',
  partial: 'orange',
  arrears: 'red',
  due: 'blue',
};
export const STATE_LABEL: Record<DuesMonthState, MessageKey> = {
  none: 'dues.state.none',
  unassessed: 'dues.state.unassessed',
  paid: 'dues.state.paid',
  partial: 'dues.state.partial',
  arrears: 'dues.state.arrears',
  due: 'dues.state.due',
};

/** One month: its state in colour; with amounts, what was paid (and what was due) in the tooltip. */
export function MonthCell({ month, compact = false }: { month: DuesMonth; compact?: boolean }) {
  const t = useT();
  if (month.state === 'none') return <span style={{ color: '#bbb' }}>—</span>;
  const label = t(STATE_LABEL[month.state]);
  const amount = month.paidFen ? yuan(month.paidFen) : null;
  const tip =
    month.dueFen !== null
      ? `${label} · ${t('dues.yuan', { amount: yuan(month.paidFen ?? 0) })} / ${t('dues.yuan', { amount: yuan(month.dueFen) })}`
      : label;
  return (
    <Tooltip title={tip}>
      <Tag
        color={STATE_COLOUR[month.state]}
        style={{ marginInlineEnd: 0, minWidth: compact ? 0 : 44, textAlign: 'center' }}
        data-testid={`dues-month-${month.month}`}
        data-state={month.state}
      >
        {!compact && amount && month.state !== 'arrears' ? amount : label}
      </Tag>
    </Tooltip>
  );
}

/** A base in one line: from when, the category, income, rate and monthly amount. */
export function useBaseLine(): (b: DuesBase) => string {
  const t = useT();
  const label = useLabel();
  return (b) =>
    b.category === 'no_income' || b.incomeFen === null
      ? t('dues.base.lineFixed', {
          from: b.effectiveFrom,
          category: label(DUES_CATEGORY_LABELS[b.category]),
          monthly: yuan(b.monthlyFen),
        })
      : t('dues.base.line', {
          from: b.effectiveFrom,
          category: label(DUES_CATEGORY_LABELS[b.category]),
          income: yuan(b.incomeFen),
          rate: `${b.rateBp / 100}%`,
          monthly: yuan(b.monthlyFen),
        });
}

/** The years a page offers: three back and the next one. */
export function yearChoices(current: number): number[] {
  return [current + 1, current, current - 1, current - 2, current - 3];
}

/** The branch a branch secretary or committee member works in, to open the page on it. */
export function useHomeBranch(): string | null {
  const session = useSession();
  for (const role of ['branch_secretary', 'branch_committee_member', 'organ_committee_officer']) {
    const found = session.roles.find((r) => r.role === role && r.partyOrgId);
    if (found?.partyOrgId) return found.partyOrgId;
  }
  return null;
}
