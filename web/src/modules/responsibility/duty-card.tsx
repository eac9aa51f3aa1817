import { RightOutlined } from '@ant-design/icons';
import { Card, Progress, Space, Typography } from 'antd';
import type { Duty } from '#contracts/responsibility-me';
import { useT } from '../../i18n/i18n.tsx';
import { DomainTag, StateTag, usePeriodLabel } from './duty-tags.tsx';

/** One period of one duty, as a card the whole of which is the tap target (a phone first). */
export function DutyCard({ duty, onOpen }: { duty: Duty; onOpen: () => void }) {
  const t = useT();
  const periodName = usePeriodLabel();
  const { period } = duty;
  const settled = period.state === 'done' || period.state === 'late' || period.state === 'exempt';
  return (
    <Card
      hoverable
      size="small"
      role="button"
      tabIndex={0}
      aria-label={duty.title}
      data-testid="duty-card"
      data-item-id={duty.itemId}
      data-period-id={period.id}
      data-state={period.state}
      onClick={onOpen}
      onKeyDown={(e) => {
        if (e.key === 'Enter' || e.key === ' ') {
          e.preventDefault();
          onOpen();
        }
      }}
      style={{ cursor: 'pointer' }}
    >
      <div style={{ display: 'flex', gap: 8, alignItems: 'flex-start' }}>
        <div style={{ flex: 1, minWidth: 0 }}>
          <Space size={6} wrap style={{ marginBottom: 4 }}>
            <DomainTag domain={duty.domain} />
            <StateTag state={period.state} />
          </Space>
          <Typography.Text strong style={{ display: 'block', fontSize: 15, overflowWrap: 'anywhere' }}>
            {duty.title}
          </Typography.Text>
          <Typography.Text type="secondary" style={{ display: 'block', fontSize: 13 }}>
            {duty.listTitle}
          </Typography.Text>
          <Typography.Text
            style={{ display: 'block', fontSize: 13 }}
            type={period.state === 'overdue' ? 'danger' : undefined}
          >
            {periodName(period.periodKey)} ·{' '}
            {settled && period.doneOn
              ? t('myDuties.doneOn', { date: period.doneOn })
              : t('myDuties.dueOn', { date: period.dueOn })}
          </Typography.Text>
          {duty.recordKindLabel && (
            <Typography.Text type="secondary" style={{ display: 'block', fontSize: 13 }}>
              {period.fulfilledBy
                ? t('myDuties.fulfilledBy', { title: period.fulfilledBy.title })
                : t('myDuties.byRecord', { kind: duty.recordKindLabel })}
            </Typography.Text>
          )}
          {duty.delegatedFrom !== null && (
            <Typography.Text type="warning" style={{ display: 'block', fontSize: 13 }}>
              {t('myDuties.delegated', { name: duty.delegatedFrom })}
            </Typography.Text>
          )}
          {!settled && period.progress > 0 && (
            <Progress percent={period.progress} size="small" style={{ marginBottom: 0 }} />
          )}
        </div>
        <RightOutlined style={{ color: '#bbb', alignSelf: 'center' }} />
      </div>
    </Card>
  );
}
