import { Form, Input, Modal, Select, Typography } from 'antd';
import { CYCLE_LEVEL_LABELS, CYCLE_LEVELS, type CycleLevel } from '#contracts/assessment';
import { chinaYear } from '../../components/dates.ts';
import { useApiError } from '../../components/error-display.tsx';
import { useLabel, useT } from '../../i18n/i18n.tsx';
import { type NewCycle, useCreateCycle, useSystems } from './assessment-api.ts';
import { PERIOD_LABEL } from './assessment-labels.ts';
import { type PeriodKind, periodOptions } from './assessment-logic.ts';

// 建立考核: a published system, whom it assesses, and the period, picked from this year's and last year's in words
// ('2026年第一季度') and sent as the server keys them ('2026-Q1'). The name is the server's unless one is typed.

type Values = {
  systemId: string;
  level: CycleLevel;
  periodKind: PeriodKind;
  periodKey: string;
  name?: string;
};
const KINDS: readonly PeriodKind[] = ['quarter', 'half', 'year', 'month'];

export function CycleCreateDialog({ unitId, onClose }: { unitId: string; onClose: () => void }) {
  const t = useT();
  const label = useLabel();
  const [form] = Form.useForm<Values>();
  const systems = useSystems(unitId);
  const create = useCreateCycle();
  const showError = useApiError();
  const kind = Form.useWatch('periodKind', form) ?? 'quarter';
  const published = (systems.data ?? []).filter((s) => s.status === 'published' && s.subject === 'org');
  const year = chinaYear();

  const submit = (v: Values) => {
    const body: NewCycle = {
      ownerUnitId: unitId,
      systemId: v.systemId,
      level: v.level,
      periodKind: v.periodKind,
      periodKey: v.periodKey,
      ...(v.name?.trim() ? { name: v.name.trim() } : {}),
    };
    create.mutate(body, { onSuccess: onClose, onError: (err) => showError(err, form) });
  };

  return (
    <Modal
      open
      title={t('assessment.cycle.newTitle')}
      okText={t('assessment.cycle.create')}
      cancelText={t('assessment.cancel')}
      confirmLoading={create.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      okButtonProps={{ 'data-testid': 'cycle-create' }}
      destroyOnHidden
      data-testid="cycle-dialog"
    >
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{ level: 'branch', periodKind: 'quarter' }}
        onFinish={submit}
      >
        <Form.Item
          name="systemId"
          label={t('assessment.cycle.system')}
          rules={[{ required: true, message: t('assessment.cycle.systemRequired') }]}
          extra={
            systems.isSuccess && published.length === 0 ? (
              <Typography.Text type="warning">{t('assessment.cycle.noSystem')}</Typography.Text>
            ) : undefined
          }
        >
          <Select
            loading={systems.isPending}
            showSearch={{ optionFilterProp: 'label' }}
            options={published.map((s) => ({
              value: s.id,
              label: `${s.name}（${t('assessment.edition', { n: s.edition })}${
                s.fromWorkCommittee ? `，${t('assessment.systems.fromWorkCommittee')}` : ''
              }）`,
            }))}
            data-testid="cycle-system"
          />
        </Form.Item>
        <Form.Item name="level" label={t('assessment.cycle.level')}>
          <Select
            options={CYCLE_LEVELS.map((l) => ({ value: l, label: label(CYCLE_LEVEL_LABELS[l]) }))}
            data-testid="cycle-level"
          />
        </Form.Item>
        <Form.Item name="periodKind" label={t('assessment.cycle.periodKind')}>
          <Select
            options={KINDS.map((k) => ({ value: k, label: t(PERIOD_LABEL[k]) }))}
            onChange={() => form.setFieldValue('periodKey', undefined)}
            data-testid="cycle-period-kind"
          />
        </Form.Item>
        <Form.Item
          name="periodKey"
          label={t('assessment.cycle.periodKey')}
          rules={[{ required: true, message: t('assessment.cycle.periodRequired') }]}
        >
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            options={periodOptions(kind, year)}
            data-testid="cycle-period"
          />
        </Form.Item>
        <Form.Item name="name" label={t('assessment.cycle.name')} extra={t('assessment.cycle.nameHint')}>
          <Input maxLength={100} data-testid="cycle-name" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
