import { Col, Form, Input, InputNumber, Modal, Row, Select } from 'antd';
import { type Department, OrgCodeSchema } from '#contracts/org';
import { isStaleVersion } from '../../api/http.ts';
import { DepartmentTreeSelect } from '../../components/department-tree-select.tsx';
import { useApiError } from '../../components/error-display.tsx';
import { useT } from '../../i18n/i18n.tsx';
import { useSaveDepartment } from './org-api.ts';

type Values = {
  name: string;
  code: string;
  kind: Department['kind'];
  parentId: string | null;
  status: Department['status'];
  sortOrder: number;
};

/** Adds a department to `unitId` (under `parentId`), or edits `department`. */
export function DepartmentModal({
  unitId,
  parentId,
  department,
  onClose,
}: {
  unitId: string;
  parentId: string | null;
  department: Department | null;
  onClose: () => void;
}) {
  const t = useT();
  const [form] = Form.useForm<Values>();
  const save = useSaveDepartment();
  const showError = useApiError();
  const onFinish = (v: Values) => {
    const common = {
      name: v.name.trim(),
      code: v.code.trim(),
      parentId: v.parentId ?? null,
      sortOrder: v.sortOrder ?? 0,
    };
    const handlers = {
      onSuccess: onClose,
      onError: (err: unknown) => {
        showError(err, form);
        if (isStaleVersion(err)) onClose();
      },
    };
    if (department) {
      save.mutate(
        { id: department.id, body: { ...common, status: v.status, version: department.version } },
        handlers,
      );
    } else save.mutate({ id: null, body: { ...common, unitId, kind: v.kind } }, handlers);
  };
  return (
    <Modal
      open
      title={department ? t('dept.editOf', { name: department.name }) : t('dept.add')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      confirmLoading={save.isPending}
    >
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={onFinish}
        data-testid="department-form"
        initialValues={{
          name: department?.name ?? '',
          code: department?.code ?? '',
          kind: department?.kind ?? (parentId ? 'section' : 'division'),
          parentId: department ? department.parentId : parentId,
          status: department?.status ?? 'active',
          sortOrder: department?.sortOrder ?? 0,
        }}
      >
        <Row gutter={12}>
          <Col xs={24} md={12}>
            <Form.Item
              name="name"
              label={t('dept.name')}
              rules={[{ required: true, whitespace: true, message: t('org.nameRequired') }]}
            >
              <Input maxLength={100} />
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
              <Input maxLength={32} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="kind" label={t('dept.kind')}>
              <Select
                disabled={!!department}
                options={[
                  { value: 'division', label: t('dept.division') },
                  { value: 'section', label: t('dept.section') },
                  { value: 'office', label: t('dept.office') },
                  { value: 'affiliated', label: t('dept.affiliated') },
                ]}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="sortOrder" label={t('org.sortOrder')}>
              <InputNumber min={0} max={100000} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="parentId" label={t('dept.parent')}>
              <DepartmentTreeSelect unitId={unitId} placeholder={t('dept.noParent')} />
            </Form.Item>
          </Col>
          {department && (
            <Col xs={24} md={12}>
              <Form.Item name="status" label={t('org.status')}>
                <Select
                  options={[
                    { value: 'active', label: t('org.active') },
                    { value: 'closed', label: t('org.closedShort') },
                  ]}
                />
              </Form.Item>
            </Col>
          )}
        </Row>
      </Form>
    </Modal>
  );
}
