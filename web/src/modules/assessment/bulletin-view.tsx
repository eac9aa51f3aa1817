import { ArrowDownOutlined, ArrowUpOutlined } from '@ant-design/icons';
import { Card, Col, Empty, Input, List, Row, Space, Tag, Typography } from 'antd';
import { lazy, type ReactNode, Suspense } from 'react';
import type {
  BulletinChange,
  BulletinContent,
  BulletinLowest,
  BulletinRow,
} from '#contracts/assessment-bulletin';
import { useT } from '../../i18n/i18n.tsx';
import { type Column, ResponsiveTable } from '../responsibility/lists-responsive.tsx';
import { score2 } from './assessment-logic.ts';
import { rankChangeBars, rankChangeText, totalChangeText } from './bulletin-logic.ts';

// A bulletin's content as it reads: the overview, the ranking, the movers up and down with arrows, the rank changes
// as bars (ECharts, loaded lazily) and the lowest with what is being done. The same for a draft (live, its texts
// editable in place), a published bulletin and the page a share link opens; narrow screens get cards, one column.

const BulletinChart = lazy(() => import('./bulletin-chart.tsx'));

export type NoteEditor = { notes: Record<string, string>; onNote: (subjectId: string, text: string) => void };

function Movers({ title, items, up }: { title: string; items: readonly BulletinChange[]; up: boolean }) {
  const t = useT();
  const Icon = up ? ArrowUpOutlined : ArrowDownOutlined;
  return (
    <Card size="small" title={title} data-testid={up ? 'bulletin-movers-up' : 'bulletin-movers-down'}>
      {items.length === 0 ? (
        <Typography.Text type="secondary">{t('assessment.bulletin.noMovers')}</Typography.Text>
      ) : (
        <List
          size="small"
          dataSource={items as BulletinChange[]}
          renderItem={(m) => (
            <List.Item style={{ paddingInline: 0 }}>
              <Space orientation="vertical" size={0}>
                <Typography.Text strong>
                  <Icon style={{ color: up ? '#b71c1c' : '#8c8c8c' }} /> {m.subjectName}{' '}
                  <Typography.Text type={up ? 'danger' : 'secondary'}>
                    {rankChangeText(m.rankChange)}
                  </Typography.Text>
                </Typography.Text>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t('assessment.bulletin.moved', { from: m.previousRank ?? '—', to: m.rank ?? '—' })} ·{' '}
                  {score2(m.previousTotal)} → {score2(m.total)}（{totalChangeText(m.totalChange)}）
                </Typography.Text>
              </Space>
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}

function Lowest({ items, editor }: { items: readonly BulletinLowest[]; editor?: NoteEditor }) {
  const t = useT();
  if (items.length === 0)
    return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('assessment.bulletin.lowestEmpty')} />;
  return (
    <List
      dataSource={items as BulletinLowest[]}
      renderItem={(l) => (
        <List.Item style={{ display: 'block' }} data-testid="bulletin-lowest">
          <Typography.Text strong>
            {t('assessment.bulletin.place', { rank: l.rank ?? '—' })} {l.subjectName}
          </Typography.Text>
          <Typography.Text type="secondary"> · {score2(l.total)}</Typography.Text>
          <div style={{ marginTop: 8 }}>
            {editor ? (
              <Input.TextArea
                value={editor.notes[l.subjectId] ?? ''}
                onChange={(e) => editor.onNote(l.subjectId, e.target.value)}
                placeholder={t('assessment.bulletin.noteHint')}
                autoSize={{ minRows: 2, maxRows: 6 }}
                maxLength={1000}
                data-testid="bulletin-note-input"
              />
            ) : (
              <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>
                {l.note || (
                  <Typography.Text type="secondary">{t('assessment.bulletin.noteMissing')}</Typography.Text>
                )}
              </Typography.Paragraph>
            )}
            {l.actions.map((a) => (
              <div key={a.title}>
                <Tag color={a.done ? 'green' : 'orange'}>{a.title}</Tag>
                {a.dueOn}
              </div>
            ))}
          </div>
        </List.Item>
      )}
    />
  );
}

export function BulletinView({
  content,
  summary,
  editor,
}: {
  content: BulletinContent;
  /** The overview, or its editor while a draft. */
  summary?: ReactNode;
  editor?: NoteEditor;
}) {
  const t = useT();
  const change = new Map((content.diff?.changes ?? []).map((c) => [c.subjectId, c]));
  const bars = rankChangeBars(content);
  const columns: Column<BulletinRow>[] = [
    { key: 'subject', title: t('assessment.bulletin.subject'), primary: true, render: (r) => r.subjectName },
    {
      key: 'rank',
      title: t('assessment.bulletin.rank'),
      width: 80,
      render: (r) =>
        r.rank === null ? '—' : `${r.rank}${r.tiedWith.length ? t('assessment.results.tied') : ''}`,
    },
    {
      key: 'total',
      title: t('assessment.bulletin.total'),
      render: (r) => <Typography.Text strong>{score2(r.total)}</Typography.Text>,
    },
    { key: 'party', title: t('assessment.results.party'), render: (r) => score2(r.party) },
    { key: 'business', title: t('assessment.results.business'), render: (r) => score2(r.business) },
    { key: 'fusion', title: t('assessment.results.fusion'), render: (r) => score2(r.fusion) },
    {
      key: 'grade',
      title: t('assessment.bulletin.grade'),
      render: (r) => (r.grade ? <Tag>{r.grade.label}</Tag> : '—'),
    },
    {
      key: 'change',
      title: t('assessment.bulletin.change'),
      render: (r) => rankChangeText(change.get(r.subjectId)?.rankChange ?? null),
    },
  ];
  const diff = content.diff;
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="bulletin-view">
      <Card size="small" title={t('assessment.bulletin.summary')}>
        {summary ?? (
          <Typography.Paragraph
            style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}
            data-testid="bulletin-summary"
          >
            {content.summary || (
              <Typography.Text type="secondary">{t('assessment.bulletin.summaryEmpty')}</Typography.Text>
            )}
          </Typography.Paragraph>
        )}
      </Card>
      <Card size="small" title={t('assessment.bulletin.ranking')} styles={{ body: { padding: 0 } }}>
        <ResponsiveTable<BulletinRow>
          rowKey={(r) => r.subjectId}
          columns={columns}
          dataSource={content.rows}
          pageSize={50}
          emptyText={t('assessment.results.empty')}
          data-testid="bulletin-rows"
        />
      </Card>
      <Card size="small" title={t('assessment.bulletin.movers')}>
        <Typography.Paragraph type="secondary">
          {diff
            ? t(
                diff.source === 'bulletin'
                  ? 'assessment.bulletin.comparedBulletin'
                  : 'assessment.bulletin.comparedResults',
                {
                  name: diff.cycleName,
                },
              )
            : t('assessment.bulletin.firstPeriod')}
        </Typography.Paragraph>
        {diff && (
          <Row gutter={[12, 12]}>
            <Col xs={24} md={12}>
              <Movers title={t('assessment.bulletin.up')} items={content.moversUp} up />
            </Col>
            <Col xs={24} md={12}>
              <Movers title={t('assessment.bulletin.down')} items={content.moversDown} up={false} />
            </Col>
            {diff.added.length > 0 && (
              <Col span={24}>
                {t('assessment.bulletin.added', { names: diff.added.map((a) => a.subjectName).join('、') })}
              </Col>
            )}
            {diff.gone.length > 0 && (
              <Col span={24}>
                {t('assessment.bulletin.gone', { names: diff.gone.map((a) => a.subjectName).join('、') })}
              </Col>
            )}
            {bars.length > 0 && (
              <Col span={24}>
                <Typography.Text strong>{t('assessment.bulletin.chart')}</Typography.Text>
                <Suspense fallback={<div style={{ height: 120 }} />}>
                  <BulletinChart bars={bars} name={t('assessment.bulletin.chart')} />
                </Suspense>
              </Col>
            )}
          </Row>
        )}
      </Card>
      <Card size="small" title={t('assessment.bulletin.lowest')}>
        <Lowest items={content.lowest} editor={editor} />
      </Card>
    </Space>
  );
}
