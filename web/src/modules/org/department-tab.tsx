import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Empty, Select, Space, Tag, Tree, type TreeDataNode } from 'antd';
import { useMemo, useState } from 'react';
import type { Department } from '#contracts/org';
import { DEPARTMENT_BADGES } from '../../app/org-panels.ts';
import { useCan } from '../../app/session.tsx';
import { QueryError } from '../../components/error-display.tsx';
import { buildForest, forestIds, mapForest } from '../../components/tree-utils.ts';
import { useT } from '../../i18n/i18n.tsx';
import { DepartmentModal } from './department-dialog.tsx';
import { compareOrgs, useDepartments, usePartyOrgs, useUnits } from './org-api.ts';

type Editing = { parentId: string | null; department: Department | null } | null;

/** The business side: each unit's departments, and which Party branches serve each one. */
export function DepartmentTab() {
  const t = useT();
  const can = useCan();
  const units = useUnits();
  const [chosenUnit, setChosenUnit] = useState<string | null>(null);
  const unitId = chosenUnit ?? units.data?.[0]?.id ?? null;
  const departments = useDepartments(unitId, !!unitId);
  const orgs = usePartyOrgs(true);
  const [editing, setEditing] = useState<Editing>(null);
  const writable = can('org.write');
  const badges = DEPARTMENT_BADGES.filter((b) => can(b.permission));

  const orgName = useMemo(() => new Map((orgs.data ?? []).map((o) => [o.id, o.name])), [orgs.data]);
  const forest = useMemo(() => buildForest(departments.data ?? [], compareOrgs), [departments.data]);
  const treeData = useMemo(
    () =>
      mapForest<Department, TreeDataNode>(forest, (d, children) => ({
        key: d.id,
        selectable: false,
        title: (
          <span
            data-testid={`dept-node-${d.code}`}
            style={d.status === 'closed' ? { color: '#aaa' } : undefined}
          >
            {d.name} <Tag style={{ marginInlineEnd: 4 }}>{t(`dept.${d.kind}`)}</Tag>
            {d.status === 'closed' && <Tag>{t('org.closedShort')}</Tag>}
            {d.partyOrgIds.map((id) => (
              <Tag key={id} color="red" style={{ marginInlineEnd: 4 }}>
                {orgName.get(id) ?? '…'}
              </Tag>
            ))}
            {badges.map(({ key, Badge }) => (
              <Badge key={key} department={d} />
            ))}
            {writable && (
              <>
                <Button
                  type="link"
                  size="small"
                  icon={<PlusOutlined />}
                  aria-label={t('dept.addChild')}
                  onClick={() => setEditing({ parentId: d.id, department: null })}
                />
                <Button
                  type="link"
                  size="small"
                  icon={<EditOutlined />}
                  aria-label={t('common.edit')}
                  onClick={() => setEditing({ parentId: d.parentId, department: d })}
                />
              </>
            )}
          </span>
        ),
        ...(children ? { children } : {}),
      })),
    [forest, orgName, t, writable, badges],
  );

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Space wrap>
        <Select
          style={{ minWidth: 220 }}
          value={unitId ?? undefined}
          onChange={setChosenUnit}
          loading={units.isFetching}
          placeholder={t('org.unit')}
          options={(units.data ?? []).map((u) => ({ value: u.id, label: u.name }))}
          data-testid="dept-unit-select"
        />
        {writable && unitId && (
          <Button icon={<PlusOutlined />} onClick={() => setEditing({ parentId: null, department: null })}>
            {t('dept.add')}
          </Button>
        )}
      </Space>
      {units.isError && <QueryError error={units.error} onRetry={() => void units.refetch()} />}
      {departments.isError && (
        <QueryError error={departments.error} onRetry={() => void departments.refetch()} />
      )}
      <div data-testid="department-tree">
        {treeData.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('common.noData')} />
        ) : (
          <Tree
            treeData={treeData}
            blockNode
            showLine={{ showLeafIcon: false }}
            expandedKeys={forestIds(forest)}
          />
        )}
      </div>
      {editing && unitId && (
        <DepartmentModal
          unitId={unitId}
          parentId={editing.parentId}
          department={editing.department}
          onClose={() => setEditing(null)}
        />
      )}
    </Space>
  );
}
