import { App, Form, Input, Modal, Radio, Select, Space, Typography } from 'antd';
import { useState } from 'react';
import {
  BRAND_ELEMENT_LABELS,
  type Brand,
  EVIDENCE_KIND_LABELS,
  EVIDENCE_KINDS,
  type EvidenceKind,
} from '#contracts/fusion-brand';
import { useApiError } from '../../components/error-display.tsx';
import { useLabel, useT } from '../../i18n/i18n.tsx';
import { useAttachments } from '../attachment/attachment-api.ts';
import { AttachmentUpload } from '../attachment/attachment-upload.tsx';
import { useRecordList } from '../branch/records-api.ts';
import { isRecordKind, KIND_LABEL } from '../branch/records-labels.ts';
import type { ContentElement } from './brand-logic.ts';
import { useProjects } from './fusion-api.ts';
import { BRAND_OWNER_KIND, useAddEvidence } from './fusion-brand-api.ts';

// 添加佐证: what backs an element of the six haves — a held record of the brand's branch, an accepted project it led
// or joined, a document uploaded to the brand, or a satisfaction result written as a note.

type Values = { kind: EvidenceKind; refId: string | null; note: string };

function RefPicker({ brand, kind }: { brand: Brand; kind: EvidenceKind }) {
  const t = useT();
  const records = useRecordList(
    { partyOrgId: brand.partyOrgId, status: 'held', pageSize: 200 },
    kind === 'record',
  );
  const projects = useProjects(kind === 'project' ? brand.unitId : null, {
    stage: 'accepted',
    partyOrgId: brand.partyOrgId,
  });
  const files = useAttachments(BRAND_OWNER_KIND, brand.id, kind === 'document');
  if (kind === 'satisfaction') return null;
  const options =
    kind === 'record'
      ? (records.data?.items ?? [])
          .filter((r) => r.kind !== 'talk')
          .map((r) => ({
            value: r.id,
            label: `${r.heldOn ?? ''} ${isRecordKind(r.kind) ? t(KIND_LABEL[r.kind]) : r.kind} · ${r.topic}`,
          }))
      : kind === 'project'
        ? (projects.data ?? []).map((p) => ({ value: p.id, label: p.title }))
        : (files.data ?? []).map((a) => ({ value: a.id, label: a.fileName }));
  const loading =
    kind === 'record' ? records.isFetching : kind === 'project' ? projects.isFetching : files.isFetching;
  return (
    <>
      <Form.Item
        name="refId"
        label={t(`fusion.evidence.pick.${kind}`)}
        rules={[{ required: true, message: t('fusion.evidence.pickRequired') }]}
      >
        <Select
          showSearch={{ optionFilterProp: 'label' }}
          options={options}
          loading={loading}
          notFoundContent={t(`fusion.evidence.none.${kind}`)}
          data-testid="evidence-ref"
        />
      </Form.Item>
      {kind === 'document' && (
        <Form.Item label={t('fusion.evidence.uploadDocument')}>
          <AttachmentUpload ownerKind={BRAND_OWNER_KIND} ownerId={brand.id} testId="evidence-upload" />
        </Form.Item>
      )}
    </>
  );
}

export function EvidenceDialog({
  brand,
  element,
  onClose,
}: {
  brand: Brand;
  element: ContentElement;
  onClose: () => void;
}) {
  const t = useT();
  const label = useLabel();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [kind, setKind] = useState<EvidenceKind>('record');
  const add = useAddEvidence();
  const showError = useApiError();
  return (
    <Modal
      open
      title={t('fusion.evidence.addTitle', { element: label(BRAND_ELEMENT_LABELS[element]) })}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      okButtonProps={{ 'data-testid': 'evidence-save' }}
      confirmLoading={add.isPending}
      destroyOnHidden
    >
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{ kind: 'record', refId: null, note: '' }}
        onValuesChange={(change: Partial<Values>) => {
          if (change.kind) {
            setKind(change.kind);
            form.setFieldValue('refId', null);
          }
        }}
        onFinish={(v) =>
          add.mutate(
            {
              id: brand.id,
              body: {
                element,
                kind: v.kind,
                refId: v.kind === 'satisfaction' ? null : v.refId,
                note: v.note.trim() || null,
              },
            },
            {
              onSuccess: () => {
                message.success(t('common.saved'));
                onClose();
              },
              onError: (err) => showError(err, form),
            },
          )
        }
      >
        <Form.Item name="kind" label={t('fusion.evidence.kind')}>
          <Radio.Group data-testid="evidence-kind">
            <Space orientation="vertical">
              {EVIDENCE_KINDS.map((k) => (
                <Radio key={k} value={k} data-testid={`evidence-kind-${k}`}>
                  {label(EVIDENCE_KIND_LABELS[k])}
                </Radio>
              ))}
            </Space>
          </Radio.Group>
        </Form.Item>
        <RefPicker brand={brand} kind={kind} />
        <Form.Item
          name="note"
          label={kind === 'satisfaction' ? t('fusion.evidence.satisfaction') : t('fusion.evidence.note')}
          rules={
            kind === 'satisfaction'
              ? [{ required: true, whitespace: true, message: t('fusion.evidence.satisfactionRequired') }]
              : []
          }
          extra={kind === 'satisfaction' ? t('fusion.evidence.satisfactionHint') : undefined}
        >
          <Input maxLength={200} data-testid="evidence-note" />
        </Form.Item>
        <Typography.Text type="secondary">{t('fusion.evidence.hint')}</Typography.Text>
      </Form>
    </Modal>
  );
}
