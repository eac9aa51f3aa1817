import { PlusOutlined } from '@ant-design/icons';
import { Button, Empty, Flex, Segmented, Table, type TableColumnsType, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import {
  DEVELOPMENT_STAGE_LABELS,
  DEVELOPMENT_STAGES,
  type DevelopmentPerson,
  type DevelopmentStage,
  PROBATION_REMINDER_DAYS,
} from '#contracts/branch-development';
import { useCan } from '../../app/session.tsx';
import { today } from '../../components/dates.ts';
import { QueryError } from '../../components/error-display.tsx';
import { OrgTreeSelect } from '../../components/org-tree-select.tsx';
import { useLabel, useT } from '../../i18n/i18n.tsx';
import { useDevelopmentList } from './development-api.ts';
import { CreateDevelopmentDialog, DevelopmentDrawer } from './development-form.tsx';
import { useHomeBranch } from './dues-parts.tsx';

// 发展党员: a branch's register — who is at which stage, what may come next and from when, probationary years about
// to end — opened on the secretary's branch, or on the person the daily reminder links to (?partyOrgId=…&person=…).

const STAGE_COLOUR: Record<DevelopmentStage, string> = {
  applicant: 'default',
  activist: 'blue',
  candidate: 'purple',
  probationary: 'orange',
  full: 'red',
};

function useNextStep(): (p: DevelopmentPerson) => string {
  const t = useT();
  return (p) => {
    if (p.stage === 'full') return t('dev.next.done');
    if (p.stage === 'probationary') return t('dev.next.full', { date: p.probationEndsOn ?? '' });
    if (p.stage === 'candidate') return t('dev.next.probationary', { date: p.earliest.probationaryOn ?? '' });
    if (p.stage === 'activist') return t('dev.next.candidate', { date: p.earliest.candidateOn ?? '' });
    return t('dev.next.activist', { date: p.earliest.activistOn ?? '' });
  };
}

function ProbationTag({ person }: { person: DevelopmentPerson }) {
  const t = useT();
  if (!person.probationEndsOn) return null;
  const days = dayjs(person.probationEndsOn).diff(today(), 'day');
  if (days <= 0) return <Tag color="red">{t('dev.probationOver')}</Tag>;
  if (days <= PROBATION_REMINDER_DAYS) return <Tag color="orange">{t('dev.probationSoon')}</Tag>;
  return null;
}

export function DevelopmentPage() {
  const t = useT();
  const label = useLabel();
  const can = useCan();
  const home = useHomeBranch();
  const nextStep = useNextStep();
  const [params, setParams] = useSearchParams();
  const partyOrgId = params.get('partyOrgId') ?? home;
  const open = params.get('person');
  const [stage, setStage] = useState<DevelopmentStage | null>(null);
  const [creating, setCreating] = useState(false);
  const list = useDevelopmentList(partyOrgId, stage);
  const people = list.data ?? [];
  const setParam = (key: string, value: string | null) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: key === 'partyOrgId' });
  };

  const columns: TableColumnsType<DevelopmentPerson> = [
    {
      title: t('dev.col.name'),
      dataIndex: 'name',
      render: (name: string, p) => (
        <Typography.Link onClick={() => setParam('person', p.id)} data-testid="dev-open">
          {name}
        </Typography.Link>
      ),
    },
    {
      title: t('dev.col.stage'),
      dataIndex: 'stage',
      render: (s: DevelopmentStage, p) => (
        <Flex gap={4} wrap>
          <Tag color={STAGE_COLOUR[s]}>{label(DEVELOPMENT_STAGE_LABELS[s])}</Tag>
          <ProbationTag person={p} />
        </Flex>
      ),
    },
    { title: t('dev.col.birth'), dataIndex: 'birthMonth', responsive: ['md'] },
    { title: t('dev.col.next'), key: 'next', render: (_: unknown, p) => nextStep(p) },
  ];

  return (
    <Flex vertical gap={16}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('dev.title')}
        </Typography.Title>
        <Flex gap={8} wrap>
          <div style={{ width: 240 }}>
            <OrgTreeSelect
              value={partyOrgId}
              onChange={(id) => setParam('partyOrgId', id)}
              placeholder={t('dev.pickOrg')}
              allowClear={false}
            />
          </div>
          {can('development.manage') && (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setCreating(true)}
              data-testid="dev-add"
            >
              {t('dev.add')}
            </Button>
          )}
        </Flex>
      </Flex>
      {!partyOrgId ? (
        <Empty description={t('dev.pickOrgHint')} />
      ) : (
        <>
          <Segmented<DevelopmentStage | 'all'>
            value={stage ?? 'all'}
            onChange={(v) => setStage(v === 'all' ? null : v)}
            options={[
              { value: 'all', label: t('dev.allStages') },
              ...DEVELOPMENT_STAGES.map((s) => ({ value: s, label: label(DEVELOPMENT_STAGE_LABELS[s]) })),
            ]}
            style={{ overflowX: 'auto', maxWidth: '100%' }}
          />
          {list.error && <QueryError error={list.error} onRetry={() => list.refetch()} />}
          <Table<DevelopmentPerson>
            size="small"
            rowKey="id"
            loading={list.isLoading}
            dataSource={people}
            columns={columns}
            pagination={people.length > 30 ? { pageSize: 30 } : false}
            locale={{ emptyText: <Empty description={t('dev.empty')} /> }}
            data-testid="dev-list"
          />
        </>
      )}
      <DevelopmentDrawer
        person={people.find((p) => p.id === open) ?? null}
        onClose={() => setParam('person', null)}
      />
      {creating && <CreateDevelopmentDialog partyOrgId={partyOrgId} onClose={() => setCreating(false)} />}
    </Flex>
  );
}
