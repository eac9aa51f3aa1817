import { DatePicker, Form, Input, Modal } from 'antd';
import type { Dayjs } from 'dayjs';
import type { CodeListName } from '#contracts/code-lists';
import type { Member } from '#contracts/member';
import { isStaleVersion } from '../../api/http.ts';
import { CodeSelect } from '../../components/code-select.tsx';
import { today, toIsoDate } from '../../components/dates.ts';
import { DepartmentTreeSelect } from '../../components/department-tree-select.tsx';
import { useApiError } from '../../components/error-display.tsx';
import { OrgTreeSelect } from '../../components/org-tree-select.tsx';
import { useT } from '../../i18n/i18n.tsx';
import { usePartyOrgs } from '../org/org-api.ts';
import { useLeaveMember, useTransferMember } from './member-api.ts';

type TransferValues = {
  toPartyOrgId: string | null;
  departmentId: string | null;
  on: Dayjs | null;
  reason: string | null;
  note: string;
};

const noteOf = (note: string) => note.trim() || undefined;

export function TransferModal({ member, onClose }: { member: Member; onClose: () => void }) {
  const t = useT();
  const [form] = Form.useForm<TransferValues>();
  const transfer = useTransferMember();
  const showError = useApiError();
  const orgs = usePartyOrgs();
  const targetId = Form.useWatch('toPartyOrgId', form);
  const target = orgs.data?.find((o) => o.id === targetId) ?? null;
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
        initialValues={{
          toPartyOrgId: null,
          departmentId: member.departmentId,
          on: today(),
          reason: null,
          note: '',
        }}
        data-testid="member-transfer-form"
        onValuesChange={(changed: Partial<TransferValues>) => {
          if (!('toPartyOrgId' in changed)) return;
          // Suggest a department the new organisation serves (支部建在科上); the user may pick another.
          const next = orgs.data?.find((o) => o.id === changed.toPartyOrgId);
          const keep =
            next && next.unitId === member.unitId && next.departmentIds.includes(member.departmentId ?? '');
          form.setFieldValue('departmentId', keep ? member.departmentId : (next?.departmentIds[0] ?? null));
        }}
        onFinish={(v) => {
          if (!v.toPartyOrgId || !v.reason) return;
          transfer.mutate(
            {
              id: member.id,
              toPartyOrgId: v.toPartyOrgId,
              departmentId: v.departmentId ?? null,
              on: toIsoDate(v.on) ?? '',
              reason: v.reason,
              note: noteOf(v.note),
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
        <Form.Item
          name="departmentId"
          label={t('member.department')}
          extra={target?.departmentIds.length ? t('member.transferDepartmentHint') : undefined}
        >
          <DepartmentTreeSelect
            unitId={target?.unitId ?? member.unitId}
            data-testid="member-transfer-department"
          />
        </Form.Item>
        <DateAndReasonFields dateLabel={t('member.transferOn')} list="transferReason" />
      </Form>
    </Modal>
  );
}

type LeaveValues = { on: Dayjs | null; reason: string | null; note: string };

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
        initialValues={{ on: today(), reason: null, note: '' }}
        data-testid="member-leave-form"
        onFinish={(v) => {
          if (!v.reason) return;
          leave.mutate(
            {
              id: member.id,
              on: toIsoDate(v.on) ?? '',
              reason: v.reason,
              note: noteOf(v.note),
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
        <DateAndReasonFields dateLabel={t('member.leaveOn')} list="leaveReason" />
      </Form>
    </Modal>
  );
}

/** The date and reason every change of a member's standing records, so that the history says when and why. */
function DateAndReasonFields({ dateLabel, list }: { dateLabel: string; list: CodeListName }) {
  const t = useT();
  return (
    <>
      <Form.Item name="on" label={dateLabel} rules={[{ required: true, message: t('member.dateRequired') }]}>
        <DatePicker style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item
        name="reason"
        label={t('member.reason')}
        rules={[{ required: true, message: t('member.reasonRequired') }]}
      >
        <CodeSelect list={list} data-testid="member-move-reason" />
      </Form.Item>
      <Form.Item name="note" label={t('member.reasonNote')}>
        <Input maxLength={100} showCount placeholder={t('member.reasonNoteHint')} />
      </Form.Item>
    </>
  );
}
