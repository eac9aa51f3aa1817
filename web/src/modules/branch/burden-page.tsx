import {
  Alert,
  Card,
  Col,
  Empty,
  Progress,
  Row,
  Select,
  Space,
  Statistic,
  Table,
  Tag,
  Typography,
} from 'antd';
import { lazy, Suspense, useMemo, useState } from 'react';
import type { BurdenMeter } from '#contracts/branch-rollup';
import { QueryError } from '../../components/error-display.tsx';
import { useT } from '../../i18n/i18n.tsx';
import {
  BURDEN_TARGET,
  branchesByShare,
  FIELD_SOURCES,
  meetsTarget,
  organMonths,
  percent,
  SOURCE_COLOURS,
} from './burden-logic.ts';
import { useBurdenMeter } from './rollup-api.ts';
import { RollupHeader, useRollupPlace } from './rollup-header.tsx';

// 减负计量 (issue 10.6): of the fields in the year's branch records, how many people typed and how many the product
// filled in for them — prefilled, reused from the plan, imported — per branch and month, against the target of at
// least 60% not typed. The counts are the server's; nothing here counts logins, clicks or check-ins.

const BurdenChart = lazy(() => import('./burden-chart.tsx'));

type BranchRow = BurdenMeter['branches'][number];

function ShareBar({ share }: { share: number | null }) {
  if (share === null) return <Typography.Text type="secondary">—</Typography.Text>;
  const met = meetsTarget(share);
  return (
    <Progress
      percent={Math.round(share * 100)}
      size="small"
      strokeColor={met ? '#52c41a' : '#fa8c16'}
      status="normal"
      style={{ minWidth: 120, margin: 0 }}
    />
  );
}

export function BurdenPage() {
  const t = useT();
  const place = useRollupPlace();
  const meter = useBurdenMeter(place.org, place.year);
  const [chartOf, setChartOf] = useState<string>('');
  const orgName = place.orgs.find((o) => o.id === place.org)?.name ?? '';
  const months = useMemo(() => {
    if (!meter.data) return [];
    const one = meter.data.branches.find((b) => b.partyOrgId === chartOf);
    return one ? one.months : organMonths(meter.data);
  }, [meter.data, chartOf]);
  const total = meter.data?.total;
  const met = total ? meetsTarget(total.untypedShare) : null;
  const target = percent(BURDEN_TARGET);

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="burden-page">
      <RollupHeader place={place} title={t('burden.title')} intro={t('burden.intro', { target })} />
      <Alert type="info" showIcon title={t('burden.what')} description={t('burden.whatText')} />
      {meter.isError && <QueryError error={meter.error} onRetry={() => void meter.refetch()} />}
      {total && (
        <Card size="small" data-testid="burden-total">
          <Row gutter={[16, 16]} align="middle">
            <Col xs={24} md={8}>
              <Space>
                <Progress
                  type="dashboard"
                  size={96}
                  percent={total.untypedShare === null ? 0 : Math.round(total.untypedShare * 100)}
                  format={() => percent(total.untypedShare)}
                  strokeColor={met === false ? '#fa8c16' : '#52c41a'}
                />
                <Space orientation="vertical" size={4}>
                  <Typography.Text>{t('burden.organShare', { org: orgName })}</Typography.Text>
                  <Typography.Text type="secondary">{t('burden.target', { target })}</Typography.Text>
                  {met === null ? (
                    <Tag>{t('burden.noFields')}</Tag>
                  ) : (
                    <Tag color={met ? 'green' : 'orange'} data-testid="burden-met" data-met={met}>
                      {t(met ? 'burden.met' : 'burden.notMet')}
                    </Tag>
                  )}
                </Space>
              </Space>
            </Col>
            <Col xs={12} md={4}>
              <Statistic title={t('burden.records')} value={total.records} />
            </Col>
            {FIELD_SOURCES.map((s) => (
              <Col xs={12} md={3} key={s}>
                <Statistic
                  title={t(`burden.source.${s}`)}
                  value={total[s]}
                  styles={{ content: { color: SOURCE_COLOURS[s] } }}
                />
              </Col>
            ))}
          </Row>
        </Card>
      )}
      {meter.data && (
        <Card
          size="small"
          title={t('burden.chartTitle')}
          extra={
            <Select<string>
              value={chartOf}
              onChange={setChartOf}
              style={{ minWidth: 180 }}
              aria-label={t('burden.chartOf')}
              options={[
                { value: '', label: t('burden.chartOrgan') },
                ...meter.data.branches.map((b) => ({ value: b.partyOrgId, label: b.name })),
              ]}
              data-testid="burden-chart-of"
            />
          }
        >
          {meter.data.total.records === 0 ? (
            <Empty description={t('burden.noFields')} />
          ) : (
            <Suspense fallback={<div style={{ height: 300 }} />}>
              <BurdenChart months={months} />
            </Suspense>
          )}
        </Card>
      )}
      {meter.data && (
        <Card size="small" title={t('burden.byBranch')} styles={{ body: { padding: 0 } }}>
          <Table<BranchRow>
            size="small"
            rowKey="partyOrgId"
            loading={meter.isFetching}
            dataSource={branchesByShare(meter.data.branches)}
            pagination={false}
            scroll={{ x: 'max-content' }}
            data-testid="burden-branches"
            columns={[
              { key: 'name', title: t('rollup.branch'), dataIndex: 'name', fixed: 'left', width: 180 },
              {
                key: 'share',
                title: t('burden.share'),
                width: 180,
                sorter: (a, b) => (a.total.untypedShare ?? 2) - (b.total.untypedShare ?? 2),
                render: (_, b) => <ShareBar share={b.total.untypedShare} />,
              },
              {
                key: 'records',
                title: t('burden.records'),
                align: 'right',
                sorter: (a, b) => a.total.records - b.total.records,
                render: (_, b) => b.total.records,
              },
              ...FIELD_SOURCES.map((s) => ({
                key: s,
                title: t(`burden.source.${s}`),
                align: 'right' as const,
                sorter: (a: BranchRow, b: BranchRow) => a.total[s] - b.total[s],
                render: (_: unknown, b: BranchRow) => b.total[s],
              })),
            ]}
          />
        </Card>
      )}
    </Space>
  );
}
