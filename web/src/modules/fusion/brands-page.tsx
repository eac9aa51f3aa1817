import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Form, Input, Modal, Select, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import {
  BRAND_ELEMENT_LABELS,
  BRAND_STATUS_LABELS,
  BRAND_STATUSES,
  type BrandStatus,
  type BrandSummary,
} from '#contracts/fusion-brand';
import type { PartyOrg } from '#contracts/org';
import { useCan, useSession } from '../../app/session.tsx';
import { today, toIsoDate } from '../../components/dates.ts';
import { QueryError, useApiError } from '../../components/error-display.tsx';
import { OrgTreeSelect } from '../../components/org-tree-select.tsx';
import { useLabel, useT } from '../../i18n/i18n.tsx';
import { defaultBranchId } from '../branch/record-form-logic.ts';
import { type Column, ResponsiveTable, stopRowClick } from '../responsibility/lists-responsive.tsx';
import { missingElements, rectifyOverdue } from './brand-logic.ts';
import { useBrands, useCreateBrand } from './fusion-brand-api.ts';
import { BRAND_STATUS_COLOUR } from './fusion-labels.ts';
import { UnitPicker, useFusionUnit } from './fusion-unit.tsx';

// 支部品牌 (一支部一品牌): every branch brand of the organ with its status from the last review, the rectification
// deadline of a brand to be rectified, and which of the six haves (六有) it still lacks; a brand opens on its page.

export function BrandStatusTag({ brand }: { brand: Pick<BrandSummary, 'status' | 'rectifyBy'> }) {
  const t = useT();
  const label = useLabel();
  return (
    <Space size={4} wrap>
      <Tag color={BRAND_STATUS_COLOUR[brand.status]} data-testid="brand-status">
        {label(BRAND_STATUS_LABELS[brand.status])}
      </Tag>
      {brand.status === 'rectifying' && brand.rectifyBy && (
        <Typography.Text
          type={rectifyOverdue(brand.rectifyBy, toIsoDate(today()) ?? '') ? 'danger' : 'warning'}
        >
          {t('fusion.brand.rectifyBy', { date: brand.rectifyBy })}
        </Typography.Text>
      )}
    </Space>
  );
}

const BRAND_ORG_KINDS: readonly string[] = ['branch', 'general_branch'];

function BrandCreateDialog({ unitId, onClose }: { unitId: string; onClose: () => void }) {
  const t = useT();
  const navigate = useNavigate();
  const session = useSession();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ partyOrgId: string | null; name: string; concept: string }>();
  const create = useCreateBrand();
  const showError = useApiError();
  const selectable = (o: PartyOrg) =>
    o.unitId === unitId && o.status === 'active' && BRAND_ORG_KINDS.includes(o.kind);
  return (
    <Modal
      open
      title={t('fusion.brand.newTitle')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      okButtonProps={{ 'data-testid': 'brand-save' }}
      confirmLoading={create.isPending}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t('fusion.brand.newHint')}</Typography.Paragraph>
      <Form
        form={form}
        layout="vertical"
        initialValues={{ partyOrgId: defaultBranchId(session.roles), name: '', concept: '' }}
        onFinish={(v) => {
          if (!v.partyOrgId) return;
          create.mutate(
            { partyOrgId: v.partyOrgId, name: v.name, concept: v.concept.trim() || null },
            {
              onSuccess: (brand) => {
                message.success(t('common.saved'));
                onClose();
                navigate(`/fusion/brands/${brand.id}`);
              },
              onError: (err) => showError(err, form),
            },
          );
        }}
      >
        <Form.Item
          name="partyOrgId"
          label={t('fusion.brand.branch')}
          rules={[{ required: true, message: t('fusion.brand.branchRequired') }]}
        >
          <OrgTreeSelect selectable={selectable} data-testid="brand-org" />
        </Form.Item>
        <Form.Item
          name="name"
          label={t('fusion.brand.name')}
          extra={t('fusion.brand.nameHint')}
          rules={[{ required: true, whitespace: true, message: t('fusion.brand.nameRequired') }]}
        >
          <Input maxLength={50} data-testid="brand-name" />
        </Form.Item>
        <Form.Item name="concept" label={t('fusion.brand.concept')}>
          <Input.TextArea rows={3} maxLength={1000} showCount data-testid="brand-concept" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export function BrandsPage() {
  const t = useT();
  const label = useLabel();
  const navigate = useNavigate();
  const mayCreate = useCan()('fusion.project');
  const { unitId, units, setUnit } = useFusionUnit();
  const [status, setStatus] = useState<BrandStatus | undefined>(undefined);
  const brands = useBrands(unitId, status);
  const [creating, setCreating] = useState(false);

  const columns: Column<BrandSummary>[] = [
    {
      key: 'name',
      title: t('fusion.brand.name'),
      primary: true,
      render: (b) => (
        <Link to={`/fusion/brands/${b.id}`} onClick={stopRowClick} data-testid="brand-link">
          {b.name}
        </Link>
      ),
    },
    { key: 'branch', title: t('fusion.brand.branch'), render: (b) => b.partyOrgName },
    { key: 'status', title: t('fusion.status'), render: (b) => <BrandStatusTag brand={b} /> },
    {
      key: 'missing',
      title: t('fusion.brand.missing'),
      render: (b) => {
        const missing = missingElements(b.missing);
        return missing.length === 0 ? (
          <Typography.Text type="success">{t('fusion.brand.complete')}</Typography.Text>
        ) : (
          <Typography.Text type="warning" data-testid="brand-missing">
            {t('fusion.brand.lacks', {
              list: missing.map((e) => label(BRAND_ELEMENT_LABELS[e])).join('、'),
            })}
          </Typography.Text>
        );
      },
    },
    {
      key: 'review',
      title: t('fusion.brand.lastReview'),
      render: (b) =>
        b.lastReview
          ? t('fusion.brand.reviewLine', {
              year: b.lastReview.year,
              total: b.lastReview.total,
              on: b.lastReview.reviewedOn,
            })
          : t('fusion.brand.notReviewed'),
    },
  ];

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="brands-page">
      <Card
        title={t('fusion.brands.title')}
        extra={
          <Space wrap>
            <UnitPicker unitId={unitId} units={units} onChange={setUnit} />
            {mayCreate && unitId && (
              <Button icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="brand-new">
                {t('fusion.brand.new')}
              </Button>
            )}
          </Space>
        }
      >
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Typography.Text type="secondary">{t('fusion.brands.intro')}</Typography.Text>
          <Select
            allowClear
            style={{ minWidth: 180 }}
            value={status}
            placeholder={t('fusion.allStatuses')}
            options={BRAND_STATUSES.map((s) => ({ value: s, label: label(BRAND_STATUS_LABELS[s]) }))}
            onChange={(s) => setStatus(s ?? undefined)}
            data-testid="brands-filter-status"
          />
        </Space>
      </Card>
      <Card styles={{ body: { padding: 0 } }}>
        {brands.isError ? (
          <QueryError error={brands.error} onRetry={() => void brands.refetch()} />
        ) : (
          <ResponsiveTable<BrandSummary>
            rowKey={(b) => b.id}
            columns={columns}
            dataSource={brands.data ?? []}
            loading={brands.isFetching}
            onRowClick={(b) => navigate(`/fusion/brands/${b.id}`)}
            emptyText={t('fusion.brands.empty')}
            data-testid="brands-table"
          />
        )}
      </Card>
      {creating && unitId && <BrandCreateDialog unitId={unitId} onClose={() => setCreating(false)} />}
    </Space>
  );
}
