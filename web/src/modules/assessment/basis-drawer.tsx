import { Drawer, Empty, Space, Spin, Table, type TableColumnsType, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import type { Basis } from '#contracts/assessment';
import { QueryError } from '../../components/error-display.tsx';
import { useScreens } from '../../components/use-screens.ts';
import { useT } from '../../i18n/i18n.tsx';
import { useIndicatorBasis } from './assessment-api.ts';

// The drill-down's last step: the records behind one leaf's value for one subject — which were counted and which
// were not, each opening where the web app shows it (a branch record, a duty, a project).

export function BasisDrawer({
  cycleId,
  subjectId,
  indicator,
  onClose,
}: {
  cycleId: string;
  subjectId: string;
  indicator: { key: string; name: string } | null;
  onClose: () => void;
}) {
  const t = useT();
  const screens = useScreens();
  const basis = useIndicatorBasis(cycleId, subjectId, indicator?.key ?? null);
  const data = basis.data;

  const columns: TableColumnsType<Basis> = [
    { key: 'date', title: t('assessment.basis.date'), width: 110, render: (_, b) => b.date ?? '—' },
    {
      key: 'title',
      title: t('assessment.basis.record'),
      render: (_, b) => (
        <Space orientation="vertical" size={0}>
          {b.href ? (
            <Link to={b.href} data-testid="basis-link">
              {b.title}
            </Link>
          ) : (
            <span>{b.title}</span>
          )}
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {b.kindLabel}
          </Typography.Text>
        </Space>
      ),
    },
    { key: 'state', title: t('assessment.basis.state'), width: 110, render: (_, b) => b.state },
    {
      key: 'counted',
      title: t('assessment.basis.counted'),
      width: 90,
      render: (_, b) =>
        b.counted ? (
          <Tag color="green">{t('assessment.basis.yes')}</Tag>
        ) : (
          <Tag>{t('assessment.basis.no')}</Tag>
        ),
    },
  ];

  return (
    <Drawer
      open={!!indicator}
      onClose={onClose}
      size={screens.md === false ? '100%' : 720}
      title={indicator ? t('assessment.basis.title', { name: indicator.name }) : ''}
      destroyOnHidden
      data-testid="basis-drawer"
    >
      {basis.isError ? (
        <QueryError error={basis.error} onRetry={() => void basis.refetch()} />
      ) : !data ? (
        <Spin style={{ display: 'block', margin: 24 }} />
      ) : (
        <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
          {(data.detail || data.measure) && (
            <Space orientation="vertical" size={0}>
              {data.detail && <Typography.Text data-testid="basis-detail">{data.detail}</Typography.Text>}
              {data.measure && (
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t('assessment.basis.measure', { label: data.measure.label })}：{data.measure.description}
                </Typography.Text>
              )}
            </Space>
          )}
          {data.basis.length === 0 ? (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('assessment.basis.empty')} />
          ) : (
            <Table<Basis>
              size="small"
              rowKey={(b) => `${b.kind}:${b.id ?? ''}:${b.title}:${b.date ?? ''}`}
              columns={columns}
              dataSource={data.basis}
              pagination={data.basis.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
              scroll={{ x: 560 }}
              data-testid="basis-table"
            />
          )}
        </Space>
      )}
    </Drawer>
  );
}
