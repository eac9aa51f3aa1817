import { Card, Col, Input, Row, Select, Space, Statistic, Switch, Table, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { Link } from 'react-router-dom';
import { useCan } from '../../app/session.tsx';
import { QueryError } from '../../components/error-display.tsx';
import { useT } from '../../i18n/i18n.tsx';
import { useStudyHours } from './rollup-api.ts';
import { RollupHeader, useRollupPlace } from './rollup-header.tsx';
import {
  byMinutes,
  byName,
  byOrg,
  byRecords,
  filterStudy,
  type StudyFilter,
  type StudyRow,
  splitMinutes,
  studyOrgs,
  studySummary,
} from './study-hours-logic.ts';

// 学习时长: each member's study in the year — the 党课, 学用融 and 主题党日 they attended, as the records say —
// sorted and filtered on the page. Nothing is reported by the members; the records are the only source.

function useDuration() {
  const t = useT();
  return (minutes: number) => t('study.duration', splitMinutes(minutes));
}

export function StudyHoursPage() {
  const t = useT();
  const can = useCan();
  const duration = useDuration();
  const place = useRollupPlace();
  const hours = useStudyHours(place.org, place.year);
  const [filter, setFilter] = useState<StudyFilter>({ q: '', partyOrgName: null, noneOnly: false });
  const rows = useMemo(() => filterStudy(hours.data?.members ?? [], filter), [hours.data, filter]);
  const orgs = useMemo(() => studyOrgs(hours.data?.members ?? []), [hours.data]);
  const summary = studySummary(rows);

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="study-hours-page">
      <RollupHeader place={place} title={t('study.title')} intro={t('study.intro')} />
      {hours.isError && <QueryError error={hours.error} onRetry={() => void hours.refetch()} />}
      {hours.data && (
        <Card size="small">
          <Row gutter={[16, 8]}>
            <Col xs={12} md={6}>
              <Statistic title={t('study.members')} value={summary.members} />
            </Col>
            <Col xs={12} md={6}>
              <Statistic title={t('study.totalTime')} value={duration(summary.minutes)} />
            </Col>
            <Col xs={12} md={6}>
              <Statistic title={t('study.average')} value={duration(summary.average)} />
            </Col>
            <Col xs={12} md={6}>
              <Statistic
                title={t('study.without')}
                value={summary.without}
                styles={{ content: { color: summary.without ? '#d46b08' : undefined } }}
              />
            </Col>
          </Row>
        </Card>
      )}
      {hours.data && (
        <Card size="small" styles={{ body: { padding: 0 } }}>
          <div style={{ display: 'flex', gap: 8, flexWrap: 'wrap', alignItems: 'center', padding: 12 }}>
            <Input.Search
              allowClear
              placeholder={t('study.search')}
              style={{ maxWidth: 260 }}
              onSearch={(q) => setFilter({ ...filter, q })}
              onChange={(e) => !e.target.value && setFilter({ ...filter, q: '' })}
              data-testid="study-search"
            />
            <Select<string>
              allowClear
              placeholder={t('study.allOrgs')}
              value={filter.partyOrgName ?? undefined}
              onChange={(v) => setFilter({ ...filter, partyOrgName: v ?? null })}
              options={orgs.map((o) => ({ value: o, label: o }))}
              style={{ minWidth: 200 }}
              data-testid="study-org"
            />
            <Space size={4}>
              <Switch
                size="small"
                checked={filter.noneOnly}
                onChange={(noneOnly) => setFilter({ ...filter, noneOnly })}
                data-testid="study-none-only"
              />
              <Typography.Text>{t('study.noneOnly')}</Typography.Text>
            </Space>
          </div>
          <Table<StudyRow>
            size="small"
            rowKey="memberId"
            loading={hours.isFetching}
            dataSource={rows}
            pagination={{ defaultPageSize: 50, showSizeChanger: true, hideOnSinglePage: true }}
            scroll={{ x: 'max-content' }}
            locale={{ emptyText: hours.data.members.length ? t('common.noData') : t('study.empty') }}
            data-testid="study-table"
            columns={[
              {
                key: 'name',
                title: t('study.name'),
                sorter: byName,
                render: (_, r) =>
                  can('member.read') ? <Link to={`/members/${r.memberId}`}>{r.name}</Link> : r.name,
              },
              { key: 'org', title: t('study.org'), dataIndex: 'partyOrgName', sorter: byOrg },
              {
                key: 'minutes',
                title: t('study.time'),
                align: 'right',
                sorter: byMinutes,
                render: (_, r) => (r.minutes ? duration(r.minutes) : '—'),
              },
              {
                key: 'records',
                title: t('study.records'),
                align: 'right',
                sorter: byRecords,
                dataIndex: 'records',
              },
            ]}
          />
        </Card>
      )}
    </Space>
  );
}
