import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Flex, Form, Input, Modal, Select, Tag } from 'antd';
import { useState } from 'react';
import {
  DEPT_COMBINE_LABELS,
  DEPT_COMBINES,
  type Kpi,
  PERIOD_ROLLUP_LABELS,
  PERIOD_ROLLUPS,
} from '#contracts/assessment-kpi';
import { QueryError, useApiError } from '../../components/error-display.tsx';
import { useLabel, useT } from '../../i18n/i18n.tsx';
import { type Column, ResponsiveTable } from '../responsibility/lists-responsive.tsx';
import { useCreateKpi, useKpis, usePatchKpi } from './kpi-api.ts';

// 指标目录: the organ's business KPIs — the code an imported indicator names, the unit, and how periods and
// departments combine. Kept by the organ's committee (`canRun`); read by every reader of its assessments.

type FormValues = {
  code: string;
  name: string;
  measureUnit: string;
  periodRollup: Kpi['periodRollup'];
  deptCombine: Kpi['deptCombine'];
  note?: string;
};

function KpiDialog({ unitId, kpi, onClose }: { unitId: string; kpi: Kpi | null; onClose: () => void }) {
  const t = useT();
  const label = useLabel();
  const { message } = App.useApp();
  const [form] = Form.useForm<FormValues>();
  const create = useCreateKpi();
  const patch = usePatchKpi();
  const showError = useApiError();
  const submit = (v: FormValues) => {
    const done = {
      onSuccess: () => {
        message.success(t('assessment.kpi.saved'));
        onClose();
      },
      onError: (e: unknown) => showError(e, form),
    };
    const note = v.note?.trim() ? v.note.trim() : null;
    if (kpi)
      patch.mutate(
        {
          id: kpi.id,
          body: {
            name: v.name,
            measureUnit: v.measureUnit,
            periodRollup: v.periodRollup,
            deptCombine: v.deptCombine,
            note,
            version: kpi.version,
          },
        },
        done,
      );
    else create.mutate({ unitId, ...v, note }, done);
  };
  const required = [{ required: true, whitespace: true, message: t('assessment.kpi.required') }];
  return (
    <Modal
      open
      title={kpi ? t('assessment.kpi.edit') : t('assessment.kpi.new')}
      okText={t('assessment.kpi.save')}
      cancelText={t('assessment.kpi.cancel')}
      confirmLoading={create.isPending || patch.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
      okButtonProps={{ 'data-testid': 'kpi-save' }}
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={
          kpi
            ? { ...kpi, note: kpi.note ?? '' }
            : { measureUnit: '%', periodRollup: 'mean', deptCombine: 'mean' }
        }
        onFinish={submit}
      >
        <Form.Item
          name="code"
          label={t('assessment.kpi.code')}
          extra={t('assessment.kpi.codeHint')}
          rules={required}
        >
          <Input disabled={!!kpi} maxLength={40} placeholder="ontime_rate" data-testid="kpi-code" />
        </Form.Item>
        <Form.Item name="name" label={t('assessment.kpi.name')} rules={required}>
          <Input maxLength={60} placeholder="办件按时办结率" data-testid="kpi-name" />
        </Form.Item>
        <Form.Item
          name="measureUnit"
          label={t('assessment.kpi.unit')}
          extra={t('assessment.kpi.unitHint')}
          rules={required}
        >
          <Input maxLength={10} style={{ width: 120 }} />
        </Form.Item>
        <Flex gap={12} wrap>
          <Form.Item name="periodRollup" label={t('assessment.kpi.rollup')} style={{ minWidth: 180 }}>
            <Select
              options={PERIOD_ROLLUPS.map((r) => ({ value: r, label: label(PERIOD_ROLLUP_LABELS[r]) }))}
            />
          </Form.Item>
          <Form.Item name="deptCombine" label={t('assessment.kpi.combine')} style={{ minWidth: 180 }}>
            <Select
              options={DEPT_COMBINES.map((r) => ({ value: r, label: label(DEPT_COMBINE_LABELS[r]) }))}
            />
          </Form.Item>
        </Flex>
        <Form.Item name="note" label={t('assessment.kpi.note')} style={{ marginBottom: 0 }}>
          <Input.TextArea maxLength={500} autoSize={{ minRows: 2, maxRows: 5 }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export function KpiCatalogue({ unitId, canRun }: { unitId: string; canRun: boolean }) {
  const t = useT();
  const label = useLabel();
  const kpis = useKpis(unitId);
  const patch = usePatchKpi();
  const showError = useApiError();
  const [editing, setEditing] = useState<Kpi | 'new' | null>(null);
  const columns: Column<Kpi>[] = [
    { key: 'name', title: t('assessment.kpi.name'), primary: true, render: (k) => k.name },
    { key: 'code', title: t('assessment.kpi.code'), render: (k) => <code>{k.code}</code> },
    { key: 'unit', title: t('assessment.kpi.unit'), render: (k) => k.measureUnit },
    {
      key: 'rules',
      title: `${t('assessment.kpi.rollup')} / ${t('assessment.kpi.combine')}`,
      render: (k) =>
        `${label(PERIOD_ROLLUP_LABELS[k.periodRollup])}；${label(DEPT_COMBINE_LABELS[k.deptCombine])}`,
    },
    { key: 'values', title: t('assessment.kpi.valueCount'), render: (k) => k.values },
    {
      key: 'state',
      title: '',
      render: (k) =>
        k.active ? (
          <Tag color="green">{t('assessment.kpi.active')}</Tag>
        ) : (
          <Tag>{t('assessment.kpi.inactive')}</Tag>
        ),
    },
    ...(canRun
      ? [
          {
            key: 'actions',
            title: '',
            actions: true,
            render: (k: Kpi) => (
              <Flex gap={4}>
                <Button size="small" type="link" onClick={() => setEditing(k)}>
                  {t('assessment.kpi.edit')}
                </Button>
                <Button
                  size="small"
                  type="link"
                  onClick={() =>
                    patch.mutate(
                      { id: k.id, body: { active: !k.active, version: k.version } },
                      { onError: (e) => showError(e) },
                    )
                  }
                >
                  {k.active ? t('assessment.kpi.deactivate') : t('assessment.kpi.activate')}
                </Button>
              </Flex>
            ),
          },
        ]
      : []),
  ];
  return (
    <Flex vertical gap={12}>
      {canRun && (
        <div>
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setEditing('new')}
            data-testid="kpi-new"
          >
            {t('assessment.kpi.new')}
          </Button>
        </div>
      )}
      {kpis.isError ? (
        <QueryError error={kpis.error} onRetry={() => void kpis.refetch()} />
      ) : (
        <ResponsiveTable<Kpi>
          rowKey={(k) => k.id}
          columns={columns}
          dataSource={kpis.data ?? []}
          loading={kpis.isFetching}
          emptyText={t('assessment.kpi.emptyCatalogue')}
          data-testid="kpi-catalogue"
        />
      )}
      {editing && (
        <KpiDialog
          unitId={unitId}
          kpi={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
        />
      )}
    </Flex>
  );
}
