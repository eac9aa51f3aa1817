import { SearchOutlined } from '@ant-design/icons';
import { Empty, Input, Space, Switch, Tag, Tree, type TreeDataNode, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { PARTY_ORG_KIND_LABELS, type PartyOrg } from '#contracts/org';
import { buildForest, filterForest, forestIds, mapForest } from '../../components/tree-utils.ts';
import { useLabel, useT } from '../../i18n/i18n.tsx';
import { compareOrgs } from './org-api.ts';

export function OrgTitle({ org }: { org: PartyOrg }) {
  const t = useT();
  const label = useLabel();
  const closed = org.status === 'closed';
  return (
    <span data-testid={`org-node-${org.code}`} style={closed ? { color: '#aaa' } : undefined}>
      <span style={closed ? { textDecoration: 'line-through' } : undefined}>{org.name}</span>{' '}
      <Tag color={closed ? 'default' : 'red'} style={{ marginInlineEnd: 4 }}>
        {label(PARTY_ORG_KIND_LABELS[org.kind])}
      </Tag>
      {org.isTemporary && (
        <Tag color="orange" style={{ marginInlineEnd: 4 }}>
          {t('org.temporary')}
          {org.tempStartOn ? ` ${org.tempStartOn}~${org.tempEndOn ?? ''}` : ''}
        </Tag>
      )}
      {closed && <Tag>{t('org.closedShort')}</Tag>}
      {org.memberTotal !== null && (
        <Typography.Text type="secondary" data-testid={`org-total-${org.code}`}>
          {t('org.memberTotalShort', { total: org.memberTotal })}
        </Typography.Text>
      )}
    </span>
  );
}

export function matchesOrg(org: PartyOrg, search: string): boolean {
  const needle = search.trim().toLowerCase();
  return !needle || org.name.toLowerCase().includes(needle) || org.code.toLowerCase().includes(needle);
}

type Props = {
  orgs: readonly PartyOrg[];
  selectedId: string | null;
  onSelect: (id: string) => void;
  showClosed: boolean;
  onShowClosedChange: (show: boolean) => void;
};

export function OrgTreePanel({ orgs, selectedId, onSelect, showClosed, onShowClosedChange }: Props) {
  const t = useT();
  const [search, setSearch] = useState('');
  const [expanded, setExpanded] = useState<string[] | null>(null);
  const forest = useMemo(
    () =>
      buildForest(
        orgs.filter((o) => showClosed || o.status !== 'closed'),
        compareOrgs,
      ),
    [orgs, showClosed],
  );
  const visible = useMemo(
    () => (search.trim() ? filterForest(forest, (o) => matchesOrg(o, search)) : forest),
    [forest, search],
  );
  const treeData = useMemo(
    () =>
      mapForest<PartyOrg, TreeDataNode>(visible, (org, children) => ({
        key: org.id,
        title: <OrgTitle org={org} />,
        ...(children ? { children } : {}),
      })),
    [visible],
  );
  // Searching opens everything that matched; otherwise the first two levels start open.
  const defaultExpanded = useMemo(
    () => forest.flatMap((root) => [root.item.id, ...root.children.map((c) => c.item.id)]),
    [forest],
  );
  const expandedKeys = search.trim() ? forestIds(visible) : (expanded ?? defaultExpanded);

  return (
    <Space orientation="vertical" size="small" style={{ width: '100%' }}>
      <Input
        allowClear
        prefix={<SearchOutlined />}
        placeholder={t('org.searchPlaceholder')}
        onChange={(e) => setSearch(e.target.value)}
        data-testid="org-tree-search"
      />
      <Space size="small">
        <Switch
          size="small"
          checked={showClosed}
          onChange={onShowClosedChange}
          data-testid="org-show-closed"
          aria-label={t('org.showClosed')}
        />
        <Typography.Text type="secondary">{t('org.showClosed')}</Typography.Text>
      </Space>
      <div data-testid="org-tree" style={{ maxHeight: '70vh', overflow: 'auto' }}>
        {treeData.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('common.noData')} />
        ) : (
          <Tree
            treeData={treeData}
            blockNode
            showLine={{ showLeafIcon: false }}
            selectedKeys={selectedId ? [selectedId] : []}
            expandedKeys={expandedKeys}
            onExpand={(keys) => setExpanded(keys.map(String))}
            onSelect={(keys) => {
              const [first] = keys;
              if (first !== undefined) onSelect(String(first));
            }}
          />
        )}
      </div>
    </Space>
  );
}
