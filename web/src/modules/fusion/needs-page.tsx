import { DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Input, Select, Space, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { NEED_STATUS_LABELS, NEED_STATUSES, type Need, URGENCY_LABELS } from '#contracts/fusion';
import { useCan } from '../../app/session.tsx';
import { DepartmentTreeSelect } from '../../components/department-tree-select.tsx';
import { QueryError, useApiError } from '../../components/error-display.tsx';
import { useLabel, useT } from '../../i18n/i18n.tsx';
import { type Column, ResponsiveTable, stopRowClick } from '../responsibility/lists-responsive.tsx';
import { downloadNeeds, type NeedFilters, useNeeds, usePatchNeed } from './fusion-api.ts';
import { ImportButton } from './fusion-import.tsx';
import { NEED_STATUS_COLOUR, STAGE_COLOUR, STAGE_LABEL, URGENCY_COLOUR } from './fusion-labels.ts';
import { parseFilters, withFilters } from './fusion-logic.ts';
import { KeywordTags } from './fusion-tags.tsx';
import { UnitPicker, useFusionUnit } from './fusion-unit.tsx';
import { CloseNeedDialog, NeedDialog } from './need-dialog.tsx';

// 需求清单: the business pain points the departments raised, kept by the organ committee's officers, each with the
// projects started from it; a need closes (已销号) when its project is accepted.

type Editing = { need: Need | null } | null;

export function NeedsPage() {
  const t = useT();
  const label = useLabel();
  const can = useCan();
  const mayManage = can('fusion.manage');
  const { modal, message } = App.useApp();
  const { unitId, units, setUnit } = useFusionUnit();
  const [params, setParams] = useSearchParams();
  const parsed = parseFilters(params);
  const filters: NeedFilters = { status: parsed.status, departmentId: parsed.departmentId, q: parsed.q };
  const needs = useNeeds(unitId, filters);
  const patch = usePatchNeed();
  const showError = useApiError();
  const [editing, setEditing] = useState<Editing>(null);
  const [closing, setClosing] = useState<Need | null>(null);
  const [exporting, setExporting] = useState(false);
  const set = (change: Partial<NeedFilters>) =>
    setParams(withFilters(params, { ...parsed, ...change }), { replace: true });
  const knownTags = useMemo(
    () => [...new Set((needs.data ?? []).flatMap((n) => n.tags))].sort(),
    [needs.data],
  );

  const reopen = (need: Need) =>
    modal.confirm({
      title: t('fusion.need.reopenTitle', { title: need.title }),
      content: t('fusion.need.reopenBody'),
      okText: t('fusion.need.reopen'),
      okButtonProps: { 'data-testid': 'need-reopen-confirm' },
      onOk: () =>
        patch
          .mutateAsync({ id: need.id, body: { status: 'open', version: need.version } })
          .then(() => message.success(t('fusion.need.reopened')))
          .catch((err: unknown) => showError(err)),
    });

  const columns: Column<Need>[] = [
    {
      key: 'title',
      title: t('fusion.need.titleField'),
      primary: true,
      render: (n) => (
        <Space orientation="vertical" size={0} style={{ maxWidth: 360 }}>
          <span>
            {n.urgency !== 'normal' && (
              <Tag color={URGENCY_COLOUR[n.urgency]}>{label(URGENCY_LABELS[n.urgency])}</Tag>
            )}
            <Typography.Text strong data-testid="need-title-cell">
              {n.title}
            </Typography.Text>
          </span>
          <Typography.Text type="secondary" style={{ fontSize: 12 }} ellipsis={{ tooltip: n.problem }}>
            {n.problem}
          </Typography.Text>
        </Space>
      ),
    },
    {
      key: 'department',
      title: t('fusion.need.department'),
      render: (n) => (
        <Space orientation="vertical" size={0}>
          <span>{n.departmentName}</span>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('fusion.need.raisedLine', { by: n.raisedBy, on: n.raisedOn })}
          </Typography.Text>
        </Space>
      ),
    },
    {
      key: 'status',
      title: t('fusion.status'),
      render: (n) => (
        <Space orientation="vertical" size={0} style={{ maxWidth: 200 }}>
          <Tag color={NEED_STATUS_COLOUR[n.status]} data-testid="need-status">
            {label(NEED_STATUS_LABELS[n.status])}
          </Tag>
          {n.closedOn && (
            <Typography.Text
              type="secondary"
              style={{ fontSize: 12, maxWidth: 200 }}
              ellipsis={{ tooltip: n.closedReason ?? undefined }}
            >
              {[n.closedOn, n.closedReason].filter(Boolean).join(' ')}
            </Typography.Text>
          )}
        </Space>
      ),
    },
    { key: 'kpi', title: t('fusion.need.kpiName'), render: (n) => n.kpiName ?? '—' },
    {
      key: 'tags',
      title: t('fusion.tags'),
      render: (n) => <KeywordTags tags={n.tags} />,
    },
    {
      key: 'projects',
      title: t('fusion.need.projects'),
      render: (n) =>
        n.projects.length === 0 ? (
          '—'
        ) : (
          <Space orientation="vertical" size={0}>
            {n.projects.map((p) => (
              <Space key={p.id} size={4}>
                <Link to={`/fusion/projects/${p.id}`} onClick={stopRowClick}>
                  {p.title}
                </Link>
                {p.stage in STAGE_LABEL && (
                  <Tag color={STAGE_COLOUR[p.stage as keyof typeof STAGE_COLOUR]}>
                    {t(STAGE_LABEL[p.stage as keyof typeof STAGE_LABEL])}
                  </Tag>
                )}
              </Space>
            ))}
          </Space>
        ),
    },
    ...(mayManage
      ? [
          {
            key: 'actions',
            title: t('common.actions'),
            actions: true,
            render: (n: Need) => (
              <Space size={0} onClick={stopRowClick}>
                <Button
                  type="link"
                  size="small"
                  onClick={() => setEditing({ need: n })}
                  data-testid="need-edit"
                >
                  {t('common.edit')}
                </Button>
                {n.status === 'closed' ? (
                  <Button type="link" size="small" onClick={() => reopen(n)} data-testid="need-reopen">
                    {t('fusion.need.reopen')}
                  </Button>
                ) : (
                  n.status === 'open' && (
                    <Button
                      type="link"
                      size="small"
                      danger
                      onClick={() => setClosing(n)}
                      data-testid="need-close"
                    >
                      {t('fusion.need.close')}
                    </Button>
                  )
                )}
              </Space>
            ),
          },
        ]
      : []),
  ];

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="needs-page">
      <Card
        title={t('fusion.needs.title')}
        extra={
          <Space wrap>
            <UnitPicker unitId={unitId} units={units} onChange={setUnit} />
            {mayManage && unitId && (
              <Button
                type="primary"
                icon={<PlusOutlined />}
                onClick={() => setEditing({ need: null })}
                data-testid="need-new"
              >
                {t('fusion.need.new')}
              </Button>
            )}
          </Space>
        }
      >
        <Typography.Paragraph type="secondary" style={{ marginTop: 0 }}>
          {t('fusion.needs.intro')}
        </Typography.Paragraph>
        <div
          style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(180px, 1fr))', gap: 8 }}
        >
          <Select
            allowClear
            value={filters.status}
            placeholder={t('fusion.allStatuses')}
            options={NEED_STATUSES.map((s) => ({ value: s, label: label(NEED_STATUS_LABELS[s]) }))}
            onChange={(status) => set({ status: status ?? undefined })}
            data-testid="needs-filter-status"
          />
          <DepartmentTreeSelect
            unitId={unitId}
            value={filters.departmentId ?? null}
            onChange={(departmentId) => set({ departmentId: departmentId ?? undefined })}
            placeholder={t('fusion.allDepartments')}
            data-testid="needs-filter-department"
          />
          <Input.Search
            allowClear
            defaultValue={filters.q}
            placeholder={t('fusion.needs.search')}
            onSearch={(q) => set({ q: q.trim() || undefined })}
            data-testid="needs-search"
          />
          <Button
            icon={<DownloadOutlined />}
            loading={exporting}
            disabled={!unitId}
            onClick={() => {
              if (!unitId) return;
              setExporting(true);
              downloadNeeds(unitId, filters)
                .catch((err: unknown) => showError(err))
                .finally(() => setExporting(false));
            }}
            data-testid="needs-export"
          >
            {t('fusion.export')}
          </Button>
          {mayManage && <ImportButton list="needs" unitId={unitId} />}
        </div>
      </Card>
      <Card styles={{ body: { padding: 0 } }}>
        {needs.isError ? (
          <QueryError error={needs.error} onRetry={() => void needs.refetch()} />
        ) : (
          <ResponsiveTable<Need>
            rowKey={(n) => n.id}
            columns={columns}
            dataSource={needs.data ?? []}
            loading={needs.isFetching}
            emptyText={mayManage ? t('fusion.needs.emptyManage') : t('fusion.needs.empty')}
            data-testid="needs-table"
          />
        )}
      </Card>
      {editing && unitId && (
        <NeedDialog
          unitId={unitId}
          need={editing.need}
          knownTags={knownTags}
          onClose={() => setEditing(null)}
        />
      )}
      {closing && <CloseNeedDialog need={closing} onClose={() => setClosing(null)} />}
    </Space>
  );
}
