import { PlusOutlined } from '@ant-design/icons';
import {
  App,
  Button,
  Card,
  Input,
  Popconfirm,
  Space,
  Table,
  type TableColumnsType,
  Tag,
  Tooltip,
} from 'antd';
import { useState } from 'react';
import { isAdminRole, ROLE_LABELS, type User } from '#contracts/identity';
import { useSession } from '../../app/session.tsx';
import { formatDateTime } from '../../components/dates.ts';
import { QueryError, useApiError } from '../../components/error-display.tsx';
import { useScreens } from '../../components/use-screens.ts';
import { useLabel, useT } from '../../i18n/i18n.tsx';
import { type InitialPassword, useResetPassword, useUpdateUser, useUsers } from './identity-api.ts';
import { CreateUserModal, InitialPasswordModal, RolesModal } from './user-dialogs.tsx';

/** Administrator accounts are managed only at the server console; the web offers no action on them. */
const isAdminAccount = (user: User) => user.roles.some((r) => isAdminRole(r.role));

/**
 * One list, read by the three administrators, each offered only its own part (三员分立, ADR 11): the system
 * administrator the account's fields (create, reset password, disable), the security administrator the roles, the
 * audit administrator nothing to change.
 */
export function UsersPage() {
  const t = useT();
  const { permissions } = useSession();
  const canManage = permissions.includes('user.manage');
  const canAssign = permissions.includes('role.assign');
  const label = useLabel();
  const { message } = App.useApp();
  const screens = useScreens();
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

  const actions = (user: User) => (
    <Space size={0} wrap>
      {canAssign && (
        <Button
          type="link"
          size="small"
          onClick={() => setEditingRoles(user)}
          data-testid={`user-roles-${user.username}`}
        >
          {user.rolesSuspended ? t('users.confirmRoles') : t('users.editRoles')}
        </Button>
      )}
      {canManage && (
        <>
          <Popconfirm
            title={t('users.resetConfirm', { name: user.displayName })}
            description={user.roles.length ? t('users.resetSuspends') : undefined}
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
        </>
      )}
    </Space>
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
          {user.rolesSuspended && <Tag color="red">{t('users.rolesSuspended')}</Tag>}
          {user.isDemo && <Tag color="purple">{t('users.demo')}</Tag>}
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
      render: (_v, user) =>
        isAdminAccount(user) ? (
          <Tooltip title={t('users.adminAccountHint')}>
            <Tag data-testid={`user-admin-${user.username}`}>{t('users.adminAccount')}</Tag>
          </Tooltip>
        ) : (
          actions(user)
        ),
    },
  ];

  return (
    <Card
      title={t('users.title')}
      extra={
        canManage && (
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setCreating(true)}
            data-testid="user-create"
          >
            {screens.sm ? t('users.create') : null}
          </Button>
        )
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
