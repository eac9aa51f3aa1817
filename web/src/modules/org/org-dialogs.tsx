import { useQueryClient } from '@tanstack/react-query';
import { Col, DatePicker, Form, Input, InputNumber, Modal, Row, Select, Switch } from 'antd';
import type { Dayjs } from 'dayjs';
import {
  ALLOWED_CHILD_KINDS,
  OrgCodeSchema,
  PARTY_ORG_KIND_LABELS,
  type PartyOrg,
  type PartyOrgKind,
} from '#contracts/org';
import { isStaleVersion } from '../../api/http.ts';
import { fromIsoDate, toIsoDate } from '../../components/dates.ts';
import { DepartmentMultiSelect } from '../../components/department-tree-select.tsx';
import { useApiError } from '../../components/error-display.tsx';
import { useLabel, useT } from '../../i18n/i18n.tsx';
import { invalidateOrgData, useCreateOrg, useUpdateOrg } from './org-api.ts';

type OrgValues = {
  name: string;
  code: string;
  kind?: PartyOrgKind;
  isTemporary: boolean;
  tempStartOn: Dayjs | null;
  tempEndOn: Dayjs | null;
  foundedOn: Dayjs | null;
  sortOrder: number;
  departmentIds: string[];
};

/** A stale-version refusal closes the dialog: the detail reloads and the user starts again from fresh data. */
export function useOrgMutationError(onStale: () => void) {
  const showError = useApiError();
  const queryClient = useQueryClient();
  return (err: unknown, form?: Parameters<typeof showError>[1], id?: string) => {
    showError(err, form);
    if (isStaleVersion(err)) {
      void invalidateOrgData(queryClient, id);
      onStale();
    }
  };
}

/** Creates a child under `parent`, or edits `org`. */
export function OrgFormModal(
  props:
    | { mode: 'create'; parent: PartyOrg; onClose: () => void }
    | { mode: 'edit'; org: PartyOrg; onClose: () => void },
) {
  const t = useT();
  const label = useLabel();
  const [form] = Form.useForm<OrgValues>();
  const create = useCreateOrg();
  const update = useUpdateOrg();
  const onError = useOrgMutationError(props.onClose);
  const org = props.mode === 'edit' ? props.org : null;
  const unitId = props.mode === 'edit' ? props.org.unitId : props.parent.unitId;
  const childKinds = props.mode === 'create' ? ALLOWED_CHILD_KINDS[props.parent.kind] : [];

  const initialValues: OrgValues = {
    name: org?.name ?? '',
    code: org?.code ?? '',
    ...(props.mode === 'create' && childKinds.length === 1 ? { kind: childKinds[0] } : {}),
    isTemporary: org?.isTemporary ?? false,
    tempStartOn: fromIsoDate(org?.tempStartOn),
    tempEndOn: fromIsoDate(org?.tempEndOn),
    foundedOn: fromIsoDate(org?.foundedOn),
    sortOrder: org?.sortOrder ?? 0,
    departmentIds: org?.departmentIds ?? [],
  };

  const onFinish = (v: OrgValues) => {
    const common = {
      name: v.name.trim(),
      code: v.code.trim(),
      isTemporary: v.isTemporary,
      tempStartOn: v.isTemporary ? toIsoDate(v.tempStartOn) : null,
      tempEndOn: v.isTemporary ? toIsoDate(v.tempEndOn) : null,
      foundedOn: toIsoDate(v.foundedOn),
      sortOrder: v.sortOrder ?? 0,
      departmentIds: v.departmentIds ?? [],
    };
    if (props.mode === 'create') {
      if (!v.kind) return;
      create.mutate(
        { ...common, parentId: props.parent.id, kind: v.kind },
        { onSuccess: props.onClose, onError: (err) => onError(err, form) },
      );
    } else {
      update.mutate(
        { id: props.org.id, body: { ...common, version: props.org.version } },
        { onSuccess: props.onClose, onError: (err) => onError(err, form, props.org.id) },
      );
    }
  };

  return (
    <Modal
      open
      width={680}
      title={
        props.mode === 'create'
          ? t('org.addChildOf', { name: props.parent.name })
          : t('org.editOf', { name: props.org.name })
      }
      onCancel={props.onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      confirmLoading={create.isPending || update.isPending}
    >
      <Form<OrgValues>
        form={form}
        layout="vertical"
        initialValues={initialValues}
        onFinish={onFinish}
        data-testid="org-form"
      >
        <Row gutter={12}>
          <Col xs={24} md={12}>
            <Form.Item
              name="name"
              label={t('org.name')}
              rules={[{ required: true, whitespace: true, message: t('org.nameRequired') }]}
            >
              <Input maxLength={100} data-testid="org-form-name" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="code"
              label={t('org.code')}
              rules={[
                {
                  validator: async (_r, value: string | undefined) => {
                    const result = OrgCodeSchema.safeParse(value ?? '');
                    if (!result.success) throw new Error(result.error.issues[0]?.message);
                  },
                },
              ]}
            >
              <Input maxLength={32} data-testid="org-form-code" />
            </Form.Item>
          </Col>
          {props.mode === 'create' && (
            <Col xs={24} md={12}>
              <Form.Item
                name="kind"
                label={t('org.kind')}
                rules={[{ required: true, message: t('org.kindRequired') }]}
              >
                <Select
                  data-testid="org-form-kind"
                  options={childKinds.map((k) => ({ value: k, label: label(PARTY_ORG_KIND_LABELS[k]) }))}
                />
              </Form.Item>
            </Col>
          )}
          <Col xs={24} md={12}>
            <Form.Item name="foundedOn" label={t('org.foundedOn')}>
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={12} md={12}>
            <Form.Item name="isTemporary" label={t('org.isTemporary')} valuePropName="checked">
              <Switch />
            </Form.Item>
          </Col>
          <Col xs={12} md={12}>
            <Form.Item name="sortOrder" label={t('org.sortOrder')}>
              <InputNumber min={0} max={100000} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item noStyle dependencies={['isTemporary']}>
          {({ getFieldValue }) =>
            getFieldValue('isTemporary') ? (
              <Row gutter={12}>
                <Col xs={24} md={12}>
                  <Form.Item
                    name="tempStartOn"
                    label={t('org.tempStartOn')}
                    rules={[{ required: true, message: t('org.tempStartRequired') }]}
                  >
                    <DatePicker style={{ width: '100%' }} />
                  </Form.Item>
                </Col>
                <Col xs={24} md={12}>
                  <Form.Item
                    name="tempEndOn"
                    label={t('org.tempEndOn')}
                    dependencies={['tempStartOn']}
                    rules={[
                      ({ getFieldValue: get }) => ({
                        validator: async (_r, end: Dayjs | null) => {
                          const start = get('tempStartOn') as Dayjs | null;
                          if (end && start && end.isBefore(start, 'day'))
                            throw new Error(t('org.tempEndBeforeStart'));
                        },
                      }),
                    ]}
                  >
                    <DatePicker style={{ width: '100%' }} />
                  </Form.Item>
                </Col>
              </Row>
            ) : null
          }
        </Form.Item>
        <Form.Item
          name="departmentIds"
          label={t('org.linkedDepartments')}
          extra={t('org.linkedDepartmentsHelp')}
        >
          <DepartmentMultiSelect unitId={unitId} data-testid="org-form-departments" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
