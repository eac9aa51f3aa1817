import { DeleteOutlined, EditOutlined, LockOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Descriptions, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import type { BranchRecord } from '#contracts/branch';
import { errorText, QueryError } from '../../components/error-display.tsx';
import { PageSpin } from '../../components/page-spin.tsx';
import { useT } from '../../i18n/i18n.tsx';
import type { MessageKey } from '../../i18n/zh-cn.ts';
import { AttachmentList } from '../attachment/attachment-list.tsx';
import { attendanceCounts } from './record-form-logic.ts';
import { contentLabel, hasResolutions, hostLabel } from './record-kind-fields.tsx';
import { RECORD_OWNER_KIND, useDeleteRecord, useRecord } from './records-api.ts';
import { ATTENDANCE_LABEL, GRADE_LABEL, KIND_COLOUR, KIND_LABEL } from './records-labels.ts';

// One record as the ledger will print it: when, where, who came, what was said and decided, the kind's own parts,
// the photos. A talk's content shows only to its participants and the branch secretary (the server leaves it out).

const Text = ({ value }: { value: string | null | undefined }) =>
  value ? (
    <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>{value}</Typography.Paragraph>
  ) : (
    <Typography.Text type="secondary">—</Typography.Text>
  );

function Section({ title, children, testId }: { title: ReactNode; children: ReactNode; testId?: string }) {
  return (
    <Card size="small" title={title} data-testid={testId}>
      {children}
    </Card>
  );
}

const PARTS: { key: 'theory' | 'bulletin' | 'exchange' | 'microLecture'; label: MessageKey }[] = [
  { key: 'theory', label: 'record.part.theory' },
  { key: 'bulletin', label: 'record.part.bulletin' },
  { key: 'exchange', label: 'record.part.exchange' },
  { key: 'microLecture', label: 'record.part.microLecture' },
];

function Attendance({ record }: { record: BranchRecord }) {
  const t = useT();
  const counts = attendanceCounts(record.attendees.map((a) => ({ ...a, reason: a.reason ?? '' })));
  const names = (attendance: 'present' | 'excused' | 'absent') =>
    record.attendees
      .filter((a) => a.attendance === attendance)
      .map((a) => (a.attendance === 'excused' && a.reason ? `${a.name}（${a.reason}）` : a.name));
  return (
    <Section title={t('record.attendance')} testId="record-detail-attendance">
      <Typography.Paragraph>
        {t('record.attendanceCounts', {
          expected: counts.expected,
          present: counts.present,
          excused: counts.excused,
          absent: counts.absent,
        })}
      </Typography.Paragraph>
      {(['present', 'excused', 'absent'] as const).map((a) => {
        const list = names(a);
        return list.length === 0 ? null : (
          <Typography.Paragraph key={a} style={{ marginBottom: 4 }}>
            <Typography.Text strong>{t(ATTENDANCE_LABEL[a])}：</Typography.Text>
            {list.join('、')}
          </Typography.Paragraph>
        );
      })}
    </Section>
  );
}

function Body({ record }: { record: BranchRecord }) {
  const t = useT();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const remove = useDeleteRecord();
  const held = record.status === 'held';
  return (
    <Space
      orientation="vertical"
      style={{ width: '100%', maxWidth: 860, margin: '0 auto' }}
      data-testid="record-detail"
    >
      <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'flex-start', gap: 8 }}>
        <Space orientation="vertical" size={2} style={{ minWidth: 0 }}>
          <Space size={4} wrap>
            <Tag color={KIND_COLOUR[record.kind]}>{t(KIND_LABEL[record.kind])}</Tag>
            <Tag color={held ? 'green' : 'default'}>
              {t(held ? 'record.status.held' : 'record.status.planned')}
            </Tag>
          </Space>
          <Typography.Title level={4} style={{ margin: 0 }} data-testid="record-detail-topic">
            {record.topic}
          </Typography.Title>
        </Space>
        {record.canEdit && (
          <Space>
            <Link to={`/branch/records/${record.id}/edit`}>
              <Button icon={<EditOutlined />}>{t('common.edit')}</Button>
            </Link>
            <Popconfirm
              title={t('record.deleteConfirm')}
              onConfirm={async () => {
                try {
                  await remove.mutateAsync({ id: record.id, version: record.version });
                  message.success(t('record.deleted'));
                  navigate('/branch/records', { replace: true });
                } catch (err) {
                  message.error(errorText(err, t('error.unexpected')));
                }
              }}
            >
              <Button danger icon={<DeleteOutlined />} aria-label={t('common.remove')} />
            </Popconfirm>
          </Space>
        )}
      </div>
      <Card size="small">
        <Descriptions column={{ xs: 1, sm: 2 }} size="small">
          <Descriptions.Item label={t('record.org')}>{record.partyOrgName}</Descriptions.Item>
          <Descriptions.Item label={t('record.heldOn')}>{record.heldOn ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('record.plannedOn')}>{record.plannedOn ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('record.place')}>{record.place ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('record.duration')}>
            {record.durationMinutes ? t('common.minutes', { n: record.durationMinutes }) : '—'}
          </Descriptions.Item>
          <Descriptions.Item label={t(hostLabel(record.kind))}>{record.hostName ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('record.recorder')}>{record.recorderName ?? '—'}</Descriptions.Item>
          {record.jointOrgs.length > 0 && (
            <Descriptions.Item label={t('record.jointOrgs')}>
              <span data-testid="record-detail-joint-orgs">
                {record.jointOrgs
                  .map((o) => (o.organName ? `${o.name}（${o.organName}）` : o.name))
                  .join('、')}
              </span>
            </Descriptions.Item>
          )}
          {record.partners.length > 0 && (
            <Descriptions.Item label={t('record.partners')}>
              <span data-testid="record-detail-partners">
                {record.partners.map((p) => p.name).join('、')}
              </span>
            </Descriptions.Item>
          )}
          <Descriptions.Item label={t('record.createdBy')}>
            {record.createdByName ?? '—'}
            {record.source !== 'entry' &&
              ` · ${t(record.source === 'import' ? 'record.sourceImport' : 'record.sourceDemo')}`}
          </Descriptions.Item>
        </Descriptions>
      </Card>
      {record.kind === 'talk' ? (
        <Section title={t('record.talkPartners')} testId="record-detail-attendance">
          {record.attendees.map((a) => a.name).join('、') || '—'}
        </Section>
      ) : (
        held && record.attendees.length > 0 && <Attendance record={record} />
      )}
      {record.kind === 'theme_day' && (
        <Section title={t('record.parts')} testId="record-detail-parts">
          <Descriptions column={1} size="small">
            {PARTS.map((p) => (
              <Descriptions.Item key={p.key} label={t(p.label)}>
                <Text value={record.parts?.[p.key]} />
              </Descriptions.Item>
            ))}
          </Descriptions>
        </Section>
      )}
      {record.kind === 'study' && (
        <Section title={t('record.kind.study')} testId="record-detail-study">
          <Descriptions column={1} size="small">
            <Descriptions.Item label={t('record.studied')}>
              <Text value={record.studied} />
            </Descriptions.Item>
            <Descriptions.Item label={t('record.appliedTo')}>
              <Text value={record.appliedTo} />
            </Descriptions.Item>
            <Descriptions.Item label={t('record.outcome')}>
              <Text value={record.outcome} />
            </Descriptions.Item>
          </Descriptions>
        </Section>
      )}
      <Section title={t(contentLabel(record.kind))} testId="record-detail-content">
        {record.confidential ? (
          <Alert
            type="info"
            showIcon
            icon={<LockOutlined />}
            title={t('record.confidential')}
            data-testid="record-confidential"
          />
        ) : (
          <Text value={record.content} />
        )}
      </Section>
      {hasResolutions(record.kind) && (
        <Section title={t('record.resolutions')}>
          <Text value={record.resolutions} />
        </Section>
      )}
      {record.kind === 'member_appraisal' && record.grades.length > 0 && (
        <Section title={t('record.grades')} testId="record-detail-grades">
          <Table
            size="small"
            pagination={false}
            rowKey="memberId"
            dataSource={record.grades}
            columns={[
              { title: t('record.member'), dataIndex: 'name' },
              {
                title: t('record.grade'),
                dataIndex: 'grade',
                render: (g: BranchRecord['grades'][number]['grade']) => t(GRADE_LABEL[g]),
              },
              { title: t('record.gradeNote'), dataIndex: 'note', render: (n: string | null) => n ?? '' },
            ]}
          />
        </Section>
      )}
      <Section title={t('record.photos')}>
        <AttachmentList ownerKind={RECORD_OWNER_KIND} ownerId={record.id} testId="record-gallery" />
      </Section>
    </Space>
  );
}

export function RecordDetailPage() {
  const { id } = useParams<{ id: string }>();
  const record = useRecord(id);
  if (record.isError) return <QueryError error={record.error} onRetry={() => void record.refetch()} />;
  if (!record.data) return <PageSpin />;
  return <Body record={record.data} />;
}
