import {
  CalendarOutlined,
  CheckCircleOutlined,
  InboxOutlined,
  PlusOutlined,
  ScheduleOutlined,
} from '@ant-design/icons';
import { Button, Card, List, Space, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import type { Session } from '#contracts/identity';
import { useSession } from '../../app/session.tsx';
import { QueryError } from '../../components/error-display.tsx';
import { useT } from '../../i18n/i18n.tsx';
import type { MessageKey } from '../../i18n/zh-cn.ts';
import { useDrafts } from './record-draft-state.ts';
import { chinaToday, defaultBranchId } from './record-form-logic.ts';
import { useBranchSetting, useRecordList } from './records-api.ts';
import {
  addDays,
  monthOf,
  monthRange,
  nextPlanned,
  type ThemeDayState,
  themeDayIn,
  themeDayState,
} from './records-calendar.ts';
import { KIND_COLOUR, KIND_LABEL } from './records-labels.ts';

// The branch module's workbench cards (web/src/app/workbench.ts): this month's branch work against the theme day,
// the next planned meeting, and the drafts on this device (whose card also sends the queued ones after a start).

const RECORDS = '/branch/records';

/** The branch the cards are about: one's own as secretary or committee member, else the whole scope. */
function useCardOrg(): string | null {
  return defaultBranchId(useSession().roles);
}

const STATE_TEXT: Record<ThemeDayState, { key: MessageKey; colour: string }> = {
  held: { key: 'records.card.themeHeld', colour: 'green' },
  planned: { key: 'records.card.themePlanned', colour: 'blue' },
  upcoming: { key: 'records.card.themeUpcoming', colour: 'default' },
  missing: { key: 'records.card.themeMissing', colour: 'red' },
};

function MonthCard() {
  const t = useT();
  const session = useSession();
  const org = useCardOrg();
  const today = chinaToday();
  const month = monthOf(today);
  const range = monthRange(month);
  // One's own branch: its month in one answer. A whole scope (an officer's organ, hundreds of branches): counts.
  const records = useRecordList(
    org ? { partyOrgId: org, ...range, pageSize: 200 } : { ...range, status: 'held', pageSize: 1 },
  );
  const themeDays = useRecordList({ ...range, kind: 'theme_day', status: 'held', pageSize: 1 }, !org);
  const setting = useBranchSetting(org ?? session.roles.find((r) => r.partyOrgId)?.partyOrgId ?? null);
  const items = org ? (records.data?.items ?? []) : [];
  const held = items.filter((r) => r.status === 'held');
  const heldCount = org ? held.length : (records.data?.total ?? 0);
  const themeDayOn = setting.data ? themeDayIn(month, setting.data.themeDayOfMonth) : null;
  const state = themeDayOn ? themeDayState(items, themeDayOn, today) : null;
  const byKind = [...new Set(held.map((r) => r.kind))];
  return (
    <Card
      loading={records.isPending}
      data-testid="workbench-branch-month"
      title={
        <Space>
          <CalendarOutlined />
          {t('records.card.monthTitle')}
        </Space>
      }
      extra={<Link to={`${RECORDS}?view=calendar`}>{t('records.card.calendar')}</Link>}
    >
      {records.isError ? (
        <QueryError error={records.error} onRetry={() => void records.refetch()} />
      ) : (
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Typography.Text data-testid="workbench-branch-held">
            {t('records.card.held', { n: heldCount })}
          </Typography.Text>
          {byKind.length > 0 && (
            <Space size={4} wrap>
              {byKind.map((kind) => (
                <Tag key={kind} color={KIND_COLOUR[kind]}>
                  {t(KIND_LABEL[kind])} {held.filter((r) => r.kind === kind).length}
                </Tag>
              ))}
            </Space>
          )}
          {themeDayOn && (
            <Space size={4} wrap data-testid="workbench-branch-theme-day">
              <Typography.Text>{t('records.card.themeDay', { date: themeDayOn.slice(5) })}</Typography.Text>
              {org && state ? (
                <Tag
                  color={STATE_TEXT[state].colour}
                  icon={state === 'held' ? <CheckCircleOutlined /> : undefined}
                >
                  {t(STATE_TEXT[state].key)}
                </Tag>
              ) : (
                <Typography.Text type="secondary">
                  {t('records.card.themeOrgs', { n: themeDays.data?.total ?? 0 })}
                </Typography.Text>
              )}
              {org && state !== 'held' && session.permissions.includes('branch.record') && (
                <Link to="/branch/records/new?kind=theme_day">{t('records.card.recordThemeDay')}</Link>
              )}
            </Space>
          )}
        </Space>
      )}
    </Card>
  );
}

function NextMeetingCard() {
  const t = useT();
  const org = useCardOrg();
  const today = chinaToday();
  const span = {
    partyOrgId: org ?? undefined,
    status: 'planned' as const,
    from: today,
    to: addDays(today, 92),
  };
  // The list comes latest first: a scope with many plans gives its count, and the last one is the next.
  const planned = useRecordList({ ...span, pageSize: 200 });
  const total = planned.data?.total ?? 0;
  const last = useRecordList({ ...span, page: total, pageSize: 1 }, total > 200);
  const next = nextPlanned(total > 200 ? (last.data?.items ?? []) : (planned.data?.items ?? []), today);
  return (
    <Card
      loading={planned.isPending}
      data-testid="workbench-branch-next"
      title={
        <Space>
          <ScheduleOutlined />
          {t('records.card.nextTitle')}
        </Space>
      }
      extra={<Link to={`${RECORDS}?status=planned`}>{t('records.card.viewAll')}</Link>}
    >
      {planned.isError ? (
        <QueryError error={planned.error} onRetry={() => void planned.refetch()} />
      ) : next ? (
        <Space orientation="vertical" size={2}>
          <Space size={4} wrap>
            <Tag color={KIND_COLOUR[next.kind]}>{t(KIND_LABEL[next.kind])}</Tag>
            <Link to={`${RECORDS}/${next.id}`}>{next.topic}</Link>
          </Space>
          <Typography.Text type="secondary">
            {[next.plannedOn, next.place, next.partyOrgName].filter(Boolean).join(' · ')}
          </Typography.Text>
        </Space>
      ) : (
        <Typography.Text type="secondary">{t('records.card.noneNext')}</Typography.Text>
      )}
    </Card>
  );
}

function DraftsCard() {
  const t = useT();
  const { drafts } = useDrafts();
  const pending = (drafts ?? []).filter((d) => d.status === 'pending').length;
  return (
    <Card
      loading={drafts === null}
      data-testid="workbench-branch-drafts"
      title={
        <Space>
          <InboxOutlined />
          {t('drafts.title')}
          {pending > 0 && <Tag color="orange">{t('drafts.pendingCount', { n: pending })}</Tag>}
        </Space>
      }
      extra={<Link to="/branch/drafts">{t('records.card.viewAll')}</Link>}
    >
      <List
        size="small"
        dataSource={(drafts ?? []).slice(0, 3)}
        locale={{ emptyText: t('drafts.emptyShort') }}
        renderItem={(d) => (
          <List.Item style={{ paddingInline: 0 }}>
            <Link
              to={`/branch/records/new?draft=${d.clientKey}`}
              style={{ minWidth: 0, overflowWrap: 'anywhere' }}
            >
              {d.values.topic.trim() || t('drafts.noTopic')}
            </Link>
            <Tag color={d.status === 'pending' ? 'orange' : d.status === 'failed' ? 'red' : undefined}>
              {t(`drafts.status.${d.status}`)}
            </Tag>
          </List.Item>
        )}
      />
      <Link to="/branch/records/new?kind=theme_day">
        <Button
          type="primary"
          block
          icon={<PlusOutlined />}
          style={{ marginTop: 8 }}
          data-testid="workbench-record-theme-day"
        >
          {t('records.card.recordThemeDay')}
        </Button>
      </Link>
    </Card>
  );
}

const mayRead = (session: Session) => session.permissions.includes('branch.read');
const mayRecord = (session: Session) => session.permissions.includes('branch.record');

export const branchCards = [
  {
    key: 'branch.month',
    order: 22,
    title: { zh: '本月支部工作', en: 'Branch work this month' },
    visible: mayRead,
    Card: MonthCard,
  },
  {
    key: 'branch.next',
    order: 24,
    title: { zh: '下一次会议', en: 'Next meeting' },
    visible: mayRead,
    Card: NextMeetingCard,
  },
  {
    key: 'branch.drafts',
    order: 26,
    title: { zh: '草稿', en: 'Drafts' },
    visible: mayRecord,
    Card: DraftsCard,
  },
];
