import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Form, Input, InputNumber, Space, Tag, Typography } from 'antd';
import type { GradeScale, GradeStepBody } from '#contracts/assessment-outcome';
import { QueryError, useApiError } from '../../components/error-display.tsx';
import { useT } from '../../i18n/i18n.tsx';
import { UnitPicker, useFusionUnit } from '../fusion/fusion-unit.tsx';
import { useGradeScales, useSaveGradeScale } from './outcome-api.ts';
import { byBar, quotaPlaces } from './outcome-logic.ts';

// 考核等次: the organ's grade scale for each level it assesses (its branches, its members; the work committee its
// organs) — the grades with their bars and the quota on the top grade. Read by every reader; saved by whoever runs the
// assessments (the server refuses others, and the refusal shows). A save regrades the cycles at once.

type Values = { steps: GradeStepBody[]; topQuota: number | null };

function ScaleCard({ scale }: { scale: GradeScale }) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const save = useSaveGradeScale();
  const showError = useApiError();
  const steps = (Form.useWatch('steps', form) ?? scale.steps) as GradeStepBody[];
  const quota = Form.useWatch('topQuota', form) ?? scale.topQuota;
  const top = byBar(steps.filter(Boolean))[0]?.label ?? '';

  const submit = (v: Values) =>
    save.mutate(
      {
        unitId: scale.unitId,
        level: scale.level,
        steps: byBar(v.steps),
        topQuota: v.topQuota ?? null,
        ...(scale.saved ? { version: scale.version } : {}),
      },
      {
        onSuccess: () => message.success(t('assessment.outcome.grades.savedOk')),
        onError: (err) => showError(err, form),
      },
    );

  return (
    <Card
      title={t(`assessment.outcome.level.${scale.level}`)}
      extra={
        scale.saved && scale.updatedAt ? (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('assessment.outcome.grades.saved', {
              name: scale.updatedByName ?? '',
              at: scale.updatedAt.slice(0, 16).replace('T', ' '),
            })}
          </Typography.Text>
        ) : (
          <Tag>{t('assessment.outcome.grades.default')}</Tag>
        )
      }
      data-testid={`grade-scale-${scale.level}`}
    >
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{ steps: scale.steps, topQuota: scale.topQuota }}
        onFinish={submit}
      >
        <Form.List name="steps">
          {(fields, { add, remove }) => (
            <Space orientation="vertical" style={{ width: '100%' }}>
              {fields.map((f) => (
                <Space key={f.key} wrap align="start">
                  <Form.Item
                    name={[f.name, 'label']}
                    label={t('assessment.outcome.grades.label')}
                    rules={[
                      {
                        required: true,
                        whitespace: true,
                        message: t('assessment.outcome.grades.labelRequired'),
                      },
                    ]}
                  >
                    <Input style={{ width: 120 }} maxLength={10} data-testid="grade-step-label" />
                  </Form.Item>
                  <Form.Item
                    name={[f.name, 'atLeast']}
                    label={t('assessment.outcome.grades.atLeast')}
                    rules={[{ required: true, message: t('assessment.outcome.grades.atLeastRequired') }]}
                  >
                    <InputNumber min={0} max={120} style={{ width: 110 }} data-testid="grade-step-bar" />
                  </Form.Item>
                  <Form.Item
                    name={[f.name, 'grade']}
                    label={t('assessment.outcome.grades.code')}
                    rules={[{ required: true, message: t('assessment.outcome.grades.codeRequired') }]}
                  >
                    <Input style={{ width: 130 }} maxLength={20} />
                  </Form.Item>
                  <Form.Item label=" ">
                    <Button
                      icon={<DeleteOutlined />}
                      onClick={() => remove(f.name)}
                      disabled={fields.length <= 1}
                    >
                      {t('assessment.outcome.grades.remove')}
                    </Button>
                  </Form.Item>
                </Space>
              ))}
              <Button
                icon={<PlusOutlined />}
                onClick={() => add({ grade: '', label: '', atLeast: 0 })}
                disabled={fields.length >= 8}
              >
                {t('assessment.outcome.grades.add')}
              </Button>
            </Space>
          )}
        </Form.List>
        <Form.Item
          name="topQuota"
          label={t('assessment.outcome.grades.quota')}
          extra={
            quota
              ? t('assessment.outcome.grades.quotaExample', {
                  quota,
                  n: 10,
                  places: quotaPlaces(10, quota),
                  top,
                })
              : t('assessment.outcome.grades.quotaHelp')
          }
          style={{ marginTop: 16 }}
        >
          <InputNumber min={1} max={100} style={{ width: 160 }} data-testid="grade-quota" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="grade-scale-save">
          {t('assessment.outcome.grades.save')}
        </Button>
      </Form>
    </Card>
  );
}

export function OutcomeGradesPage() {
  const t = useT();
  const { unitId, units, setUnit } = useFusionUnit();
  const scales = useGradeScales(unitId);
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="grade-scales-page">
      <Card
        title={t('assessment.outcome.grades.title')}
        extra={<UnitPicker unitId={unitId} units={units} onChange={setUnit} />}
      >
        <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
          {t('assessment.outcome.grades.intro')}
        </Typography.Paragraph>
      </Card>
      {!unitId && <Typography.Text type="secondary">{t('assessment.outcome.grades.empty')}</Typography.Text>}
      {scales.isError && <QueryError error={scales.error} onRetry={() => void scales.refetch()} />}
      {(scales.data ?? []).map((s) => (
        <ScaleCard key={`${s.unitId}:${s.level}:${s.version}`} scale={s} />
      ))}
    </Space>
  );
}
