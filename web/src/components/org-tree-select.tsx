import { TreeSelect } from 'antd';
import { type CSSProperties, useMemo } from 'react';
import type { PartyOrg } from '#contracts/org';
import { useT } from '../i18n/i18n.tsx';
import { compareOrgs, usePartyOrgs } from '../modules/org/org-api.ts';
import { buildForest, mapForest } from './tree-utils.ts';

type OrgOption = { value: string; title: string; disabled?: boolean; children?: OrgOption[] };

type Props = {
  value?: string | null;
  onChange?: (value: string | null) => void;
  includeClosed?: boolean;
  /** Nodes failing this stay visible (for orientation) but cannot be picked. */
  selectable?: (org: PartyOrg) => boolean;
  placeholder?: string;
  allowClear?: boolean;
  disabled?: boolean;
  style?: CSSProperties;
  'data-testid'?: string;
};

/** Picks one Party organisation from the tree the user may see. */
export function OrgTreeSelect({
  value,
  onChange,
  includeClosed = false,
  selectable,
  placeholder,
  allowClear = true,
  disabled,
  style,
  'data-testid': testId,
}: Props) {
  const t = useT();
  const orgs = usePartyOrgs(includeClosed);
  const treeData = useMemo(() => {
    const forest = buildForest(orgs.data ?? [], compareOrgs);
    return mapForest<PartyOrg, OrgOption>(forest, (org, children) => ({
      value: org.id,
      title: org.status === 'closed' ? `${org.name}（${t('org.closedShort')}）` : org.name,
      ...(selectable && !selectable(org) ? { disabled: true } : {}),
      ...(children ? { children } : {}),
    }));
  }, [orgs.data, selectable, t]);
  return (
    <TreeSelect<string | undefined, OrgOption>
      value={value ?? undefined}
      onChange={(next) => onChange?.(next ?? null)}
      treeData={treeData}
      showSearch={{ treeNodeFilterProp: 'title' }}
      allowClear={allowClear}
      disabled={disabled}
      loading={orgs.isFetching}
      placeholder={placeholder ?? t('org.pickOrg')}
      treeDefaultExpandedKeys={treeData.map((n) => n.value)}
      style={{ width: '100%', ...style }}
      data-testid={testId}
      notFoundContent={t('common.noData')}
    />
  );
}
