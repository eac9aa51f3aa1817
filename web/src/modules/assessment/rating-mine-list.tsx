import { Button, List, Progress, Space, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import type { MyRating } from '#contracts/assessment-rating';
import { QueryError } from '../../components/error-display.tsx';
import { useT } from '../../i18n/i18n.tsx';
import { useMyRatings } from './rating-api.ts';

// "我的待评价": the account's invitations, open ones first, each with how far it has got and one big button — the
// same list on the workbench card and on its own page.

const order = (r: MyRating) => (r.status === 'open' ? (r.submittedAt ? 1 : 0) : 2);

export function MyRatingsList({ only }: { only?: 'open' }) {
  const t = useT();
  const mine = useMyRatings();
  const rows = [...(mine.data ?? [])]
    .filter((r) => only !== 'open' || (r.status === 'open' && !r.submittedAt))
    .sort((a, b) => order(a) - order(b));
  if (mine.isError) return <QueryError error={mine.error} onRetry={() => void mine.refetch()} />;
  return (
    <List
      loading={mine.isPending}
      dataSource={rows}
      locale={{ emptyText: t('assessment.rating.mineEmpty') }}
      data-testid="rating-mine"
      renderItem={(r) => (
        <List.Item style={{ paddingInline: 0, flexWrap: 'wrap', gap: 8 }}>
          <Space orientation="vertical" size={2} style={{ minWidth: 0, flex: '1 1 200px' }}>
            <Typography.Text strong style={{ overflowWrap: 'anywhere' }}>
              {r.cycleName}
            </Typography.Text>
            <Space wrap size={6}>
              <Tag>{t(`assessment.rating.group.${r.group}`)}</Tag>
              <Typography.Text type="secondary">
                {t('assessment.rating.until', { date: r.closesOn })}
              </Typography.Text>
              {r.submittedAt && <Tag color="green">{t('assessment.rating.submitted')}</Tag>}
            </Space>
            <Progress
              percent={r.toGive ? Math.round((r.answered / r.toGive) * 100) : 0}
              size="small"
              format={() => t('assessment.rating.count', { answered: r.answered, toGive: r.toGive })}
            />
          </Space>
          <Link to={`/assessment/my-ratings/${r.id}`}>
            <Button type={r.status === 'open' && !r.submittedAt ? 'primary' : 'default'} size="large">
              {r.status === 'open' ? t('assessment.rating.start') : t('assessment.rating.view')}
            </Button>
          </Link>
        </List.Item>
      )}
    />
  );
}

export function MyRatingsPage() {
  const t = useT();
  return (
    <div data-testid="rating-mine-page">
      <Typography.Title level={4}>{t('assessment.rating.mine')}</Typography.Title>
      <MyRatingsList />
    </div>
  );
}

export function MyRatingsCard() {
  return <MyRatingsList only="open" />;
}
