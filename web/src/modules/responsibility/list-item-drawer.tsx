// A duty in full: its periods, the progress reports with their evidence, exemptions, and who took it up below.
// Opened from a list and from the coverage view.
import { Descriptions, Drawer, Empty, List, Space, Table, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { type ItemDetail, RECURRENCE_LABELS } from '#contracts/responsibility';
import { formatDateTime } from '../../components/dates.ts';
import { QueryError } from '../../components/error-display.tsx';
import { PageSpin } from '../../components/page-spin.tsx';
import { useScreens } from '../../components/use-screens.ts';
import { useLabel, useT } from '../../i18n/i18n.tsx';
import { DomainTag, LevelTag, ProgressBar, StateTag } from './lists-labels.tsx';
import { useItem } from './responsibility-api.ts';

const EXEMPTION_COLORS = { pending: 'orange', approved: 'green', rejected: 'default' } as const;

export function ItemDrawer({
  itemId,
  onClose,
  showListLink = true,
}: {
  itemId: string;
  onClose: () => void;
  showListLink?: boolean;
}) {
  const t = useT();
  const screens = useScreens();
  const item = useItem(itemId);
  return (
    <Drawer
      open
      onClose={onClose}
      size={screens.md ? 640 : '100%'}
      title={item.data?.title ?? t('rs.item.detail')}
      data-testid="item-drawer"
    >
      {item.isError && <QueryError error={item.error} onRetry={() => void item.refetch()} />}
      {item.isLoading && <PageSpin />}
      {item.data && <ItemBody item={item.data} showListLink={showListLink} />}
    </Drawer>
  );
}

function ItemBody({ item, showListLink }: { item: ItemDetail; showListLink: boolean }) {
  const t = useT();
  const label = useLabel();
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Descriptions column={1} size="small" bordered>
        <Descriptions.Item label={t('rs.item.list')}>
          <LevelTag level={item.level} />
          {showListLink ? (
            <Link to={`/responsibility/lists/${item.listId}`}>{item.listTitle}</Link>
          ) : (
            item.listTitle
          )}
        </Descriptions.Item>
        <Descriptions.Item label={t('rs.item.domain')}>
          <DomainTag domain={item.domain} />
          {item.category}
        </Descriptions.Item>
        {item.detail && <Descriptions.Item label={t('rs.item.detailText')}>{item.detail}</Descriptions.Item>}
        <Descriptions.Item label={t('rs.item.owner')}>
          {item.ownerOrgName}
          {item.ownerMemberName && ` · ${item.ownerMemberName}`}
          {item.ownerLeft && (
            <Tag color="red" style={{ marginInlineStart: 4 }}>
              {t('rs.item.ownerLeft')}
            </Tag>
          )}
        </Descriptions.Item>
        <Descriptions.Item label={t('rs.item.recurrence')}>
          {label(RECURRENCE_LABELS[item.recurrence])}
          {item.deadline && ` · ${t('rs.item.deadlineOn', { date: item.deadline })}`}
        </Descriptions.Item>
        {item.recordKindLabel && (
          <Descriptions.Item label={t('rs.item.recordKind')}>{item.recordKindLabel}</Descriptions.Item>
        )}
      </Descriptions>

      <section>
        <Typography.Title level={5}>{t('rs.item.periods')}</Typography.Title>
        <Table
          size="small"
          rowKey="id"
          pagination={false}
          dataSource={item.periods}
          scroll={{ x: 'max-content' }}
          columns={[
            { key: 'range', title: t('rs.item.periodRange'), render: (_, p) => `${p.startsOn} ~ ${p.dueOn}` },
            { key: 'state', title: t('rs.item.current'), render: (_, p) => <StateTag state={p.state} /> },
            {
              key: 'progress',
              title: t('rs.report.progress'),
              render: (_, p) => <ProgressBar percent={p.progress} state={p.state} width={100} />,
            },
            {
              key: 'by',
              title: t('rs.item.fulfilledBy'),
              render: (_, p) => (p.fulfilledBy ? `${p.fulfilledBy.kindLabel}：${p.fulfilledBy.title}` : '—'),
            },
          ]}
        />
      </section>

      <section>
        <Typography.Title level={5}>{t('rs.item.reports')}</Typography.Title>
        {item.reports.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('rs.item.noReports')} />
        ) : (
          <List
            size="small"
            dataSource={item.reports}
            renderItem={(r) => (
              <List.Item>
                <List.Item.Meta
                  title={
                    <Space wrap size={4}>
                      <span>{r.reportedOn}</span>
                      <Tag color={r.done ? 'green' : 'blue'}>
                        {r.done ? t('rs.report.doneTag') : `${r.progress}%`}
                      </Tag>
                      <Typography.Text type="secondary">
                        {t('rs.item.reportedBy', { name: r.reportedByName, at: formatDateTime(r.createdAt) })}
                      </Typography.Text>
                    </Space>
                  }
                  description={
                    <div style={{ whiteSpace: 'pre-wrap' }}>
                      {r.note}
                      {r.links.length + r.files.length > 0 && (
                        <div>
                          {t('rs.item.evidence', {
                            list: [...r.links.map((l) => l.title), ...r.files.map((f) => f.fileName)].join(
                              '、',
                            ),
                          })}
                        </div>
                      )}
                    </div>
                  }
                />
              </List.Item>
            )}
          />
        )}
      </section>

      {item.exemptions.length > 0 && (
        <section>
          <Typography.Title level={5}>{t('rs.item.exemptions')}</Typography.Title>
          <List
            size="small"
            dataSource={item.exemptions}
            renderItem={(e) => (
              <List.Item>
                <Space orientation="vertical" size={0}>
                  <Space wrap size={4}>
                    <Tag color={EXEMPTION_COLORS[e.status]}>{t(`rs.exempt.status.${e.status}`)}</Tag>
                    <span>{`${e.startsOn} ~ ${e.expiresOn}`}</span>
                    {e.approverName && (
                      <Typography.Text type="secondary">
                        {t('rs.exempt.approverIs', { name: e.approverName })}
                      </Typography.Text>
                    )}
                  </Space>
                  <span>{e.reason}</span>
                  {e.decisionNote && <Typography.Text type="secondary">{e.decisionNote}</Typography.Text>}
                </Space>
              </List.Item>
            )}
          />
        </section>
      )}

      {item.takenUpBy.length > 0 && (
        <section>
          <Typography.Title level={5}>{t('rs.item.takenUpBy')}</Typography.Title>
          <List
            size="small"
            dataSource={item.takenUpBy}
            renderItem={(c) => (
              <List.Item>
                <span>
                  {c.ownerOrgName} · {c.listTitle}：{c.title}
                </span>
              </List.Item>
            )}
          />
        </section>
      )}
    </Space>
  );
}
