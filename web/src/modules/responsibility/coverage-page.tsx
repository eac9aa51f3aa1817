// 覆盖情况: every work point of the year, and every duty the organ issued downward — who took it up at each level,
// how far they are, and red flags where an expected list did not take it up or its owner has left, with who
// should act. A duty opens in a drawer.
import { DownloadOutlined, FlagFilled } from '@ant-design/icons';
import {
  Alert,
  Button,
  Card,
  Col,
  Progress,
  Row,
  Select,
  Space,
  Statistic,
  Switch,
  Table,
  Typography,
} from 'antd';
import { lazy, Suspense, useEffect, useMemo, useState } from 'react';
import { HttpError } from '../../api/http.ts';
import { QueryError, useApiError } from '../../components/error-display.tsx';
import { useScreens } from '../../components/use-screens.ts';
import { useLabel, useT } from '../../i18n/i18n.tsx';
import { useUnits } from '../org/org-api.ts';
import { CoverageCards, CoverageTitle, FlagList, OwnerCell, StateCell } from './coverage-parts.tsx';
import { collectFlags, expandableKeys, onlyFlagged, type TreeRow, toTreeRows } from './coverage-tree.ts';
import { useYearParam, YearSelect } from './lists-year-select.tsx';
import { useCoverage } from './responsibility-api.ts';
import { downloadCoverageWorkbook, RESPONSIBILITY_FILE_LABELS } from './responsibility-files-api.ts';

const CoverageChart = lazy(() => import('./coverage-chart.tsx'));
const ItemDrawer = lazy(async () => ({ default: (await import('./list-item-drawer.tsx')).ItemDrawer }));

/** Flags listed before "show all": the tree below, filtered to red flags, is where a long list is worked through. */
const FIRST_FLAGS = 5;

export function CoveragePage() {
  const t = useT();
  const screens = useScreens();
  const [year, setYear] = useYearParam();
  const units = useUnits();
  const [unitId, setUnitId] = useState<string | null>(null);
  const coverage = useCoverage(year, unitId);
  const [flaggedOnly, setFlaggedOnly] = useState(false);
  const [chart, setChart] = useState(false);
  const [expanded, setExpanded] = useState<string[] | null>(null);
  const [itemId, setItemId] = useState<string | null>(null);
  const [allFlags, setAllFlags] = useState(false);
  const [exporting, setExporting] = useState(false);
  const showError = useApiError();
  const label = useLabel();

  const roots = useMemo(() => {
    const all = coverage.data?.roots ?? [];
    return flaggedOnly ? onlyFlagged(all) : all;
  }, [coverage.data, flaggedOnly]);
  const rows = useMemo(() => toTreeRows(roots), [roots]);
  const allKeys = useMemo(() => expandableKeys(roots), [roots]);
  // Until the officer folds something, the tree opens one level: work points and who took them up.
  const expandedKeys = expanded ?? rows.map((r) => r.key);
  const flags = useMemo(() => collectFlags(coverage.data?.roots ?? []), [coverage.data]);
  const needsUnit =
    unitId === null &&
    coverage.error instanceof HttpError &&
    coverage.error.code === 'responsibility.organ_not_found';
  const onlyUnit = units.data?.length === 1 ? units.data[0]?.id : undefined;
  // The work committee's officers have no organ of their own: with one organ in sight, that is the one to show.
  useEffect(() => {
    if (needsUnit && onlyUnit) setUnitId(onlyUnit);
  }, [needsUnit, onlyUnit]);
  const open = (row: TreeRow) => row.node.kind === 'item' && setItemId(row.node.id);

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="coverage-page">
      <Card
        title={t('rs.coverage.title')}
        extra={
          <Space wrap>
            {(units.data?.length ?? 0) > 1 && (
              <Select
                allowClear
                style={{ minWidth: 200 }}
                placeholder={t('rs.coverage.pickUnit')}
                value={unitId ?? undefined}
                onChange={(v) => setUnitId(v ?? null)}
                options={(units.data ?? []).map((u) => ({ value: u.id, label: u.name }))}
                data-testid="coverage-unit"
              />
            )}
            <YearSelect value={year} onChange={setYear} data-testid="coverage-year" />
            <Button
              icon={<DownloadOutlined />}
              loading={exporting}
              disabled={!coverage.data}
              onClick={() => {
                setExporting(true);
                downloadCoverageWorkbook(year, unitId)
                  .catch((err: unknown) => showError(err))
                  .finally(() => setExporting(false));
              }}
              data-testid="coverage-export"
            >
              {label(RESPONSIBILITY_FILE_LABELS.coverageWorkbook)}
            </Button>
          </Space>
        }
      >
        {needsUnit ? (
          <Alert type="info" showIcon title={t('rs.coverage.needUnit')} />
        ) : (
          coverage.isError && <QueryError error={coverage.error} onRetry={() => void coverage.refetch()} />
        )}
        {coverage.data && (
          <Row gutter={[16, 16]} align="middle">
            <Col xs={24} sm={8}>
              <Space>
                <Progress type="dashboard" percent={Math.round(coverage.data.progress)} size={90} />
                <Statistic
                  title={t('rs.coverage.overall', { unit: coverage.data.unitName })}
                  value={`${coverage.data.progress}%`}
                />
              </Space>
            </Col>
            <Col xs={12} sm={8}>
              <Statistic
                title={t('rs.coverage.flagged')}
                value={coverage.data.flagged}
                styles={{ content: { color: coverage.data.flagged ? '#cf1322' : undefined } }}
                prefix={<FlagFilled />}
                data-testid="coverage-flagged"
              />
            </Col>
            <Col xs={12} sm={8}>
              <Statistic title={t('rs.coverage.points')} value={coverage.data.roots.length} />
            </Col>
          </Row>
        )}
      </Card>

      {flags.length > 0 && (
        <Card
          size="small"
          title={t('rs.coverage.flagsTitle', { n: flags.length })}
          data-testid="coverage-flags"
        >
          <FlagList flags={allFlags ? flags : flags.slice(0, FIRST_FLAGS)} onOpen={(id) => setItemId(id)} />
          {flags.length > FIRST_FLAGS && (
            <Button
              type="link"
              size="small"
              style={{ paddingInline: 0 }}
              onClick={() => setAllFlags(!allFlags)}
            >
              {allFlags ? t('rs.coverage.fewerFlags') : t('rs.coverage.allFlags', { n: flags.length })}
            </Button>
          )}
        </Card>
      )}

      <Card
        title={t('rs.coverage.treeTitle')}
        extra={
          <Space wrap>
            <Space size={4}>
              <Switch
                size="small"
                checked={flaggedOnly}
                onChange={setFlaggedOnly}
                data-testid="coverage-flagged-only"
              />
              <span>{t('rs.coverage.flaggedOnly')}</span>
            </Space>
            <Space size={4}>
              <Switch size="small" checked={chart} onChange={setChart} data-testid="coverage-show-chart" />
              <span>{t('rs.coverage.showChart')}</span>
            </Space>
            <Button size="small" onClick={() => setExpanded(allKeys)}>
              {t('rs.coverage.expandAll')}
            </Button>
            <Button size="small" onClick={() => setExpanded([])}>
              {t('rs.coverage.collapseAll')}
            </Button>
          </Space>
        }
      >
        {chart && coverage.data && (
          <Suspense fallback={null}>
            <Typography.Text type="secondary">{t('rs.coverage.chartTitle')}</Typography.Text>
            <CoverageChart roots={coverage.data.roots} />
          </Suspense>
        )}
        {screens.md === false ? (
          <CoverageCards
            roots={roots}
            expanded={new Set(expandedKeys)}
            onToggle={(key) =>
              setExpanded(
                expandedKeys.includes(key) ? expandedKeys.filter((k) => k !== key) : [...expandedKeys, key],
              )
            }
            onOpen={(id) => setItemId(id)}
          />
        ) : (
          <Table<TreeRow>
            rowKey="key"
            size="middle"
            data-testid="coverage-tree"
            loading={coverage.isFetching}
            dataSource={rows}
            pagination={false}
            scroll={{ x: 'max-content' }}
            locale={{ emptyText: t('rs.coverage.empty', { year }) }}
            expandable={{
              expandedRowKeys: expandedKeys,
              onExpandedRowsChange: (keys) => setExpanded(keys.map(String)),
            }}
            onRow={(row) => ({
              onClick: () => open(row),
              style: { cursor: row.node.kind === 'item' ? 'pointer' : undefined },
            })}
            columns={[
              {
                key: 'title',
                title: t('rs.coverage.colTitle'),
                render: (_, r) => <CoverageTitle node={r.node} />,
              },
              { key: 'owner', title: t('rs.item.owner'), render: (_, r) => <OwnerCell node={r.node} /> },
              {
                key: 'state',
                title: t('rs.coverage.colProgress'),
                render: (_, r) => <StateCell node={r.node} />,
              },
              {
                key: 'flags',
                title: t('rs.coverage.colFlags'),
                render: (_, r) => (
                  <FlagList
                    flags={r.node.flags.map((flag) => ({ key: r.key, node: r.node, flag }))}
                    compact
                  />
                ),
              },
            ]}
          />
        )}
      </Card>
      {itemId && (
        <Suspense fallback={null}>
          <ItemDrawer itemId={itemId} onClose={() => setItemId(null)} />
        </Suspense>
      )}
    </Space>
  );
}
