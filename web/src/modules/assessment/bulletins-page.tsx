import { Card, Space, Tag, Typography } from 'antd';
import { Link, useNavigate } from 'react-router-dom';
import type { BulletinSummary } from '#contracts/assessment-bulletin';
import { QueryError } from '../../components/error-display.tsx';
import { useT } from '../../i18n/i18n.tsx';
import { UnitPicker, useFusionUnit } from '../fusion/fusion-unit.tsx';
import { type Column, ResponsiveTable, stopRowClick } from '../responsibility/lists-responsive.tsx';
import { useBulletins } from './bulletin-api.ts';

// 考核通报: the organ's bulletins, newest period first — published ones for every reader of its assessments, drafts
// too for whoever runs them. A bulletin is generated from a computed cycle on the 考核 page.

const when = (iso: string | null) => (iso ? iso.slice(0, 16).replace('T', ' ') : '—');

export function BulletinsPage() {
  const t = useT();
  const navigate = useNavigate();
  const { unitId, units, setUnit } = useFusionUnit();
  const list = useBulletins(unitId);

  const columns: Column<BulletinSummary>[] = [
    {
      key: 'title',
      title: t('assessment.bulletin.titleLabel'),
      primary: true,
      render: (b) => (
        <Link to={`/assessment/bulletins/${b.id}`} onClick={stopRowClick} data-testid="bulletin-link">
          {b.title}
        </Link>
      ),
    },
    { key: 'period', title: t('assessment.bulletins.period'), render: (b) => b.cycleName },
    {
      key: 'status',
      title: t('assessment.bulletins.status'),
      render: (b) =>
        b.status === 'published' ? (
          <Tag color="red">{t('assessment.bulletin.published')}</Tag>
        ) : (
          <Tag>{t('assessment.bulletin.draft')}</Tag>
        ),
    },
    { key: 'publishedAt', title: t('assessment.bulletins.publishedAt'), render: (b) => when(b.publishedAt) },
  ];

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="bulletins-page">
      <Card
        title={t('assessment.bulletins.title')}
        extra={<UnitPicker unitId={unitId} units={units} onChange={setUnit} />}
      >
        <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
          {t('assessment.bulletins.intro')}
        </Typography.Paragraph>
      </Card>
      <Card styles={{ body: { padding: 0 } }}>
        {list.isError ? (
          <QueryError error={list.error} onRetry={() => void list.refetch()} />
        ) : (
          <ResponsiveTable<BulletinSummary>
            rowKey={(b) => b.id}
            columns={columns}
            dataSource={list.data ?? []}
            loading={list.isFetching}
            onRowClick={(b) => navigate(`/assessment/bulletins/${b.id}`)}
            emptyText={t('assessment.bulletins.empty')}
            data-testid="bulletins-table"
          />
        )}
      </Card>
    </Space>
  );
}
