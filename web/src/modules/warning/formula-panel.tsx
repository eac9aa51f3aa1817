// The index formula's editions (issue 13 point 1): the list, 起草新版本, the draft's parts edited with the weights'
// sum checked as one types (red until it is 100), saved and 发布. A published edition is read-only: the values
// computed with it keep naming it.
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import {
  App,
  Button,
  Card,
  Form,
  Input,
  InputNumber,
  List,
  Popconfirm,
  Select,
  Space,
  Tag,
  Typography,
} from 'antd';
import { useEffect, useState } from 'react';
import type { IndexFormula, IndexFormulaBody, IndexPart } from '#contracts/warning';
import { isStaleVersion } from '../../api/http.ts';
import { formatDateTime } from '../../components/dates.ts';
import { QueryError, useApiError } from '../../components/error-display.tsx';
import { useMeasures } from '../assessment/assessment-api.ts';
import { useDraftFormula, useFormulas, usePublishFormula, useSaveFormula } from './warning-api.ts';
import { useWT } from './warning-i18n.ts';
import { freeKey, weightsCheck } from './warning-logic.ts';
import { clearServerErrors } from './warning-parts.tsx';

const STATUS_COLOUR = { draft: 'blue', published: 'green', retired: 'default' } as const;

export function FormulaPanel() {
  const t = useWT();
  const formulas = useFormulas();
  const draft = useDraftFormula();
  const onError = useApiError();
  const list = formulas.data ?? [];
  const theDraft = list.find((f) => f.status === 'draft') ?? null;
  return (
    <Card
      size="small"
      title={t('warning.formula.title')}
      data-testid="warning-formulas"
      extra={
        !theDraft && (
          <Button
            icon={<PlusOutlined />}
            loading={draft.isPending}
            onClick={() => draft.mutate(undefined, { onError: (err) => onError(err) })}
            data-testid="formula-draft"
          >
            {t('warning.formula.draft')}
          </Button>
        )
      }
    >
      {formulas.isError ? (
        <QueryError error={formulas.error} onRetry={() => void formulas.refetch()} />
      ) : (
        <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
          <List
            size="small"
            loading={formulas.isPending}
            dataSource={list}
            renderItem={(f) => (
              <List.Item style={{ paddingInline: 0 }}>
                <Space wrap>
                  <Typography.Text strong>{t('warning.formula.edition', { n: f.edition })}</Typography.Text>
                  <span>{f.name}</span>
                  <Tag color={STATUS_COLOUR[f.status]}>{t(`warning.formula.status.${f.status}`)}</Tag>
                  <Typography.Text type="secondary">
                    {t('warning.formula.parts', { n: f.parts.length })}
                    {f.publishedAt &&
                      ` · ${t('warning.formula.publishedAt', { at: formatDateTime(f.publishedAt) })}`}
                  </Typography.Text>
                </Space>
              </List.Item>
            )}
          />
          {theDraft && <DraftEditor key={`${theDraft.id}:${theDraft.version}`} formula={theDraft} />}
        </Space>
      )}
    </Card>
  );
}

type Values = { formula: IndexFormulaBody };

function DraftEditor({ formula }: { formula: IndexFormula }) {
  const t = useWT();
  const [form] = Form.useForm<Values>();
  const save = useSaveFormula();
  const publish = usePublishFormula();
  const measures = useMeasures();
  const onError = useApiError();
  const { message } = App.useApp();
  const [version, setVersion] = useState(formula.version);
  const parts = (Form.useWatch(['formula', 'parts'], form) ?? formula.parts) as IndexPart[];
  const sum = weightsCheck(parts);
  useEffect(() => setVersion(formula.version), [formula.version]);

  const stale = (err: unknown) => {
    if (!isStaleVersion(err)) return false;
    void message.warning({ content: t('warning.formula.stale'), duration: 8 });
    return true;
  };

  return (
    <Form<Values>
      form={form}
      layout="vertical"
      initialValues={{ formula: { name: formula.name, note: formula.note, parts: formula.parts } }}
      onValuesChange={() => clearServerErrors(form)}
      onFinish={(v) =>
        save.mutate(
          { id: formula.id, formula: v.formula, version },
          {
            onSuccess: (f) => {
              setVersion(f.version);
              void message.success(t('warning.formula.saved'));
            },
            onError: (err) => stale(err) || onError(err, form),
          },
        )
      }
      data-testid="formula-editor"
    >
      <Typography.Title level={5}>
        {t('warning.formula.editDraft')} · {t('warning.formula.edition', { n: formula.edition })}
      </Typography.Title>
      <Form.Item name={['formula', 'name']} label={t('warning.formula.name')} rules={[{ required: true }]}>
        <Input maxLength={60} style={{ maxWidth: 360 }} />
      </Form.Item>
      <Form.List name={['formula', 'parts']}>
        {(fields, { add, remove }) => (
          <Space orientation="vertical" style={{ width: '100%' }}>
            {fields.map((field) => {
              const kind = parts[field.name]?.source?.kind ?? 'measure';
              return (
                <Card size="small" key={field.key} data-testid="formula-part">
                  <Space wrap align="start">
                    <Form.Item name={[field.name, 'key']} label={t('warning.formula.key')}>
                      <Input style={{ width: 120 }} />
                    </Form.Item>
                    <Form.Item name={[field.name, 'label']} label={t('warning.formula.label')}>
                      <Input style={{ width: 200 }} maxLength={40} />
                    </Form.Item>
                    <Form.Item name={[field.name, 'source', 'kind']} label={t('warning.formula.source')}>
                      <Select
                        style={{ width: 160 }}
                        options={(['measure', 'gap'] as const).map((k) => ({
                          value: k,
                          label: t(`warning.formula.source.${k}`),
                        }))}
                      />
                    </Form.Item>
                    {kind === 'measure' && (
                      <Form.Item
                        name={[field.name, 'source', 'measureKey']}
                        label={t('warning.formula.measureKey')}
                      >
                        <Select
                          showSearch
                          style={{ width: 260 }}
                          optionFilterProp="label"
                          options={(measures.data ?? []).map((m) => ({
                            value: m.key,
                            label: `${m.label}（${m.key}）`,
                          }))}
                        />
                      </Form.Item>
                    )}
                    <Form.Item
                      name={[field.name, 'floor']}
                      label={kind === 'gap' ? t('warning.formula.gapFloor') : t('warning.formula.floor')}
                    >
                      <InputNumber style={{ width: 100 }} />
                    </Form.Item>
                    <Form.Item
                      name={[field.name, 'target']}
                      label={kind === 'gap' ? t('warning.formula.gapTarget') : t('warning.formula.target')}
                    >
                      <InputNumber style={{ width: 100 }} />
                    </Form.Item>
                    <Form.Item name={[field.name, 'weight']} label={t('warning.formula.weight')}>
                      <InputNumber min={0} max={100} style={{ width: 90 }} data-testid="formula-weight" />
                    </Form.Item>
                    <Button
                      type="text"
                      icon={<DeleteOutlined />}
                      style={{ marginTop: 30 }}
                      disabled={fields.length <= 1}
                      onClick={() => remove(field.name)}
                    />
                  </Space>
                </Card>
              );
            })}
            <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
              <Button
                icon={<PlusOutlined />}
                disabled={fields.length >= 12}
                onClick={() =>
                  add({
                    key: freeKey(parts),
                    label: '',
                    source: { kind: 'measure', measureKey: '' },
                    floor: 0,
                    target: 1,
                    weight: 0,
                  })
                }
              >
                {t('warning.formula.addPart')}
              </Button>
              <Typography.Text
                type={sum.ok ? 'success' : 'danger'}
                strong
                data-testid="formula-weights"
                data-ok={String(sum.ok)}
              >
                {sum.ok
                  ? t('warning.formula.weights', { total: sum.total })
                  : t('warning.formula.weightsOff', { total: sum.total })}
              </Typography.Text>
            </Space>
          </Space>
        )}
      </Form.List>
      <Form.Item name={['formula', 'note']} label={t('warning.formula.note')} style={{ marginTop: 16 }}>
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={500} />
      </Form.Item>
      <Space wrap>
        <Button htmlType="submit" loading={save.isPending} data-testid="formula-save">
          {t('warning.formula.save')}
        </Button>
        <Popconfirm
          title={t('warning.formula.publishConfirm')}
          onConfirm={() =>
            publish.mutate(
              { id: formula.id, version },
              {
                onSuccess: () => void message.success(t('warning.formula.published')),
                onError: (err) => stale(err) || onError(err),
              },
            )
          }
        >
          <Button type="primary" disabled={!sum.ok} loading={publish.isPending} data-testid="formula-publish">
            {t('warning.formula.publish')}
          </Button>
        </Popconfirm>
      </Space>
    </Form>
  );
}
