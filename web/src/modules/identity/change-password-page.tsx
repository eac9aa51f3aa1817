import { Alert, App, Button, Card, Form, Input } from 'antd';
import { useNavigate } from 'react-router-dom';
import { NewPasswordSchema, PASSWORD_MIN_LENGTH } from '#contracts/identity';
import { HOME_PATH } from '../../app/access.ts';
import { useChangePassword, useSession } from '../../app/session.tsx';
import { useApiError } from '../../components/error-display.tsx';
import { useT } from '../../i18n/i18n.tsx';

type Values = { currentPassword: string; newPassword: string; confirm: string };

/** The problems the shared password policy finds, in the words the server would use. */
export function newPasswordProblems(value: string): string[] {
  const result = NewPasswordSchema.safeParse(value);
  return result.success ? [] : result.error.issues.map((issue) => issue.message);
}

export function ChangePasswordPage() {
  const t = useT();
  const session = useSession();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const change = useChangePassword();
  const showError = useApiError();
  const [form] = Form.useForm<Values>();
  const forced = session.user.mustChangePassword;

  const onFinish = (values: Values) => {
    change.mutate(
      { currentPassword: values.currentPassword, newPassword: values.newPassword },
      {
        onSuccess: () => {
          message.success(t('password.changed'));
          form.resetFields();
          navigate(HOME_PATH, { replace: true });
        },
        onError: (err) => showError(err, form),
      },
    );
  };

  return (
    <Card title={t('password.title')} style={{ maxWidth: 520, margin: '0 auto' }}>
      {forced && (
        <Alert
          type="warning"
          showIcon
          title={t('password.forced')}
          style={{ marginBottom: 16 }}
          data-testid="change-password-forced"
        />
      )}
      <Alert
        type="info"
        showIcon
        title={t('password.policy', { min: PASSWORD_MIN_LENGTH })}
        style={{ marginBottom: 16 }}
      />
      <Form<Values> form={form} layout="vertical" onFinish={onFinish} data-testid="change-password-form">
        <Form.Item
          name="currentPassword"
          label={t('password.current')}
          rules={[{ required: true, message: t('password.currentRequired') }]}
        >
          <Input.Password autoComplete="current-password" data-testid="change-password-current" />
        </Form.Item>
        <Form.Item
          name="newPassword"
          label={t('password.new')}
          rules={[
            { required: true, message: t('password.newRequired') },
            {
              validator: async (_rule, value: string | undefined) => {
                if (!value) return;
                const problems = newPasswordProblems(value);
                if (problems.length) throw new Error(problems.join('；'));
              },
            },
            ({ getFieldValue }) => ({
              validator: async (_rule, value: string | undefined) => {
                if (value && value === getFieldValue('currentPassword'))
                  throw new Error(t('password.sameAsOld'));
              },
            }),
          ]}
          hasFeedback
        >
          <Input.Password autoComplete="new-password" data-testid="change-password-new" />
        </Form.Item>
        <Form.Item
          name="confirm"
          label={t('password.confirm')}
          dependencies={['newPassword']}
          rules={[
            { required: true, message: t('password.confirmRequired') },
            ({ getFieldValue }) => ({
              validator: async (_rule, value: string | undefined) => {
                if (value && value !== getFieldValue('newPassword')) throw new Error(t('password.mismatch'));
              },
            }),
          ]}
          hasFeedback
        >
          <Input.Password autoComplete="new-password" data-testid="change-password-confirm" />
        </Form.Item>
        <Button
          type="primary"
          htmlType="submit"
          block
          loading={change.isPending}
          data-testid="change-password-submit"
        >
          {t('password.submit')}
        </Button>
      </Form>
    </Card>
  );
}
