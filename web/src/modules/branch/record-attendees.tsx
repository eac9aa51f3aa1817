import { Button, Input, Segmented, Space, Typography } from 'antd';
import type { Attendance } from '#contracts/branch';
import { useT } from '../../i18n/i18n.tsx';
import {
  type AttendeeRow,
  attendanceCounts,
  markAllPresent,
  setAttendance,
  setReason,
} from './record-form-logic.ts';
import { ATTENDANCE_LABEL } from './records-labels.ts';

// Attendance on a phone: everyone on the roster comes in present; one tap marks 请假 (then a reason) or 缺席.

const ORDER: Attendance[] = ['present', 'excused', 'absent'];

export function AttendeeList({
  rows,
  onChange,
  errors,
}: {
  rows: readonly AttendeeRow[];
  onChange: (rows: AttendeeRow[]) => void;
  errors: Partial<Record<string, string>>;
}) {
  const t = useT();
  const counts = attendanceCounts(rows);
  return (
    <Space orientation="vertical" style={{ width: '100%' }} data-testid="record-attendees">
      <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', gap: 8 }}>
        <Typography.Text data-testid="record-attendance-counts">
          {t('record.attendanceCounts', {
            expected: counts.expected,
            present: counts.present,
            excused: counts.excused,
            absent: counts.absent,
          })}
        </Typography.Text>
        {counts.present < rows.length && (
          <Button size="small" type="link" onClick={() => onChange(markAllPresent(rows))}>
            {t('record.allPresent')}
          </Button>
        )}
      </div>
      {rows.map((row, index) => {
        const reasonError = errors[`attendees.${index}.reason`];
        return (
          <div
            key={row.memberId}
            data-testid="record-attendee"
            data-member-id={row.memberId}
            style={{ borderBottom: '1px solid #f0f0f0', paddingBottom: 6 }}
          >
            <div style={{ display: 'flex', alignItems: 'center', justifyContent: 'space-between', gap: 8 }}>
              <Typography.Text
                style={{ minWidth: 0 }}
                ellipsis
                type={row.attendance === 'present' ? undefined : 'secondary'}
              >
                {row.name}
                {!row.expected && ` ${t('record.attendeeGuest')}`}
              </Typography.Text>
              <Segmented<Attendance>
                size="small"
                value={row.attendance}
                options={ORDER.map((a) => ({
                  value: a,
                  label: <span data-testid={`record-attendance-${a}`}>{t(ATTENDANCE_LABEL[a])}</span>,
                }))}
                onChange={(a) => onChange(setAttendance(rows, row.memberId, a))}
              />
            </div>
            {row.attendance === 'excused' && (
              <Input
                size="small"
                style={{ marginTop: 6 }}
                maxLength={100}
                value={row.reason}
                status={reasonError ? 'error' : undefined}
                placeholder={t('record.reasonPlaceholder')}
                data-testid="record-attendee-reason"
                onChange={(e) => onChange(setReason(rows, row.memberId, e.target.value))}
              />
            )}
            {reasonError && <Typography.Text type="danger">{reasonError}</Typography.Text>}
          </div>
        );
      })}
    </Space>
  );
}
