import { Flex, Select, Tag } from 'antd';
import { useState } from 'react';
import { KPI_SOURCE_LABELS, type KpiValue } from '#contracts/assessment-kpi';
import { chinaYear } from '../../components/dates.ts';
import { QueryError } from '../../components/error-display.tsx';
import { useLabel, useT } from '../../i18n/i18n.tsx';
import { useDepartments } from '../org/org-api.ts';
import { type Column, ResponsiveTable } from '../responsibility/lists-responsive.tsx';
import { useKpis, useKpiValues } from './kpi-api.ts';
import { departmentLabels, kpiText, valuePeriods } from './kpi-logic.ts';

// 数值: what was imported or pushed, by period (a quarter lists its months too), KPI and department, with who
// reported each value and when. A link from a score's drill-down opens it on the period and KPI behind the score.

const when = (iso: string) => iso.slice(0, 16).replace('T', ' ');

export function KpiValues({
  unitId,
  initial,
}: {
  unitId: string;
  initial: { period?: string | undefined; kpiCode?: string | undefined };
}) {
  const t = useT();
  const label = useLabel();
  const year = chinaYear();
  const [period, setPeriod] = useState<string>(initial.period ?? String(year));
  const [kpiCode, setKpiCode] = useState<string | undefined>(initial.kpiCode);
  const [departmentId, setDepartmentId] = useState<string | undefined>();
  const kpis = useKpis(unitId);
  const departments = useDepartments(unitId);
  const values = useKpiValues(unitId, { period, kpiCode, departmentId });
  const named = departmentLabels(departments.data ?? []);
  const columns: Column<KpiValue>[] = [
    { key: 'kpi', title: t('assessment.kpi.name'), primary: true, render: (v) => v.kpiName },
    {
      key: 'department',
      title: t('assessment.kpi.department'),
      render: (v) => named.get(v.departmentId) ?? v.departmentName,
    },
    { key: 'period', title: t('assessment.kpi.period'), render: (v) => v.periodKey },
    { key: 'value', title: t('assessment.kpi.value'), render: (v) => kpiText(v.value, v.measureUnit) },
    {
      key: 'source',
      title: t('assessment.kpi.source'),
      render: (v) => (
        <Tag color={v.source === 'push' ? 'blue' : 'default'}>{label(KPI_SOURCE_LABELS[v.source])}</Tag>
      ),
    },
    {
      key: 'recorded',
      title: t('assessment.kpi.recorded'),
      render: (v) => `${v.recordedByName} ${when(v.recordedAt)}`,
    },
  ];
  return (
    <Flex vertical gap={12}>
      <Flex gap={8} wrap>
        <Select
          value={period}
          onChange={setPeriod}
          options={valuePeriods(year)}
          style={{ minWidth: 150 }}
          showSearch={{ optionFilterProp: 'label' }}
          data-testid="kpi-values-period"
        />
        <Select
          allowClear
          value={kpiCode}
          onChange={setKpiCode}
          placeholder={t('assessment.kpi.allKpis')}
          options={(kpis.data ?? []).map((k) => ({ value: k.code, label: k.name }))}
          style={{ minWidth: 160 }}
          showSearch={{ optionFilterProp: 'label' }}
          data-testid="kpi-values-kpi"
        />
        <Select
          allowClear
          value={departmentId}
          onChange={setDepartmentId}
          placeholder={t('assessment.kpi.allDepartments')}
          options={(departments.data ?? []).map((d) => ({ value: d.id, label: named.get(d.id) ?? d.name }))}
          style={{ minWidth: 160 }}
          showSearch={{ optionFilterProp: 'label' }}
          data-testid="kpi-values-department"
        />
      </Flex>
      {values.isError ? (
        <QueryError error={values.error} onRetry={() => void values.refetch()} />
      ) : (
        <ResponsiveTable<KpiValue>
          rowKey={(v) => v.id}
          columns={columns}
          dataSource={values.data ?? []}
          loading={values.isFetching}
          pageSize={20}
          emptyText={t('assessment.kpi.emptyValues')}
          data-testid="kpi-values"
        />
      )}
    </Flex>
  );
}
