import { CarryOutOutlined, ClockCircleOutlined, WarningOutlined } from '@ant-design/icons';
import { Card, List, Space, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import type { Session } from '#contracts/identity';
import { QueryError } from '../../components/error-display.tsx';
import { useT } from '../../i18n/i18n.tsx';
import { type DutyFilter, filterCount, topDuties } from './duty-logic.ts';
import { useMyDuties } from './responsibility-me-api.ts';

// The responsibility module's workbench cards (web/src/app/workbench.ts): one's duties counted, and the three most
// urgent due soon and overdue, each leading to 我的职责 with that filter. The three share one request.

const DUTIES = '/duties';
const withFilter = (filter: DutyFilter) => `${DUTIES}?filter=${filter}`;

function MyDutiesCard() {
  const t = useT();
  const duties = useMyDuties();
  const counts = duties.data?.counts;
  const tiles: { filter: Exclude<DutyFilter, 'all'>; label: string; colour: string }[] = [
    { filter: 'overdue', label: t('myDuties.countOverdue'), colour: '#cf1322' },
    { filter: 'due_soon', label: t('myDuties.countDueSoon'), colour: '#d46b08' },
    { filter: 'open', label: t('myDuties.countOpen'), colour: '#1d39c4' },
    { filter: 'done', label: t('myDuties.countDone'), colour: '#389e0d' },
  ];
  const approvals = duties.data?.approvals.length ?? 0;
  return (
    <Card
      loading={duties.isPending}
      data-testid="workbench-my-duties"
      title={
        <Space>
          <CarryOutOutlined />
          {t('myDuties.cardTitle')}
        </Space>
      }
      extra={<Link to={DUTIES}>{t('myDuties.cardViewAll')}</Link>}
    >
      {duties.isError ? (
        <QueryError error={duties.error} onRetry={() => void duties.refetch()} />
      ) : (
        counts && (
          <>
            <div style={{ display: 'grid', gridTemplateColumns: 'repeat(4, minmax(0, 1fr))', gap: 8 }}>
              {tiles.map((tile) => {
                const n = filterCount(counts, tile.filter);
                return (
                  <Link
                    key={tile.filter}
                    to={withFilter(tile.filter)}
                    data-testid={`workbench-duty-count-${tile.filter}`}
                    style={{ textAlign: 'center', padding: '4px 0' }}
                  >
                    <div style={{ fontSize: 22, fontWeight: 600, color: n > 0 ? tile.colour : '#8c8c8c' }}>
                      {n}
                    </div>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {tile.label}
                    </Typography.Text>
                  </Link>
                );
              })}
            </div>
            {approvals > 0 && (
              <Link to={DUTIES} style={{ display: 'block', marginTop: 8 }}>
                {t('myDuties.cardApprovals', { n: approvals })}
              </Link>
            )}
          </>
        )
      )}
    </Card>
  );
}

function UrgentDutiesCard({ state }: { state: 'overdue' | 'due_soon' }) {
  const t = useT();
  const duties = useMyDuties();
  const overdue = state === 'overdue';
  const top = topDuties(duties.data?.duties ?? [], state);
  const total = duties.data ? filterCount(duties.data.counts, state) : 0;
  return (
    <Card
      data-testid={overdue ? 'workbench-duties-overdue' : 'workbench-duties-due-soon'}
      title={
        <Space>
          {overdue ? <WarningOutlined style={{ color: '#cf1322' }} /> : <ClockCircleOutlined />}
          <span style={overdue && total > 0 ? { color: '#cf1322' } : undefined}>
            {t(overdue ? 'myDuties.cardOverdue' : 'myDuties.cardDueSoon')}
          </span>
          {total > 0 && <Tag color={overdue ? 'red' : 'orange'}>{total}</Tag>}
        </Space>
      }
      extra={<Link to={withFilter(state)}>{t('myDuties.cardViewAll')}</Link>}
    >
      {duties.isError ? (
        <QueryError error={duties.error} onRetry={() => void duties.refetch()} />
      ) : (
        <List
          size="small"
          loading={duties.isPending}
          dataSource={top}
          locale={{ emptyText: t(overdue ? 'myDuties.cardNoneOverdue' : 'myDuties.cardNoneDueSoon') }}
          renderItem={(d) => (
            <List.Item style={{ paddingInline: 0 }}>
              <Link
                to={`${DUTIES}/${d.itemId}?period=${d.period.id}`}
                style={{ minWidth: 0, overflowWrap: 'anywhere', color: overdue ? '#cf1322' : undefined }}
              >
                {d.title}
              </Link>
              <Typography.Text
                type={overdue ? 'danger' : 'secondary'}
                style={{ whiteSpace: 'nowrap', marginInlineStart: 8 }}
              >
                {d.period.dueOn}
              </Typography.Text>
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}

const hasMember = (session: Session) => !!session.user.memberId;

export const responsibilityCards = [
  {
    key: 'responsibility.my-duties',
    order: 12,
    title: { zh: '我的职责', en: 'My duties' },
    visible: hasMember,
    Card: MyDutiesCard,
  },
  {
    key: 'responsibility.overdue',
    order: 14,
    title: { zh: '已逾期的职责', en: 'Overdue duties' },
    visible: hasMember,
    Card: () => <UrgentDutiesCard state="overdue" />,
  },
  {
    key: 'responsibility.due-soon',
    order: 16,
    title: { zh: '即将到期的职责', en: 'Duties due soon' },
    visible: hasMember,
    Card: () => <UrgentDutiesCard state="due_soon" />,
  },
];
