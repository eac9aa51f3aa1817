import { Alert, App, Button, Card, Form, Input, Space, Switch, TimePicker, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect } from 'react';
import type { DeliveryPreferences } from '#contracts/delivery';
import { QueryError, useApiError } from '../../components/error-display.tsx';
import { PageSpin } from '../../components/page-spin.tsx';
import { useT } from '../../i18n/i18n.tsx';
import { useDeliveryPreferences, useSavePreferences } from './delivery-api.ts';

type Values = { email: string; emailEnabled: boolean; quietFrom: Dayjs | null; quietUntil: Dayjs | null };

const toTime = (clock: string | null) => (clock ? dayjs(`2000-01-01T${clock}`) : null);

/** 消息接收设置: a person's own e-mail for deliveries and quiet hours (the in-app centre always shows everything). */
export function DeliveryPreferencesPage() {
  const t = useT();
  const { message } = App.useApp();
  const showError = useApiError();
  const prefs = useDeliveryPreferences();
  const save = useSavePreferences();
  const [form] = Form.useForm<Values>();

  useEffect(() => {
    if (!prefs.data) return;
    form.setFieldsValue({
      email: prefs.data.email ?? '',
      emailEnabled: prefs.data.emailEnabled,
      quietFrom: toTime(prefs.data.quietFrom),
      quietUntil: toTime(prefs.data.quietUntil),
    });
  }, [prefs.data, form]);

  if (prefs.isError) return <QueryError error={prefs.error} onRetry={() => void prefs.refetch()} />;
  if (!prefs.data) return <PageSpin />;
  const current: DeliveryPreferences = prefs.data;

  const submit = (v: Values) =>
    save.mutate(
      {
        email: v.email.trim() === '' ? null : v.email.trim(),
        emailEnabled: v.emailEnabled,
        quietFrom: v.quietFrom ? v.quietFrom.format('HH:mm') : null,
        quietUntil: v.quietUntil ? v.quietUntil.format('HH:mm') : null,
        version: current.version,
      },
      { onSuccess: () => message.success(t('delivery.prefs.saved')), onError: (err) => showError(err, form) },
    );

  return (
    <Card title={t('delivery.prefs.title')} data-testid="delivery-preferences-page" style={{ maxWidth: 640 }}>
      <Typography.Paragraph type="secondary">{t('delivery.prefs.intro')}</Typography.Paragraph>
      {!current.emailAvailable && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title={t('delivery.prefs.emailUnavailable')}
        />
      )}
      <Form<Values> form={form} layout="vertical" onFinish={submit}>
        <Form.Item name="emailEnabled" label={t('delivery.prefs.emailEnabled')} valuePropName="checked">
          <Switch disabled={!current.emailAvailable && !current.emailEnabled} />
        </Form.Item>
        <Form.Item name="email" label={t('delivery.prefs.email')}>
          <Input
            type="email"
            inputMode="email"
            autoComplete="email"
            maxLength={254}
            data-testid="delivery-email"
          />
        </Form.Item>
        <Form.Item label={t('delivery.prefs.quiet')} extra={t('delivery.prefs.quietHelp')}>
          <Space wrap>
            <Form.Item name="quietFrom" noStyle>
              <TimePicker
                format="HH:mm"
                minuteStep={5}
                placeholder={t('delivery.prefs.quietFrom')}
                data-testid="delivery-quiet-from"
              />
            </Form.Item>
            <span>—</span>
            <Form.Item name="quietUntil" noStyle>
              <TimePicker
                format="HH:mm"
                minuteStep={5}
                placeholder={t('delivery.prefs.quietUntil')}
                data-testid="delivery-quiet-until"
              />
            </Form.Item>
          </Space>
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={save.isPending} block data-testid="delivery-save">
          {t('delivery.save')}
        </Button>
      </Form>
    </Card>
  );
}
