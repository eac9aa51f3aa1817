import { KeyOutlined } from '@ant-design/icons';
import { Alert, Button, Flex, Form, Input, Modal, Popconfirm, Tag, Typography } from 'antd';
import { useState } from 'react';
import type { PushToken } from '#contracts/assessment-kpi';
import { QueryError, useApiError } from '../../components/error-display.tsx';
import { useT } from '../../i18n/i18n.tsx';
import { type Column, ResponsiveTable } from '../responsibility/lists-responsive.tsx';
import { type CreatedToken, useCreateToken, useRevokeToken, useTokens } from './kpi-api.ts';

// 推送令牌: one per business system. Creating shows the token once (the server keeps only its hash) with a copy
// button; the list shows who made each, when it last pushed, and revokes one at once after a confirmation.

const when = (iso: string | null) => (iso ? iso.slice(0, 16).replace('T', ' ') : null);

function CreateDialog({ unitId, onClose }: { unitId: string; onClose: () => void }) {
  const t = useT();
  const [form] = Form.useForm<{ systemName: string }>();
  const create = useCreateToken();
  const showError = useApiError();
  const [made, setMade] = useState<CreatedToken | null>(null);
  return (
    <Modal
      open
      title={t('assessment.kpi.tokens.new')}
      onCancel={onClose}
      maskClosable={!made}
      footer={
        made ? (
          <Button type="primary" onClick={onClose} data-testid="kpi-token-done">
            {t('assessment.kpi.tokens.done')}
          </Button>
        ) : (
          <Flex gap={8} justify="end">
            <Button onClick={onClose}>{t('assessment.kpi.cancel')}</Button>
            <Button
              type="primary"
              loading={create.isPending}
              onClick={() => form.submit()}
              data-testid="kpi-token-create"
            >
              {t('assessment.kpi.tokens.new')}
            </Button>
          </Flex>
        )
      }
      destroyOnHidden
    >
      {made ? (
        <Flex vertical gap={12}>
          <Alert type="warning" showIcon title={t('assessment.kpi.tokens.showOnce')} />
          <Typography.Paragraph
            code
            copyable={{ text: made.token, tooltips: [undefined, t('assessment.kpi.tokens.copied')] }}
            style={{ wordBreak: 'break-all', marginBottom: 0 }}
            data-testid="kpi-token-value"
          >
            {made.token}
          </Typography.Paragraph>
        </Flex>
      ) : (
        <Form
          form={form}
          layout="vertical"
          onFinish={(v) =>
            create.mutate(
              { unitId, systemName: v.systemName },
              { onSuccess: setMade, onError: (e) => showError(e, form) },
            )
          }
        >
          <Form.Item
            name="systemName"
            label={t('assessment.kpi.tokens.system')}
            rules={[{ required: true, whitespace: true, message: t('assessment.kpi.required') }]}
            style={{ marginBottom: 0 }}
          >
            <Input
              maxLength={40}
              placeholder={t('assessment.kpi.tokens.systemHint')}
              data-testid="kpi-token-system"
            />
          </Form.Item>
        </Form>
      )}
    </Modal>
  );
}

export function KpiTokens({ unitId }: { unitId: string }) {
  const t = useT();
  const tokens = useTokens(unitId, true);
  const revoke = useRevokeToken();
  const showError = useApiError();
  const [creating, setCreating] = useState(false);
  const columns: Column<PushToken>[] = [
    { key: 'system', title: t('assessment.kpi.tokens.system'), primary: true, render: (x) => x.systemName },
    { key: 'hint', title: t('assessment.kpi.tokens.hint'), render: (x) => <code>{x.hint}</code> },
    {
      key: 'created',
      title: t('assessment.kpi.tokens.created'),
      render: (x) => `${x.createdByName ?? ''} ${when(x.createdAt) ?? ''}`,
    },
    {
      key: 'lastUsed',
      title: t('assessment.kpi.tokens.lastUsed'),
      render: (x) => when(x.lastUsedAt) ?? t('assessment.kpi.tokens.never'),
    },
    {
      key: 'state',
      title: t('assessment.kpi.tokens.state'),
      render: (x) =>
        x.revokedAt ? (
          <Tag>{`${t('assessment.kpi.tokens.revoked')} ${when(x.revokedAt)}`}</Tag>
        ) : (
          <Tag color="green">{t('assessment.kpi.tokens.valid')}</Tag>
        ),
    },
    {
      key: 'actions',
      title: '',
      actions: true,
      render: (x) =>
        x.revokedAt ? null : (
          <Popconfirm
            title={t('assessment.kpi.tokens.revokeConfirm', { name: x.systemName })}
            onConfirm={() => revoke.mutate(x.id, { onError: (e) => showError(e) })}
          >
            <Button size="small" danger type="link" data-testid="kpi-token-revoke">
              {t('assessment.kpi.tokens.revoke')}
            </Button>
          </Popconfirm>
        ),
    },
  ];
  return (
    <Flex vertical gap={12}>
      <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
        {t('assessment.kpi.tokens.intro')}
      </Typography.Paragraph>
      <div>
        <Button
          type="primary"
          icon={<KeyOutlined />}
          onClick={() => setCreating(true)}
          data-testid="kpi-token-new"
        >
          {t('assessment.kpi.tokens.new')}
        </Button>
      </div>
      {tokens.isError ? (
        <QueryError error={tokens.error} onRetry={() => void tokens.refetch()} />
      ) : (
        <ResponsiveTable<PushToken>
          rowKey={(x) => x.id}
          columns={columns}
          dataSource={tokens.data ?? []}
          loading={tokens.isFetching}
          emptyText={t('assessment.kpi.tokens.empty')}
          data-testid="kpi-tokens"
        />
      )}
      {creating && <CreateDialog unitId={unitId} onClose={() => setCreating(false)} />}
    </Flex>
  );
}
