import { ArrowLeftOutlined, FileSearchOutlined } from '@ant-design/icons';
import { Button, Card, Space, Spin, Table, type TableColumnsType, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { DOMAIN_LABELS, type ResultDetail, type ScoredIndicator } from '#contracts/assessment';
import { QueryError } from '../../components/error-display.tsx';
import { useLabel, useT } from '../../i18n/i18n.tsx';
import { useResult } from './assessment-api.ts';
import { besideExpander, DOMAIN_COLOUR } from './assessment-labels.ts';
import { num, periodLabel, rankText, score2 } from './assessment-logic.ts';
import { BasisDrawer } from './basis-drawer.tsx';
import { FollowUpTag } from './follow-up-tag.tsx';
import { bandText } from './rating-logic.ts';

// One subject's score explained indicator by indicator: the weight as designed and as applied (an indicator without
// data is dropped and its siblings carry its weight), the value in words, the rule and its arithmetic, the score and
// what it adds to the total. A leaf opens the records behind its value.

type Row = { key: string; node: ScoredIndicator; depth: number; children?: Row[] };

const rowsOf = (tree: readonly ScoredIndicator[], depth = 0): Row[] =>
  tree.map((node) => ({
    key: node.key,
    node,
    depth,
    ...(node.children.length > 0 ? { children: rowsOf(node.children, depth + 1) } : {}),
  }));

const groupKeys = (tree: readonly ScoredIndicator[]): string[] =>
  tree.flatMap((n) => (n.children.length > 0 ? [n.key, ...groupKeys(n.children)] : []));

const INDENT = 12;
const secondary = (text: string | null, testId?: string) =>
  text ? (
    <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid={testId}>
      {text}
    </Typography.Text>
  ) : null;

function ScoredTree({ detail, onOpen }: { detail: ResultDetail; onOpen: (n: ScoredIndicator) => void }) {
  const t = useT();
  const label = useLabel();
  const columns: TableColumnsType<Row> = [
    {
      key: 'name',
      title: t('assessment.col.name'),
      width: 260,
      render: (_, { node, depth }) => (
        <Space orientation="vertical" size={0} style={besideExpander(depth, INDENT)}>
          <Space size={4} wrap>
            {node.source === 'group' ? (
              <Typography.Text strong>{node.name}</Typography.Text>
            ) : (
              <Button
                type="link"
                size="small"
                icon={<FileSearchOutlined />}
                style={{ padding: 0, height: 'auto', whiteSpace: 'normal', textAlign: 'left' }}
                onClick={() => onOpen(node)}
                data-testid="indicator-open"
              >
                {node.name}
              </Button>
            )}
            <Tag color={DOMAIN_COLOUR[node.domain]}>{label(DOMAIN_LABELS[node.domain])}</Tag>
            {node.dropped && <Tag data-testid="indicator-dropped">{t('assessment.result.dropped')}</Tag>}
          </Space>
          {secondary(node.note, 'indicator-note')}
        </Space>
      ),
    },
    {
      key: 'weight',
      title: t('assessment.result.weight'),
      width: 120,
      render: (_, { node }) =>
        node.effectiveWeight === null || Math.abs(node.effectiveWeight - node.weight) < 0.005
          ? num(node.weight)
          : `${num(node.weight)} → ${num(node.effectiveWeight)}`,
    },
    {
      key: 'value',
      title: t('assessment.result.value'),
      width: 200,
      render: (_, { node }) => (
        <Space orientation="vertical" size={0}>
          {node.source !== 'group' && <span>{num(node.value)}</span>}
          {secondary(node.detail, 'indicator-detail')}
        </Space>
      ),
    },
    {
      key: 'rule',
      title: t('assessment.col.rule'),
      width: 180,
      render: (_, { node }) => secondary(node.rule),
    },
    {
      key: 'applied',
      title: t('assessment.result.applied'),
      width: 220,
      render: (_, { node }) => secondary(node.applied),
    },
    {
      key: 'score',
      title: t('assessment.result.score'),
      width: 90,
      render: (_, { node }) => (
        <Space orientation="vertical" size={0}>
          <Typography.Text strong={node.source === 'group'}>{num(node.score)}</Typography.Text>
          {node.bonus !== null &&
            node.bonus !== 0 &&
            secondary(t('assessment.result.bonus', { n: num(node.bonus) }))}
        </Space>
      ),
    },
    {
      key: 'contribution',
      title: t('assessment.result.contribution'),
      width: 100,
      render: (_, { node }) => num(node.contribution),
    },
  ];
  return (
    <Table<Row>
      size="small"
      rowKey="key"
      columns={columns}
      dataSource={rowsOf(detail.tree)}
      pagination={false}
      scroll={{ x: 1170 }}
      expandable={{ defaultExpandedRowKeys: groupKeys(detail.tree), indentSize: INDENT }}
      onRow={({ node }) => (node.dropped ? { style: { opacity: 0.55 } } : {})}
      data-testid="result-tree"
    />
  );
}

export function ResultPage() {
  const t = useT();
  const { id = '', subjectId = '' } = useParams();
  const result = useResult(id, subjectId);
  const [open, setOpen] = useState<{ key: string; name: string } | null>(null);
  if (result.isError) return <QueryError error={result.error} onRetry={() => void result.refetch()} />;
  const d = result.data;
  if (!d) return <Spin style={{ display: 'block', margin: 48 }} />;
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="result-page">
      <Card
        title={
          <Space wrap size={8} style={{ whiteSpace: 'normal' }}>
            <span data-testid="result-subject">{d.subjectName}</span>
            <Tag color="red" data-testid="result-total-tag">
              {t('assessment.result.total', {
                // A thin rater group: the range, not the precise figure (issue 12 point 2).
                total: d.band ? bandText(d.band, t('assessment.rating.band')) : score2(d.total),
              })}
            </Tag>
            {d.rank !== null && (
              <Tag>
                {t('assessment.results.rank')} {rankText(d, t('assessment.results.tied'))}
              </Tag>
            )}
            {d.grade && <Tag>{d.grade.label}</Tag>}
            <FollowUpTag followUp={d.followUp} />
          </Space>
        }
        extra={
          <Link to={`/assessment/cycles/${id}`}>
            <ArrowLeftOutlined /> {t('assessment.result.back')}
          </Link>
        }
      >
        <Space orientation="vertical" size={0}>
          <Typography.Text>
            {d.cycle.name}（{periodLabel(d.cycle.periodKind, d.cycle.periodKey)}）
          </Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('assessment.result.computedAt', { at: d.computedAt.slice(0, 16).replace('T', ' ') })} ·{' '}
            {t('assessment.result.hint')}
          </Typography.Text>
          {d.note && <Typography.Text type="secondary">{d.note}</Typography.Text>}
        </Space>
      </Card>
      <Card styles={{ body: { padding: 0, overflowX: 'auto' } }}>
        <ScoredTree detail={d} onOpen={(n) => setOpen({ key: n.key, name: n.name })} />
      </Card>
      <BasisDrawer cycleId={id} subjectId={subjectId} indicator={open} onClose={() => setOpen(null)} />
    </Space>
  );
}
