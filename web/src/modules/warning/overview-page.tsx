// 预警一张图 (issue 13 point 5): the counts per level, every organisation coloured by its level, the index trend and
// ranking, the organisations and the open warnings with what is being done — and every number clicks down: a
// count to its organisations, an organisation to its index parts (org-drill.tsx), a part to its records. The work
// committee sees its organs and opens one (?unit=); an organ's officers see the root and its branches.
import { ArrowLeftOutlined, DesktopOutlined, SettingOutlined, ThunderboltOutlined } from '@ant-design/icons';
import { App, Button, Card, Col, Empty, Result, Row, Space, Spin, Table, Typography } from 'antd';
import { useMemo, useRef, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import type { Level, Overview, OverviewOrg, Warning } from '#contracts/warning';
import { LEVEL_LABELS, RULE_KIND_LABELS } from '#contracts/warning';
import { useCan } from '../../app/session.tsx';
import { formatDateTime } from '../../components/dates.ts';
import { QueryError, useApiError } from '../../components/error-display.tsx';
import { useLabel, useLocale } from '../../i18n/i18n.tsx';
import { OrgDrill } from './org-drill.tsx';
import { useEvaluate, useOverview } from './warning-api.ts';
import { ChartCard } from './warning-chart-lazy.tsx';
import { useRankingOption, useTreemapOption, useTrendOption } from './warning-chart-options.ts';
import { useWT } from './warning-i18n.ts';
import {
  LEVEL_COLOUR,
  levelCounts,
  openTotal,
  periodLabel,
  ranking,
  rankingShown,
  worstFirst,
} from './warning-logic.ts';
import { HandlingText, LevelTag, StepText } from './warning-parts.tsx';

/** The organ a button acts on: the one shown, or (on the committee's page) the organisation picked. */
function organOf(o: Overview, picked: OverviewOrg | null): string | null {
  if (o.scope === 'committee') return picked?.unitId ?? null;
  return o.orgs[0]?.unitId ?? null;
}

function EvaluateButton({ unitId, size }: { unitId: string; size?: 'small' | 'middle' }) {
  const t = useWT();
  const evaluate = useEvaluate();
  const onError = useApiError();
  const { message } = App.useApp();
  return (
    <Button
      type="primary"
      size={size}
      icon={<ThunderboltOutlined />}
      loading={evaluate.isPending}
      data-testid="warning-evaluate"
      onClick={() =>
        evaluate.mutate(unitId, {
          onSuccess: (e) =>
            void message.success(
              t('warning.overview.evaluated', {
                n: e.organisations,
                raised: e.raised,
                cleared: e.cleared,
                climbed: e.climbed,
              }),
            ),
          onError: (err) => onError(err),
        })
      }
    >
      {t('warning.overview.evaluate')}
    </Button>
  );
}

export function OverviewPage() {
  const t = useWT();
  const label = useLabel();
  const { locale } = useLocale();
  const can = useCan();
  const [params, setParams] = useSearchParams();
  const unitParam = params.get('unit');
  const overview = useOverview(unitParam);
  const [pickedId, setPickedId] = useState<string | null>(null);
  const [levelFilter, setLevelFilter] = useState<Level | null>(null);
  const drillRef = useRef<HTMLDivElement>(null);
  const o = overview.data;
  const orgs = o?.orgs ?? [];
  const picked = orgs.find((x) => x.partyOrgId === pickedId) ?? null;

  const treemap = useTreemapOption(orgs);
  const trend = useTrendOption(orgs);
  const rank = useRankingOption(orgs, t('warning.chart.lowest'));
  const open = useMemo(() => worstFirst(o?.warnings ?? []), [o?.warnings]);

  const pick = (id: string) => {
    setPickedId(id);
    // The drill-down opens below the charts: bring it into view, or a click would seem to do nothing.
    requestAnimationFrame(() => drillRef.current?.scrollIntoView({ behavior: 'smooth', block: 'start' }));
  };
  const setUnit = (unitId: string | null) => {
    setPickedId(null);
    setLevelFilter(null);
    setParams(
      (current) => {
        const p = new URLSearchParams(current);
        if (unitId) p.set('unit', unitId);
        else p.delete('unit');
        return p;
      },
      { replace: false },
    );
  };

  if (overview.isError) return <QueryError error={overview.error} onRetry={() => void overview.refetch()} />;
  if (!o) return <Spin style={{ display: 'block', margin: 48 }} />;

  const organ = organOf(o, picked);
  const mayEvaluate = can('warning.manage') && o.scope === 'organ' && !!organ;
  const shownOrgs = levelFilter ? orgs.filter((x) => x.level === levelFilter) : orgs;
  const screenHref = `/warnings/screen${unitParam ? `?unit=${unitParam}` : ''}`;

  const header = (
    <Space orientation="vertical" size={4} style={{ width: '100%' }}>
      <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
        <Space wrap>
          {unitParam && (
            <Button
              icon={<ArrowLeftOutlined />}
              onClick={() => setUnit(null)}
              data-testid="warning-all-organs"
            >
              {t('warning.overview.allOrgans')}
            </Button>
          )}
          <Typography.Title level={3} style={{ margin: 0 }}>
            {t('warning.overview.title')}
          </Typography.Title>
        </Space>
        <Space wrap>
          {mayEvaluate && organ && <EvaluateButton unitId={organ} />}
          <Link to={screenHref}>
            <Button icon={<DesktopOutlined />} data-testid="warning-screen-link">
              {t('warning.overview.screen')}
            </Button>
          </Link>
          {can('warning.configure') && (
            <Link to="/warnings/settings">
              <Button icon={<SettingOutlined />}>{t('warning.overview.settings')}</Button>
            </Link>
          )}
        </Space>
      </Space>
      <Typography.Text type="secondary">{t('warning.overview.intro')}</Typography.Text>
      <Space wrap size="large">
        <Typography.Text>
          {t('warning.overview.period', { period: periodLabel(o.periodKey, locale) })}
        </Typography.Text>
        <Typography.Text data-testid="warning-evaluated-at">
          {o.evaluatedAt
            ? t('warning.overview.evaluatedAt', { at: formatDateTime(o.evaluatedAt) })
            : t('warning.overview.notEvaluated')}
        </Typography.Text>
      </Space>
    </Space>
  );

  if (!o.evaluatedAt)
    return (
      <Space orientation="vertical" size="large" style={{ width: '100%' }} data-testid="warning-overview">
        {header}
        <Card>
          <Result
            status="info"
            title={t('warning.overview.emptyTitle')}
            subTitle={mayEvaluate ? t('warning.overview.emptyOfficer') : t('warning.overview.emptyReader')}
            extra={mayEvaluate && organ ? <EvaluateButton unitId={organ} /> : null}
            data-testid="warning-empty"
          />
        </Card>
      </Space>
    );

  const hasIndex = ranking(orgs).length > 0;

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }} data-testid="warning-overview">
      {header}
      <Row gutter={[12, 12]}>
        {levelCounts(o.counts).map(({ level, count }) => (
          <Col xs={12} md={6} key={level}>
            <Card
              size="small"
              hoverable
              onClick={() => setLevelFilter(levelFilter === level ? null : level)}
              data-testid={`warning-count-${level}`}
              style={{
                borderTop: `4px solid ${LEVEL_COLOUR[level]}`,
                background: levelFilter === level ? '#fafafa' : undefined,
              }}
            >
              <Typography.Text type="secondary">{label(LEVEL_LABELS[level])}</Typography.Text>
              <div
                style={{ fontSize: 30, fontWeight: 600, color: LEVEL_COLOUR[level], lineHeight: 1.3 }}
                data-testid={`warning-count-${level}-value`}
              >
                {count}
              </div>
            </Card>
          </Col>
        ))}
      </Row>
      <Row gutter={[12, 12]}>
        <Col xs={24} lg={12}>
          <ChartCard
            title={t('warning.chart.map')}
            option={treemap}
            height={300}
            testId="warning-treemap"
            empty={orgs.length === 0 ? t('warning.open.empty') : null}
            onPick={pick}
          />
        </Col>
        <Col xs={24} lg={12}>
          <ChartCard
            title={t('warning.chart.ranking')}
            option={rank}
            height={Math.max(300, rankingShown(ranking(orgs)).length * 24 + 24)}
            testId="warning-ranking"
            empty={hasIndex ? null : t('warning.chart.noIndex')}
            onPick={pick}
          />
        </Col>
        <Col xs={24}>
          <ChartCard
            title={t('warning.chart.trend')}
            option={trend}
            height={280}
            testId="warning-trend"
            empty={hasIndex ? null : t('warning.chart.noIndex')}
          />
        </Col>
      </Row>
      <div ref={drillRef} style={{ scrollMarginTop: 72 }}>
        {picked && (
          <OrgDrill
            key={picked.partyOrgId}
            org={picked}
            periodKey={o.periodKey}
            onClose={() => setPickedId(null)}
            actions={
              o.scope === 'committee' && (
                <Space wrap>
                  <Button onClick={() => setUnit(picked.unitId)} data-testid="warning-open-organ">
                    {t('warning.drill.openOrgan')}
                  </Button>
                  {can('warning.manage') && <EvaluateButton unitId={picked.unitId} size="small" />}
                </Space>
              )
            }
          />
        )}
      </div>
      <Card
        size="small"
        title={
          <Space>
            {t('warning.orgs.title')}
            {levelFilter && <LevelTag level={levelFilter} />}
            <Typography.Text type="secondary">
              {t('warning.overview.orgs', { n: shownOrgs.length })}
            </Typography.Text>
          </Space>
        }
      >
        <Table<OverviewOrg>
          size="small"
          rowKey="partyOrgId"
          dataSource={shownOrgs}
          pagination={shownOrgs.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
          scroll={{ x: 520 }}
          data-testid="warning-orgs"
          onRow={(r) => ({ 'data-org': r.name, 'data-level': r.level }) as React.HTMLAttributes<HTMLElement>}
          columns={[
            {
              key: 'name',
              title: t('warning.col.org'),
              render: (_, r) => (
                <Button
                  type="link"
                  style={{ padding: 0, height: 'auto', whiteSpace: 'normal', textAlign: 'start' }}
                  onClick={() => pick(r.partyOrgId)}
                  data-testid="warning-org-open"
                >
                  {r.name}
                </Button>
              ),
            },
            {
              key: 'level',
              title: t('warning.col.level'),
              width: 80,
              render: (_, r) => <LevelTag level={r.level} />,
            },
            {
              key: 'index',
              title: t('warning.col.index'),
              width: 80,
              render: (_, r) => (
                <Button type="link" style={{ padding: 0 }} onClick={() => pick(r.partyOrgId)}>
                  {r.index ?? '—'}
                </Button>
              ),
            },
            {
              key: 'open',
              title: t('warning.col.open'),
              width: 70,
              render: (_, r) =>
                r.openWarnings > 0 ? (
                  <Button type="link" style={{ padding: 0 }} onClick={() => pick(r.partyOrgId)}>
                    {r.openWarnings}
                  </Button>
                ) : (
                  0
                ),
            },
            { key: 'answered', title: t('warning.col.answered'), width: 80, render: (_, r) => r.answered },
          ]}
        />
      </Card>
      <OpenWarnings warnings={open} total={openTotal(orgs)} />
    </Space>
  );
}

function OpenWarnings({ warnings, total }: { warnings: readonly Warning[]; total: number }) {
  const t = useWT();
  const label = useLabel();
  return (
    <Card
      size="small"
      title={
        <Space wrap>
          {t('warning.open.title')}
          <Typography.Text type="secondary" data-testid="warning-open-total">
            {t('warning.open.total', { n: total })}
          </Typography.Text>
        </Space>
      }
      data-testid="warning-open"
    >
      {warnings.length < total && (
        <Typography.Paragraph type="secondary">
          {t('warning.open.first', { n: warnings.length })}
        </Typography.Paragraph>
      )}
      {warnings.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('warning.open.empty')} />
      ) : (
        <Table<Warning>
          size="small"
          rowKey="id"
          dataSource={[...warnings]}
          pagination={warnings.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
          scroll={{ x: 760 }}
          columns={[
            { key: 'org', title: t('warning.col.org'), render: (_, w) => w.partyOrgName },
            {
              key: 'rule',
              title: t('warning.col.rule'),
              render: (_, w) => (
                <Link to={`/warnings/${w.id}`} data-testid="warning-open-link" data-org={w.partyOrgName}>
                  {label(RULE_KIND_LABELS[w.kind])}
                </Link>
              ),
            },
            {
              key: 'level',
              title: t('warning.col.level'),
              width: 80,
              render: (_, w) => <LevelTag level={w.level} />,
            },
            {
              key: 'deadline',
              title: t('warning.col.deadline'),
              width: 110,
              render: (_, w) => w.deadline ?? '—',
            },
            {
              key: 'handling',
              title: t('warning.col.handling'),
              render: (_, w) => <HandlingText warning={w} />,
            },
            {
              key: 'step',
              title: t('warning.col.step'),
              width: 150,
              render: (_, w) => <StepText warning={w} />,
            },
          ]}
        />
      )}
    </Card>
  );
}
