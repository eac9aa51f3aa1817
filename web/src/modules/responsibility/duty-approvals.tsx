import { CheckOutlined, CloseOutlined } from '@ant-design/icons';
import { App, Button, Card, Form, Input, List, Modal, Typography } from 'antd';
import { useState } from 'react';
import type { Exemption } from '#contracts/responsibility';
import { useApiError } from '../../components/error-display.tsx';
import { useT } from '../../i18n/i18n.tsx';
import { useDecideExemption } from './responsibility-me-api.ts';

type Decision = { exemption: Exemption; status: 'approved' | 'rejected' };

/** Exemptions naming the person as approver (or someone they hold duties for): approve or reject, with a note. */
export function DutyApprovals({ approvals }: { approvals: readonly Exemption[] }) {
  const t = useT();
  const [deciding, setDeciding] = useState<Decision | null>(null);
  if (approvals.length === 0) return null;
  return (
    <Card title={t('myDuties.approvals')} data-testid="duty-approvals">
      <List
        dataSource={[...approvals]}
        renderItem={(e) => (
          <List.Item style={{ display: 'block', paddingInline: 0 }} data-testid="duty-approval">
            <Typography.Text strong style={{ display: 'block' }}>
              {e.itemTitle}
            </Typography.Text>
            <Typography.Text type="secondary" style={{ display: 'block', fontSize: 13 }}>
              {t('myDuties.approvalRequested', { name: e.requestedByName })} ·{' '}
              {t('myDuties.exemptionWindow', { from: e.startsOn, to: e.expiresOn })}
            </Typography.Text>
            <div style={{ whiteSpace: 'pre-wrap', margin: '4px 0 8px' }}>{e.reason}</div>
            <div style={{ display: 'flex', gap: 8 }}>
              <Button
                type="primary"
                icon={<CheckOutlined />}
                size="large"
                style={{ flex: 1 }}
                data-testid="duty-approve"
                onClick={() => setDeciding({ exemption: e, status: 'approved' })}
              >
                {t('myDuties.approve')}
              </Button>
              <Button
                danger
                icon={<CloseOutlined />}
                size="large"
                style={{ flex: 1 }}
                data-testid="duty-reject"
                onClick={() => setDeciding({ exemption: e, status: 'rejected' })}
              >
                {t('myDuties.reject')}
              </Button>
            </div>
          </List.Item>
        )}
      />
      {deciding && <DecisionModal decision={deciding} onClose={() => setDeciding(null)} />}
    </Card>
  );
}

function DecisionModal({ decision, onClose }: { decision: Decision; onClose: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const showError = useApiError();
  const decide = useDecideExemption();
  const [form] = Form.useForm<{ note?: string }>();
  const { exemption, status } = decision;
  const rejecting = status === 'rejected';
  return (
    <Modal
      open
      title={t(rejecting ? 'myDuties.rejectTitle' : 'myDuties.approveTitle', { title: exemption.itemTitle })}
      okText={t(rejecting ? 'myDuties.reject' : 'myDuties.approve')}
      okButtonProps={{ danger: rejecting, size: 'large' }}
      cancelButtonProps={{ size: 'large' }}
      confirmLoading={decide.isPending}
      onCancel={onClose}
      onOk={() => form.submit()}
    >
      <Form
        form={form}
        layout="vertical"
        data-testid="duty-decision-form"
        onFinish={(v) =>
          decide.mutate(
            { id: exemption.id, status, note: v.note?.trim() || undefined, version: exemption.version },
            {
              onSuccess: () => {
                void message.success(t(rejecting ? 'myDuties.rejected' : 'myDuties.approved'));
                onClose();
              },
              onError: (err) => showError(err, form),
            },
          )
        }
      >
        <Form.Item
          name="note"
          label={t('myDuties.decisionNote')}
          rules={
            rejecting ? [{ required: true, whitespace: true, message: t('myDuties.rejectNoteRequired') }] : []
          }
        >
          <Input.TextArea rows={3} maxLength={500} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}
