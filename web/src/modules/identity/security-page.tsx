import { ReloadOutlined } from '@ant-design/icons';
import { App, Button, Card, Descriptions, Popconfirm, Space, Table, type TableColumnsType, Tag } from 'antd';
import { formatDateTime } from '../../components/dates.ts';
import { QueryError, useApiError } from '../../components/error-display.tsx';
import { useT } from '../../i18n/i18n.tsx';
import { type Lockout, useLockouts, useSecurityPolicy, useUnlock } from './identity-api.ts';

export function SecurityPage() {
  const t = useT();
  const { message } = App.useApp();
  const policy = useSecurityPolicy();
  const lockouts = useLockouts();
  const unlock = useUnlock();
  const showError = useApiError();

  const columns: TableColumnsType<Lockout> = [
    {
      title: t('security.kind'),
      dataIndex: 'kind',
      render: (kind: Lockout['kind']) =>
        kind === 'account' ? (
          <Tag color="blue">{t('security.account')}</Tag>
        ) : (
          <Tag>{t('security.address')}</Tag>
        ),
    },
    { title: t('security.key'), dataIndex: 'key' },
    { title: t('security.failures'), dataIndex: 'failures' },
    { title: t('security.lockedUntil'), dataIndex: 'lockedUntil', render: (v: string) => formatDateTime(v) },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_v, row) => (
        <Popconfirm
          title={t('security.unlockConfirm', { key: row.key })}
          onConfirm={() =>
            unlock.mutateAsync({ kind: row.kind, key: row.key }).then(
              () => message.success(t('security.unlocked')),
              (err: unknown) => showError(err),
            )
          }
        >
          <Button type="link" size="small" data-testid={`unlock-${row.key}`}>
            {t('security.unlock')}
          </Button>
        </Popconfirm>
      ),
    },
  ];

  const p = policy.data;
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Card title={t('security.policyTitle')} loading={policy.isPending && !policy.isError}>
        {policy.isError && <QueryError error={policy.error} onRetry={() => void policy.refetch()} />}
        {p && (
          <Descriptions column={{ xs: 1, sm: 2, lg: 3 }} size="small" bordered data-testid="security-policy">
            <Descriptions.Item label={t('security.passwordMinLength')}>
              {p.passwordMinLength}
            </Descriptions.Item>
            <Descriptions.Item label={t('security.passwordClasses')}>{p.passwordClasses}</Descriptions.Item>
            <Descriptions.Item label={t('security.passwordHistory')}>{p.passwordHistory}</Descriptions.Item>
            <Descriptions.Item label={t('security.lockoutThreshold')}>{p.lockoutThreshold}</Descriptions.Item>
            <Descriptions.Item label={t('security.lockoutWindow')}>
              {t('common.minutes', { n: p.lockoutWindowMinutes })}
            </Descriptions.Item>
            <Descriptions.Item label={t('security.sessionIdle')}>
              {t('common.minutes', { n: p.sessionIdleMinutes })}
            </Descriptions.Item>
            <Descriptions.Item label={t('security.sessionAbsolute')}>
              {t('common.hours', { n: p.sessionAbsoluteHours })}
            </Descriptions.Item>
            <Descriptions.Item label={t('security.sessionMax')}>{p.sessionMaxPerUser}</Descriptions.Item>
          </Descriptions>
        )}
      </Card>
      <Card
        title={t('security.lockoutsTitle')}
        extra={
          <Button
            icon={<ReloadOutlined />}
            onClick={() => void lockouts.refetch()}
            loading={lockouts.isFetching}
          >
            {t('common.refresh')}
          </Button>
        }
      >
        {lockouts.isError && <QueryError error={lockouts.error} onRetry={() => void lockouts.refetch()} />}
        <Table<Lockout>
          rowKey={(row) => `${row.kind}:${row.key}`}
          size="small"
          columns={columns}
          dataSource={lockouts.data ?? []}
          loading={lockouts.isFetching}
          scroll={{ x: 'max-content' }}
          pagination={false}
          locale={{ emptyText: t('security.noLockouts') }}
        />
      </Card>
    </Space>
  );
}
