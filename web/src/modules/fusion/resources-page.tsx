import { DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Input, Select, Space, Tabs, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { RESOURCE_KIND_LABELS, RESOURCE_KINDS, type Resource } from '#contracts/fusion';
import { useCan } from '../../app/session.tsx';
import { QueryError, useApiError } from '../../components/error-display.tsx';
import { OrgTreeSelect } from '../../components/org-tree-select.tsx';
import { useLabel, useT } from '../../i18n/i18n.tsx';
import { type Column, ResponsiveTable, stopRowClick } from '../responsibility/lists-responsive.tsx';
import { downloadResources, type ResourceFilters, usePatchResource, useResources } from './fusion-api.ts';
import { ImportButton } from './fusion-import.tsx';
import { KIND_COLOUR } from './fusion-labels.ts';
import { freeSlots, type ListFilters, parseFilters, withFilters } from './fusion-logic.ts';
import { KeywordTags } from './fusion-tags.tsx';
import { UnitPicker, useFusionUnit } from './fusion-unit.tsx';
import { PartnersPanel } from './partners-panel.tsx';
import { ResourceDialog } from './resource-dialog.tsx';

// 资源清单: what the branches, their members and the partner organisations can bring, by branch, with how many
// projects each can take on and how many it serves now; and the organ's partner organisations (共建单位).

export function ResourcesPage() {
  const t = useT();
  const label = useLabel();
  const mayEdit = useCan()('fusion.project');
  const { modal } = App.useApp();
  const { unitId, units, setUnit } = useFusionUnit();
  const [params, setParams] = useSearchParams();
  const parsed = parseFilters(params);
  const tab = params.get('tab') === 'partners' ? 'partners' : 'resources';
  const showRetired = params.get('retired') === '1';
  const filters: ResourceFilters = {
    partyOrgId: parsed.partyOrgId,
    kind: parsed.kind,
    q: parsed.q,
    status: showRetired ? undefined : 'active',
  };
  const resources = useResources(unitId, filters);
  const patch = usePatchResource();
  const showError = useApiError();
  const [editing, setEditing] = useState<{ resource: Resource | null } | null>(null);
  const [exporting, setExporting] = useState(false);
  const set = (change: Pick<ListFilters, 'partyOrgId' | 'kind' | 'q'>) =>
    setParams(withFilters(params, { ...parsed, ...change }), { replace: true });
  const setParam = (key: string, value: string | null) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };
  const knownTags = useMemo(
    () => [...new Set((resources.data ?? []).flatMap((r) => r.tags))].sort(),
    [resources.data],
  );
  // By branch, as the officers read the list: each branch's resources together.
  const rows = useMemo(
    () =>
      [...(resources.data ?? [])].sort(
        (a, b) =>
          a.partyOrgName.localeCompare(b.partyOrgName, 'zh-CN') || a.title.localeCompare(b.title, 'zh-CN'),
      ),
    [resources.data],
  );

  const retire = (r: Resource) =>
    modal.confirm({
      title: t('fusion.resource.retireTitle', { title: r.title }),
      content: t('fusion.resource.retireBody'),
      okText: t('fusion.resource.retire'),
      okButtonProps: { danger: true, 'data-testid': 'resource-retire-confirm' },
      onOk: () =>
        patch
          .mutateAsync({ id: r.id, body: { status: 'retired', version: r.version } })
          .catch((err: unknown) => showError(err)),
    });

  const columns: Column<Resource>[] = [
    {
      key: 'title',
      title: t('fusion.resource.titleField'),
      primary: true,
      render: (r) => (
        <Space orientation="vertical" size={0} style={{ maxWidth: 320 }}>
          <Space size={4} wrap>
            <Tag color={KIND_COLOUR[r.kind]}>{label(RESOURCE_KIND_LABELS[r.kind])}</Tag>
            <Typography.Text strong>{r.title}</Typography.Text>
            {r.status === 'retired' && <Tag>{t('fusion.resource.retired')}</Tag>}
          </Space>
          {r.description && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }} ellipsis={{ tooltip: r.description }}>
              {r.description}
            </Typography.Text>
          )}
        </Space>
      ),
    },
    {
      key: 'branch',
      title: t('fusion.resource.branchWho'),
      render: (r) => (
        <Space orientation="vertical" size={0} style={{ maxWidth: 260 }}>
          <span>{r.partyOrgName}</span>
          {(r.memberName ?? r.partnerOrgName) && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {r.memberName ?? r.partnerOrgName}
            </Typography.Text>
          )}
        </Space>
      ),
    },
    { key: 'tags', title: t('fusion.tags'), render: (r) => <KeywordTags tags={r.tags} /> },
    {
      key: 'capacity',
      title: t('fusion.resource.inUse'),
      render: (r) => (
        <Typography.Text type={freeSlots(r) === 0 ? 'warning' : undefined} data-testid="resource-use">
          {t('fusion.resource.useOf', { used: r.inUse, capacity: r.capacity })}
        </Typography.Text>
      ),
    },
    ...(mayEdit
      ? [
          {
            key: 'actions',
            title: t('common.actions'),
            actions: true,
            render: (r: Resource) => (
              <Space size={0} onClick={stopRowClick}>
                <Button type="link" size="small" onClick={() => setEditing({ resource: r })}>
                  {t('common.edit')}
                </Button>
                {r.status === 'active' ? (
                  <Button
                    type="link"
                    size="small"
                    danger
                    onClick={() => retire(r)}
                    data-testid="resource-retire"
                  >
                    {t('fusion.resource.retire')}
                  </Button>
                ) : (
                  <Button
                    type="link"
                    size="small"
                    onClick={() =>
                      patch.mutate(
                        { id: r.id, body: { status: 'active', version: r.version } },
                        { onError: (err) => showError(err) },
                      )
                    }
                  >
                    {t('fusion.resource.restore')}
                  </Button>
                )}
              </Space>
            ),
          },
        ]
      : []),
  ];

  const list = (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <div style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(180px, 1fr))', gap: 8 }}>
        <OrgTreeSelect
          value={filters.partyOrgId ?? null}
          onChange={(partyOrgId) => set({ partyOrgId: partyOrgId ?? undefined })}
          placeholder={t('fusion.allBranches')}
          data-testid="resources-filter-branch"
        />
        <Select
          allowClear
          value={filters.kind}
          placeholder={t('fusion.resource.allKinds')}
          options={RESOURCE_KINDS.map((k) => ({ value: k, label: label(RESOURCE_KIND_LABELS[k]) }))}
          onChange={(kind) => set({ kind: kind ?? undefined })}
          data-testid="resources-filter-kind"
        />
        <Select
          value={showRetired ? '1' : '0'}
          options={[
            { value: '0', label: t('fusion.resource.activeOnly') },
            { value: '1', label: t('fusion.resource.withRetired') },
          ]}
          onChange={(v) => setParam('retired', v === '1' ? '1' : null)}
        />
        <Input.Search
          allowClear
          defaultValue={filters.q}
          placeholder={t('fusion.resources.search')}
          onSearch={(q) => set({ q: q.trim() || undefined })}
        />
        <Button
          icon={<DownloadOutlined />}
          loading={exporting}
          disabled={!unitId}
          onClick={() => {
            if (!unitId) return;
            setExporting(true);
            downloadResources(unitId, filters)
              .catch((err: unknown) => showError(err))
              .finally(() => setExporting(false));
          }}
          data-testid="resources-export"
        >
          {t('fusion.export')}
        </Button>
        {mayEdit && <ImportButton list="resources" unitId={unitId} />}
      </div>
      {resources.isError ? (
        <QueryError error={resources.error} onRetry={() => void resources.refetch()} />
      ) : (
        <ResponsiveTable<Resource>
          rowKey={(r) => r.id}
          columns={columns}
          dataSource={rows}
          loading={resources.isFetching}
          emptyText={mayEdit ? t('fusion.resources.emptyEdit') : t('fusion.resources.empty')}
          rowStyle={(r) => (r.status === 'retired' ? { opacity: 0.6 } : undefined)}
          data-testid="resources-table"
        />
      )}
    </Space>
  );

  return (
    <Card
      title={t('fusion.resources.title')}
      data-testid="resources-page"
      extra={
        <Space wrap>
          <UnitPicker unitId={unitId} units={units} onChange={setUnit} />
          {mayEdit && unitId && tab === 'resources' && (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setEditing({ resource: null })}
              data-testid="resource-new"
            >
              {t('fusion.resource.new')}
            </Button>
          )}
        </Space>
      }
    >
      <Tabs
        activeKey={tab}
        onChange={(key) => setParam('tab', key === 'partners' ? 'partners' : null)}
        items={[
          { key: 'resources', label: t('fusion.resources.tab'), children: list },
          { key: 'partners', label: t('fusion.partner.tab'), children: <PartnersPanel unitId={unitId} /> },
        ]}
        data-testid="resources-tabs"
      />
      {editing && unitId && (
        <ResourceDialog
          unitId={unitId}
          resource={editing.resource}
          knownTags={knownTags}
          onClose={() => setEditing(null)}
        />
      )}
    </Card>
  );
}
