import { TreeSelect } from 'antd';
import { useMemo } from 'react';
import type { Department } from '#contracts/org';
import { useT } from '../i18n/i18n.tsx';
import { compareOrgs, useDepartments, useUnits } from '../modules/org/org-api.ts';
import { buildForest, mapForest } from './tree-utils.ts';

type DeptOption = {
  value: string;
  title: string;
  disabled?: boolean;
  selectable?: boolean;
  checkable?: boolean;
  children?: DeptOption[];
};

/** Department forest as select options; without a unit, each unit becomes an unselectable heading. */
export function useDepartmentOptions(unitId: string | null | undefined): {
  options: DeptOption[];
  loading: boolean;
  departments: Department[];
} {
  const t = useT();
  const departments = useDepartments(unitId);
  const units = useUnits();
  const options = useMemo(() => {
    const list = departments.data ?? [];
    const toOptions = (items: Department[]) =>
      mapForest<Department, DeptOption>(buildForest(items, compareOrgs), (d, children) => ({
        value: d.id,
        title: d.status === 'closed' ? `${d.name}（${t('org.closedShort')}）` : d.name,
        ...(children ? { children } : {}),
      }));
    const unitIds = [...new Set(list.map((d) => d.unitId))];
    if (unitId || unitIds.length <= 1) return toOptions(list);
    return unitIds.map((id) => ({
      value: `unit:${id}`,
      title: units.data?.find((u) => u.id === id)?.name ?? t('org.unit'),
      selectable: false,
      checkable: false,
      children: toOptions(list.filter((d) => d.unitId === id)),
    }));
  }, [departments.data, units.data, unitId, t]);
  return { options, loading: departments.isFetching, departments: departments.data ?? [] };
}

type SingleProps = {
  unitId?: string | null;
  value?: string | null;
  onChange?: (value: string | null) => void;
  placeholder?: string;
  'data-testid'?: string;
};

export function DepartmentTreeSelect({
  unitId,
  value,
  onChange,
  placeholder,
  'data-testid': testId,
}: SingleProps) {
  const t = useT();
  const { options, loading } = useDepartmentOptions(unitId);
  return (
    <TreeSelect<string | undefined, DeptOption>
      value={value ?? undefined}
      onChange={(next) => onChange?.(next ?? null)}
      treeData={options}
      showSearch={{ treeNodeFilterProp: 'title' }}
      allowClear
      loading={loading}
      placeholder={placeholder ?? t('org.pickDepartment')}
      style={{ width: '100%' }}
      data-testid={testId}
      notFoundContent={t('common.noData')}
    />
  );
}

type MultiProps = {
  unitId?: string | null;
  value?: string[];
  onChange?: (value: string[]) => void;
  'data-testid'?: string;
};

/** For the sections a branch serves (支部建在科上). */
export function DepartmentMultiSelect({ unitId, value, onChange, 'data-testid': testId }: MultiProps) {
  const t = useT();
  const { options, loading } = useDepartmentOptions(unitId);
  return (
    <TreeSelect<string[], DeptOption>
      multiple
      value={value ?? []}
      onChange={(next) => onChange?.(next ?? [])}
      treeData={options}
      showSearch={{ treeNodeFilterProp: 'title' }}
      allowClear
      treeDefaultExpandAll
      loading={loading}
      placeholder={t('org.pickDepartments')}
      style={{ width: '100%' }}
      data-testid={testId}
      notFoundContent={t('common.noData')}
    />
  );
}
