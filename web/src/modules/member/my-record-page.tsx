import { EditOutlined } from '@ant-design/icons';
import {
  App,
  Button,
  Card,
  Descriptions,
  Empty,
  Form,
  Input,
  List,
  Modal,
  Select,
  Space,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import { useState } from 'react';
import { CORRECTION_FIELDS, CORRECTION_STATUS_LABELS, type CorrectionField } from '#contracts/correction';
import { formatDateTime } from '../../components/dates.ts';
import { QueryError, useApiError } from '../../components/error-display.tsx';
import { useLabel, useT } from '../../i18n/i18n.tsx';
import { CORRECTION_FIELD_KEYS } from './correction-labels.ts';
import { CategoryTag, StatusTag, useMemberLabels } from './member-labels.tsx';
import { useOwnCorrections, useOwnHistory, useOwnMember, useRequestCorrection } from './member-self-api.ts';

/** A member's own record on a phone: one column, their history, their correction requests and a way to ask. */
export function MyRecordPage() {
  const t = useT();
  const labels = useMemberLabels();
  const label = useLabel();
  const member = useOwnMember();
  const history = useOwnHistory();
  const corrections = useOwnCorrections();
  const [asking, setAsking] = useState(false);

  if (member.isError) return <QueryError error={member.error} onRetry={() => void member.refetch()} />;
  if (!member.data) return <Card loading />;
  const m = member.data;
  const dash = (v: string | null) => v ?? '—';

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Card
        data-testid="my-record"
        title={
          <Space wrap>
            <span>{m.name}</span>
            <CategoryTag category={m.category} />
            <StatusTag status={m.status} />
          </Space>
        }
        extra={
          <Button icon={<EditOutlined />} onClick={() => setAsking(true)} data-testid="my-record-correct">
            {t('self.askCorrection')}
          </Button>
        }
      >
        <Descriptions column={{ xs: 1, sm: 2 }} size="small" bordered>
          <Descriptions.Item label={t('member.partyOrg')}>{m.partyOrgName}</Descriptions.Item>
          <Descriptions.Item label={t('member.partyPost')}>{labels.post(m.partyPost)}</Descriptions.Item>
          <Descriptions.Item label={t('member.gender')}>{labels.gender(m.gender)}</Descriptions.Item>
          <Descriptions.Item label={t('member.birthDate')}>{dash(m.birthDate)}</Descriptions.Item>
          <Descriptions.Item label={t('member.ethnicity')}>{dash(m.ethnicity)}</Descriptions.Item>
          <Descriptions.Item label={t('member.education')}>{dash(m.education)}</Descriptions.Item>
          <Descriptions.Item label={t('member.idNumber')}>
            <span style={{ fontFamily: 'monospace' }}>{m.idNumber}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t('member.phone')}>{dash(m.phone)}</Descriptions.Item>
          <Descriptions.Item label={t('member.joinedOn')}>{dash(m.joinedOn)}</Descriptions.Item>
          <Descriptions.Item label={t('member.fullOn')}>{dash(m.fullOn)}</Descriptions.Item>
          <Descriptions.Item label={t('member.department')}>{dash(m.departmentName)}</Descriptions.Item>
          <Descriptions.Item label={t('member.businessPost')}>{dash(m.businessPost)}</Descriptions.Item>
        </Descriptions>
        <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
          {t('self.maskedHint')}
        </Typography.Paragraph>
      </Card>
      <Card title={t('member.history')}>
        {history.isError && <QueryError error={history.error} onRetry={() => void history.refetch()} />}
        {history.data?.length === 0 && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />}
        {history.data && history.data.length > 0 && (
          <Timeline
            data-testid="my-record-history"
            items={history.data.map((h, i) => ({
              key: `${h.partyOrgId}:${h.fromOn}:${i}`,
              color: h.toOn ? 'gray' : 'red',
              title: `${h.fromOn} ~ ${h.toOn ?? t('member.untilNow')}`,
              content: (
                <>
                  <Typography.Text strong>{h.partyOrgName}</Typography.Text>
                  {h.reason && (
                    <div>
                      <Typography.Text type="secondary">{h.reason}</Typography.Text>
                    </div>
                  )}
                </>
              ),
            }))}
          />
        )}
      </Card>
      <Card title={t('self.myRequests')}>
        <List
          data-testid="my-record-requests"
          dataSource={corrections.data ?? []}
          locale={{ emptyText: t('self.noRequests') }}
          renderItem={(c) => (
            <List.Item>
              <List.Item.Meta
                title={
                  <Space wrap>
                    <span>{t(CORRECTION_FIELD_KEYS[c.field])}</span>
                    <Tag
                      color={c.status === 'open' ? 'orange' : c.status === 'resolved' ? 'green' : 'default'}
                    >
                      {label(CORRECTION_STATUS_LABELS[c.status])}
                    </Tag>
                  </Space>
                }
                description={
                  <>
                    <div>{c.message}</div>
                    {c.resolution && <div>{t('self.answer', { text: c.resolution })}</div>}
                    <Typography.Text type="secondary">{formatDateTime(c.createdAt)}</Typography.Text>
                  </>
                }
              />
            </List.Item>
          )}
        />
      </Card>
      {asking && <AskCorrectionModal onClose={() => setAsking(false)} />}
    </Space>
  );
}

type AskValues = { field: CorrectionField; message: string };

function AskCorrectionModal({ onClose }: { onClose: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<AskValues>();
  const ask = useRequestCorrection();
  const showError = useApiError();
  return (
    <Modal
      open
      title={t('self.askCorrection')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('self.send')}
      confirmLoading={ask.isPending}
    >
      <Typography.Paragraph type="secondary">{t('self.askHint')}</Typography.Paragraph>
      <Form<AskValues>
        form={form}
        layout="vertical"
        data-testid="my-record-correct-form"
        onFinish={(v) =>
          ask.mutate(
            { field: v.field, message: v.message.trim() },
            {
              onSuccess: () => {
                void message.success(t('self.sent'));
                onClose();
              },
              onError: (err) => showError(err, form),
            },
          )
        }
      >
        <Form.Item
          name="field"
          label={t('self.field')}
          rules={[{ required: true, message: t('self.fieldRequired') }]}
        >
          <Select
            data-testid="my-record-correct-field"
            options={CORRECTION_FIELDS.map((f) => ({ value: f, label: t(CORRECTION_FIELD_KEYS[f]) }))}
          />
        </Form.Item>
        <Form.Item
          name="message"
          label={t('self.message')}
          rules={[{ required: true, whitespace: true, min: 2, message: t('self.messageRequired') }]}
        >
          <Input.TextArea rows={4} maxLength={500} showCount placeholder={t('self.messageHint')} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
