// 预警设置 (issue 13 points 1–3), the work committee's: each rule's thresholds, grace and deadline, the escalation
// ladder, and (formula-panel.tsx) the index formula's editions. Saved with the version read: a stale save reloads
// and says so; the server's field issues land at their fields (rules.3.orange, ladder.1.afterDays).
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  Form,
  InputNumber,
  Select,
  Space,
  Spin,
  Switch,
  Table,
  Typography,
} from 'antd';
import { useEffect } from 'react';
import type { LadderStep, Rule, WarningConfig } from '#contracts/warning';
import { LADDER_ROLE_LABELS, LADDER_ROLES, RULE_KIND_LABELS } from '#contracts/warning';
import { isStaleVersion } from '../../api/http.ts';
import { QueryError, useApiError } from '../../components/error-display.tsx';
import { useLabel } from '../../i18n/i18n.tsx';
import { FormulaPanel } from './formula-panel.tsx';
import { useSaveConfig, useWarningConfig } from './warning-api.ts';
import { useWT } from './warning-i18n.ts';
import { LEVEL_COLOUR } from './warning-logic.ts';
import { clearServerErrors } from './warning-parts.tsx';

type Values = { rules: Rule[]; ladder: LadderStep[] };

const below = (kind: Rule['kind']) =>
  kind === 'index_below' || kind === 'score_below' || kind === 'indicator_below';

export function SettingsPage() {
  const t = useWT();
  const config = useWarningConfig();
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }} data-testid="warning-settings">
      <div>
        <Typography.Title level={3} style={{ marginTop: 0 }}>
          {t('warning.settings.title')}
        </Typography.Title>
        <Typography.Text type="secondary">{t('warning.settings.intro')}</Typography.Text>
      </div>
      {config.isError ? (
        <QueryError error={config.error} onRetry={() => void config.refetch()} />
      ) : !config.data ? (
        <Spin />
      ) : (
        <RulesForm config={config.data} reload={() => void config.refetch()} />
      )}
      <FormulaPanel />
    </Space>
  );
}

function RulesForm({ config, reload }: { config: WarningConfig; reload: () => void }) {
  const t = useWT();
  const label = useLabel();
  const [form] = Form.useForm<Values>();
  const save = useSaveConfig();
  const onError = useApiError();
  const { message } = App.useApp();

  // A reload (after a stale save, or another tab's) shows the rules as they now are.
  useEffect(() => {
    form.setFieldsValue({ rules: config.rules, ladder: config.ladder });
  }, [config, form]);

  const threshold = (level: 'yellow' | 'orange' | 'red') => ({
    key: level,
    title: <span style={{ color: LEVEL_COLOUR[level] }}>{t(`warning.settings.${level}`)}</span>,
    width: 110,
    render: (_: unknown, __: unknown, i: number) => (
      <Form.Item name={['rules', i, level]} style={{ margin: 0 }}>
        <InputNumber style={{ width: 90 }} data-testid={`rule-${level}`} />
      </Form.Item>
    ),
  });

  return (
    <Form<Values>
      form={form}
      initialValues={{ rules: config.rules, ladder: config.ladder }}
      onValuesChange={() => clearServerErrors(form)}
      onFinish={(v) =>
        save.mutate(
          {
            // Blank thresholds are "never this level" (null), not zero.
            rules: v.rules.map((r, i) => ({
              ...config.rules[i],
              ...r,
              yellow: r.yellow ?? null,
              orange: r.orange ?? null,
              red: r.red ?? null,
            })) as Rule[],
            ladder: v.ladder,
            version: config.version,
          },
          {
            onSuccess: () => void message.success(t('warning.settings.saved')),
            onError: (err) => {
              if (isStaleVersion(err)) {
                void message.warning({ content: t('warning.settings.stale'), duration: 8 });
                reload();
                return;
              }
              onError(err, form);
            },
          },
        )
      }
    >
      <Space orientation="vertical" size="large" style={{ width: '100%' }}>
        {config.isDefault && <Alert type="info" showIcon title={t('warning.settings.default')} />}
        <Card size="small" title={t('warning.settings.rules')}>
          <Table<Rule>
            size="small"
            rowKey="kind"
            pagination={false}
            dataSource={config.rules}
            scroll={{ x: 820 }}
            data-testid="warning-rules"
            columns={[
              {
                key: 'kind',
                title: t('warning.settings.rule'),
                render: (_, r, i) => (
                  <Space orientation="vertical" size={0}>
                    {label(RULE_KIND_LABELS[r.kind])}
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {below(r.kind) ? t('warning.settings.belowHint') : t('warning.settings.aboveHint')}
                    </Typography.Text>
                    {r.kind === 'indicator_below' && (
                      <Form.Item
                        name={['rules', i, 'indicators']}
                        style={{ margin: '4px 0 0' }}
                        extra={t('warning.settings.indicatorsHint')}
                      >
                        <Select
                          mode="multiple"
                          allowClear
                          maxCount={10}
                          style={{ minWidth: 240 }}
                          placeholder={t('warning.settings.indicators')}
                          optionFilterProp="label"
                          data-testid="rule-indicators"
                          options={config.indicatorChoices.map((c) => ({
                            value: c.key,
                            label: c.path ? `${c.path} / ${c.name}` : c.name,
                          }))}
                        />
                      </Form.Item>
                    )}
                  </Space>
                ),
              },
              {
                key: 'enabled',
                title: t('warning.settings.enabled'),
                width: 70,
                render: (_, __, i) => (
                  <Form.Item name={['rules', i, 'enabled']} valuePropName="checked" style={{ margin: 0 }}>
                    <Switch size="small" />
                  </Form.Item>
                ),
              },
              threshold('yellow'),
              threshold('orange'),
              threshold('red'),
              {
                key: 'grace',
                title: t('warning.settings.grace'),
                width: 100,
                render: (_, __, i) => (
                  <Form.Item name={['rules', i, 'graceDays']} style={{ margin: 0 }}>
                    <InputNumber min={0} max={90} precision={0} style={{ width: 80 }} />
                  </Form.Item>
                ),
              },
              {
                key: 'deadline',
                title: t('warning.settings.deadline'),
                width: 120,
                render: (_, __, i) => (
                  <Form.Item name={['rules', i, 'deadlineDays']} style={{ margin: 0 }}>
                    <InputNumber min={1} max={180} precision={0} style={{ width: 80 }} />
                  </Form.Item>
                ),
              },
            ]}
          />
        </Card>
        <Card size="small" title={t('warning.settings.ladder')}>
          <Typography.Paragraph type="secondary">{t('warning.settings.ladderHint')}</Typography.Paragraph>
          <Form.List name="ladder">
            {(fields, { add, remove }) => (
              <Space orientation="vertical" style={{ width: '100%' }} data-testid="warning-ladder">
                {fields.map((field, i) => (
                  <Space key={field.key} wrap align="start">
                    <Typography.Text style={{ display: 'inline-block', width: 24, lineHeight: '32px' }}>
                      {i + 1}.
                    </Typography.Text>
                    <Form.Item
                      name={[field.name, 'role']}
                      style={{ margin: 0 }}
                      label={t('warning.settings.role')}
                    >
                      <Select
                        style={{ width: 160 }}
                        options={LADDER_ROLES.map((r) => ({ value: r, label: label(LADDER_ROLE_LABELS[r]) }))}
                      />
                    </Form.Item>
                    <Form.Item
                      name={[field.name, 'afterDays']}
                      style={{ margin: 0 }}
                      label={t('warning.settings.after')}
                    >
                      <InputNumber min={0} max={60} precision={0} style={{ width: 80 }} />
                    </Form.Item>
                    <Button
                      type="text"
                      icon={<DeleteOutlined />}
                      disabled={fields.length <= 1}
                      onClick={() => remove(field.name)}
                    />
                  </Space>
                ))}
                <Button
                  icon={<PlusOutlined />}
                  disabled={fields.length >= 6}
                  onClick={() => add({ role: 'leading_group_member', afterDays: 5 })}
                >
                  {t('warning.settings.addStep')}
                </Button>
              </Space>
            )}
          </Form.List>
        </Card>
        <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="warning-settings-save">
          {t('warning.settings.save')}
        </Button>
      </Space>
    </Form>
  );
}
