import { ArrowLeftOutlined } from '@ant-design/icons';
import { Card, Space, Tag, Tooltip, Typography } from 'antd';
import { lazy, Suspense } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import type { ResultRow } from '#contracts/assessment';
import { useCan } from '../../app/session.tsx';
import { QueryError } from '../../components/error-display.tsx';
import { useT } from '../../i18n/i18n.tsx';
import { type Column, ResponsiveTable, stopRowClick } from '../responsibility/lists-responsive.tsx';
import { useCycle, useResults } from './assessment-api.ts';
import { periodLabel, rankText, score2 } from './assessment-logic.ts';
import { FollowUpButton } from './follow-up-dialog.tsx';
import { FollowUpTag } from './follow-up-tag.tsx';
import { MemberRecordButton } from './member-record-button.tsx';
import { CalibrateAction } from './outcome-calibrate.tsx';
import { OutcomeGrade, OutcomeTotal } from './outcome-cells.tsx';
import { AppraisalButton } from './outcome-export-button.tsx';
import { bandText } from './rating-logic.ts';

// A cycle's results: the subjects ranked by total, ties said openly with whom they share the rank, a subject with
// no rank shown as such with the reason, and the totals as bars. A row opens that subject's explanation.

const ResultsChart = lazy(() => import('./results-chart.tsx'));
/** More bars than this make a chart taller than a screen: the table holds every subject. */
const CHART_MAX = 30;

function RankCell({ row }: { row: ResultRow }) {
  const t = useT();
  const text = rankText(row, t('assessment.results.tied'));
  const tips = [
    row.tiedWith.length > 0 ? t('assessment.results.tiedWith', { names: row.tiedWith.join('、') }) : null,
    row.range && row.range.best !== row.range.worst
      ? t('assessment.results.range', { best: row.range.best, worst: row.range.worst })
      : null,
    row.rank === null ? row.note : null,
  ].filter((x): x is string => !!x);
  const cell = (
    <Typography.Text strong={row.rank !== null && row.rank <= 3} data-testid="result-rank">
      {text}
    </Typography.Text>
  );
  return tips.length > 0 ? <Tooltip title={tips.join('；')}>{cell}</Tooltip> : cell;
}

export function CycleResultsPage() {
  const t = useT();
  const navigate = useNavigate();
  const can = useCan();
  const { id } = useParams();
  const cycle = useCycle(id).data;
  const results = useResults(id);
  const rows = results.data ?? [];
  // The rows come ranked, best first.
  // A banded row has no bar: a bar would draw the precise score its band stands in for.
  const scored = rows.filter((r) => r.total !== null && r.band === null);
  const open = (r: ResultRow) => navigate(`/assessment/cycles/${id}/results/${r.subjectId}`);

  const columns: Column<ResultRow>[] = [
    {
      key: 'subject',
      title: t('assessment.results.subject'),
      primary: true,
      render: (r) => (
        <Space orientation="vertical" size={0}>
          <Link
            to={`/assessment/cycles/${id}/results/${r.subjectId}`}
            onClick={stopRowClick}
            data-testid="result-link"
          >
            {r.subjectName}
          </Link>
          {r.note && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="result-note">
              {r.note}
            </Typography.Text>
          )}
        </Space>
      ),
    },
    // After the name: the table pins the name column to the left, which antd draws right only as the first.
    { key: 'rank', title: t('assessment.results.rank'), width: 100, render: (r) => <RankCell row={r} /> },
    // A member cycle ranks within each branch: the branch the rank is within.
    ...(cycle?.level === 'member'
      ? [
          { key: 'group', title: t('assessment.col.group'), render: (r: ResultRow) => r.group?.name ?? '—' },
          {
            key: 'record',
            title: t('assessment.member.record'),
            render: (r: ResultRow) => <MemberRecordButton memberId={r.subjectId} name={r.subjectName} />,
          },
        ]
      : []),
    {
      key: 'total',
      title: t('assessment.results.total'),
      // A thin rater group makes the total a band (issue 12 point 2): the range, not a score that looks certain.
      render: (r) =>
        r.band ? (
          <Tag color="orange" data-testid="result-band">
            {bandText(r.band, t('assessment.rating.band'))}
          </Tag>
        ) : (
          <OutcomeTotal row={r}>
            <Typography.Text strong data-testid="result-total">
              {score2(r.total)}
            </Typography.Text>
          </OutcomeTotal>
        ),
    },
    { key: 'party', title: t('assessment.results.party'), render: (r) => score2(r.party) },
    { key: 'business', title: t('assessment.results.business'), render: (r) => score2(r.business) },
    { key: 'fusion', title: t('assessment.results.fusion'), render: (r) => score2(r.fusion) },
    {
      key: 'grade',
      title: t('assessment.results.grade'),
      render: (r) => <OutcomeGrade row={r} />,
    },
    // A result below the cycle's rule: its 限期整改 as it stands, until closed (and then as history).
    {
      key: 'followUp',
      title: t('assessment.followUp.column'),
      render: (r) => <FollowUpTag followUp={r.followUp} />,
    },
  ];
  // 校准 (assessment.outcome*): whoever runs an open cycle calibrates a row, with a reason.
  if (can('assessment.run') && cycle?.status === 'open')
    columns.push({
      key: 'calibrate',
      title: '',
      actions: true,
      render: (r) => <CalibrateAction cycleId={cycle.id} row={r} />,
    });

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="results-page">
      <Card
        title={
          <span style={{ whiteSpace: 'normal' }} data-testid="results-title">
            {cycle?.name ?? t('assessment.results.title')}
          </span>
        }
        extra={
          <Space wrap>
            {can('assessment.run') && cycle && <FollowUpButton cycle={cycle} />}
            {id && <AppraisalButton cycleId={id} />}
            {can('assessment.run') && (
              <Link to={`/assessment/cycles/${id}/rating`} data-testid="results-rating">
                {t('assessment.rating.tab')}
              </Link>
            )}
            <Link to="/assessment/cycles">
              <ArrowLeftOutlined /> {t('assessment.results.back')}
            </Link>
          </Space>
        }
      >
        {cycle && (
          <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
            {periodLabel(cycle.periodKind, cycle.periodKey)} · {cycle.systemName}（
            {t('assessment.edition', { n: cycle.systemEdition })}）
          </Typography.Paragraph>
        )}
      </Card>
      <Card styles={{ body: { padding: 0 } }}>
        {results.isError ? (
          <QueryError error={results.error} onRetry={() => void results.refetch()} />
        ) : (
          <ResponsiveTable<ResultRow>
            rowKey={(r) => r.subjectId}
            columns={columns}
            dataSource={rows}
            loading={results.isFetching}
            onRowClick={open}
            pageSize={50}
            emptyText={t('assessment.results.empty')}
            data-testid="results-table"
          />
        )}
      </Card>
      {scored.length > 0 && (
        <Card
          title={
            scored.length > CHART_MAX
              ? t('assessment.results.chartTop', { n: CHART_MAX })
              : t('assessment.results.chart')
          }
        >
          <Suspense fallback={<div style={{ height: 160 }} />}>
            <ResultsChart rows={scored.slice(0, CHART_MAX)} name={t('assessment.results.total')} />
          </Suspense>
        </Card>
      )}
    </Space>
  );
}
