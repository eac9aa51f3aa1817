import { useQueryClient } from '@tanstack/react-query';
import { Form, Input, InputNumber, Modal, Radio } from 'antd';
import { useRef } from 'react';
import { DOMAIN_LABELS, DOMAINS, type Domain, type WorkPoint } from '#contracts/responsibility';
import { isStaleVersion, staleCurrent } from '../../api/http.ts';
import { useApiError } from '../../components/error-display.tsx';
import { useLabel, useT } from '../../i18n/i18n.tsx';
import { respKeys, useSaveWorkPoint } from './responsibility-api.ts';

type Values = { domain: Domain; category: string; title: string; detail: string; weight: number };

const valuesOf = (p: WorkPoint): Values => ({
  domain: p.domain,
  category: p.category,
  title: p.title,
  detail: p.detail ?? '',
  weight: p.weight,
});

/** Adds a work point to the year, or edits one; a stale edit loads the fresh point into the form. */
export function WorkPointDialog({
  year,
  point,
  onClose,
}: {
  year: number;
  point: WorkPoint | null;
  onClose: () => void;
}) {
  const t = useT();
  const label = useLabel();
  const [form] = Form.useForm<Values>();
  const save = useSaveWorkPoint();
  const showError = useApiError();
  const queryClient = useQueryClient();
  const version = useRef(point?.version ?? 0);

  const onFinish = (v: Values) => {
    const body = {
      domain: v.domain,
      category: v.category.trim(),
      title: v.title.trim(),
      detail: v.detail?.trim() || null,
      weight: v.weight,
    };
    const onError = (err: unknown) => {
      showError(err, form);
      const current = staleCurrent<WorkPoint>(err);
      if (isStaleVersion(err)) void queryClient.invalidateQueries({ queryKey: respKeys.workPoints(year) });
      if (current) {
        version.current = current.version;
        form.setFieldsValue(valuesOf(current));
      }
    };
    if (point)
      save.mutate(
        { id: point.id, body: { ...body, version: version.current } },
        { onSuccess: onClose, onError },
      );
    else save.mutate({ id: null, body: { ...body, year } }, { onSuccess: onClose, onError });
  };

  return (
    <Modal
      open
      title={point ? t('rs.workPoint.editTitle', { n: point.seq }) : t('rs.workPoint.addTitle', { year })}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      confirmLoading={save.isPending}
    >
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={onFinish}
        initialValues={
          point ? valuesOf(point) : { domain: 'fusion', category: '', title: '', detail: '', weight: 1 }
        }
      >
        <Form.Item name="domain" label={t('rs.item.domain')}>
          <Radio.Group
            optionType="button"
            options={DOMAINS.map((d) => ({ value: d, label: label(DOMAIN_LABELS[d]) }))}
          />
        </Form.Item>
        <Form.Item
          name="category"
          label={t('rs.item.category')}
          rules={[{ required: true, whitespace: true, message: t('rs.item.categoryRequired') }]}
        >
          <Input maxLength={30} />
        </Form.Item>
        <Form.Item
          name="title"
          label={t('rs.workPoint.title')}
          rules={[{ required: true, whitespace: true, message: t('rs.item.nameRequired') }]}
        >
          <Input.TextArea maxLength={200} autoSize={{ minRows: 2, maxRows: 4 }} />
        </Form.Item>
        <Form.Item name="detail" label={t('rs.item.detailText')}>
          <Input.TextArea maxLength={2000} autoSize={{ minRows: 2, maxRows: 6 }} />
        </Form.Item>
        <Form.Item name="weight" label={t('rs.item.weight')} extra={t('rs.workPoint.weightHint')}>
          <InputNumber min={0.01} max={1000} step={0.5} precision={2} style={{ width: '100%' }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
