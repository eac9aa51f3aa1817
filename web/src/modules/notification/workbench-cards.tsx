import { BellOutlined } from '@ant-design/icons';
import { Card, List, Space, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { QueryError } from '../../components/error-display.tsx';
import { useT } from '../../i18n/i18n.tsx';
import { useNotifications, useUnreadCount } from './notification-api.ts';
import { NOTIFICATIONS_PATH } from './notification-bell.tsx';

// The notification module's workbench card (web/src/app/workbench.ts): how many are unread and the latest three.

function LatestNotificationsCard() {
  const t = useT();
  // The count is the bell's query: one request serves both.
  const unread = useUnreadCount();
  const latest = useNotifications('all', 1, 3);
  const count = unread.data?.count ?? 0;
  return (
    <Card
      data-testid="workbench-notifications"
      title={
        <Space>
          <BellOutlined />
          {t('notify.title')}
          {count > 0 && (
            <Tag color="red" data-testid="workbench-unread">
              {t('notify.cardUnread', { n: count })}
            </Tag>
          )}
        </Space>
      }
      extra={<Link to={NOTIFICATIONS_PATH}>{t('notify.viewAll')}</Link>}
    >
      {latest.isError ? (
        <QueryError error={latest.error} onRetry={() => void latest.refetch()} />
      ) : (
        <List
          size="small"
          loading={latest.isPending}
          dataSource={latest.data?.items ?? []}
          locale={{ emptyText: t('notify.cardNone') }}
          renderItem={(n) => (
            <List.Item style={{ paddingInline: 0 }}>
              <Link to={NOTIFICATIONS_PATH} style={{ minWidth: 0, overflowWrap: 'anywhere' }}>
                <Typography.Text strong={n.readAt === null}>{n.title}</Typography.Text>
              </Link>
              <Typography.Text type="secondary" style={{ whiteSpace: 'nowrap', marginInlineStart: 8 }}>
                {n.day}
              </Typography.Text>
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}

export const notificationCards = [
  {
    key: 'notification.latest',
    order: 20,
    title: { zh: '通知', en: 'Notifications' },
    visible: () => true,
    Card: LatestNotificationsCard,
  },
];
