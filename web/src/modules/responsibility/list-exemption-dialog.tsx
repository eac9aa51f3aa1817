// 申请豁免: a duty that cannot be done for a time (the branch is being reorganised, the owner is on a long absence)
// is exempted for a window, with a reason, once the named approver agrees.
import { App, DatePicker, Form, Input, Modal } from 'antd';
import type { Dayjs } from 'dayjs';
import type { Item } from '#contracts/responsibility';
import { HttpError } from '../../api/http.ts';
import { today, toIsoDate } from '../../components/dates.ts';
import { useApiError } from '../../components/error-display.tsx';
import { useT } from '../../i18n/i18n.tsx';
import { MemberSelect } from './list-member-select.tsx';
import { useRequestExemption } from './responsibility-api.ts';

type Values = { window: [Dayjs, Dayjs] | null; reason: string; approverMemberId: string | null };

export function ExemptionDialog({ item, onClose }: { item: Item; onClose: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const request = useRequestExemption();
  const showError = useApiError();

  const onFinish = (v: Values) => {
    const [from, to] = v.window ?? [];
    const startsOn = toIsoDate(from);
    const expiresOn = toIsoDate(to);
    if (!startsOn || !expiresOn || !v.approverMemberId) return;
    request.mutate(
      {
        itemId: item.id,
        body: { startsOn, expiresOn, reason: v.reason.trim(), approverMemberId: v.approverMemberId },
      },
      {
        onSuccess: () => {
          message.success(t('rs.exempt.sent'));
          onClose();
        },
        onError: (err) => {
          // The two dates are one field here.
          showError(err, form);
          const issues = err instanceof HttpError ? err.issues : [];
          const dateIssue = issues.find((i) => i.field.endsWith('startsOn') || i.field.endsWith('expiresOn'));
          if (dateIssue) form.setFields([{ name: 'window', errors: [dateIssue.message] }]);
        },
      },
    );
  };

  return (
    <Modal
      open
      title={t('rs.exempt.title', { title: item.title })}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('rs.exempt.submit')}
      confirmLoading={request.isPending}
    >
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={onFinish}
        initialValues={{ window: [today(), today().add(1, 'month')], reason: '', approverMemberId: null }}
      >
        <Form.Item
          name="window"
          label={t('rs.exempt.window')}
          rules={[{ required: true, message: t('rs.exempt.windowRequired') }]}
        >
          <DatePicker.RangePicker style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item
          name="reason"
          label={t('rs.exempt.reason')}
          rules={[{ required: true, whitespace: true, min: 4, message: t('rs.exempt.reasonRequired') }]}
        >
          <Input.TextArea maxLength={500} autoSize={{ minRows: 3, maxRows: 6 }} />
        </Form.Item>
        <Form.Item
          name="approverMemberId"
          label={t('rs.exempt.approver')}
          extra={t('rs.exempt.approverHint')}
          rules={[{ required: true, message: t('rs.exempt.approverRequired') }]}
        >
          <MemberSelect />
        </Form.Item>
      </Form>
    </Modal>
  );
}
