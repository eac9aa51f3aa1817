import { Alert, Card, Space, Tabs, Typography } from 'antd';
import { useSearchParams } from 'react-router-dom';
import { useCan } from '../../app/session.tsx';
import { useT } from '../../i18n/i18n.tsx';
import { UnitPicker, useFusionUnit } from '../fusion/fusion-unit.tsx';
import { KpiCatalogue } from './kpi-catalogue.tsx';
import { KpiImport } from './kpi-import.tsx';
import { KpiTokens } from './kpi-tokens.tsx';
import { KpiValues } from './kpi-values.tsx';

// 业务指标: the catalogue, the values by period and department, the import wizard and the push tokens. Readers of the
// organ's assessments see the catalogue and the values; the import and the tokens are the committee's
// (assessment.run), whose tabs others do not see. A score's drill-down links here with ?period=…&kpiCode=….

export function KpiPage() {
  const t = useT();
  const can = useCan();
  const [params] = useSearchParams();
  const { unitId, units, setUnit } = useFusionUnit();
  const canRun = can('assessment.run');
  const fromScore = params.get('period') ?? undefined;
  const items = unitId
    ? [
        {
          key: 'values',
          label: t('assessment.kpi.tab.values'),
          children: (
            <KpiValues
              key={unitId}
              unitId={unitId}
              initial={{ period: fromScore, kpiCode: params.get('kpiCode') ?? undefined }}
            />
          ),
        },
        {
          key: 'catalogue',
          label: t('assessment.kpi.tab.catalogue'),
          children: <KpiCatalogue unitId={unitId} canRun={canRun} />,
        },
        ...(canRun
          ? [
              {
                key: 'import',
                label: t('assessment.kpi.tab.import'),
                children: <KpiImport key={unitId} unitId={unitId} />,
              },
              {
                key: 'tokens',
                label: t('assessment.kpi.tab.tokens'),
                children: <KpiTokens unitId={unitId} />,
              },
            ]
          : []),
      ]
    : [];
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="kpi-page">
      <Card
        title={t('assessment.kpi.title')}
        extra={<UnitPicker unitId={unitId} units={units} onChange={setUnit} />}
      >
        <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
          {t('assessment.kpi.intro')}
        </Typography.Paragraph>
        {!canRun && (
          <Alert type="info" showIcon style={{ marginTop: 12 }} title={t('assessment.kpi.onlyOfficers')} />
        )}
      </Card>
      <Card>
        <Tabs defaultActiveKey="values" items={items} />
      </Card>
    </Space>
  );
}
