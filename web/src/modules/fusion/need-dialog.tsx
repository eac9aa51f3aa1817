import { App, DatePicker, Form, Input, Modal, Radio, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { type Need, URGENCIES, URGENCY_LABELS, type Urgency } from '#contracts/fusion';
import { isStaleVersion } from '../../api/http.ts';
import { fromIsoDate, today, toIsoDate } from '../../components/dates.ts';
import { DepartmentTreeSelect } from '../../components/department-tree-select.tsx';
import { useApiError } from '../../components/error-display.tsx';
import { useLabel, useT } from '../../i18n/i18n.tsx';
import { useCreateNeed, usePatchNeed } from './fusion-api.ts';

// Registering a department's pain point (需求清单), editing it, and closing one by hand with the reason.

type Values = {
  departmentId: string | null;
  title: string;
  problem: string;
  kpiName: string;
  urgency: Urgency;
  raisedBy: string;
  raisedOn: Dayjs | null;
  tags: string[];
};

/** Comma, 、 or a space end a keyword as Enter does: officers paste lists written either way. */
export const TAG_SEPARATORS = [',', '，', '、', ';', '；'];

export function TagsSelect(props: {
  value?: string[];
  onChange?: (tags: string[]) => void;
  known?: readonly string[];
  'data-testid'?: string;
}) {
  const t = useT();
  return (
    <Select
      mode="tags"
      value={props.value ?? []}
      onChange={(tags: string[]) =>
        props.onChange?.(tags.map((tag) => tag.trim()).filter((tag) => tag !== ''))
      }
      tokenSeparators={TAG_SEPARATORS}
      options={(props.known ?? []).map((tag) => ({ value: tag, label: tag }))}
      placeholder={t('fusion.tagsPlaceholder')}
      style={{ width: '100%' }}
      data-testid={props['data-testid']}
    />
  );
}

export function NeedDialog({
  unitId,
  need,
  knownTags,
  onClose,
}: {
  unitId: string;
  /** Null: a new need. */
  need: Need | null;
  knownTags: readonly string[];
  onClose: () => void;
}) {
  const t = useT();
  const label = useLabel();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const create = useCreateNeed();
  const patch = usePatchNeed();
  const showError = useApiError();
  const saving = create.isPending || patch.isPending;

  const onError = (err: unknown) => {
    showError(err, form);
    // The list shows the newer version; the officer edits that one.
    if (isStaleVersion(err)) onClose();
  };
  const onFinish = (v: Values) => {
    const raisedOn = toIsoDate(v.raisedOn);
    if (!v.departmentId || !raisedOn) return;
    const fields = {
      departmentId: v.departmentId,
      title: v.title,
      problem: v.problem,
      kpiName: v.kpiName.trim() || null,
      urgency: v.urgency,
      raisedBy: v.raisedBy,
      raisedOn,
      tags: v.tags,
    };
    const done = () => {
      message.success(t('common.saved'));
      onClose();
    };
    if (need)
      patch.mutate({ id: need.id, body: { ...fields, version: need.version } }, { onSuccess: done, onError });
    else create.mutate(fields, { onSuccess: done, onError });
  };

  return (
    <Modal
      open
      title={need ? t('fusion.need.editTitle') : t('fusion.need.newTitle')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      okButtonProps={{ 'data-testid': 'need-save' }}
      confirmLoading={saving}
      destroyOnHidden
    >
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={onFinish}
        data-testid="need-form"
        initialValues={{
          departmentId: need?.departmentId ?? null,
          title: need?.title ?? '',
          problem: need?.problem ?? '',
          kpiName: need?.kpiName ?? '',
          urgency: need?.urgency ?? 'normal',
          raisedBy: need?.raisedBy ?? '',
          raisedOn: need ? fromIsoDate(need.raisedOn) : today(),
          tags: need?.tags ?? [],
        }}
      >
        <Form.Item
          name="departmentId"
          label={t('fusion.need.department')}
          rules={[{ required: true, message: t('fusion.need.departmentRequired') }]}
        >
          <DepartmentTreeSelect unitId={unitId} data-testid="need-department" />
        </Form.Item>
        <Form.Item
          name="title"
          label={t('fusion.need.titleField')}
          rules={[{ required: true, whitespace: true, message: t('fusion.need.titleRequired') }]}
        >
          <Input maxLength={100} placeholder={t('fusion.need.titleHint')} data-testid="need-title" />
        </Form.Item>
        <Form.Item
          name="problem"
          label={t('fusion.need.problem')}
          rules={[{ required: true, whitespace: true, message: t('fusion.need.problemRequired') }]}
        >
          <Input.TextArea
            rows={4}
            maxLength={2000}
            showCount
            placeholder={t('fusion.need.problemHint')}
            data-testid="need-problem"
          />
        </Form.Item>
        <Form.Item name="kpiName" label={t('fusion.need.kpiName')} extra={t('fusion.need.kpiNameHint')}>
          <Input maxLength={100} data-testid="need-kpi" />
        </Form.Item>
        <Form.Item name="urgency" label={t('fusion.urgency')}>
          <Radio.Group
            optionType="button"
            options={URGENCIES.map((u) => ({ value: u, label: label(URGENCY_LABELS[u]) }))}
            data-testid="need-urgency"
          />
        </Form.Item>
        <div
          style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(160px, 1fr))', gap: 12 }}
        >
          <Form.Item
            name="raisedBy"
            label={t('fusion.need.raisedBy')}
            rules={[{ required: true, whitespace: true, message: t('fusion.need.raisedByRequired') }]}
          >
            <Input maxLength={50} placeholder={t('fusion.need.raisedByHint')} data-testid="need-raised-by" />
          </Form.Item>
          <Form.Item
            name="raisedOn"
            label={t('fusion.need.raisedOn')}
            rules={[{ required: true, message: t('fusion.need.raisedOnRequired') }]}
          >
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
        </div>
        <Form.Item name="tags" label={t('fusion.tags')} extra={t('fusion.need.tagsHint')}>
          <TagsSelect known={knownTags} data-testid="need-tags" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** Closing a need by hand (solved another way, no longer relevant): the reason stays on the need. */
export function CloseNeedDialog({ need, onClose }: { need: Need; onClose: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ closedReason: string }>();
  const patch = usePatchNeed();
  const showError = useApiError();
  return (
    <Modal
      open
      title={t('fusion.need.closeTitle', { title: need.title })}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('fusion.need.close')}
      okButtonProps={{ danger: true, 'data-testid': 'need-close-confirm' }}
      confirmLoading={patch.isPending}
    >
      <Form
        form={form}
        layout="vertical"
        onFinish={(v: { closedReason: string }) =>
          patch.mutate(
            { id: need.id, body: { status: 'closed', closedReason: v.closedReason, version: need.version } },
            {
              onSuccess: () => {
                message.success(t('fusion.need.closed'));
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
        <Form.Item
          name="closedReason"
          label={t('fusion.need.closeReason')}
          rules={[{ required: true, whitespace: true, message: t('fusion.need.closeReasonRequired') }]}
        >
          <Input.TextArea rows={3} maxLength={200} showCount data-testid="need-close-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
