import { Space, Tag, Tooltip, Typography } from 'antd';
import type { ReactNode } from 'react';
import type { ResultRow } from '#contracts/assessment';
import { useT } from '../../i18n/i18n.tsx';
import { calibrationShown } from './outcome-logic.ts';

// The results table's grade and total as grades and calibration shape them: a grade moved by the quota says why on
// hover; a band's grade is 待定 with the reason; a calibrated total shows the computed one beneath it, who calibrated
// and why on hover, and warns when a recompute has moved the computed score since.

export function OutcomeGrade({ row }: { row: ResultRow }) {
  const t = useT();
  const note = row.outcome?.gradeNote ?? null;
  if (!row.grade && !row.band) return <>—</>;
  const tag = row.grade ? (
    <Tag color={note ? 'gold' : undefined} data-testid="result-grade">
      {row.grade.label}
    </Tag>
  ) : (
    <Tag color="orange" data-testid="result-grade-pending">
      {t('assessment.outcome.pending')}
    </Tag>
  );
  return note ? <Tooltip title={note}>{tag}</Tooltip> : tag;
}

export function OutcomeTotal({ row, children }: { row: ResultRow; children: ReactNode }) {
  const t = useT();
  const k = calibrationShown(row);
  if (!k) return <>{children}</>;
  return (
    <Space orientation="vertical" size={0}>
      {children}
      <Tooltip title={t('assessment.outcome.by', { name: k.byName, at: k.at, reason: k.reason })}>
        <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="result-calibrated">
          {t('assessment.outcome.calibrated')} · {t('assessment.outcome.computed', { score: k.computed })}
        </Typography.Text>
      </Tooltip>
      {k.stale && (
        <Typography.Text type="warning" style={{ fontSize: 12 }} data-testid="result-calibration-stale">
          {t('assessment.outcome.stale', { from: k.from, now: k.computed })}
        </Typography.Text>
      )}
    </Space>
  );
}
