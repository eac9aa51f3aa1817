import { Button, Card, Col, Empty, Row, Segmented, Space, Statistic, Switch, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { Link } from 'react-router-dom';
import { useCan } from '../../app/session.tsx';
import { QueryError } from '../../components/error-display.tsx';
import { useT } from '../../i18n/i18n.tsx';
import { BranchSettingsLine } from './branch-settings-card.tsx';
import { percent } from './burden-logic.ts';
import { useObligationRollup } from './rollup-api.ts';
import { RollupCellDrawer } from './rollup-cell-drawer.tsx';
import { type OpenCell, RollupGrid, RollupLegend } from './rollup-grid.tsx';
import { RollupHeader, useRollupPlace } from './rollup-header.tsx';
import { orderBranches, type RollupBy, rollupSummary } from './rollup-logic.ts';

// 组织生活落实情况 (issue 10.5, 10.11): for the branches under an organisation, month by month or by quarter, what
// the responsibility lists ask of them that a record meets — held, not yet due, exempt, missing — coloured by what
// is missing, each cell down to its duties and the records that met them.

export function RollupPage() {
  const t = useT();
  const can = useCan();
  const place = useRollupPlace();
  const rollup = useObligationRollup(place.org, place.year);
  const [laggingFirst, setLaggingFirst] = useState(false);
  const [open, setOpen] = useState<OpenCell | null>(null);
  const temporaryIds = useMemo(
    () => new Set(place.orgs.filter((o) => o.isTemporary).map((o) => o.id)),
    [place.orgs],
  );
  const summary = rollup.data ? rollupSummary(rollup.data) : null;
  const branches = rollup.data ? orderBranches(rollup.data.branches, laggingFirst) : [];
  const openBranch = open ? rollup.data?.branches.find((b) => b.partyOrgId === open.branchId) : undefined;

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="rollup-page">
      <RollupHeader
        place={place}
        title={t('rollup.title')}
        intro={t('rollup.intro')}
        extra={<BranchSettingsLine partyOrgId={place.org} orgs={place.orgs} />}
      />
      {rollup.isError && <QueryError error={rollup.error} onRetry={() => void rollup.refetch()} />}
      {summary && (
        <Card size="small">
          <Row gutter={[16, 8]}>
            <Col xs={12} sm={8} md={4}>
              <Statistic title={t('rollup.summary.held')} value={summary.total.held} />
            </Col>
            <Col xs={12} sm={8} md={4}>
              <Statistic
                title={t('rollup.summary.missing')}
                value={summary.total.missing}
                styles={{ content: { color: summary.total.missing ? '#cf1322' : undefined } }}
                data-testid="rollup-missing"
              />
            </Col>
            <Col xs={12} sm={8} md={4}>
              <Statistic title={t('rollup.summary.due')} value={summary.total.due} />
            </Col>
            <Col xs={12} sm={8} md={4}>
              <Statistic title={t('rollup.summary.exempt')} value={summary.total.exempt} />
            </Col>
            <Col xs={12} sm={8} md={4}>
              <Statistic
                title={t('rollup.summary.lagging')}
                value={summary.lagging}
                suffix={`/ ${summary.branches}`}
              />
            </Col>
            <Col xs={12} sm={8} md={4}>
              <Statistic title={t('rollup.summary.share')} value={percent(summary.heldShare)} />
            </Col>
          </Row>
        </Card>
      )}
      {rollup.data && summary && (
        <Card
          size="small"
          title={
            <Segmented<RollupBy>
              value={place.by}
              options={[
                { value: 'month', label: t('rollup.byMonth') },
                { value: 'quarter', label: t('rollup.byQuarter') },
              ]}
              onChange={(by) => place.set({ by })}
              data-testid="rollup-by"
            />
          }
          extra={
            <Space size={4}>
              <Switch size="small" checked={laggingFirst} onChange={setLaggingFirst} />
              <Typography.Text>{t('rollup.laggingFirst')}</Typography.Text>
            </Space>
          }
        >
          {summary.branches === 0 ? (
            <Empty description={t('rollup.noBranches')} />
          ) : !summary.hasDuties ? (
            <Empty description={t('rollup.emptyDuties')} data-testid="rollup-empty">
              {can('responsibility.read') && (
                <Link to={`/responsibility?year=${place.year}`}>
                  <Button type="primary">{t('rollup.emptyDutiesLink')}</Button>
                </Link>
              )}
            </Empty>
          ) : (
            <Space orientation="vertical" size={8} style={{ width: '100%' }}>
              <RollupLegend />
              <RollupGrid
                branches={branches}
                by={place.by}
                temporaryIds={temporaryIds}
                loading={rollup.isFetching}
                onOpen={setOpen}
              />
            </Space>
          )}
        </Card>
      )}
      {open && openBranch && (
        <RollupCellDrawer
          branch={openBranch}
          by={place.by}
          index={open.index}
          onClose={() => setOpen(null)}
        />
      )}
    </Space>
  );
}
