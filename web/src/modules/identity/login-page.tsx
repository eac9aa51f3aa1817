import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { Navigate, useSearchParams } from 'react-router-dom';
import type { LoginBody } from '#contracts/identity';
import { HttpError } from '../../api/http.ts';
import { afterLoginTarget } from '../../app/access.ts';
import { useSessionQuery, useSignIn } from '../../app/session.tsx';
import { errorText, setFormIssues } from '../../components/error-display.tsx';
import { LanguageSwitch } from '../../components/language-switch.tsx';
import { useT } from '../../i18n/i18n.tsx';

export function LoginPage() {
  const t = useT();
  const session = useSessionQuery();
  const signIn = useSignIn();
  const [params] = useSearchParams();
  const [form] = Form.useForm<LoginBody>();
  const [error, setError] = useState<string | null>(null);

  // Signed in (already, or just now): the gate sends a pending password change on to its page.
  if (session.data) return <Navigate to={afterLoginTarget(params.get('from'))} replace />;

  const onFinish = (values: LoginBody) => {
    setError(null);
    signIn.mutate(
      { username: values.username.trim(), password: values.password },
      {
        onError: (err) => {
          if (err instanceof HttpError) setFormIssues(form, err.issues);
          setError(errorText(err, t('error.unexpected')));
        },
      },
    );
  };

  return (
    <div
      style={{
        minHeight: '100vh',
        display: 'flex',
        flexDirection: 'column',
        alignItems: 'center',
        justifyContent: 'center',
        padding: 16,
        boxSizing: 'border-box',
        background: 'linear-gradient(160deg, #b71c1c 0%, #7f0000 55%, #f5f5f5 55%)',
      }}
    >
      <div style={{ position: 'absolute', top: 12, right: 12 }}>
        <LanguageSwitch light />
      </div>
      <Card style={{ width: '100%', maxWidth: 400 }} styles={{ body: { padding: 24 } }}>
        <div style={{ textAlign: 'center', marginBottom: 24 }}>
          <Typography.Title level={2} style={{ margin: 0, color: '#b71c1c' }}>
            {t('app.shortName')}
          </Typography.Title>
          <Typography.Text type="secondary">{t('app.subtitle')}</Typography.Text>
        </div>
        {error && (
          <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="login-error" />
        )}
        <Form<LoginBody>
          form={form}
          layout="vertical"
          onFinish={onFinish}
          requiredMark={false}
          data-testid="login-form"
          autoComplete="on"
        >
          <Form.Item
            name="username"
            label={t('login.username')}
            rules={[{ required: true, whitespace: true, message: t('login.usernameRequired') }]}
          >
            <Input
              prefix={<UserOutlined />}
              autoComplete="username"
              autoCapitalize="none"
              autoCorrect="off"
              spellCheck={false}
              size="large"
              data-testid="login-username"
            />
          </Form.Item>
          <Form.Item
            name="password"
            label={t('login.password')}
            rules={[{ required: true, message: t('login.passwordRequired') }]}
          >
            <Input.Password
              prefix={<LockOutlined />}
              autoComplete="current-password"
              size="large"
              data-testid="login-password"
            />
          </Form.Item>
          <Button
            type="primary"
            htmlType="submit"
            block
            size="large"
            loading={signIn.isPending}
            data-testid="login-submit"
          >
            {t('login.submit')}
          </Button>
        </Form>
      </Card>
      <Typography.Text type="secondary" style={{ marginTop: 16, fontSize: 12 }}>
        {t('login.footer')}
      </Typography.Text>
    </div>
  );
}
