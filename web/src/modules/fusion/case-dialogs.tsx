import { App, Form, Input, Modal, Radio, Select, Typography } from 'antd';
import { useState } from 'react';
import type { ShowcaseCase } from '#contracts/fusion-brand';
import type { PartyOrg } from '#contracts/org';
import { isStaleVersion } from '../../api/http.ts';
import { useSession } from '../../app/session.tsx';
import { useApiError } from '../../components/error-display.tsx';
import { OrgTreeSelect } from '../../components/org-tree-select.tsx';
import { useT } from '../../i18n/i18n.tsx';
import { defaultBranchId } from '../branch/record-form-logic.ts';
import { useProjects } from './fusion-api.ts';
import { useBrands, useCaseStep, useCreateCase, usePatchCase } from './fusion-brand-api.ts';

// 撰写案例 from an accepted project the branch led or from its brand (fields left empty are drafted by the server from
// the source, so nothing is typed twice), the edit of a draft or returned case, and the return with a note.

type Texts = { title: string; problem: string; actions: string; result: string };
const FIELDS = ['title', 'problem', 'actions', 'result'] as const;

function TextFields({ optional }: { optional: boolean }) {
  const t = useT();
  const rule = (message: string) => (optional ? [] : [{ required: true, whitespace: true, message }]);
  return (
    <>
      <Form.Item name="title" label={t('fusion.case.titleField')} rules={rule(t('fusion.case.required'))}>
        <Input maxLength={100} data-testid="case-title" />
      </Form.Item>
      <Form.Item name="problem" label={t('fusion.case.problem')} rules={rule(t('fusion.case.required'))}>
        <Input.TextArea rows={3} maxLength={3000} data-testid="case-problem" />
      </Form.Item>
      <Form.Item name="actions" label={t('fusion.case.actions')} rules={rule(t('fusion.case.required'))}>
        <Input.TextArea rows={4} maxLength={5000} data-testid="case-actions" />
      </Form.Item>
      <Form.Item name="result" label={t('fusion.case.result')} rules={rule(t('fusion.case.required'))}>
        <Input.TextArea rows={3} maxLength={3000} data-testid="case-result" />
      </Form.Item>
    </>
  );
}

/** Only the fields typed: what is left out the server drafts from the source. */
function typed(v: Texts): Partial<Texts> {
  const out: Partial<Texts> = {};
  for (const f of FIELDS) if (v[f].trim()) out[f] = v[f].trim();
  return out;
}

type CreateValues = Texts & { partyOrgId: string | null; source: 'project' | 'brand'; refId: string | null };

export function CaseCreateDialog({
  unitId,
  onClose,
  onCreated,
}: {
  unitId: string;
  onClose: () => void;
  onCreated: (c: ShowcaseCase) => void;
}) {
  const t = useT();
  const session = useSession();
  const { message } = App.useApp();
  const [form] = Form.useForm<CreateValues>();
  const partyOrgId = Form.useWatch('partyOrgId', form) ?? null;
  const [source, setSource] = useState<'project' | 'brand'>('project');
  const projects = useProjects(source === 'project' ? unitId : null, {
    stage: 'accepted',
    partyOrgId: partyOrgId ?? undefined,
  });
  const brands = useBrands(source === 'brand' ? unitId : null);
  const create = useCreateCase();
  const showError = useApiError();
  const options =
    source === 'project'
      ? (projects.data ?? [])
          .filter((p) => p.leadOrgId === partyOrgId)
          .map((p) => ({ value: p.id, label: p.title }))
      : (brands.data ?? [])
          .filter((b) => b.partyOrgId === partyOrgId)
          .map((b) => ({ value: b.id, label: b.name }));
  const selectable = (o: PartyOrg) => o.unitId === unitId && o.status === 'active';
  return (
    <Modal
      open
      title={t('fusion.case.newTitle')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      okButtonProps={{ 'data-testid': 'case-save' }}
      confirmLoading={create.isPending}
      destroyOnHidden
    >
      <Form<CreateValues>
        form={form}
        layout="vertical"
        initialValues={{
          partyOrgId: defaultBranchId(session.roles),
          source: 'project',
          refId: null,
          title: '',
          problem: '',
          actions: '',
          result: '',
        }}
        onValuesChange={(change: Partial<CreateValues>) => {
          if (change.source) setSource(change.source);
          if (change.source || change.partyOrgId !== undefined) form.setFieldValue('refId', null);
        }}
        onFinish={(v) => {
          if (!v.partyOrgId || !v.refId) return;
          create.mutate(
            {
              partyOrgId: v.partyOrgId,
              ...(v.source === 'project' ? { projectId: v.refId } : { brandId: v.refId }),
              ...typed(v),
            },
            {
              onSuccess: (c) => {
                message.success(t('fusion.case.drafted'));
                onClose();
                onCreated(c);
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
          <OrgTreeSelect selectable={selectable} data-testid="case-org" />
        </Form.Item>
        <Form.Item name="source" label={t('fusion.case.source')}>
          <Radio.Group
            options={[
              { value: 'project', label: t('fusion.case.fromProject') },
              { value: 'brand', label: t('fusion.case.fromBrand') },
            ]}
            data-testid="case-source"
          />
        </Form.Item>
        <Form.Item
          name="refId"
          label={source === 'project' ? t('fusion.case.project') : t('fusion.case.brand')}
          rules={[{ required: true, message: t('fusion.case.sourceRequired') }]}
        >
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            options={options}
            disabled={!partyOrgId}
            loading={projects.isFetching || brands.isFetching}
            notFoundContent={source === 'project' ? t('fusion.case.noProjects') : t('fusion.case.noBrand')}
            data-testid="case-ref"
          />
        </Form.Item>
        <Typography.Paragraph type="secondary">{t('fusion.case.draftHint')}</Typography.Paragraph>
        <TextFields optional />
      </Form>
    </Modal>
  );
}

export function CaseEditDialog({ item, onClose }: { item: ShowcaseCase; onClose: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<Texts>();
  const patch = usePatchCase();
  const showError = useApiError();
  return (
    <Modal
      open
      title={t('fusion.case.editTitle')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      okButtonProps={{ 'data-testid': 'case-save' }}
      confirmLoading={patch.isPending}
      width={720}
      destroyOnHidden
    >
      <Form<Texts>
        form={form}
        layout="vertical"
        initialValues={{
          title: item.title,
          problem: item.problem,
          actions: item.actions,
          result: item.result,
        }}
        onFinish={(v) =>
          patch.mutate(
            { id: item.id, body: { ...typed(v), version: item.version } },
            {
              onSuccess: () => {
                message.success(t('common.saved'));
                onClose();
              },
              onError: (err) => {
                showError(err, form);
                if (isStaleVersion(err)) onClose();
              },
            },
          )
        }
      >
        <TextFields optional={false} />
      </Form>
    </Modal>
  );
}

export function CaseReturnDialog({ item, onClose }: { item: ShowcaseCase; onClose: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const [note, setNote] = useState('');
  const step = useCaseStep();
  const showError = useApiError();
  return (
    <Modal
      open
      title={t('fusion.case.returnTitle', { title: item.title })}
      onCancel={onClose}
      okText={t('fusion.case.return')}
      okButtonProps={{ danger: true, disabled: !note.trim(), 'data-testid': 'case-return-save' }}
      confirmLoading={step.isPending}
      onOk={() =>
        step.mutate(
          { step: 'return', id: item.id, body: { version: item.version, note: note.trim() } },
          {
            onSuccess: () => {
              message.success(t('fusion.case.returned'));
              onClose();
            },
            onError: (err) => showError(err),
          },
        )
      }
      destroyOnHidden
    >
      <Input.TextArea
        rows={3}
        maxLength={500}
        value={note}
        placeholder={t('fusion.case.returnHint')}
        onChange={(e) => setNote(e.target.value)}
        data-testid="case-return-note"
      />
    </Modal>
  );
}
