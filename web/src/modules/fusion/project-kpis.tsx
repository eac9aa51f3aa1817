import { ArrowDownOutlined, ArrowUpOutlined, PlusOutlined } from '@ant-design/icons';
import {
  App,
  Button,
  Card,
  DatePicker,
  Form,
  Input,
  InputNumber,
  Modal,
  Radio,
  Space,
  Tag,
  Typography,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import type { Kpi, KpiDirection, Project } from '#contracts/fusion-project';
import { isStaleVersion } from '../../api/http.ts';
import { fromIsoDate, today, toIsoDate } from '../../components/dates.ts';
import { useApiError } from '../../components/error-display.tsx';
import { useT } from '../../i18n/i18n.tsx';
import { type Column, ResponsiveTable } from '../responsibility/lists-responsive.tsx';
import { useCreateKpi, useDeleteKpi, usePatchKpi } from './fusion-api.ts';
import { kpiValue } from './fusion-logic.ts';

// The business KPIs a project answers for: baseline → target, and at acceptance the measured result, met or not in
// the KPI's direction (the server judges it). Acceptance waits until every KPI is measured.

type KpiValues = {
  name: string;
  measureUnit: string;
  direction: KpiDirection;
  baseline: number | null;
  target: number | null;
  note: string;
};
type ResultValues = { result: number | null; measuredOn: Dayjs | null; note: string };
type Editing = { kind: 'kpi'; kpi: Kpi | null } | { kind: 'result'; kpi: Kpi } | null;

function useHandlers(form: Parameters<ReturnType<typeof useApiError>>[1], onClose: () => void) {
  const showError = useApiError();
  return {
    onSuccess: onClose,
    onError: (err: unknown) => {
      showError(err, form);
      if (isStaleVersion(err)) onClose();
    },
  };
}

function KpiDialog({ project, kpi, onClose }: { project: Project; kpi: Kpi | null; onClose: () => void }) {
  const t = useT();
  const [form] = Form.useForm<KpiValues>();
  const create = useCreateKpi();
  const patch = usePatchKpi();
  const handlers = useHandlers(form, onClose);
  const onFinish = (v: KpiValues) => {
    if (v.baseline === null || v.target === null) return;
    const fields = {
      name: v.name,
      measureUnit: v.measureUnit.trim() || null,
      direction: v.direction,
      baseline: v.baseline,
      target: v.target,
      note: v.note.trim() || null,
    };
    if (kpi) patch.mutate({ id: kpi.id, body: { ...fields, version: kpi.version } }, handlers);
    else create.mutate({ projectId: project.id, body: fields }, handlers);
  };
  return (
    <Modal
      open
      title={kpi ? t('fusion.kpi.editTitle') : t('fusion.kpi.newTitle')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      okButtonProps={{ 'data-testid': 'kpi-save' }}
      confirmLoading={create.isPending || patch.isPending}
      destroyOnHidden
    >
      <Form<KpiValues>
        form={form}
        layout="vertical"
        onFinish={onFinish}
        initialValues={{
          name: kpi?.name ?? project.need?.kpiName ?? '',
          measureUnit: kpi?.measureUnit ?? '',
          direction: kpi?.direction ?? 'increase',
          baseline: kpi?.baseline ?? null,
          target: kpi?.target ?? null,
          note: kpi?.note ?? '',
        }}
      >
        <Form.Item
          name="name"
          label={t('fusion.kpi.name')}
          rules={[{ required: true, whitespace: true, message: t('fusion.kpi.nameRequired') }]}
        >
          <Input maxLength={100} placeholder={t('fusion.kpi.nameHint')} data-testid="kpi-name" />
        </Form.Item>
        <div
          style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(140px, 1fr))', gap: 12 }}
        >
          <Form.Item name="measureUnit" label={t('fusion.kpi.unit')}>
            <Input maxLength={20} placeholder={t('fusion.kpi.unitHint')} data-testid="kpi-unit" />
          </Form.Item>
          <Form.Item name="direction" label={t('fusion.kpi.direction')}>
            <Radio.Group
              optionType="button"
              options={[
                { value: 'increase', label: t('fusion.kpi.increase') },
                { value: 'decrease', label: t('fusion.kpi.decrease') },
              ]}
            />
          </Form.Item>
          <Form.Item
            name="baseline"
            label={t('fusion.kpi.baseline')}
            rules={[{ required: true, message: t('fusion.kpi.numberRequired') }]}
          >
            <InputNumber style={{ width: '100%' }} data-testid="kpi-baseline" />
          </Form.Item>
          <Form.Item
            name="target"
            label={t('fusion.kpi.target')}
            rules={[{ required: true, message: t('fusion.kpi.numberRequired') }]}
          >
            <InputNumber style={{ width: '100%' }} data-testid="kpi-target" />
          </Form.Item>
        </div>
        <Form.Item name="note" label={t('fusion.kpi.note')}>
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function ResultDialog({ kpi, onClose }: { kpi: Kpi; onClose: () => void }) {
  const t = useT();
  const [form] = Form.useForm<ResultValues>();
  const patch = usePatchKpi();
  const handlers = useHandlers(form, onClose);
  const onFinish = (v: ResultValues) => {
    const measuredOn = toIsoDate(v.measuredOn);
    if (v.result === null || !measuredOn) return;
    patch.mutate(
      {
        id: kpi.id,
        body: { result: v.result, measuredOn, note: v.note.trim() || null, version: kpi.version },
      },
      handlers,
    );
  };
  return (
    <Modal
      open
      title={t('fusion.kpi.resultTitle', { name: kpi.name })}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      okButtonProps={{ 'data-testid': 'kpi-result-save' }}
      confirmLoading={patch.isPending}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">
        {t('fusion.kpi.fromTo', {
          baseline: kpiValue(kpi.baseline, kpi.measureUnit),
          target: kpiValue(kpi.target, kpi.measureUnit),
        })}
      </Typography.Paragraph>
      <Form<ResultValues>
        form={form}
        layout="vertical"
        onFinish={onFinish}
        initialValues={{
          result: kpi.result,
          measuredOn: fromIsoDate(kpi.measuredOn) ?? today(),
          note: kpi.note ?? '',
        }}
      >
        <Form.Item
          name="result"
          label={t('fusion.kpi.result')}
          rules={[{ required: true, message: t('fusion.kpi.numberRequired') }]}
        >
          <InputNumber
            style={{ width: '100%' }}
            suffix={kpi.measureUnit ?? undefined}
            data-testid="kpi-result"
          />
        </Form.Item>
        <Form.Item
          name="measuredOn"
          label={t('fusion.kpi.measuredOn')}
          rules={[{ required: true, message: t('fusion.kpi.measuredOnRequired') }]}
        >
          <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(today())} />
        </Form.Item>
        <Form.Item name="note" label={t('fusion.kpi.note')}>
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export function ProjectKpis({ project }: { project: Project }) {
  const t = useT();
  const { modal } = App.useApp();
  const remove = useDeleteKpi();
  const showError = useApiError();
  const [editing, setEditing] = useState<Editing>(null);
  const columns: Column<Kpi>[] = [
    {
      key: 'name',
      title: t('fusion.kpi.name'),
      primary: true,
      render: (k) => (
        <Space size={4}>
          {k.direction === 'increase' ? <ArrowUpOutlined /> : <ArrowDownOutlined />}
          <span>{k.name}</span>
        </Space>
      ),
    },
    {
      key: 'values',
      title: t('fusion.kpi.values'),
      render: (k) => (
        <span data-testid="kpi-values">
          {kpiValue(k.baseline, k.measureUnit)} → {kpiValue(k.target, k.measureUnit)} →{' '}
          <Typography.Text strong>{kpiValue(k.result, k.measureUnit)}</Typography.Text>
        </span>
      ),
    },
    {
      key: 'met',
      title: t('fusion.kpi.met'),
      render: (k) =>
        k.met === null ? (
          <Tag>{t('fusion.kpi.notMeasured')}</Tag>
        ) : (
          <Tag color={k.met ? 'green' : 'red'} data-testid="kpi-met">
            {k.met ? t('fusion.kpi.metYes') : t('fusion.kpi.metNo')}
          </Tag>
        ),
    },
    { key: 'measuredOn', title: t('fusion.kpi.measuredOn'), render: (k) => k.measuredOn ?? '—' },
    ...(project.can.edit
      ? [
          {
            key: 'actions',
            title: t('common.actions'),
            actions: true,
            render: (k: Kpi) => (
              <Space size={0} wrap>
                <Button
                  type="link"
                  size="small"
                  onClick={() => setEditing({ kind: 'result', kpi: k })}
                  data-testid="kpi-record-result"
                >
                  {t('fusion.kpi.recordResult')}
                </Button>
                <Button type="link" size="small" onClick={() => setEditing({ kind: 'kpi', kpi: k })}>
                  {t('common.edit')}
                </Button>
                <Button
                  type="link"
                  size="small"
                  danger
                  onClick={() =>
                    modal.confirm({
                      title: t('fusion.kpi.removeTitle', { name: k.name }),
                      okText: t('common.remove'),
                      okButtonProps: { danger: true },
                      onOk: () => remove.mutateAsync(k.id).catch((err: unknown) => showError(err)),
                    })
                  }
                >
                  {t('common.remove')}
                </Button>
              </Space>
            ),
          },
        ]
      : []),
  ];
  return (
    <Card
      size="small"
      title={t('fusion.project.kpis')}
      data-testid="project-kpis"
      extra={
        project.can.edit && (
          <Button
            size="small"
            icon={<PlusOutlined />}
            onClick={() => setEditing({ kind: 'kpi', kpi: null })}
            data-testid="kpi-new"
          >
            {t('fusion.kpi.new')}
          </Button>
        )
      }
    >
      <ResponsiveTable<Kpi>
        rowKey={(k) => k.id}
        columns={columns}
        dataSource={project.kpiList}
        emptyText={t('fusion.kpi.empty')}
        data-testid="kpi-table"
      />
      {editing?.kind === 'kpi' && (
        <KpiDialog project={project} kpi={editing.kpi} onClose={() => setEditing(null)} />
      )}
      {editing?.kind === 'result' && <ResultDialog kpi={editing.kpi} onClose={() => setEditing(null)} />}
    </Card>
  );
}
