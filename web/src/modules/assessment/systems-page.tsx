import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Checkbox, Form, Input, Modal, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import type { SystemSummary } from '#contracts/assessment';
import { QueryError, useApiError } from '../../components/error-display.tsx';
import { useT } from '../../i18n/i18n.tsx';
import { UnitPicker, useFusionUnit } from '../fusion/fusion-unit.tsx';
import { type Column, ResponsiveTable, stopRowClick } from '../responsibility/lists-responsive.tsx';
import { useCreateSystem, useDeriveSystem, useSystems } from './assessment-api.ts';
import { STATUS_COLOUR, STATUS_LABEL } from './assessment-labels.ts';

// 指标体系: the organ's systems in every edition and the work committee's published ones, which the organ may adopt
// as its own. The list carries no permission flags, so "新建" is offered to every reader and a refusal shows the
// server's own words.

function CreateDialog({ unitId, onClose }: { unitId: string; onClose: () => void }) {
  const t = useT();
  const navigate = useNavigate();
  const [form] = Form.useForm<{ name: string; fromDefault: boolean }>();
  const create = useCreateSystem();
  const showError = useApiError();
  return (
    <Modal
      open
      title={t('assessment.system.newTitle')}
      okText={t('assessment.system.create')}
      cancelText={t('assessment.cancel')}
      confirmLoading={create.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      okButtonProps={{ 'data-testid': 'system-create' }}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ fromDefault: true }}
        onFinish={(v) =>
          create.mutate(
            { ownerUnitId: unitId, name: v.name, fromDefault: v.fromDefault },
            {
              onSuccess: (s) => navigate(`/assessment/systems/${s.id}`),
              onError: (err) => showError(err, form),
            },
          )
        }
      >
        <Form.Item
          name="name"
          label={t('assessment.systems.name')}
          rules={[{ required: true, whitespace: true, message: t('assessment.system.nameRequired') }]}
        >
          <Input placeholder={t('assessment.system.nameHint')} maxLength={100} data-testid="system-name" />
        </Form.Item>
        <Form.Item
          name="fromDefault"
          valuePropName="checked"
          extra={t('assessment.system.fromDefaultHint')}
          style={{ marginBottom: 0 }}
        >
          <Checkbox data-testid="system-from-default">{t('assessment.system.fromDefault')}</Checkbox>
        </Form.Item>
      </Form>
    </Modal>
  );
}

export function SystemsPage() {
  const t = useT();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const { unitId, units, setUnit } = useFusionUnit();
  const systems = useSystems(unitId);
  const derive = useDeriveSystem();
  const showError = useApiError();
  const [creating, setCreating] = useState(false);

  const adopt = (s: SystemSummary) => {
    if (!unitId) return;
    derive.mutate(
      { id: s.id, ownerUnitId: unitId },
      {
        onSuccess: (mine) => {
          message.success(t('assessment.systems.adopted'));
          navigate(`/assessment/systems/${mine.id}`);
        },
        onError: (err) => showError(err),
      },
    );
  };

  const columns: Column<SystemSummary>[] = [
    {
      key: 'name',
      title: t('assessment.systems.name'),
      primary: true,
      render: (s) => (
        <Link to={`/assessment/systems/${s.id}`} onClick={stopRowClick} data-testid="system-link">
          {s.name}
        </Link>
      ),
    },
    {
      key: 'edition',
      title: t('assessment.systems.edition'),
      render: (s) => t('assessment.edition', { n: s.edition }),
    },
    {
      key: 'status',
      title: t('assessment.systems.status'),
      render: (s) => (
        <Space size={4} wrap>
          <Tag color={STATUS_COLOUR[s.status]} data-testid="system-status">
            {t(STATUS_LABEL[s.status])}
          </Tag>
          {s.locked && <Tag>{t('assessment.systems.locked')}</Tag>}
        </Space>
      ),
    },
    {
      key: 'owner',
      title: t('assessment.systems.owner'),
      render: (s) => (
        <Space size={4} wrap>
          <span>{s.ownerUnitName}</span>
          {s.fromWorkCommittee && <Tag color="red">{t('assessment.systems.fromWorkCommittee')}</Tag>}
        </Space>
      ),
    },
    {
      key: 'published',
      title: t('assessment.systems.publishedAt'),
      render: (s) => (s.publishedAt ? s.publishedAt.slice(0, 10) : '—'),
    },
    {
      key: 'actions',
      title: t('common.actions'),
      actions: true,
      render: (s) =>
        s.fromWorkCommittee && s.status === 'published' ? (
          <Button
            size="small"
            loading={derive.isPending && derive.variables?.id === s.id}
            onClick={(e) => {
              stopRowClick(e);
              adopt(s);
            }}
            data-testid="system-adopt"
          >
            {t('assessment.systems.adopt')}
          </Button>
        ) : null,
    },
  ];

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="systems-page">
      <Card
        title={t('assessment.systems.title')}
        extra={
          <Space wrap>
            <UnitPicker unitId={unitId} units={units} onChange={setUnit} />
            {unitId && (
              <Button icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="system-new">
                {t('assessment.system.new')}
              </Button>
            )}
          </Space>
        }
      >
        <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
          {t('assessment.systems.intro')}
        </Typography.Paragraph>
      </Card>
      <Card styles={{ body: { padding: 0 } }}>
        {systems.isError ? (
          <QueryError error={systems.error} onRetry={() => void systems.refetch()} />
        ) : (
          <ResponsiveTable<SystemSummary>
            rowKey={(s) => s.id}
            columns={columns}
            dataSource={systems.data ?? []}
            loading={systems.isFetching}
            onRowClick={(s) => navigate(`/assessment/systems/${s.id}`)}
            emptyText={t('assessment.systems.empty')}
            data-testid="systems-table"
          />
        )}
      </Card>
      {creating && unitId && <CreateDialog unitId={unitId} onClose={() => setCreating(false)} />}
    </Space>
  );
}
