import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Form, Input, Modal, Select, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { PARTNER_KIND_LABELS, PARTNER_KINDS, type PartnerKind, type PartnerOrg } from '#contracts/partner';
import { isStaleVersion } from '../../api/http.ts';
import { useCan } from '../../app/session.tsx';
import { QueryError, useApiError } from '../../components/error-display.tsx';
import { useLabel, useT } from '../../i18n/i18n.tsx';
import { type Column, ResponsiveTable } from '../responsibility/lists-responsive.tsx';
import { useCreatePartner, usePartners, usePatchPartner } from './fusion-api.ts';

// 共建单位: outside organisations (communities, villages, enterprises…) an organ builds with, registered without
// accounts; their resources go on the resource list. Kept by the organ committee's officers.

type Values = { name: string; kind: PartnerKind; contact: string; address: string; note: string };

function PartnerDialog({
  unitId,
  partner,
  onClose,
}: {
  unitId: string;
  partner: PartnerOrg | null;
  onClose: () => void;
}) {
  const t = useT();
  const label = useLabel();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const create = useCreatePartner();
  const patch = usePatchPartner();
  const showError = useApiError();
  const onFinish = (v: Values) => {
    const fields = {
      name: v.name,
      kind: v.kind,
      contact: v.contact.trim() || null,
      address: v.address.trim() || null,
      note: v.note.trim() || null,
    };
    const handlers = {
      onSuccess: () => {
        message.success(t('common.saved'));
        onClose();
      },
      onError: (err: unknown) => {
        showError(err, form);
        if (isStaleVersion(err)) onClose();
      },
    };
    if (partner) patch.mutate({ id: partner.id, body: { ...fields, version: partner.version } }, handlers);
    else create.mutate({ ...fields, unitId }, handlers);
  };
  return (
    <Modal
      open
      title={partner ? t('fusion.partner.editTitle') : t('fusion.partner.newTitle')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      okButtonProps={{ 'data-testid': 'partner-save' }}
      confirmLoading={create.isPending || patch.isPending}
      destroyOnHidden
    >
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={onFinish}
        initialValues={{
          name: partner?.name ?? '',
          kind: partner?.kind ?? 'community',
          contact: partner?.contact ?? '',
          address: partner?.address ?? '',
          note: partner?.note ?? '',
        }}
      >
        <Form.Item
          name="name"
          label={t('fusion.partner.name')}
          rules={[{ required: true, whitespace: true, message: t('fusion.partner.nameRequired') }]}
        >
          <Input maxLength={100} data-testid="partner-name" />
        </Form.Item>
        <Form.Item name="kind" label={t('fusion.partner.kind')}>
          <Select options={PARTNER_KINDS.map((k) => ({ value: k, label: label(PARTNER_KIND_LABELS[k]) }))} />
        </Form.Item>
        <Form.Item name="contact" label={t('fusion.partner.contact')} extra={t('fusion.partner.contactHint')}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="address" label={t('fusion.partner.address')}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="note" label={t('fusion.partner.note')}>
          <Input.TextArea rows={3} maxLength={1000} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export function PartnersPanel({ unitId }: { unitId: string | null }) {
  const t = useT();
  const label = useLabel();
  const mayManage = useCan()('fusion.manage');
  const partners = usePartners(unitId);
  const patch = usePatchPartner();
  const showError = useApiError();
  const [editing, setEditing] = useState<{ partner: PartnerOrg | null } | null>(null);
  const setStatus = (p: PartnerOrg, status: PartnerOrg['status']) =>
    patch.mutate({ id: p.id, body: { status, version: p.version } }, { onError: (err) => showError(err) });

  const columns: Column<PartnerOrg>[] = [
    {
      key: 'name',
      title: t('fusion.partner.name'),
      primary: true,
      render: (p) => (
        <Space size={4} wrap>
          <Typography.Text strong>{p.name}</Typography.Text>
          {p.status === 'archived' && <Tag>{t('fusion.partner.archived')}</Tag>}
        </Space>
      ),
    },
    { key: 'kind', title: t('fusion.partner.kind'), render: (p) => label(PARTNER_KIND_LABELS[p.kind]) },
    { key: 'contact', title: t('fusion.partner.contact'), render: (p) => p.contact ?? '—' },
    { key: 'address', title: t('fusion.partner.address'), render: (p) => p.address ?? '—' },
    { key: 'note', title: t('fusion.partner.note'), render: (p) => p.note ?? '—' },
    ...(mayManage
      ? [
          {
            key: 'actions',
            title: t('common.actions'),
            actions: true,
            render: (p: PartnerOrg) => (
              <Space size={0}>
                <Button type="link" size="small" onClick={() => setEditing({ partner: p })}>
                  {t('common.edit')}
                </Button>
                <Button
                  type="link"
                  size="small"
                  onClick={() => setStatus(p, p.status === 'active' ? 'archived' : 'active')}
                >
                  {p.status === 'active' ? t('fusion.partner.archive') : t('fusion.partner.restore')}
                </Button>
              </Space>
            ),
          },
        ]
      : []),
  ];

  return (
    <Space orientation="vertical" style={{ width: '100%' }} data-testid="partners-panel">
      <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8, flexWrap: 'wrap' }}>
        <Typography.Text type="secondary">{t('fusion.partner.intro')}</Typography.Text>
        {mayManage && unitId && (
          <Button
            icon={<PlusOutlined />}
            onClick={() => setEditing({ partner: null })}
            data-testid="partner-new"
          >
            {t('fusion.partner.new')}
          </Button>
        )}
      </div>
      {partners.isError ? (
        <QueryError error={partners.error} onRetry={() => void partners.refetch()} />
      ) : (
        <ResponsiveTable<PartnerOrg>
          rowKey={(p) => p.id}
          columns={columns}
          dataSource={partners.data ?? []}
          loading={partners.isFetching}
          emptyText={t('fusion.partner.empty')}
          rowStyle={(p) => (p.status === 'archived' ? { opacity: 0.6 } : undefined)}
          data-testid="partners-table"
        />
      )}
      {editing && unitId && (
        <PartnerDialog unitId={unitId} partner={editing.partner} onClose={() => setEditing(null)} />
      )}
    </Space>
  );
}
