import { DownloadOutlined } from '@ant-design/icons';
import { Button, Card, Col, DatePicker, Empty, Row, Space, Statistic, Table, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { codeLabel } from '#contracts/code-lists';
import { GENDER_LABELS, MEMBER_CATEGORY_LABELS } from '#contracts/member';
import { PARTY_ORG_KIND_LABELS } from '#contracts/org';
import {
  bandLabelEn,
  type CountRow,
  type PartyStatistics,
  PROBATION_SOON_DAYS,
  type ProbationaryEntry,
} from '#contracts/statistics';
import { fromIsoDate, toIsoDate } from '../../components/dates.ts';
import { barOption, EChart, pieOption } from '../../components/echart.tsx';
import { QueryError, useApiError } from '../../components/error-display.tsx';
import { OrgTreeSelect } from '../../components/org-tree-select.tsx';
import { PageSpin } from '../../components/page-spin.tsx';
import { type Translate, useLocale, useT } from '../../i18n/i18n.tsx';
import { usePartyOrgs } from '../org/org-api.ts';
import { downloadStatistics, useStatistics } from './statistics-api.ts';

type Labeller = (key: string) => string;
type TableSpec = {
  key: string;
  title: string;
  rows: CountRow[];
  label: Labeller;
  base: number;
  chart: 'bar' | 'pie';
};

function tablesOf(s: PartyStatistics, t: Translate, en: boolean): TableSpec[] {
  const enum_ = (labels: Record<string, { zh: string; en: string }>) => (k: string) =>
    labels[k] ? (en ? (labels[k]?.en ?? k) : (labels[k]?.zh ?? k)) : en ? bandLabelEn(k) : k;
  const band: Labeller = (k) => (en ? bandLabelEn(k) : k);
  const code =
    (list: 'ethnicity' | 'education'): Labeller =>
    (k) =>
      en ? bandLabelEn(codeLabel(list, k, 'en')) : k;
  const sum = (rows: CountRow[]) => rows.reduce((n, r) => n + r.count, 0);
  return [
    {
      key: 'category',
      title: t('stats.byCategory'),
      rows: s.byCategory,
      label: enum_(MEMBER_CATEGORY_LABELS),
      base: s.totalMembers,
      chart: 'pie',
    },
    {
      key: 'gender',
      title: t('stats.byGender'),
      rows: s.byGender,
      label: enum_(GENDER_LABELS),
      base: s.totalMembers,
      chart: 'pie',
    },
    {
      key: 'ethnicity',
      title: t('stats.byEthnicity'),
      rows: s.byEthnicity,
      label: code('ethnicity'),
      base: s.totalMembers,
      chart: 'pie',
    },
    {
      key: 'education',
      title: t('stats.byEducation'),
      rows: s.byEducation,
      label: code('education'),
      base: s.totalMembers,
      chart: 'bar',
    },
    {
      key: 'age',
      title: t('stats.byAge'),
      rows: s.byAgeBand,
      label: band,
      base: s.totalMembers,
      chart: 'bar',
    },
    {
      key: 'years',
      title: t('stats.byMembershipYears'),
      rows: s.byMembershipYears,
      label: band,
      base: s.totalMembers,
      chart: 'bar',
    },
    {
      key: 'kinds',
      title: t('stats.orgsByKind'),
      rows: s.orgsByKind,
      label: enum_(PARTY_ORG_KIND_LABELS),
      base: sum(s.orgsByKind),
      chart: 'bar',
    },
    {
      key: 'sizes',
      title: t('stats.branchesBySize'),
      rows: s.branchesBySize,
      label: band,
      base: sum(s.branchesBySize),
      chart: 'bar',
    },
  ];
}

const share = (n: number, base: number) => (base > 0 ? `${((n * 100) / base).toFixed(1)}%` : '—');

function CountCard({ spec }: { spec: TableSpec }) {
  const t = useT();
  const labelled = useMemo(
    () => spec.rows.map((r) => ({ label: spec.label(r.key), count: r.count })),
    [spec],
  );
  const option = useMemo(
    () => (spec.chart === 'pie' ? pieOption(labelled) : barOption(labelled)),
    [spec.chart, labelled],
  );
  return (
    <Card title={spec.title} size="small" data-testid={`stats-card-${spec.key}`}>
      <EChart
        option={option}
        style={{ height: spec.chart === 'pie' ? 240 : Math.max(160, labelled.length * 26) }}
      />
      <Table
        size="small"
        pagination={false}
        rowKey="key"
        dataSource={spec.rows}
        data-testid={`stats-table-${spec.key}`}
        columns={[
          { title: t('stats.item'), dataIndex: 'key', render: (k: string) => spec.label(k) },
          { title: t('stats.count'), dataIndex: 'count', align: 'right', width: 80 },
          {
            title: t('stats.share'),
            key: 'share',
            align: 'right',
            width: 80,
            render: (_: unknown, r: CountRow) => share(r.count, spec.base),
          },
        ]}
      />
    </Card>
  );
}

function ProbationList({ title, rows }: { title: string; rows: ProbationaryEntry[] }) {
  const t = useT();
  return (
    <Card title={title} size="small">
      <Table
        size="small"
        rowKey="memberId"
        pagination={false}
        dataSource={rows}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: t('stats.noneDue') }}
        columns={[
          { title: t('stats.name'), dataIndex: 'name', fixed: 'left' },
          { title: t('stats.partyOrg'), dataIndex: 'partyOrgName' },
          { title: t('stats.joinedOn'), dataIndex: 'joinedOn' },
          { title: t('stats.dueOn'), dataIndex: 'dueOn' },
        ]}
      />
    </Card>
  );
}

export function StatisticsPage() {
  const t = useT();
  const { locale } = useLocale();
  const showError = useApiError();
  const orgs = usePartyOrgs();
  const [picked, setPicked] = useState<string | null>(null);
  const [asOf, setAsOf] = useState<string | null>(null);
  // The top of what the user may count is the natural first view; the list comes in tree order.
  const orgId = picked ?? orgs.data?.find((o) => o.memberTotal !== null)?.id ?? null;
  const stats = useStatistics(orgId, asOf);
  const s = stats.data;
  const tables = useMemo(() => (s ? tablesOf(s, t, locale === 'en') : []), [s, t, locale]);
  const count = (rows: CountRow[] | undefined, key: string) => rows?.find((r) => r.key === key)?.count ?? 0;

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Card>
        <Space wrap>
          <Typography.Text>{t('stats.org')}</Typography.Text>
          <OrgTreeSelect
            value={orgId}
            onChange={setPicked}
            allowClear={false}
            placeholder={t('stats.pickOrg')}
            style={{ minWidth: 240 }}
            data-testid="stats-org"
          />
          <Typography.Text>{t('stats.asOf')}</Typography.Text>
          <DatePicker
            value={fromIsoDate(asOf)}
            onChange={(d) => setAsOf(toIsoDate(d))}
            data-testid="stats-as-of"
          />
          <Button
            icon={<DownloadOutlined />}
            disabled={!orgId}
            onClick={() => orgId && downloadStatistics(orgId, asOf).catch(showError)}
            data-testid="stats-export"
          >
            {t('stats.export')}
          </Button>
        </Space>
        <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
          {t('stats.scopeHint')}
        </Typography.Paragraph>
      </Card>
      {!orgId && <Empty description={t('stats.pickOrg')} />}
      {stats.isPending && orgId && <PageSpin />}
      {stats.isError && <QueryError error={stats.error} onRetry={() => stats.refetch()} />}
      {s && (
        <>
          <Row gutter={[12, 12]}>
            {[
              ['stats.total', s.totalMembers, 'total'],
              ['stats.probationary', count(s.byCategory, 'probationary'), 'probationary'],
              ['stats.women', count(s.byGender, 'female'), 'women'],
              ['stats.minorities', s.minorityCount, 'minorities'],
            ].map(([key, value, id]) => (
              <Col key={String(id)} xs={12} md={6}>
                <Card size="small">
                  <Statistic
                    title={t(key as 'stats.total')}
                    value={Number(value)}
                    data-testid={`stats-${id}`}
                  />
                </Card>
              </Col>
            ))}
          </Row>
          <Row gutter={[12, 12]}>
            <Col xs={24} lg={12}>
              <ProbationList
                title={t('stats.probationDue', { n: s.probationDue.length })}
                rows={s.probationDue}
              />
            </Col>
            <Col xs={24} lg={12}>
              <ProbationList
                title={t('stats.probationSoon', {
                  n: s.probationEndingSoon.length,
                  days: PROBATION_SOON_DAYS,
                })}
                rows={s.probationEndingSoon}
              />
            </Col>
          </Row>
          <Row gutter={[12, 12]}>
            {tables.map((spec) => (
              <Col key={spec.key} xs={24} lg={12} xl={8}>
                <CountCard spec={spec} />
              </Col>
            ))}
          </Row>
        </>
      )}
    </Space>
  );
}
