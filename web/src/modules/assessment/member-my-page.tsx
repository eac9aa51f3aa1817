import { ArrowLeftOutlined } from '@ant-design/icons';
import { Alert, Card, Empty, List, Space, Spin, Tag, Typography } from 'antd';
import { Link, useParams } from 'react-router-dom';
import {
  DOMAIN_LABELS,
  type MyResult,
  type ResultDetail,
  type ResultRow,
  type ScoredIndicator,
} from '#contracts/assessment';
import { QueryError } from '../../components/error-display.tsx';
import { useLabel, useT } from '../../i18n/i18n.tsx';
import { DOMAIN_COLOUR } from './assessment-labels.ts';
import { num, periodLabel, score2 } from './assessment-logic.ts';
import { useMyResult, useMyResults } from './member-api.ts';
import { bandText } from './rating-logic.ts';

// "我的考核", a phone first: a member's own rows of the half-year 述评 (their score, their place within their branch,
// their grade) and, on opening one, how each part of the score was made — in a list that fits a phone's width,
// not the officer's wide table. Nobody else's row is ever here.

function Standing({ row, provisional }: { row: ResultRow; provisional: boolean }) {
  const t = useT();
  return (
    <Space wrap size={6}>
      <Tag color="red" data-testid="my-total">
        {t('assessment.member.total')}{' '}
        {row.band ? bandText(row.band, t('assessment.rating.band')) : score2(row.total)}
      </Tag>
      <Tag data-testid="my-place">
        {row.rank !== null
          ? t('assessment.member.place', { rank: row.rank, total: row.outOf })
          : t('assessment.member.unranked')}
      </Tag>
      {row.grade && <Tag color="gold">{row.grade.label}</Tag>}
      <Tag color={provisional ? 'blue' : 'green'}>
        {provisional ? t('assessment.member.provisional') : t('assessment.member.final')}
      </Tag>
    </Space>
  );
}

function Scores({ row }: { row: ResultRow }) {
  const label = useLabel();
  return (
    <Space wrap size={12}>
      {(['party', 'business', 'fusion'] as const).map((d) => (
        <Typography.Text key={d} type="secondary">
          {label(DOMAIN_LABELS[d])} {score2(row[d])}
        </Typography.Text>
      ))}
    </Space>
  );
}

export function MyAssessmentsPage() {
  const t = useT();
  const mine = useMyResults();
  if (mine.isError) return <QueryError error={mine.error} onRetry={() => void mine.refetch()} />;
  return (
    <Card title={t('assessment.member.title')} data-testid="my-assessments">
      <Typography.Paragraph type="secondary">{t('assessment.member.intro')}</Typography.Paragraph>
      <List<MyResult>
        loading={mine.isPending}
        dataSource={mine.data ?? []}
        locale={{ emptyText: <Empty description={t('assessment.member.empty')} /> }}
        renderItem={({ cycle, result }) => (
          <List.Item style={{ paddingInline: 0 }}>
            <Space orientation="vertical" size={4} style={{ width: '100%', minWidth: 0 }}>
              <Typography.Text strong style={{ overflowWrap: 'anywhere' }}>
                {cycle.name}
              </Typography.Text>
              <Typography.Text type="secondary">
                {periodLabel(cycle.periodKind, cycle.periodKey)}
                {result.group ? ` · ${result.group.name}` : ''}
              </Typography.Text>
              <Standing row={result} provisional={cycle.status === 'open'} />
              <Scores row={result} />
              <Link to={`/me/assessments/${cycle.id}`} data-testid="my-assessment-open">
                {t('assessment.member.open')}
              </Link>
            </Space>
          </List.Item>
        )}
      />
    </Card>
  );
}

/** The leaves under a top-level indicator, each with its value in words and what it scored. */
function Part({ node }: { node: ScoredIndicator }) {
  const t = useT();
  const label = useLabel();
  const leaves = (n: ScoredIndicator): ScoredIndicator[] =>
    n.children.length === 0 ? [n] : n.children.flatMap(leaves);
  return (
    <Card
      size="small"
      title={
        <Space wrap size={6} style={{ whiteSpace: 'normal' }}>
          <span>{node.name}</span>
          <Tag color={DOMAIN_COLOUR[node.domain]}>{label(DOMAIN_LABELS[node.domain])}</Tag>
        </Space>
      }
      extra={<Typography.Text strong>{num(node.score)}</Typography.Text>}
      style={node.dropped ? { opacity: 0.6 } : undefined}
    >
      <List<ScoredIndicator>
        size="small"
        dataSource={leaves(node)}
        renderItem={(leaf) => (
          <List.Item style={{ paddingInline: 0 }} data-testid="my-leaf">
            <Space orientation="vertical" size={0} style={{ minWidth: 0, flex: 1 }}>
              <Typography.Text>{leaf.name}</Typography.Text>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {leaf.dropped ? `${leaf.detail ?? ''} · ${t('assessment.member.noData')}` : leaf.detail}
              </Typography.Text>
            </Space>
            <Typography.Text strong>{leaf.dropped ? '—' : num(leaf.score)}</Typography.Text>
          </List.Item>
        )}
      />
    </Card>
  );
}

export function MyAssessmentPage() {
  const t = useT();
  const { id = '' } = useParams();
  const one = useMyResult(id);
  if (one.isError) return <QueryError error={one.error} onRetry={() => void one.refetch()} />;
  const d: ResultDetail | undefined = one.data;
  if (!d) return <Spin style={{ display: 'block', margin: 48 }} />;
  const provisional = d.cycle.status === 'open';
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="my-assessment">
      <Card
        title={<span style={{ whiteSpace: 'normal' }}>{d.cycle.name}</span>}
        extra={
          <Link to="/me/assessments">
            <ArrowLeftOutlined /> {t('assessment.member.back')}
          </Link>
        }
      >
        <Space orientation="vertical" size={6} style={{ width: '100%' }}>
          {d.group && (
            <Typography.Text type="secondary">
              {t('assessment.member.branch')}：{d.group.name}
            </Typography.Text>
          )}
          <Standing row={d} provisional={provisional} />
          <Scores row={d} />
          {provisional && <Alert type="info" showIcon title={t('assessment.member.provisionalHint')} />}
        </Space>
      </Card>
      {d.tree.map((node) => (
        <Part key={node.key} node={node} />
      ))}
    </Space>
  );
}
