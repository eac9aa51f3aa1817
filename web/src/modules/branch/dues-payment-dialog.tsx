import { App, DatePicker, Form, Input, InputNumber, Modal, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { yuan } from '#contracts/branch-dues';
import { today } from '../../components/dates.ts';
import { useApiError } from '../../components/error-display.tsx';
import { useT } from '../../i18n/i18n.tsx';
import { MemberSelect } from '../responsibility/list-member-select.tsx';
import { fenOf, useMemberDues, useRecordPayment } from './dues-api.ts';

// 登记交费: a member, the months the payment covers, the amount (suggested from what those months still lack) and the
// day it was paid. The server's reasons (a month already paid, not a member then) come back onto the fields.

type Values = {
  memberId: string | null;
  months: Dayjs[];
  amount: number | null;
  paidOn: Dayjs;
  note?: string;
};

export function PaymentDialog({
  partyOrgId,
  year,
  member,
  onClose,
}: {
  partyOrgId: string;
  year: number;
  /** The member the dialog opens on (from their year), or none: chosen in the dialog. */
  member?: { id: string; name: string } | null;
  onClose: () => void;
}) {
  const t = useT();
  const { message } = App.useApp();
  const showError = useApiError();
  const [form] = Form.useForm<Values>();
  const record = useRecordPayment();
  const [memberId, setMemberId] = useState<string | null>(member?.id ?? null);
  const [names, setNames] = useState<Record<string, string>>(member ? { [member.id]: member.name } : {});
  const months = Form.useWatch('months', form) ?? [];
  const dues = useMemberDues(memberId, year);
  const suggestion = useMemo(() => {
    if (!dues.data || months.length === 0) return null;
    let fen = 0;
    for (const m of months) {
      const found = dues.data.months.find((x) => x.month === m.format('YYYY-MM'));
      if (found?.dueFen) fen += Math.max(0, found.dueFen - (found.paidFen ?? 0));
    }
    return fen > 0 ? fen : null;
  }, [dues.data, months]);

  const submit = (values: Values) => {
    const amountFen = fenOf(values.amount);
    record.mutate(
      {
        memberId: values.memberId ?? '',
        months: values.months.map((m) => m.format('YYYY-MM')),
        amountFen: amountFen ?? 0,
        paidOn: values.paidOn.format('YYYY-MM-DD'),
        note: values.note?.trim() || null,
      },
      {
        onSuccess: (p) => {
          message.success(t('dues.payment.saved', { name: p.memberName, amount: yuan(p.amountFen) }));
          onClose();
        },
        onError: (err) => showError(err, form),
      },
    );
  };

  return (
    <Modal
      open
      title={t('dues.payment.title')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={record.isPending}
      destroyOnHidden
      data-testid="dues-payment-dialog"
    >
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{ memberId: member?.id ?? null, months: [], paidOn: today(), amount: null }}
        onFinish={submit}
        onFinishFailed={() => undefined}
        onValuesChange={(changed) => {
          if ('memberId' in changed) setMemberId(changed.memberId ?? null);
        }}
      >
        <Form.Item
          name="memberId"
          label={t('dues.payment.member')}
          rules={[{ required: true, message: t('dues.payment.member') }]}
        >
          <MemberSelect
            partyOrgId={partyOrgId}
            known={names}
            onChange={(id, picked) => {
              form.setFieldValue('memberId', id);
              setMemberId(id);
              if (picked) setNames((n) => ({ ...n, [picked.id]: picked.name }));
            }}
            data-testid="dues-payment-member"
          />
        </Form.Item>
        <Form.Item
          name="months"
          label={t('dues.payment.months')}
          extra={t('dues.payment.monthsHint')}
          rules={[{ required: true, message: t('dues.payment.months') }]}
        >
          <DatePicker picker="month" multiple style={{ width: '100%' }} data-testid="dues-payment-months" />
        </Form.Item>
        <Form.Item
          name="amount"
          label={t('dues.payment.amount')}
          extra={suggestion !== null ? t('dues.payment.suggest', { amount: yuan(suggestion) }) : undefined}
          rules={[
            { required: true, message: t('dues.payment.amount') },
            {
              validator: (_r, v) =>
                fenOf(v) !== null && (fenOf(v) ?? 0) > 0
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('dues.payment.amount'))),
            },
          ]}
        >
          <InputNumber<number>
            min={0.01}
            step={0.01}
            precision={2}
            prefix="¥"
            style={{ width: '100%' }}
            placeholder={suggestion !== null ? yuan(suggestion) : undefined}
            data-testid="dues-payment-amount"
          />
        </Form.Item>
        <Form.Item
          name="paidOn"
          label={t('dues.payment.paidOn')}
          rules={[{ required: true, message: t('dues.payment.paidOn') }]}
        >
          <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(today(), 'day')} />
        </Form.Item>
        <Form.Item name="note" label={t('dues.payment.note')}>
          <Input maxLength={200} />
        </Form.Item>
        {suggestion !== null && (
          <Typography.Link onClick={() => form.setFieldValue('amount', suggestion / 100)}>
            {t('dues.payment.suggest', { amount: yuan(suggestion) })}
          </Typography.Link>
        )}
      </Form>
    </Modal>
  );
}
