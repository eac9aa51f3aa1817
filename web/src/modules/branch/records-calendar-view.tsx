import { LeftOutlined, RightOutlined } from '@ant-design/icons';
import { Button, Empty, List, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import type { RecordSummary } from '#contracts/branch';
import { useLocale, useT } from '../../i18n/i18n.tsx';
import { chinaToday } from './record-form-logic.ts';
import { addMonths, monthGrid, monthOf, recordsByDay } from './records-calendar.ts';
import { KIND_COLOUR, KIND_HEX, KIND_LABEL } from './records-labels.ts';

// The branch calendar: a month of records, held in colour and planned in outline, the organ's theme day marked.
// A day is tapped to list its records below the grid (on a phone the grid has room for dots, not titles).

const WEEKDAYS = ['一', '二', '三', '四', '五', '六', '日'];
const WEEKDAYS_EN = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

export function RecordsCalendar({
  month,
  onMonth,
  records,
  themeDayOn,
  loading,
}: {
  month: string;
  onMonth: (month: string) => void;
  records: readonly RecordSummary[];
  themeDayOn: string | null;
  loading: boolean;
}) {
  const t = useT();
  const today = chinaToday();
  const byDay = recordsByDay(records);
  const [picked, setPicked] = useState<string | null>(null);
  const selected =
    picked && monthOf(picked) === month ? picked : monthOf(today) === month ? today : themeDayOn;
  const dayRecords = selected ? (byDay.get(selected) ?? []) : [];
  const english = useLocale().locale === 'en';

  return (
    <Space orientation="vertical" style={{ width: '100%' }} data-testid="records-calendar">
      <div style={{ display: 'flex', alignItems: 'center', justifyContent: 'space-between' }}>
        <Button
          icon={<LeftOutlined />}
          aria-label={t('records.prevMonth')}
          onClick={() => onMonth(addMonths(month, -1))}
        />
        <Typography.Text strong data-testid="records-calendar-month">
          {t('records.monthTitle', { year: month.slice(0, 4), month: Number(month.slice(5, 7)) })}
        </Typography.Text>
        <Button
          icon={<RightOutlined />}
          aria-label={t('records.nextMonth')}
          onClick={() => onMonth(addMonths(month, 1))}
        />
      </div>
      <div
        style={{
          display: 'grid',
          gridTemplateColumns: 'repeat(7, minmax(0, 1fr))',
          gap: 2,
          opacity: loading ? 0.5 : 1,
        }}
      >
        {(english ? WEEKDAYS_EN : WEEKDAYS).map((d) => (
          <Typography.Text key={d} type="secondary" style={{ textAlign: 'center', fontSize: 12 }}>
            {d}
          </Typography.Text>
        ))}
        {monthGrid(month)
          .flat()
          .map((day) => {
            const list = byDay.get(day.date) ?? [];
            const theme = day.date === themeDayOn;
            const isSelected = day.date === selected;
            return (
              <button
                key={day.date}
                type="button"
                data-testid="calendar-day"
                data-date={day.date}
                data-theme-day={theme || undefined}
                onClick={() => setPicked(day.date)}
                style={{
                  minHeight: 52,
                  padding: 2,
                  border: isSelected ? '2px solid #b71c1c' : '1px solid #f0f0f0',
                  borderRadius: 4,
                  background: theme ? '#fff1f0' : '#fff',
                  opacity: day.inMonth ? 1 : 0.35,
                  cursor: 'pointer',
                  display: 'flex',
                  flexDirection: 'column',
                  alignItems: 'center',
                  gap: 2,
                }}
              >
                <span style={{ fontWeight: day.date === today ? 700 : 400, fontSize: 13 }}>{day.day}</span>
                {theme && (
                  <span style={{ fontSize: 10, color: '#b71c1c', lineHeight: 1 }}>
                    {t('records.themeDayMark')}
                  </span>
                )}
                <span style={{ display: 'flex', gap: 2, flexWrap: 'wrap', justifyContent: 'center' }}>
                  {list.slice(0, 4).map((r) => (
                    <span
                      key={r.id}
                      style={{
                        width: 7,
                        height: 7,
                        borderRadius: '50%',
                        background: r.status === 'held' ? KIND_HEX[r.kind] : 'transparent',
                        border: `1px solid ${KIND_HEX[r.kind]}`,
                      }}
                    />
                  ))}
                </span>
              </button>
            );
          })}
      </div>
      {selected && (
        <List<RecordSummary>
          size="small"
          header={<Typography.Text strong>{selected}</Typography.Text>}
          dataSource={dayRecords}
          locale={{
            emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('records.dayEmpty')} />,
          }}
          renderItem={(r) => (
            <List.Item data-testid="calendar-record">
              <Space size={4} wrap>
                <Tag color={KIND_COLOUR[r.kind]}>{t(KIND_LABEL[r.kind])}</Tag>
                {r.status === 'planned' && <Tag>{t('record.status.planned')}</Tag>}
                <Link to={`/branch/records/${r.id}`}>{r.topic}</Link>
                <Typography.Text type="secondary">{r.partyOrgName}</Typography.Text>
              </Space>
            </List.Item>
          )}
        />
      )}
    </Space>
  );
}
