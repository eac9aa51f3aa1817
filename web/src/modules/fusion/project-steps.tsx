import { Alert, App, Button, DatePicker, Form, Input, Modal, Space, Steps, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import type { Project, ProjectStep } from '#contracts/fusion-project';
import { HttpError, isStaleVersion } from '../../api/http.ts';
import { today, toIsoDate } from '../../components/dates.ts';
import { useApiError } from '../../components/error-display.tsx';
import { useScreens } from '../../components/use-screens.ts';
import { useT } from '../../i18n/i18n.tsx';
import { useProjectStep } from './fusion-api.ts';
import { approvalGaps, kpisLackingResult, kpiValue, stepsView, terminatedFrom } from './fusion-logic.ts';

// The lifecycle bar 论证 → 立项 → 推进 → 验收 (or 终止) and the buttons for the steps the caller may take now (the
// server's `can` flags): approval and starting take a date and a note; acceptance the outcome, once every KPI is
// measured; termination its reason.

const ORDER: readonly ProjectStep[] = ['approve', 'start', 'accept', 'terminate'];

type Values = { on: Dayjs | null; note: string; outcome: string; reason: string };

function StepDialog({
  project,
  step,
  onClose,
}: {
  project: Project;
  step: ProjectStep;
  onClose: () => void;
}) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const call = useProjectStep();
  const showError = useApiError();
  const lacking = step === 'accept' ? kpisLackingResult(project.kpiList) : [];
  const gaps = step === 'approve' ? approvalGaps(project) : [];
  // The server's reasons for refusing, all of them: some name no field of this form (milestones, KPIs).
  const [refused, setRefused] = useState<string[]>([]);
  const onFinish = (v: Values) => {
    const base = { on: toIsoDate(v.on) ?? undefined, note: v.note.trim() || null, version: project.version };
    const handlers = {
      onSuccess: () => {
        message.success(t(`fusion.step.done.${step}`));
        onClose();
      },
      onError: (err: unknown) => {
        showError(err, form);
        if (isStaleVersion(err)) onClose();
        else if (err instanceof HttpError) setRefused(err.issues.map((i) => i.message));
      },
    };
    if (step === 'accept')
      call.mutate({ step, id: project.id, body: { ...base, outcome: v.outcome } }, handlers);
    else if (step === 'terminate')
      call.mutate({ step, id: project.id, body: { ...base, reason: v.reason } }, handlers);
    else call.mutate({ step, id: project.id, body: base }, handlers);
  };
  return (
    <Modal
      open
      title={t(`fusion.step.title.${step}`, { title: project.title })}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t(`fusion.step.${step}`)}
      okButtonProps={{ danger: step === 'terminate', 'data-testid': 'step-confirm' }}
      confirmLoading={call.isPending}
      destroyOnHidden
    >
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={onFinish}
        initialValues={{ on: today(), note: '', outcome: '', reason: '' }}
        data-testid={`step-form-${step}`}
      >
        {refused.length > 0 && (
          <Alert
            type="error"
            showIcon
            style={{ marginBottom: 16 }}
            data-testid="step-refused"
            title={t('fusion.step.refused')}
            description={
              <ul style={{ margin: 0, paddingInlineStart: 18 }}>
                {[...new Set(refused)].map((m) => (
                  <li key={m}>{m}</li>
                ))}
              </ul>
            }
          />
        )}
        {gaps.length > 0 && refused.length === 0 && (
          <Alert
            type="warning"
            showIcon
            style={{ marginBottom: 16 }}
            data-testid="step-gaps"
            title={t('fusion.step.gaps')}
            description={
              <ul style={{ margin: 0, paddingInlineStart: 18 }}>
                {gaps.map((key) => (
                  <li key={key}>{t(key)}</li>
                ))}
              </ul>
            }
          />
        )}
        {step === 'accept' && lacking.length > 0 && (
          <Alert
            type="warning"
            showIcon
            style={{ marginBottom: 16 }}
            data-testid="step-kpis-lacking"
            title={t('fusion.step.kpisLacking', { n: lacking.length })}
            description={
              <ul style={{ margin: 0, paddingInlineStart: 18 }}>
                {lacking.map((k) => (
                  <li key={k.id}>
                    {k.name}（{t('fusion.kpi.target')} {kpiValue(k.target, k.measureUnit)}）
                  </li>
                ))}
              </ul>
            }
          />
        )}
        {step === 'accept' && project.kpiList.length === 0 && (
          <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t('fusion.step.noKpis')} />
        )}
        <Form.Item name="on" label={t('fusion.step.on')}>
          <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(today())} />
        </Form.Item>
        {step === 'accept' && (
          <Form.Item
            name="outcome"
            label={t('fusion.project.outcome')}
            extra={t('fusion.step.outcomeHint')}
            rules={[{ required: true, whitespace: true, message: t('fusion.step.outcomeRequired') }]}
          >
            <Input.TextArea rows={4} maxLength={2000} showCount data-testid="step-outcome" />
          </Form.Item>
        )}
        {step === 'terminate' && (
          <Form.Item
            name="reason"
            label={t('fusion.project.terminationReason')}
            rules={[{ required: true, whitespace: true, message: t('fusion.step.reasonRequired') }]}
          >
            <Input.TextArea rows={3} maxLength={500} showCount data-testid="step-reason" />
          </Form.Item>
        )}
        <Form.Item name="note" label={t('fusion.step.note')}>
          <Input.TextArea rows={2} maxLength={500} data-testid="step-note" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export function ProjectSteps({ project }: { project: Project }) {
  const t = useT();
  const screens = useScreens();
  const [step, setStep] = useState<ProjectStep | null>(null);
  const view = stepsView(project.stage, terminatedFrom(project.events));
  const dateOf = [
    null,
    project.approvedOn,
    project.startedOn,
    view.terminated ? project.terminatedOn : project.acceptedOn,
  ];
  const titles = [
    t('fusion.stage.proposal'),
    t('fusion.stage.approved'),
    t('fusion.stage.in_progress'),
    view.terminated ? t('fusion.stage.terminated') : t('fusion.stage.accepted'),
  ];
  const allowed = ORDER.filter((s) => project.can[s]);
  return (
    <Space orientation="vertical" style={{ width: '100%' }} size="middle">
      <Steps
        current={view.current}
        orientation={screens.sm === false ? 'vertical' : 'horizontal'}
        size="small"
        data-testid="project-steps"
        items={titles.map((title, i) => ({
          title,
          status: view.statuses[i],
          content: dateOf[i] ?? undefined,
        }))}
      />
      {allowed.length > 0 && (
        <Space wrap>
          {allowed.map((s) => (
            <Button
              key={s}
              type={s === 'terminate' ? 'default' : 'primary'}
              danger={s === 'terminate'}
              onClick={() => setStep(s)}
              data-testid={`project-step-${s}`}
            >
              {t(`fusion.step.${s}`)}
            </Button>
          ))}
          <Typography.Text type="secondary">{t('fusion.step.hint')}</Typography.Text>
        </Space>
      )}
      {step && <StepDialog project={project} step={step} onClose={() => setStep(null)} />}
    </Space>
  );
}
