import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Col, Form, Row, Select } from 'antd';
import { BUSINESS_ROLES, isAdminRole, ROLE_LABELS, type Role } from '#contracts/identity';
import { OrgTreeSelect } from '../../components/org-tree-select.tsx';
import { useLabel, useT } from '../../i18n/i18n.tsx';

export type RoleRow = { role?: Role; partyOrgId?: string | null };

/** Form rows → API body; administrator roles never carry an organisation. */
export function toRoleAssignments(
  rows: readonly RoleRow[] | undefined,
): { role: Role; partyOrgId: string | null }[] {
  return (rows ?? []).flatMap((row) =>
    row.role ? [{ role: row.role, partyOrgId: isAdminRole(row.role) ? null : (row.partyOrgId ?? null) }] : [],
  );
}

/**
 * Edits `roles` of the surrounding form: a business role and the organisation it applies to. Administrator roles are
 * not offered: they are given only at the server console.
 */
export function RoleListField() {
  const t = useT();
  const label = useLabel();
  const form = Form.useFormInstance();
  const options = BUSINESS_ROLES.map((role) => ({ value: role, label: label(ROLE_LABELS[role]) }));
  return (
    <Form.List name="roles">
      {(fields, { add, remove }) => (
        <>
          {fields.map((field) => (
            <Row key={field.key} gutter={8} wrap={false} align="top">
              <Col flex="auto">
                <Row gutter={8}>
                  <Col xs={24} sm={10}>
                    <Form.Item
                      name={[field.name, 'role']}
                      rules={[{ required: true, message: t('users.roleRequired') }]}
                    >
                      <Select
                        options={options}
                        placeholder={t('users.role')}
                        data-testid="role-select"
                        onChange={(role: Role) => {
                          if (isAdminRole(role))
                            form.setFieldValue(['roles', field.name, 'partyOrgId'], null);
                        }}
                      />
                    </Form.Item>
                  </Col>
                  <Col xs={24} sm={14}>
                    <Form.Item noStyle shouldUpdate>
                      {({ getFieldValue }) => {
                        const role = getFieldValue(['roles', field.name, 'role']) as Role | undefined;
                        const admin = !!role && isAdminRole(role);
                        return (
                          <Form.Item
                            name={[field.name, 'partyOrgId']}
                            rules={[{ required: !!role && !admin, message: t('users.orgRequired') }]}
                          >
                            <OrgTreeSelect
                              disabled={admin}
                              placeholder={admin ? t('users.adminNoOrg') : t('org.pickOrg')}
                              data-testid="role-org-select"
                            />
                          </Form.Item>
                        );
                      }}
                    </Form.Item>
                  </Col>
                </Row>
              </Col>
              <Col flex="none">
                <Button
                  type="text"
                  danger
                  icon={<MinusCircleOutlined />}
                  aria-label={t('common.remove')}
                  onClick={() => remove(field.name)}
                />
              </Col>
            </Row>
          ))}
          <Button type="dashed" block icon={<PlusOutlined />} onClick={() => add({ partyOrgId: null })}>
            {t('users.addRole')}
          </Button>
        </>
      )}
    </Form.List>
  );
}
