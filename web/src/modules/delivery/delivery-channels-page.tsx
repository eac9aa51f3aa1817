import {
  App,
  Button,
  Card,
  Checkbox,
  Form,
  Input,
  List,
  Modal,
  Segmented,
  Select,
  Space,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import {
  CHANNEL_LABELS,
  DELIVERY_STATUS_LABELS,
  type DeliveryStatus,
  ROBOT_KINDS,
  ROBOT_SEVERITIES,
  ROBOT_SEVERITY_LABELS,
  type RobotChannel,
  type RobotKind,
  type RobotSeverity,
} from '#contracts/delivery';
import { formatDateTime } from '../../components/dates.ts';
import { QueryError, useApiError } from '../../components/error-display.tsx';
import { OrgTreeSelect } from '../../components/org-tree-select.tsx';
import { useT } from '../../i18n/i18n.tsx';
import {
  useCreateChannel,
  useDeliveryLog,
  usePatchChannel,
  useRetryDelivery,
  useRobotChannels,
  useTestChannel,
} from './delivery-api.ts';

const LOG_PAGE = 20;
/** What an empty log says under each filter: "no data" alone does not tell the officer whether that is good news. */
const EMPTY_LOG = {
  all: 'delivery.log.empty',
  failed: 'delivery.log.emptyFailed',
  pending: 'delivery.log.emptyPending',
  sent: 'delivery.log.emptySent',
  skipped: 'delivery.log.emptySkipped',
} as const;
type Editing = { channel: RobotChannel | null } | null;
type Values = {
  partyOrgId: string;
  kind: RobotKind;
  name: string;
  webhookUrl: string;
  secret: string;
  severities: RobotSeverity[];
};

/** 消息推送渠道: the group robots of the organisations the officer keeps, a test send for each, and the log. */
export function DeliveryChannelsPage() {
  const t = useT();
  const { message } = App.useApp();
  const showError = useApiError();
  const channels = useRobotChannels();
  const patch = usePatchChannel();
  const test = useTestChannel();
  const [editing, setEditing] = useState<Editing>(null);

  const toggle = (c: RobotChannel) =>
    patch.mutate(
      { id: c.id, body: { enabled: !c.enabled, version: c.version } },
      { onError: (e) => showError(e) },
    );
  const sendTest = (c: RobotChannel) =>
    test.mutate(c.id, {
      onSuccess: (r) =>
        r.ok
          ? message.success(t('delivery.channels.testOk'))
          : message.error(t('delivery.channels.testFailed', { error: r.error ?? '' })),
      onError: (e) => showError(e),
    });

  return (
    <Space
      orientation="vertical"
      style={{ width: '100%' }}
      size="middle"
      data-testid="delivery-channels-page"
    >
      <Card
        title={t('delivery.channels.title')}
        extra={
          <Button type="primary" onClick={() => setEditing({ channel: null })} data-testid="delivery-add">
            {t('delivery.channels.add')}
          </Button>
        }
      >
        <Typography.Paragraph type="secondary">{t('delivery.channels.intro')}</Typography.Paragraph>
        {channels.isError ? (
          <QueryError error={channels.error} onRetry={() => void channels.refetch()} />
        ) : (
          <List<RobotChannel>
            // Actions under each robot rather than beside it: beside, they squeeze its name on a phone.
            itemLayout="vertical"
            loading={channels.isPending}
            dataSource={channels.data ?? []}
            locale={{ emptyText: t('delivery.channels.empty') }}
            renderItem={(c) => (
              <List.Item
                data-testid="delivery-channel"
                actions={[
                  <Button
                    key="test"
                    size="small"
                    // Only the robot being tested waits: the others stay usable meanwhile.
                    loading={test.isPending && test.variables === c.id}
                    onClick={() => sendTest(c)}
                    data-testid="delivery-test"
                  >
                    {t('delivery.channels.test')}
                  </Button>,
                  <Button key="edit" size="small" onClick={() => setEditing({ channel: c })}>
                    {t('delivery.channels.edit')}
                  </Button>,
                  <Button key="toggle" size="small" onClick={() => toggle(c)} data-testid="delivery-toggle">
                    {c.enabled ? t('delivery.channels.disable') : t('delivery.channels.enable')}
                  </Button>,
                ]}
              >
                <List.Item.Meta
                  title={
                    <Space wrap size={4}>
                      <span>{c.name}</span>
                      <Tag>{CHANNEL_LABELS[c.kind].zh}</Tag>
                      {!c.enabled && <Tag color="default">{t('delivery.channels.disabled')}</Tag>}
                      {c.hasSecret && <Tag color="green">{t('delivery.channels.signed')}</Tag>}
                    </Space>
                  }
                  description={
                    <Space wrap size={4}>
                      <span>{c.partyOrgName}</span>
                      <Typography.Text type="secondary" data-testid="delivery-host">
                        {c.host}
                      </Typography.Text>
                      {c.severities.map((s) => (
                        <Tag key={s} color={s === 'urgent' ? 'red' : 'blue'}>
                          {ROBOT_SEVERITY_LABELS[s].zh}
                        </Tag>
                      ))}
                    </Space>
                  }
                />
              </List.Item>
            )}
          />
        )}
      </Card>
      <DeliveryLogCard />
      {editing && <ChannelDialog channel={editing.channel} onClose={() => setEditing(null)} />}
    </Space>
  );
}

function ChannelDialog({ channel, onClose }: { channel: RobotChannel | null; onClose: () => void }) {
  const t = useT();
  const showError = useApiError();
  const create = useCreateChannel();
  const patch = usePatchChannel();
  const [form] = Form.useForm<Values>();
  const kind = Form.useWatch('kind', form) ?? channel?.kind ?? 'wecom';
  const submit = (v: Values) => {
    const secret = v.secret?.trim() ? v.secret.trim() : undefined;
    const webhookUrl = v.webhookUrl?.trim() ? v.webhookUrl.trim() : undefined;
    if (channel)
      patch.mutate(
        {
          id: channel.id,
          body: {
            name: v.name,
            severities: v.severities,
            ...(webhookUrl ? { webhookUrl } : {}),
            ...(secret ? { secret } : {}),
            version: channel.version,
          },
        },
        { onSuccess: onClose, onError: (e) => showError(e, form) },
      );
    else
      create.mutate(
        {
          partyOrgId: v.partyOrgId,
          kind: v.kind,
          name: v.name,
          webhookUrl: webhookUrl ?? '',
          secret: v.kind === 'dingtalk' ? (secret ?? null) : null,
          severities: v.severities,
        },
        { onSuccess: onClose, onError: (e) => showError(e, form) },
      );
  };
  return (
    <Modal
      open
      title={channel ? channel.name : t('delivery.channels.add')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={create.isPending || patch.isPending}
      okText={t('delivery.save')}
      destroyOnHidden
    >
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{
          kind: channel?.kind ?? 'wecom',
          name: channel?.name ?? '',
          severities: channel?.severities ?? ['urgent'],
        }}
      >
        {!channel && (
          <>
            <Form.Item
              name="partyOrgId"
              label={t('delivery.channels.org')}
              rules={[{ required: true, message: t('delivery.channels.orgRequired') }]}
            >
              <OrgTreeSelect data-testid="delivery-channel-org" />
            </Form.Item>
            <Form.Item name="kind" label={t('delivery.channels.kind')}>
              <Select
                data-testid="delivery-channel-kind"
                options={ROBOT_KINDS.map((k) => ({ value: k, label: CHANNEL_LABELS[k].zh }))}
              />
            </Form.Item>
          </>
        )}
        <Form.Item
          name="name"
          label={t('delivery.channels.name')}
          rules={[{ required: true, whitespace: true, message: t('delivery.channels.nameRequired') }]}
        >
          <Input maxLength={50} data-testid="delivery-channel-name" />
        </Form.Item>
        <Form.Item
          name="webhookUrl"
          label={t('delivery.channels.webhook')}
          rules={channel ? [] : [{ required: true, message: t('delivery.channels.webhookRequired') }]}
          extra={
            channel
              ? `${channel.host} · ${t('delivery.channels.webhookKeep')}`
              : t('delivery.channels.webhookHelp')
          }
        >
          <Input.Password
            autoComplete="off"
            visibilityToggle={false}
            data-testid="delivery-channel-webhook"
          />
        </Form.Item>
        {kind === 'dingtalk' && (
          <Form.Item
            name="secret"
            label={t('delivery.channels.secret')}
            extra={
              channel?.hasSecret ? t('delivery.channels.webhookKeep') : t('delivery.channels.secretHelp')
            }
          >
            <Input.Password autoComplete="off" visibilityToggle={false} />
          </Form.Item>
        )}
        <Form.Item
          name="severities"
          label={t('delivery.channels.severities')}
          rules={[{ required: true, message: t('delivery.channels.severitiesRequired') }]}
        >
          <Checkbox.Group
            options={ROBOT_SEVERITIES.map((s) => ({ value: s, label: ROBOT_SEVERITY_LABELS[s].zh }))}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function DeliveryLogCard() {
  const t = useT();
  const { message } = App.useApp();
  const showError = useApiError();
  const [status, setStatus] = useState<DeliveryStatus | 'all'>('failed');
  const [page, setPage] = useState(1);
  const log = useDeliveryLog(status === 'all' ? undefined : status, page, LOG_PAGE);
  const retry = useRetryDelivery();
  return (
    <Card title={t('delivery.log.title')} data-testid="delivery-log">
      {/* Five choices are wider than a phone: they scroll sideways inside the card, not the page. */}
      <div style={{ overflowX: 'auto', maxWidth: '100%', marginBottom: 12 }}>
        <Segmented<DeliveryStatus | 'all'>
          value={status}
          onChange={(v) => {
            setStatus(v);
            setPage(1);
          }}
          options={[
            { value: 'all', label: t('delivery.log.all') },
            ...(['failed', 'pending', 'sent', 'skipped'] as const).map((s) => ({
              value: s,
              label: DELIVERY_STATUS_LABELS[s].zh,
            })),
          ]}
        />
      </div>
      {log.isError ? (
        <QueryError error={log.error} onRetry={() => void log.refetch()} />
      ) : (
        <List
          itemLayout="vertical"
          loading={log.isPending}
          dataSource={log.data?.items ?? []}
          locale={{ emptyText: t(EMPTY_LOG[status]) }}
          pagination={
            (log.data?.total ?? 0) > LOG_PAGE
              ? {
                  current: page,
                  pageSize: LOG_PAGE,
                  total: log.data?.total ?? 0,
                  onChange: setPage,
                  size: 'small',
                }
              : false
          }
          renderItem={(e) => (
            <List.Item
              data-testid="delivery-log-item"
              actions={
                e.status === 'failed'
                  ? [
                      <Button
                        key="retry"
                        size="small"
                        onClick={() =>
                          retry.mutate(e.id, {
                            onSuccess: () => message.success(t('delivery.log.retried')),
                            onError: (err) => showError(err),
                          })
                        }
                      >
                        {t('delivery.log.retry')}
                      </Button>,
                    ]
                  : []
              }
            >
              <List.Item.Meta
                title={
                  <Space wrap size={4}>
                    <span>{e.notificationTitle}</span>
                    <Tag color={e.status === 'failed' ? 'red' : e.status === 'sent' ? 'green' : 'default'}>
                      {DELIVERY_STATUS_LABELS[e.status].zh}
                    </Tag>
                  </Space>
                }
                description={
                  <Space orientation="vertical" size={0}>
                    <span>
                      {e.channelName} ·{' '}
                      {e.sentAt
                        ? t('delivery.log.sentAt', { at: formatDateTime(e.sentAt) })
                        : t('delivery.log.createdAt', { at: formatDateTime(e.createdAt) })}{' '}
                      · {t('delivery.log.attempts', { n: e.attempts })}
                    </span>
                    {e.lastError && (
                      <Typography.Text type="danger">
                        {t('delivery.log.error')}：{e.lastError}
                      </Typography.Text>
                    )}
                  </Space>
                }
              />
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}
