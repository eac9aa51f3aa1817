import { EditOutlined } from '@ant-design/icons';
import { Badge, Button, Card, Empty, List, Space, Tabs, Tag, Typography } from 'antd';
import { useState } from 'react';
import { CASE_STATUS_LABELS, type ShowcaseCase } from '#contracts/fusion-brand';
import { useCan } from '../../app/session.tsx';
import { QueryError } from '../../components/error-display.tsx';
import { useLabel, useT } from '../../i18n/i18n.tsx';
import { casesByStatus } from './brand-logic.ts';
import { CaseCreateDialog } from './case-dialogs.tsx';
import { CaseDrawer } from './case-drawer.tsx';
import { useCases } from './fusion-brand-api.ts';
import { CASE_STATUS_COLOUR } from './fusion-labels.ts';
import { UnitPicker, useFusionUnit } from './fusion-unit.tsx';

// 典型案例: the organ's cases by where they stand — awaiting review first, then returned, drafts, published — each
// opened in a drawer with its steps; a branch writes a new one from an accepted project or from its brand.

export function CaseLine({ item, onOpen }: { item: ShowcaseCase; onOpen: () => void }) {
  const t = useT();
  const label = useLabel();
  return (
    <List.Item onClick={onOpen} style={{ cursor: 'pointer' }} data-testid="case-item">
      <Space orientation="vertical" size={0} style={{ minWidth: 0 }}>
        <Space size={4} wrap>
          <Typography.Link data-testid="case-link">{item.title}</Typography.Link>
          <Tag color={CASE_STATUS_COLOUR[item.status]}>{label(CASE_STATUS_LABELS[item.status])}</Tag>
          {item.committeeSelected && <Tag color="gold">{t('fusion.case.selectedTag')}</Tag>}
        </Space>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {[item.partyOrgName, item.projectTitle ?? item.brandName, item.publishedOn]
            .filter(Boolean)
            .join(' · ')}
        </Typography.Text>
      </Space>
    </List.Item>
  );
}

export function CasesPage() {
  const t = useT();
  const label = useLabel();
  const mayWrite = useCan()('fusion.project');
  const { unitId, units, setUnit } = useFusionUnit();
  const cases = useCases(unitId);
  const [openId, setOpenId] = useState<string | null>(null);
  const [writing, setWriting] = useState(false);
  const groups = casesByStatus(cases.data ?? []);
  const open = cases.data?.find((c) => c.id === openId) ?? null;
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="cases-page">
      <Card
        title={t('fusion.cases.title')}
        extra={
          <Space wrap>
            <UnitPicker unitId={unitId} units={units} onChange={setUnit} />
            {mayWrite && unitId && (
              <Button icon={<EditOutlined />} onClick={() => setWriting(true)} data-testid="case-new">
                {t('fusion.case.new')}
              </Button>
            )}
          </Space>
        }
      >
        <Typography.Text type="secondary">{t('fusion.cases.intro')}</Typography.Text>
      </Card>
      <Card>
        {cases.isError ? (
          <QueryError error={cases.error} onRetry={() => void cases.refetch()} />
        ) : (
          <Tabs
            items={groups.map((g) => ({
              key: g.status,
              label: (
                <Space size={4}>
                  {label(CASE_STATUS_LABELS[g.status])}
                  <Badge count={g.cases.length} showZero color={g.cases.length ? undefined : '#d9d9d9'} />
                </Space>
              ),
              children: (
                <List
                  loading={cases.isFetching && !cases.data}
                  dataSource={g.cases}
                  locale={{ emptyText: <Empty description={t('fusion.cases.empty')} /> }}
                  renderItem={(c) => <CaseLine item={c} onOpen={() => setOpenId(c.id)} />}
                  data-testid={`cases-${g.status}`}
                />
              ),
            }))}
            data-testid="cases-tabs"
          />
        )}
      </Card>
      {writing && unitId && (
        <CaseCreateDialog
          unitId={unitId}
          onClose={() => setWriting(false)}
          onCreated={(c) => setOpenId(c.id)}
        />
      )}
      <CaseDrawer item={open} onClose={() => setOpenId(null)} />
    </Space>
  );
}
