import { Alert, Form, Input, Modal, Typography } from 'antd';
import { type User, UsernameSchema } from '#contracts/identity';
import { isStaleVersion, staleCurrent } from '../../api/http.ts';
import { useApiError } from '../../components/error-display.tsx';
import { useT } from '../../i18n/i18n.tsx';
import { type InitialPassword, useCreateUser, useSetRoles } from './identity-api.ts';
import { RoleListField, type RoleRow, toRoleAssignments } from './role-list-field.tsx';

type CreateValues = { username: string; displayName: string };

export function CreateUserModal({
  onClose,
  onCreated,
}: {
  onClose: () => void;
  onCreated: (result: InitialPassword) => void;
}) {
  const t = useT();
  const [form] = Form.useForm<CreateValues>();
  const create = useCreateUser();
  const showError = useApiError();
  const onFinish = (values: CreateValues) =>
    create.mutate(
      { username: values.username, displayName: values.displayName },
      { onSuccess: onCreated, onError: (err) => showError(err, form) },
    );
  return (
    <Modal
      open
      title={t('users.create')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={create.isPending}
      okText={t('common.save')}
      width={640}
    >
      <Form<CreateValues> form={form} layout="vertical" onFinish={onFinish} data-testid="user-create-form">
        <Form.Item
          name="username"
          label={t('users.username')}
          rules={[
            { required: true, message: t('users.usernameRequired') },
            {
              validator: async (_r, value: string | undefined) => {
                if (!value) return;
                const result = UsernameSchema.safeParse(value);
                if (!result.success)
                  throw new Error(result.error.issues[0]?.message ?? t('users.usernameRequired'));
              },
            },
          ]}
        >
          <Input autoCapitalize="none" autoComplete="off" data-testid="user-create-username" />
        </Form.Item>
        <Form.Item
          name="displayName"
          label={t('users.displayName')}
          rules={[{ required: true, whitespace: true, message: t('users.displayNameRequired') }]}
        >
          <Input maxLength={64} data-testid="user-create-display-name" />
        </Form.Item>
        <Alert type="info" showIcon title={t('users.createHint')} />
      </Form>
    </Modal>
  );
}

type RolesValues = { roles?: RoleRow[] };

export function RolesModal({
  user,
  onClose,
  onStale,
}: {
  user: User;
  onClose: () => void;
  /** The server refused because someone else changed the user; here is the fresh record when it sent one. */
  onStale: (fresh: User | undefined) => void;
}) {
  const t = useT();
  const [form] = Form.useForm<RolesValues>();
  const setRoles = useSetRoles();
  const showError = useApiError();
  const onFinish = (values: RolesValues) =>
    setRoles.mutate(
      { id: user.id, body: { roles: toRoleAssignments(values.roles), version: user.version } },
      {
        onSuccess: onClose,
        onError: (err) => {
          showError(err, form);
          if (isStaleVersion(err)) onStale(staleCurrent<User>(err));
        },
      },
    );
  return (
    <Modal
      open
      title={t('users.editRolesOf', { name: user.displayName })}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={setRoles.isPending}
      okText={t('common.save')}
      width={640}
    >
      {user.rolesSuspended && (
        <Alert type="warning" showIcon title={t('users.suspendedHint')} style={{ marginBottom: 16 }} />
      )}
      <Form<RolesValues>
        form={form}
        layout="vertical"
        onFinish={onFinish}
        initialValues={{ roles: user.roles.map((r) => ({ role: r.role, partyOrgId: r.partyOrgId })) }}
        data-testid="user-roles-form"
      >
        <Typography.Paragraph type="secondary">{t('users.rolesHint')}</Typography.Paragraph>
        <RoleListField />
      </Form>
    </Modal>
  );
}

/** Shown once after creating a user or resetting a password: the server keeps only a hash. */
export function InitialPasswordModal({ result, onClose }: { result: InitialPassword; onClose: () => void }) {
  const t = useT();
  return (
    <Modal
      open
      title={t('users.initialPasswordTitle')}
      onCancel={onClose}
      onOk={onClose}
      okText={t('users.initialPasswordDone')}
      cancelButtonProps={{ style: { display: 'none' } }}
      mask={{ closable: false }}
    >
      <Alert type="warning" showIcon title={t('users.initialPasswordOnce')} style={{ marginBottom: 16 }} />
      <Typography.Paragraph>
        {t('users.username')}：<Typography.Text strong>{result.user.username}</Typography.Text>
      </Typography.Paragraph>
      <Typography.Paragraph>
        {t('users.initialPassword')}：
        <Typography.Text code copyable={{ text: result.initialPassword }} data-testid="initial-password">
          {result.initialPassword}
        </Typography.Text>
      </Typography.Paragraph>
    </Modal>
  );
}
