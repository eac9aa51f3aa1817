// The overview's drill-down (issue 13 point 1): one organisation's index for the quarter with its parts — raw value,
// score, weight, words — and its open warnings; a part opens a drawer of the records it was computed from, each a
// link to its page (a branch record, an assessment result). The last step of "every number clicks down".
import { Alert, Button, Card, Drawer, Empty, List, Space, Spin, Statistic, Table, Typography } from 'antd';
import { type ReactNode, useState } from 'react';
import { Link } from 'react-router-dom';
import type { IndexBasis, IndexPartValue, OverviewOrg } from '#contracts/warning';
import { RULE_KIND_LABELS } from '#contracts/warning';
import { HttpError } from '../../api/http.ts';
import { QueryError } from '../../components/error-display.tsx';
import { useScreens } from '../../components/use-screens.ts';
import { useLabel, useLocale } from '../../i18n/i18n.tsx';
import { useIndexValue, useOrgWarnings, usePartBasis } from './warning-api.ts';
import { useWT } from './warning-i18n.ts';
import { formatRaw, isAppPath, periodLabel, worstFirst } from './warning-logic.ts';
import { HandlingText, LevelTag } from './warning-parts.tsx';

function Href({ href, children, testId }: { href: string | null; children: string; testId?: string }) {
  if (!href) return <span>{children}</span>;
  return isAppPath(href) ? (
    <Link to={href} data-testid={testId}>
      {children}
    </Link>
  ) : (
    <a href={href} data-testid={testId}>
      {children}
    </a>
  );
}

export function OrgDrill({
  org,
  periodKey,
  actions,
  onClose,
}: {
  org: OverviewOrg;
  periodKey: string;
  actions?: ReactNode;
  onClose: () => void;
}) {
  const t = useWT();
  const label = useLabel();
  const { locale } = useLocale();
  const value = useIndexValue(org.partyOrgId, periodKey);
  const [part, setPart] = useState<IndexPartValue | null>(null);
  const warnings = useOrgWarnings(org.partyOrgId);
  // Those in their grace have not been raised to anyone: the drill-down shows what the overview counts.
  const mine = worstFirst((warnings.data ?? []).filter((w) => w.status === 'open'));
  const notComputed = value.error instanceof HttpError && value.error.status === 404;

  return (
    <Card
      data-testid="warning-drill"
      data-org={org.name}
      title={
        <Space wrap>
          {t('warning.drill.title', { name: org.name })}
          <LevelTag level={org.level} testId="warning-drill-level" />
        </Space>
      }
      extra={
        <Button size="small" onClick={onClose}>
          {t('warning.drill.close')}
        </Button>
      }
    >
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        {actions}
        {notComputed ? (
          <Alert type="info" showIcon title={t('warning.chart.noIndex')} />
        ) : value.isError ? (
          <QueryError error={value.error} onRetry={() => void value.refetch()} />
        ) : !value.data ? (
          <Spin />
        ) : (
          <>
            <Space wrap size="large" align="end">
              <Statistic
                title={t('warning.drill.value', { period: periodLabel(periodKey, locale) })}
                value={value.data.value ?? '—'}
                data-testid="warning-drill-value"
              />
              <Typography.Text type="secondary">
                {t('warning.drill.formula', { name: value.data.formulaName, n: value.data.formulaEdition })}
              </Typography.Text>
            </Space>
            <Table<IndexPartValue>
              size="small"
              rowKey="key"
              pagination={false}
              dataSource={value.data.parts}
              scroll={{ x: 640 }}
              data-testid="warning-parts"
              columns={[
                {
                  key: 'label',
                  title: t('warning.drill.part'),
                  render: (_, p) => (
                    <Button
                      type="link"
                      style={{ padding: 0, height: 'auto', whiteSpace: 'normal', textAlign: 'start' }}
                      onClick={() => setPart(p)}
                      data-testid="warning-part-open"
                      data-key={p.key}
                    >
                      {p.label}
                    </Button>
                  ),
                },
                { key: 'raw', title: t('warning.drill.raw'), width: 90, render: (_, p) => formatRaw(p.raw) },
                {
                  key: 'score',
                  title: t('warning.drill.score'),
                  width: 80,
                  render: (_, p) => (p.score === null ? t('warning.drill.noData') : p.score),
                },
                { key: 'weight', title: t('warning.drill.weight'), width: 70, render: (_, p) => p.weight },
                {
                  key: 'detail',
                  title: t('warning.drill.detail'),
                  render: (_, p) => <Href href={p.href}>{p.detail}</Href>,
                },
              ]}
            />
          </>
        )}
        <div>
          <Typography.Title level={5}>{t('warning.drill.warnings')}</Typography.Title>
          {warnings.isError && <QueryError error={warnings.error} onRetry={() => void warnings.refetch()} />}
          <List
            size="small"
            loading={warnings.isPending}
            dataSource={mine}
            locale={{ emptyText: t('warning.drill.noWarnings') }}
            renderItem={(w) => (
              <List.Item style={{ paddingInline: 0, flexWrap: 'wrap', gap: 8 }}>
                <Space wrap size={6}>
                  <LevelTag level={w.level} />
                  <Link to={`/warnings/${w.id}`} data-testid="warning-drill-warning">
                    {label(RULE_KIND_LABELS[w.kind])}
                  </Link>
                </Space>
                <HandlingText warning={w} />
              </List.Item>
            )}
          />
        </div>
      </Space>
      <PartDrawer orgId={org.partyOrgId} periodKey={periodKey} part={part} onClose={() => setPart(null)} />
    </Card>
  );
}

function PartDrawer({
  orgId,
  periodKey,
  part,
  onClose,
}: {
  orgId: string;
  periodKey: string;
  part: IndexPartValue | null;
  onClose: () => void;
}) {
  const t = useWT();
  const screens = useScreens();
  const basis = usePartBasis(part ? orgId : null, part?.key ?? null, periodKey);
  return (
    <Drawer
      open={!!part}
      onClose={onClose}
      size={screens.md === false ? '100%' : 640}
      title={part ? t('warning.part.title', { label: part.label }) : ''}
      destroyOnHidden
      data-testid="warning-part-drawer"
    >
      {basis.isError ? (
        <QueryError error={basis.error} onRetry={() => void basis.refetch()} />
      ) : !basis.data ? (
        <Spin style={{ display: 'block', margin: 24 }} />
      ) : (
        <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
          <Typography.Text data-testid="warning-part-detail">{basis.data.part.detail}</Typography.Text>
          {basis.data.basis.length === 0 ? (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('warning.part.empty')} />
          ) : (
            <Table<IndexBasis>
              size="small"
              rowKey={(b) => `${b.kind}:${b.id}`}
              dataSource={basis.data.basis}
              pagination={basis.data.basis.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
              scroll={{ x: 480 }}
              data-testid="warning-part-records"
              columns={[
                { key: 'date', title: t('warning.part.date'), width: 110, render: (_, b) => b.date ?? '—' },
                {
                  key: 'title',
                  title: t('warning.part.record'),
                  render: (_, b) => (
                    <Space orientation="vertical" size={0}>
                      <Href href={b.href} testId="warning-part-record">
                        {b.title}
                      </Href>
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {b.kindLabel}
                      </Typography.Text>
                    </Space>
                  ),
                },
                { key: 'state', title: t('warning.part.state'), render: (_, b) => b.state },
              ]}
            />
          )}
        </Space>
      )}
    </Drawer>
  );
}
