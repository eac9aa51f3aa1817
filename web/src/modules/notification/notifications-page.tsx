import { CheckOutlined } from '@ant-design/icons';
import { App, Button, Card, Empty, List, Segmented, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import type { Notification, NotificationLine } from '#contracts/notification';
import { formatDateTime } from '../../components/dates.ts';
import { QueryError, useApiError } from '../../components/error-display.tsx';
import { useT } from '../../i18n/i18n.tsx';
import type { MessageKey } from '../../i18n/zh-cn.ts';
import {
  type NotificationFilter,
  useMarkAllRead,
  useMarkRead,
  useNotifications,
  useUnreadCount,
} from './notification-api.ts';

const PAGE_SIZE = 20;
/** Lines shown before "show more": a digest may carry 50; the first few are the overdue ones. */
const FIRST_LINES = 5;

const SEVERITY: Record<NotificationLine['severity'], { key: MessageKey; color: string }> = {
  overdue: { key: 'notify.overdue', color: 'red' },
  due_soon: { key: 'notify.dueSoon', color: 'orange' },
  info: { key: 'notify.info', color: 'default' },
};

/** The notification centre: the person's digests and notices, unread first; each line leads to its page. */
export function NotificationsPage() {
  const t = useT();
  const { message } = App.useApp();
  const showError = useApiError();
  const [filter, setFilter] = useState<NotificationFilter>('all');
  const [page, setPage] = useState(1);
  const list = useNotifications(filter, page, PAGE_SIZE);
  const unread = useUnreadCount();
  const markAll = useMarkAllRead();
  const unreadCount = unread.data?.count ?? 0;

  const empty = { all: 'notify.emptyAll', unread: 'notify.emptyUnread', read: 'notify.emptyRead' } as const;
  return (
    <Card
      title={t('notify.title')}
      data-testid="notifications-page"
      extra={
        <Button
          icon={<CheckOutlined />}
          disabled={unreadCount === 0}
          loading={markAll.isPending}
          data-testid="notifications-read-all"
          onClick={() =>
            markAll.mutate(undefined, {
              onSuccess: ({ count }) => message.success(t('notify.markedAllRead', { n: count })),
              onError: (err) => showError(err),
            })
          }
        >
          {t('notify.markAllRead')}
        </Button>
      }
    >
      <Typography.Paragraph type="secondary">{t('notify.intro')}</Typography.Paragraph>
      <Segmented<NotificationFilter>
        value={filter}
        onChange={(value) => {
          setFilter(value);
          setPage(1);
        }}
        options={[
          { value: 'all', label: t('notify.filterAll') },
          { value: 'unread', label: `${t('notify.filterUnread')} ${unreadCount}` },
          { value: 'read', label: t('notify.filterRead') },
        ]}
        data-testid="notifications-filter"
        style={{ marginBottom: 12 }}
      />
      {list.isError ? (
        <QueryError error={list.error} onRetry={() => void list.refetch()} />
      ) : (
        <List<Notification>
          loading={list.isPending}
          dataSource={list.data?.items ?? []}
          locale={{ emptyText: <Empty description={t(empty[filter])} data-testid="notifications-empty" /> }}
          pagination={
            (list.data?.total ?? 0) > PAGE_SIZE
              ? {
                  current: page,
                  pageSize: PAGE_SIZE,
                  total: list.data?.total ?? 0,
                  onChange: setPage,
                  showSizeChanger: false,
                  size: 'small',
                }
              : false
          }
          renderItem={(n) => <NotificationItem notification={n} />}
        />
      )}
    </Card>
  );
}

function NotificationItem({ notification: n }: { notification: Notification }) {
  const t = useT();
  const markRead = useMarkRead();
  const [expanded, setExpanded] = useState(false);
  const isUnread = n.readAt === null;
  const lines = expanded ? n.lines : n.lines.slice(0, FIRST_LINES);
  // Following a line is reading the notification: it is marked read on the way.
  const read = () => {
    if (isUnread && !markRead.isPending) markRead.mutate(n.id);
  };
  return (
    <List.Item data-testid="notification-item" data-unread={isUnread}>
      <List.Item.Meta
        title={
          <Space wrap size={4}>
            {isUnread && <Tag color="red">{t('notify.unread')}</Tag>}
            <Typography.Text style={{ fontWeight: isUnread ? 600 : 400 }}>{n.title}</Typography.Text>
          </Space>
        }
        description={
          <Space orientation="vertical" size={2} style={{ width: '100%' }}>
            {/* The action sits in the text, not beside it: beside it, it squeezes the lines on a phone. */}
            <Space size={8} wrap>
              <Typography.Text type="secondary">{formatDateTime(n.createdAt)}</Typography.Text>
              {isUnread && (
                <Button
                  size="small"
                  type="link"
                  style={{ padding: 0 }}
                  onClick={read}
                  loading={markRead.isPending}
                >
                  {t('notify.markRead')}
                </Button>
              )}
            </Space>
            {lines.map((line, i) => (
              // Lines have no id of their own and never change: their place is their key.
              // biome-ignore lint/suspicious/noArrayIndexKey: see above
              <div key={i} style={{ display: 'flex', gap: 6, alignItems: 'baseline' }}>
                <Tag color={SEVERITY[line.severity].color} style={{ marginInlineEnd: 0 }}>
                  {t(SEVERITY[line.severity].key)}
                </Tag>
                <Link to={line.link} onClick={read} style={{ minWidth: 0, overflowWrap: 'anywhere' }}>
                  {line.text}
                </Link>
              </div>
            ))}
            {n.lines.length > FIRST_LINES && (
              <Button size="small" type="link" style={{ padding: 0 }} onClick={() => setExpanded(!expanded)}>
                {expanded
                  ? t('notify.fewerLines')
                  : t('notify.moreLines', { n: n.lines.length - FIRST_LINES })}
              </Button>
            )}
          </Space>
        }
      />
    </List.Item>
  );
}
