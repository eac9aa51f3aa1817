import { CalculatorOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import type { Cycle } from '#contracts/assessment';
import { QueryError, useApiError } from '../../components/error-display.tsx';
import { useT } from '../../i18n/i18n.tsx';
import { UnitPicker, useFusionUnit } from '../fusion/fusion-unit.tsx';
import { type Column, ResponsiveTable, stopRowClick } from '../responsibility/lists-responsive.tsx';
import { useComputeCycle, useCycles } from './assessment-api.ts';
import { periodLabel } from './assessment-logic.ts';
import { BulletinButton } from './bulletin-button.tsx';
import { CycleCreateDialog } from './cycle-dialog.tsx';

// 考核: the organ's cycles, each one edition of a system applied to the organ's branches for a period; 计算 takes
// the figures from the records already in the platform (again, when records came in late), and a cycle opens on its
// ranked results. Like the systems' list, the writes are offered to every reader and a refusal shows the server's.

const when = (iso: string | null) => (iso ? iso.slice(0, 16).replace('T', ' ') : null);

export function CyclesPage() {
  const t = useT();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const { unitId, units, setUnit } = useFusionUnit();
  const cycles = useCycles(unitId);
  const compute = useComputeCycle();
  const showError = useApiError();
  const [creating, setCreating] = useState(false);

  const run = (c: Cycle) =>
    compute.mutate(c.id, {
      onSuccess: (done) => message.success(t('assessment.cycles.computed', { name: done.name })),
      onError: (err) => showError(err),
    });

  const columns: Column<Cycle>[] = [
    {
      key: 'name',
      title: t('assessment.cycle.name'),
      primary: true,
      render: (c) => (
        <Link to={`/assessment/cycles/${c.id}`} onClick={stopRowClick} data-testid="cycle-link">
          {c.name}
        </Link>
      ),
    },
    {
      key: 'period',
      title: t('assessment.cycles.period'),
      render: (c) => (
        <Space orientation="vertical" size={0}>
          <span>{periodLabel(c.periodKind, c.periodKey)}</span>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {c.startsOn} ~ {c.endsOn}
          </Typography.Text>
        </Space>
      ),
    },
    {
      key: 'system',
      title: t('assessment.cycles.system'),
      render: (c) => `${c.systemName}（${t('assessment.edition', { n: c.systemEdition })}）`,
    },
    {
      key: 'computed',
      title: t('assessment.cycles.computedAt'),
      render: (c) =>
        c.computedAt ? (
          <span data-testid="cycle-computed-at">{when(c.computedAt)}</span>
        ) : (
          <Typography.Text type="secondary">{t('assessment.cycles.notComputed')}</Typography.Text>
        ),
    },
    {
      key: 'subjects',
      title: t('assessment.cycles.subjects'),
      render: (c) => t('assessment.cycles.subjectsCount', { n: c.subjects }),
    },
    {
      key: 'actions',
      title: t('common.actions'),
      actions: true,
      render: (c) => (
        <Space wrap size={4}>
          {c.computedAt && <BulletinButton cycle={c} />}
          {c.status === 'closed' ? (
            <Tag>{t('assessment.cycles.closed')}</Tag>
          ) : (
            <Button
              size="small"
              icon={<CalculatorOutlined />}
              loading={compute.isPending && compute.variables === c.id}
              onClick={(e) => {
                stopRowClick(e);
                run(c);
              }}
              data-testid="cycle-compute"
            >
              {c.computedAt ? t('assessment.cycles.recompute') : t('assessment.cycles.compute')}
            </Button>
          )}
        </Space>
      ),
    },
  ];

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="cycles-page">
      <Card
        title={t('assessment.cycles.title')}
        extra={
          <Space wrap>
            <UnitPicker unitId={unitId} units={units} onChange={setUnit} />
            {unitId && (
              <Button icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="cycle-new">
                {t('assessment.cycle.new')}
              </Button>
            )}
          </Space>
        }
      >
        <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
          {t('assessment.cycles.intro')}
        </Typography.Paragraph>
      </Card>
      <Card styles={{ body: { padding: 0 } }}>
        {cycles.isError ? (
          <QueryError error={cycles.error} onRetry={() => void cycles.refetch()} />
        ) : (
          <ResponsiveTable<Cycle>
            rowKey={(c) => c.id}
            columns={columns}
            dataSource={cycles.data ?? []}
            loading={cycles.isFetching}
            onRowClick={(c) => navigate(`/assessment/cycles/${c.id}`)}
            emptyText={t('assessment.cycles.empty')}
            data-testid="cycles-table"
          />
        )}
      </Card>
      {creating && unitId && <CycleCreateDialog unitId={unitId} onClose={() => setCreating(false)} />}
    </Space>
  );
}
