import { CloseOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  DatePicker,
  Descriptions,
  Drawer,
  Flex,
  Form,
  Input,
  InputNumber,
  List,
  Popconfirm,
  Select,
  Skeleton,
  Tag,
  Typography,
} from 'antd';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import { useState } from 'react';
import {
  DUES_CATEGORIES,
  DUES_CATEGORY_LABELS,
  type DuesCategory,
  type DuesPayment,
  type MemberDues,
  yuan,
} from '#contracts/branch-dues';
import { QueryError, setFormIssues, useApiError } from '../../components/error-display.tsx';
import { useScreens } from '../../components/use-screens.ts';
import { useLabel, useT } from '../../i18n/i18n.tsx';
import { fenOf, useCreateBase, useMemberDues, useVoidPayment } from './dues-api.ts';
import { MonthCell, useBaseLine } from './dues-parts.tsx';

// One member's year for whoever collects the dues: the base in force and its history, a new base from a month on,
// the months, and the payments (a payment recorded by mistake is voided with a reason, never deleted).

type BaseValues = {
  from: Dayjs;
  category: DuesCategory;
  income: number | null;
  fixed: number | null;
  note?: string;
};

function BaseForm({ memberId, onDone }: { memberId: string; onDone: () => void }) {
  const t = useT();
  const label = useLabel();
  const { message } = App.useApp();
  const showError = useApiError();
  const [form] = Form.useForm<BaseValues>();
  const create = useCreateBase();
  const category = Form.useWatch('category', form) ?? 'serving';
  const submit = (v: BaseValues) =>
    create.mutate(
      {
        memberId,
        effectiveFrom: v.from.format('YYYY-MM'),
        category: v.category,
        incomeFen: v.category === 'no_income' ? null : fenOf(v.income),
        fixedFen: v.category === 'no_income' ? fenOf(v.fixed) : null,
        note: v.note?.trim() || null,
      },
      {
        onSuccess: (b) => {
          message.success(t('dues.base.saved', { amount: yuan(b.monthlyFen) }));
          onDone();
        },
        onError: (err) => {
          // The server names its fields incomeFen / fixedFen / effectiveFrom; the form's are income / fixed / from.
          showError(err);
          const issues = (err as { issues?: { field: string; message: string }[] }).issues ?? [];
          setFormIssues(
            form,
            issues.map((i) => ({
              ...i,
              field: i.field
                .replace('incomeFen', 'income')
                .replace('fixedFen', 'fixed')
                .replace('effectiveFrom', 'from'),
            })),
          );
        },
      },
    );
  return (
    <Form<BaseValues>
      form={form}
      layout="vertical"
      initialValues={{ from: dayjs().startOf('month'), category: 'serving', income: null, fixed: null }}
      onFinish={submit}
      data-testid="dues-base-form"
    >
      <Flex gap={12} wrap>
        <Form.Item
          name="from"
          label={t('dues.base.from')}
          rules={[{ required: true }]}
          style={{ minWidth: 140 }}
        >
          <DatePicker picker="month" allowClear={false} />
        </Form.Item>
        <Form.Item name="category" label={t('dues.base.category')} style={{ minWidth: 160 }}>
          <Select
            options={DUES_CATEGORIES.map((c) => ({ value: c, label: label(DUES_CATEGORY_LABELS[c]) }))}
          />
        </Form.Item>
      </Flex>
      {category === 'no_income' ? (
        <Form.Item name="fixed" label={t('dues.base.fixed')} extra={t('dues.base.fixedHint')}>
          <InputNumber<number>
            min={0.2}
            max={1}
            step={0.1}
            precision={2}
            prefix="¥"
            style={{ width: '100%' }}
          />
        </Form.Item>
      ) : (
        <Form.Item
          name="income"
          label={category === 'retired' ? t('dues.base.pension') : t('dues.base.income')}
          rules={[
            {
              required: true,
              message: category === 'retired' ? t('dues.base.pension') : t('dues.base.income'),
            },
          ]}
        >
          <InputNumber<number>
            min={0}
            step={100}
            precision={2}
            prefix="¥"
            style={{ width: '100%' }}
            data-testid="dues-base-income"
          />
        </Form.Item>
      )}
      <Form.Item name="note" label={t('dues.base.note')}>
        <Input maxLength={200} />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={create.isPending}>
        {t('common.save')}
      </Button>
    </Form>
  );
}

function VoidButton({ payment }: { payment: DuesPayment }) {
  const t = useT();
  const { message } = App.useApp();
  const showError = useApiError();
  const voiding = useVoidPayment();
  const [reason, setReason] = useState('');
  return (
    <Popconfirm
      title={t('dues.payment.voidReason')}
      description={
        <Input
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          placeholder={t('dues.payment.voidReasonPlaceholder')}
          maxLength={200}
        />
      }
      okButtonProps={{ disabled: reason.trim() === '', loading: voiding.isPending }}
      onConfirm={() =>
        voiding.mutateAsync({ id: payment.id, reason: reason.trim(), version: payment.version }).then(
          () => message.success(t('dues.payment.voidOk')),
          (err: unknown) => showError(err),
        )
      }
    >
      <Button size="small" danger type="link">
        {t('dues.payment.void')}
      </Button>
    </Popconfirm>
  );
}

export function PaymentList({ dues, canVoid }: { dues: MemberDues; canVoid: boolean }) {
  const t = useT();
  if (dues.payments.length === 0)
    return <Typography.Text type="secondary">{t('dues.member.noPayments')}</Typography.Text>;
  return (
    <List
      size="small"
      dataSource={dues.payments}
      renderItem={(p) => (
        <List.Item
          actions={canVoid && p.status === 'valid' ? [<VoidButton key="void" payment={p} />] : []}
          data-testid="dues-payment"
        >
          <Flex vertical gap={2} style={{ minWidth: 0 }}>
            <Typography.Text delete={p.status === 'voided'}>
              {t('dues.payment.line', {
                paidOn: p.paidOn,
                amount: yuan(p.amountFen),
                months: p.months.map((m) => m.month).join('、'),
              })}
            </Typography.Text>
            <Flex gap={4} wrap>
              {p.source === 'import' && <Tag>{t('dues.payment.source.import')}</Tag>}
              {p.status === 'voided' && (
                <Tag color="red">{t('dues.payment.voided', { reason: p.voidReason ?? '' })}</Tag>
              )}
              {p.note && <Typography.Text type="secondary">{p.note}</Typography.Text>}
            </Flex>
          </Flex>
        </List.Item>
      )}
    />
  );
}

export function MemberDuesDrawer({
  memberId,
  year,
  onRecord,
  onClose,
}: {
  memberId: string | null;
  year: number;
  onRecord: (member: { id: string; name: string }) => void;
  onClose: () => void;
}) {
  const t = useT();
  const screens = useScreens();
  const isMobile = screens.md === false;
  const dues = useMemberDues(memberId, year);
  const baseLine = useBaseLine();
  const [adding, setAdding] = useState(false);
  const d = dues.data;
  return (
    <Drawer
      open={!!memberId}
      onClose={onClose}
      placement={isMobile ? 'bottom' : 'right'}
      size={isMobile ? '92%' : 620}
      destroyOnHidden
      title={d ? t('dues.member.title', { name: d.name, year }) : ' '}
      closeIcon={<CloseOutlined data-testid="dues-drawer-close" />}
      data-testid="dues-member-drawer"
      extra={
        d && (
          <Button type="primary" onClick={() => onRecord({ id: d.memberId, name: d.name })}>
            {t('dues.record')}
          </Button>
        )
      }
    >
      {dues.isLoading && <Skeleton active />}
      {dues.error && <QueryError error={dues.error} onRetry={() => dues.refetch()} />}
      {d && (
        <Flex vertical gap={16}>
          {d.arrearsMonths > 0 ? (
            <Alert
              type="warning"
              showIcon
              title={t('dues.member.arrears', { months: d.arrearsMonths, amount: yuan(d.arrearsFen) })}
            />
          ) : (
            d.currentBase && <Alert type="success" showIcon title={t('dues.member.clear')} />
          )}
          <Descriptions size="small" column={1} bordered>
            <Descriptions.Item label={t('dues.member.base')}>
              {d.currentBase ? (
                baseLine(d.currentBase)
              ) : (
                <Typography.Text type="warning">{t('dues.member.noBase')}</Typography.Text>
              )}
            </Descriptions.Item>
          </Descriptions>
          <Flex gap={6} wrap>
            {d.months.map((m) => (
              <Flex key={m.month} vertical align="center" gap={2}>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t('dues.col.month', { n: Number(m.month.slice(5)) })}
                </Typography.Text>
                <MonthCell month={m} />
              </Flex>
            ))}
          </Flex>
          <div>
            <Flex justify="space-between" align="center">
              <Typography.Title level={5} style={{ margin: 0 }}>
                {t('dues.member.bases')}
              </Typography.Title>
              <Button size="small" onClick={() => setAdding((a) => !a)} data-testid="dues-base-add">
                {t('dues.base.add')}
              </Button>
            </Flex>
            {adding && (
              <div style={{ marginTop: 12 }}>
                <BaseForm memberId={d.memberId} onDone={() => setAdding(false)} />
              </div>
            )}
            <List
              size="small"
              dataSource={d.bases}
              renderItem={(b) => <List.Item>{baseLine(b)}</List.Item>}
            />
          </div>
          <div>
            <Typography.Title level={5}>{t('dues.member.payments')}</Typography.Title>
            <PaymentList dues={d} canVoid />
          </div>
        </Flex>
      )}
    </Drawer>
  );
}
