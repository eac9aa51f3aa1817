import {
  CalendarOutlined,
  InboxOutlined,
  PaperClipOutlined,
  PlusOutlined,
  UnorderedListOutlined,
} from '@ant-design/icons';
import {
  Alert,
  Badge,
  Button,
  Card,
  DatePicker,
  Empty,
  Input,
  List,
  Pagination,
  Segmented,
  Select,
  Space,
  Tag,
  Typography,
} from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import type { BranchRecordKind, RecordSummary } from '#contracts/branch';
import type { Session } from '#contracts/identity';
import { useCan, useSession } from '../../app/session.tsx';
import { QueryError } from '../../components/error-display.tsx';
import { OrgTreeSelect } from '../../components/org-tree-select.tsx';
import { useT } from '../../i18n/i18n.tsx';
import { ThemeDaySetting } from './branch-theme-day.tsx';
import { useDraftCount } from './record-draft-state.ts';
import { chinaToday, defaultBranchId } from './record-form-logic.ts';
import { useBranchSetting, useRecordList } from './records-api.ts';
import { monthOf, recordDay, themeDayIn } from './records-calendar.ts';
import { RecordsCalendar } from './records-calendar-view.tsx';
import {
  filtersToParams,
  LIST_PAGE_SIZE,
  listQuery,
  parseRecordFilters,
  type RecordPageFilters,
} from './records-filters.ts';
import { RecordFileActions } from './records-import-actions.tsx';
import { KIND_COLOUR, KIND_LABEL, RECORD_KIND_LIST } from './records-labels.ts';

// 支部工作记录: the records of the branches in the reader's scope, as a list or as a month's calendar.

/** The theme day is the organ's, set by its committee's officers (the server checks the scope). */
const setsThemeDay = (session: Session) =>
  session.roles.some((r) => r.role === 'organ_committee_officer' || r.role === 'work_committee_officer');

function RecordLine({ record }: { record: RecordSummary }) {
  const t = useT();
  return (
    <List.Item data-testid="record-item" data-record-id={record.id} style={{ paddingInline: 12 }}>
      <Space orientation="vertical" size={2} style={{ width: '100%', minWidth: 0 }}>
        <Space size={4} wrap>
          <Tag color={KIND_COLOUR[record.kind]}>{t(KIND_LABEL[record.kind])}</Tag>
          {record.status === 'planned' && <Tag>{t('record.status.planned')}</Tag>}
          <Link to={`/branch/records/${record.id}`} style={{ overflowWrap: 'anywhere' }}>
            {record.topic}
          </Link>
        </Space>
        <Typography.Text type="secondary" style={{ fontSize: 13 }}>
          {[
            recordDay(record) ?? '—',
            record.partyOrgName,
            record.status === 'held' && record.expected > 0
              ? t('records.presentOf', { present: record.present, expected: record.expected })
              : null,
          ]
            .filter(Boolean)
            .join(' · ')}
          {record.attachmentCount > 0 && (
            <>
              {' · '}
              <PaperClipOutlined /> {record.attachmentCount}
            </>
          )}
        </Typography.Text>
      </Space>
    </List.Item>
  );
}

export function RecordsPage() {
  const t = useT();
  const can = useCan();
  const session = useSession();
  const mayRecord = can('branch.record');
  const drafts = useDraftCount();
  const [params, setParams] = useSearchParams();
  const filters = parseRecordFilters(params);
  const [calendarMonth, setCalendarMonth] = useState(() => filters.month ?? monthOf(chinaToday()));
  const set = (change: Partial<RecordPageFilters>) =>
    setParams(filtersToParams({ ...filters, page: 1, ...change }), { replace: true });
  const calendar = filters.view === 'calendar';
  const month = filters.month ?? calendarMonth;
  const list = useRecordList(listQuery(filters, month));
  const settingsOrg =
    filters.org ??
    defaultBranchId(session.roles) ??
    session.roles.find((r) => r.partyOrgId)?.partyOrgId ??
    null;
  const setting = useBranchSetting(settingsOrg);
  const themeDayOn = setting.data ? themeDayIn(month, setting.data.themeDayOfMonth) : null;

  return (
    <Space orientation="vertical" style={{ width: '100%' }} data-testid="records-page">
      <div
        style={{
          display: 'flex',
          justifyContent: 'space-between',
          alignItems: 'center',
          gap: 8,
          flexWrap: 'wrap',
        }}
      >
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('records.title')}
        </Typography.Title>
        {mayRecord && (
          <Space>
            <Link to="/branch/drafts" data-testid="records-drafts-link">
              <Badge count={drafts} size="small">
                <Button icon={<InboxOutlined />}>{t('drafts.title')}</Button>
              </Badge>
            </Link>
            <Link to="/branch/records/new" data-testid="records-new">
              <Button type="primary" icon={<PlusOutlined />}>
                {t('records.new')}
              </Button>
            </Link>
          </Space>
        )}
      </div>
      <Card size="small">
        <div
          style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(180px, 1fr))', gap: 8 }}
        >
          <OrgTreeSelect
            value={filters.org ?? null}
            onChange={(org) => set({ org: org ?? undefined })}
            placeholder={t('records.allOrgs')}
            data-testid="records-filter-org"
          />
          <Select<BranchRecordKind>
            allowClear
            value={filters.kind}
            placeholder={t('records.allKinds')}
            options={RECORD_KIND_LIST.map((k) => ({ value: k, label: t(KIND_LABEL[k]) }))}
            onChange={(kind) => set({ kind: kind ?? undefined })}
            data-testid="records-filter-kind"
          />
          {!calendar && (
            <DatePicker
              picker="month"
              value={filters.month ? dayjs(`${filters.month}-01`) : null}
              placeholder={t('records.allMonths')}
              onChange={(d) => set({ month: d ? d.format('YYYY-MM') : undefined })}
              data-testid="records-filter-month"
            />
          )}
          <Input.Search
            allowClear
            defaultValue={filters.q}
            placeholder={t('records.searchTopic')}
            onSearch={(q) => set({ q: q.trim() || undefined })}
          />
        </div>
        <div
          style={{
            display: 'flex',
            justifyContent: 'space-between',
            alignItems: 'center',
            marginTop: 8,
            gap: 8,
            flexWrap: 'wrap',
          }}
        >
          <Segmented<'list' | 'calendar'>
            value={filters.view}
            options={[
              { value: 'list', label: t('records.list'), icon: <UnorderedListOutlined /> },
              { value: 'calendar', label: t('records.calendar'), icon: <CalendarOutlined /> },
            ]}
            onChange={(view) => set({ view, month: view === 'calendar' ? undefined : filters.month })}
            data-testid="records-view"
          />
          <ThemeDaySetting partyOrgId={settingsOrg} canEdit={setsThemeDay(session)} />
          <RecordFileActions filters={listQuery(filters, month)} partyOrgId={filters.org} />
        </div>
      </Card>
      {list.isError ? (
        <QueryError error={list.error} onRetry={() => void list.refetch()} />
      ) : calendar ? (
        <Card size="small">
          {(list.data?.total ?? 0) > (list.data?.items.length ?? 0) && (
            <Alert
              type="info"
              showIcon
              style={{ marginBottom: 8 }}
              title={t('records.calendarTruncated', { n: list.data?.items.length ?? 0 })}
            />
          )}
          <RecordsCalendar
            month={month}
            onMonth={setCalendarMonth}
            records={list.data?.items ?? []}
            themeDayOn={themeDayOn}
            loading={list.isFetching}
          />
        </Card>
      ) : (
        <Card styles={{ body: { padding: 0 } }}>
          <List<RecordSummary>
            loading={list.isPending}
            dataSource={list.data?.items ?? []}
            locale={{ emptyText: <Empty description={t('records.empty')} /> }}
            renderItem={(record) => <RecordLine record={record} />}
          />
          {(list.data?.total ?? 0) > LIST_PAGE_SIZE && (
            <div style={{ padding: 12, textAlign: 'right' }}>
              <Pagination
                simple
                current={filters.page}
                pageSize={LIST_PAGE_SIZE}
                total={list.data?.total ?? 0}
                onChange={(page) => set({ page })}
              />
            </div>
          )}
        </Card>
      )}
    </Space>
  );
}
