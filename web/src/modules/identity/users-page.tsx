import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Grid, Input, Popconfirm, Space, Table, type TableColumnsType, Tag } from 'antd';
import { useState } from 'react';
import { ROLE_LABELS, type User } from '#contracts/identity';
import { formatDateTime } from '../../components/dates.ts';
import { QueryError, useApiError } from '../../components/error-display.tsx';
import { useLabel, useT } from '../../i18n/i18n.tsx';
import { type InitialPassword, useResetPassword, useUpdateUser, useUsers } from './identity-api.ts';
import { CreateUserModal, InitialPasswordModal, RolesModal } from './user-dialogs.tsx';

export function UsersPage() {
  const t = useT();
  const label = useLabel();
  const { message } = App.useApp();
  const screens = Grid.useBreakpoint();
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const [q, setQ] = useState('');
  const users = useUsers({ page, pageSize, ...(q ? { q } : {}) });
  const [creating, setCreating] = useState(false);
  const [editingRoles, setEditingRoles] = useState<User | null>(null);
  const [password, setPassword] = useState<InitialPassword | null>(null);
  const update = useUpdateUser();
  const reset = useResetPassword();
  const showError = useApiError();

  const toggleStatus = (user: User) =>
    update.mutate(
      { id: user.id, status: user.status === 'active' ? 'disabled' : 'active', version: user.version },
      {
        onSuccess: () => message.success(t('common.saved')),
        onError: (err) => showError(err),
      },
    );

  const columns: TableColumnsType<User> = [
    { title: t('users.username'), dataIndex: 'username', fixed: screens.md ? 'left' : undefined },
    { title: t('users.displayName'), dataIndex: 'displayName' },
    {
      title: t('users.status'),
      dataIndex: 'status',
      render: (_v, user) => (
        <Space size={4} wrap>
          {user.status === 'active' ? (
            <Tag color="green">{t('users.active')}</Tag>
          ) : (
            <Tag>{t('users.disabled')}</Tag>
          )}
          {user.mustChangePassword && <Tag color="orange">{t('users.mustChange')}</Tag>}
        </Space>
      ),
    },
    {
      title: t('users.roles'),
      dataIndex: 'roles',
      render: (_v, user) => (
        <Space size={4} wrap>
          {user.roles.map((r) => (
            <Tag key={`${r.role}:${r.partyOrgId ?? ''}`}>
              {label(ROLE_LABELS[r.role])}
              {r.partyOrgName ? ` · ${r.partyOrgName}` : ''}
            </Tag>
          ))}
        </Space>
      ),
    },
    {
      title: t('users.lastLogin'),
      dataIndex: 'lastLoginAt',
      render: (v: string | null) => formatDateTime(v),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_v, user) => (
        <Space size={0} wrap>
          <Button type="link" size="small" onClick={() => setEditingRoles(user)}>
            {t('users.editRoles')}
          </Button>
          <Popconfirm
            title={t('users.resetConfirm', { name: user.displayName })}
            onConfirm={() =>
              reset.mutateAsync(user.id).then(setPassword, (err: unknown) => {
                showError(err);
              })
            }
          >
            <Button type="link" size="small">
              {t('users.resetPassword')}
            </Button>
          </Popconfirm>
          <Popconfirm
            title={user.status === 'active' ? t('users.disableConfirm') : t('users.enableConfirm')}
            onConfirm={() => toggleStatus(user)}
          >
            <Button type="link" size="small" danger={user.status === 'active'}>
              {user.status === 'active' ? t('users.disable') : t('users.enable')}
            </Button>
          </Popconfirm>
        </Space>
      ),
    },
  ];

  return (
    <Card
      title={t('users.title')}
      extra={
        <Button
          type="primary"
          icon={<PlusOutlined />}
          onClick={() => setCreating(true)}
          data-testid="user-create"
        >
          {screens.sm ? t('users.create') : null}
        </Button>
      }
    >
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        <Input.Search
          allowClear
          placeholder={t('users.searchPlaceholder')}
          onSearch={(value) => {
            setQ(value.trim());
            setPage(1);
          }}
          style={{ maxWidth: 360 }}
        />
        {users.isError && <QueryError error={users.error} onRetry={() => void users.refetch()} />}
        <Table<User>
          rowKey="id"
          size={screens.md ? 'middle' : 'small'}
          columns={columns}
          dataSource={users.data?.items ?? []}
          loading={users.isFetching}
          scroll={{ x: 'max-content' }}
          pagination={{
            current: page,
            pageSize,
            total: users.data?.total ?? 0,
            showSizeChanger: true,
            showTotal: (total) => t('common.total', { total }),
            onChange: (p, size) => {
              setPage(size === pageSize ? p : 1);
              setPageSize(size);
            },
          }}
        />
      </Space>
      {creating && (
        <CreateUserModal
          onClose={() => setCreating(false)}
          onCreated={(result) => {
            setCreating(false);
            setPassword(result);
          }}
        />
      )}
      {editingRoles && (
        <RolesModal
          // A stale-version refusal hands back the fresh user: remounting shows its current roles.
          key={`${editingRoles.id}:${editingRoles.version}`}
          user={editingRoles}
          onClose={() => setEditingRoles(null)}
          onStale={(fresh) => setEditingRoles(fresh ?? null)}
        />
      )}
      {password && <InitialPasswordModal result={password} onClose={() => setPassword(null)} />}
    </Card>
  );
}
