import { Card, Result, Space, Typography } from 'antd';
import { useParams } from 'react-router-dom';
import { PageSpin } from '../../components/page-spin.tsx';
import { useT } from '../../i18n/i18n.tsx';
import { useSharedBulletin } from './bulletin-api.ts';
import { BulletinView } from './bulletin-view.tsx';

// The page a share link opens: a published bulletin, read-only, for any account of the organ — most often a member
// on a phone, so one column and nothing to click but the page itself. A link revoked, renewed or of another organ
// says so and who to ask.

export function BulletinSharedPage() {
  const t = useT();
  const { key } = useParams();
  const shared = useSharedBulletin(key);
  if (shared.isPending) return <PageSpin />;
  if (shared.isError || !shared.data)
    return (
      <Result
        status="404"
        title={t('assessment.bulletin.sharedTitle')}
        subTitle={t('assessment.bulletin.sharedMissing')}
      />
    );
  const b = shared.data;
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="bulletin-shared-page">
      <Card>
        <Typography.Title level={4} style={{ marginTop: 0, whiteSpace: 'normal' }}>
          {b.content.title}
        </Typography.Title>
        <Typography.Text type="secondary">
          {b.content.unitName} ·{' '}
          {t('assessment.bulletin.frozen', {
            at: b.publishedAt.slice(0, 10),
            by: b.publishedByName ?? '',
          })}
        </Typography.Text>
      </Card>
      <BulletinView content={b.content} />
    </Space>
  );
}
