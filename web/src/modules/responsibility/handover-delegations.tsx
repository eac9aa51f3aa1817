// 临时委托: while a comrade is on leave, a delegate holds their duties and approvals within a window; nothing passes
// for good. A delegation can be ended early when the comrade returns.
import { App, Button, Card, DatePicker, Form, Input, Popconfirm, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import type { Handover } from '#contracts/handover';
import { isStaleVersion } from '../../api/http.ts';
import { today, toIsoDate } from '../../components/dates.ts';
import { QueryError, useApiError } from '../../components/error-display.tsx';
import { useT } from '../../i18n/i18n.tsx';
import { MemberSelect } from './list-member-select.tsx';
import { type Column, ResponsiveTable } from './lists-responsive.tsx';
import { useCancelHandover, useCreateHandover, useHandovers } from './responsibility-api.ts';

type Values = {
  fromMemberId: string | null;
  toMemberId: string | null;
  post: string;
  reason: string;
  window: [Dayjs, Dayjs] | null;
};

/** Where a delegation stands today. */
function delegationState(h: Handover, now: string): 'cancelled' | 'in_force' | 'future' | 'ended' {
  if (h.status === 'cancelled') return 'cancelled';
  if (h.inForce) return 'in_force';
  return h.startsOn > now ? 'future' : 'ended';
}
const STATE_COLORS = { cancelled: 'default', in_force: 'green', future: 'blue', ended: 'default' } as const;

export function DelegationPanel() {
  const t = useT();
  const { message } = App.useApp();
  const showError = useApiError();
  const [form] = Form.useForm<Values>();
  const handovers = useHandovers();
  const create = useCreateHandover();
  const cancel = useCancelHandover();
  const now = toIsoDate(today()) ?? '';
  const delegations = (handovers.data ?? []).filter((h) => h.kind === 'delegation');

  const onFinish = (v: Values) => {
    const [from, to] = v.window ?? [];
    const startsOn = toIsoDate(from);
    const endsOn = toIsoDate(to);
    if (!v.fromMemberId || !v.toMemberId || !startsOn || !endsOn) return;
    create.mutate(
      {
        kind: 'delegation',
        fromMemberId: v.fromMemberId,
        toMemberId: v.toMemberId,
        post: v.post.trim(),
        reason: v.reason.trim(),
        startsOn,
        endsOn,
      },
      {
        onSuccess: () => {
          message.success(t('rs.delegation.saved'));
          form.resetFields();
        },
        onError: (err) => showError(err, form),
      },
    );
  };

  const columns: Column<Handover>[] = [
    {
      key: 'who',
      title: t('rs.delegation.who'),
      primary: true,
      render: (h) => t('rs.delegation.fromTo', { from: h.fromMemberName, to: h.toMemberName }),
    },
    { key: 'post', title: t('rs.handover.post'), render: (h) => h.post },
    { key: 'window', title: t('rs.delegation.window'), render: (h) => `${h.startsOn} ~ ${h.endsOn ?? ''}` },
    {
      key: 'state',
      title: t('rs.list.status'),
      render: (h) => {
        const s = delegationState(h, now);
        return <Tag color={STATE_COLORS[s]}>{t(`rs.delegation.state.${s}`)}</Tag>;
      },
    },
    { key: 'reason', title: t('rs.handover.reason'), render: (h) => h.reason },
    {
      key: 'actions',
      title: t('common.actions'),
      actions: true,
      render: (h) => {
        const s = delegationState(h, now);
        if (s !== 'in_force' && s !== 'future') return null;
        return (
          <Popconfirm
            title={t('rs.delegation.endConfirm', { name: h.fromMemberName })}
            onConfirm={() =>
              cancel.mutate(
                { id: h.id, version: h.version },
                {
                  onSuccess: () => message.success(t('rs.delegation.ended')),
                  onError: (err) => {
                    showError(err);
                    if (isStaleVersion(err)) void handovers.refetch();
                  },
                },
              )
            }
          >
            <Button size="small" danger>
              {t('rs.delegation.end')}
            </Button>
          </Popconfirm>
        );
      },
    },
  ];

  return (
    <>
      <Card size="small" title={t('rs.delegation.newTitle')} style={{ marginBottom: 16 }}>
        <Typography.Paragraph type="secondary">{t('rs.delegation.intro')}</Typography.Paragraph>
        <Form<Values>
          form={form}
          layout="vertical"
          style={{ maxWidth: 560 }}
          onFinish={onFinish}
          initialValues={{
            fromMemberId: null,
            toMemberId: null,
            post: '',
            reason: '',
            window: [today(), today().add(14, 'day')],
          }}
        >
          <Form.Item
            name="fromMemberId"
            label={t('rs.delegation.from')}
            rules={[{ required: true, message: t('rs.delegation.fromRequired') }]}
          >
            <MemberSelect data-testid="delegation-from" />
          </Form.Item>
          <Form.Item
            name="toMemberId"
            label={t('rs.delegation.to')}
            rules={[{ required: true, message: t('rs.handover.toRequired') }]}
          >
            <MemberSelect data-testid="delegation-to" />
          </Form.Item>
          <Form.Item
            name="post"
            label={t('rs.handover.post')}
            rules={[{ required: true, whitespace: true, message: t('rs.handover.postRequired') }]}
          >
            <Input maxLength={60} placeholder={t('rs.handover.postPlaceholder')} />
          </Form.Item>
          <Form.Item
            name="reason"
            label={t('rs.handover.reason')}
            rules={[{ required: true, whitespace: true, min: 2, message: t('rs.handover.reasonRequired') }]}
          >
            <Input.TextArea
              maxLength={500}
              autoSize={{ minRows: 2, maxRows: 4 }}
              placeholder={t('rs.delegation.reasonPlaceholder')}
            />
          </Form.Item>
          <Form.Item
            name="window"
            label={t('rs.delegation.window')}
            rules={[{ required: true, message: t('rs.delegation.windowRequired') }]}
          >
            <DatePicker.RangePicker style={{ width: '100%' }} />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={create.isPending}>
            {t('rs.delegation.submit')}
          </Button>
        </Form>
      </Card>
      {handovers.isError && <QueryError error={handovers.error} onRetry={() => void handovers.refetch()} />}
      <ResponsiveTable<Handover>
        rowKey={(h) => h.id}
        columns={columns}
        dataSource={delegations}
        loading={handovers.isFetching}
        emptyText={t('rs.delegation.empty')}
        data-testid="delegations"
      />
    </>
  );
}
