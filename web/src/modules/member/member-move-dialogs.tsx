import { DatePicker, Form, Input, Modal } from 'antd';
import type { Dayjs } from 'dayjs';
import type { Member } from '#contracts/member';
import { isStaleVersion } from '../../api/http.ts';
import { today, toIsoDate } from '../../components/dates.ts';
import { useApiError } from '../../components/error-display.tsx';
import { OrgTreeSelect } from '../../components/org-tree-select.tsx';
import { useT } from '../../i18n/i18n.tsx';
import { useLeaveMember, useTransferMember } from './member-api.ts';

type TransferValues = { toPartyOrgId: string | null; on: Dayjs | null; reason: string };

export function TransferModal({ member, onClose }: { member: Member; onClose: () => void }) {
  const t = useT();
  const [form] = Form.useForm<TransferValues>();
  const transfer = useTransferMember();
  const showError = useApiError();
  return (
    <Modal
      open
      title={t('member.transferOf', { name: member.name })}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('member.transfer')}
      confirmLoading={transfer.isPending}
    >
      <Form<TransferValues>
        form={form}
        layout="vertical"
        initialValues={{ toPartyOrgId: null, on: today(), reason: '' }}
        data-testid="member-transfer-form"
        onFinish={(v) => {
          if (!v.toPartyOrgId) return;
          transfer.mutate(
            {
              id: member.id,
              toPartyOrgId: v.toPartyOrgId,
              on: toIsoDate(v.on) ?? '',
              reason: v.reason.trim(),
              version: member.version,
            },
            {
              onSuccess: onClose,
              onError: (err) => {
                showError(err, form);
                if (isStaleVersion(err)) onClose();
              },
            },
          );
        }}
      >
        <Form.Item
          name="toPartyOrgId"
          label={t('member.transferTo')}
          rules={[{ required: true, message: t('member.transferToRequired') }]}
        >
          <OrgTreeSelect
            selectable={(o) => o.status === 'active' && o.id !== member.partyOrgId}
            data-testid="member-transfer-org"
          />
        </Form.Item>
        <DateAndReasonFields dateLabel={t('member.transferOn')} />
      </Form>
    </Modal>
  );
}

type LeaveValues = { on: Dayjs | null; reason: string };

export function LeaveModal({ member, onClose }: { member: Member; onClose: () => void }) {
  const t = useT();
  const [form] = Form.useForm<LeaveValues>();
  const leave = useLeaveMember();
  const showError = useApiError();
  return (
    <Modal
      open
      title={t('member.leaveOf', { name: member.name })}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('member.leave')}
      okButtonProps={{ danger: true }}
      confirmLoading={leave.isPending}
    >
      <Form<LeaveValues>
        form={form}
        layout="vertical"
        initialValues={{ on: today(), reason: '' }}
        data-testid="member-leave-form"
        onFinish={(v) =>
          leave.mutate(
            { id: member.id, on: toIsoDate(v.on) ?? '', reason: v.reason.trim(), version: member.version },
            {
              onSuccess: onClose,
              onError: (err) => {
                showError(err, form);
                if (isStaleVersion(err)) onClose();
              },
            },
          )
        }
      >
        <DateAndReasonFields dateLabel={t('member.leaveOn')} />
      </Form>
    </Modal>
  );
}

/** The date and reason every change of a member's standing records, so that the history says when and why. */
function DateAndReasonFields({ dateLabel }: { dateLabel: string }) {
  const t = useT();
  return (
    <>
      <Form.Item name="on" label={dateLabel} rules={[{ required: true, message: t('member.dateRequired') }]}>
        <DatePicker style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item
        name="reason"
        label={t('member.reason')}
        rules={[{ required: true, whitespace: true, message: t('member.reasonRequired') }]}
      >
        <Input.TextArea rows={3} maxLength={200} showCount />
      </Form.Item>
    </>
  );
}
