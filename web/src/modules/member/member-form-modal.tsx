import { Col, DatePicker, Form, Input, Modal, Row, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { genderFromIdNumber, isMasked } from '#contracts/id-number';
import {
  GENDER_LABELS,
  IdNumberSchema,
  MEMBER_CATEGORIES,
  MEMBER_CATEGORY_LABELS,
  type Member,
  PARTY_POST_LABELS,
  PARTY_POSTS,
  PhoneSchema,
} from '#contracts/member';
import { isStaleVersion } from '../../api/http.ts';
import { CodeSelect } from '../../components/code-select.tsx';
import { fromIsoDate, toIsoDate } from '../../components/dates.ts';
import { DepartmentTreeSelect } from '../../components/department-tree-select.tsx';
import { useApiError } from '../../components/error-display.tsx';
import { OrgTreeSelect } from '../../components/org-tree-select.tsx';
import { useLabel, useT } from '../../i18n/i18n.tsx';
import { useCreateMember, useUpdateMember } from './member-api.ts';

type Values = {
  name: string;
  gender?: Member['gender'];
  idNumber?: string;
  ethnicity?: string;
  education?: string;
  phone?: string;
  category: Member['category'];
  joinedOn: Dayjs | null;
  fullOn: Dayjs | null;
  transferInOn?: Dayjs | null;
  partyPost?: Member['partyPost'];
  businessPost?: string;
  departmentId: string | null;
  partyOrgId: string | null;
};

const blankToNull = (v: string | undefined | null) => (v?.trim() ? v.trim() : null);

function schemaRule(schema: {
  safeParse: (v: unknown) => { success: boolean; error?: { issues: { message: string }[] } };
}) {
  return {
    validator: async (_r: unknown, value: string | undefined) => {
      if (!value?.trim()) return;
      const result = schema.safeParse(value);
      if (!result.success) throw new Error(result.error?.issues[0]?.message);
    },
  };
}

type Props =
  | { mode: 'create'; defaultPartyOrgId: string | null; onClose: () => void; onSaved: (m: Member) => void }
  | { mode: 'edit'; member: Member; onClose: () => void; onSaved: (m: Member) => void };

export function MemberFormModal(props: Props) {
  const t = useT();
  const label = useLabel();
  const [form] = Form.useForm<Values>();
  const create = useCreateMember();
  const update = useUpdateMember();
  const showError = useApiError();
  const m = props.mode === 'edit' ? props.member : null;
  // Numbers arrive masked (ADR 14) and cannot be edited in place: blank means "keep", a full number replaces it.
  const idMasked = !!m && isMasked(m.idNumber);
  const phoneMasked = !!m?.phone && isMasked(m.phone);

  const onFinish = (v: Values) => {
    const fields = {
      name: v.name.trim(),
      ...(v.gender ? { gender: v.gender } : {}),
      ethnicity: blankToNull(v.ethnicity),
      education: blankToNull(v.education),
      // A masked phone left blank is kept as stored; it is only sent when the user typed a new one.
      ...(phoneMasked && !v.phone?.trim() ? {} : { phone: blankToNull(v.phone) }),
      category: v.category,
      joinedOn: toIsoDate(v.joinedOn),
      fullOn: toIsoDate(v.fullOn),
      partyPost: v.partyPost ?? null,
      businessPost: blankToNull(v.businessPost),
      departmentId: v.departmentId ?? null,
    };
    const handlers = {
      onSuccess: (saved: Member) => {
        props.onSaved(saved);
        props.onClose();
      },
      onError: (err: unknown) => {
        showError(err, form);
        if (isStaleVersion(err)) props.onClose();
      },
    };
    const idNumber = v.idNumber?.trim().toUpperCase();
    if (props.mode === 'create') {
      if (!v.partyOrgId || !idNumber) return;
      const transferInOn = toIsoDate(v.transferInOn ?? null);
      create.mutate(
        {
          body: { ...fields, partyOrgId: v.partyOrgId, idNumber, ...(transferInOn ? { transferInOn } : {}) },
        },
        handlers,
      );
    } else {
      const changedId = idNumber && idNumber !== props.member.idNumber ? { idNumber } : {};
      update.mutate(
        { id: props.member.id, body: { ...fields, ...changedId, version: props.member.version } },
        handlers,
      );
    }
  };

  const col = { xs: 24, md: 12 };
  return (
    <Modal
      open
      width={760}
      title={m ? t('member.editOf', { name: m.name }) : t('member.create')}
      onCancel={props.onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      confirmLoading={create.isPending || update.isPending}
    >
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={onFinish}
        data-testid="member-form"
        initialValues={{
          name: m?.name ?? '',
          gender: m?.gender,
          idNumber: m && !idMasked ? m.idNumber : '',
          ethnicity: m?.ethnicity ?? '',
          education: m?.education ?? '',
          phone: phoneMasked ? '' : (m?.phone ?? ''),
          category: m?.category ?? 'full',
          joinedOn: fromIsoDate(m?.joinedOn),
          fullOn: fromIsoDate(m?.fullOn),
          partyPost: m?.partyPost ?? undefined,
          businessPost: m?.businessPost ?? '',
          departmentId: m?.departmentId ?? null,
          partyOrgId: props.mode === 'create' ? props.defaultPartyOrgId : (m?.partyOrgId ?? null),
        }}
        onValuesChange={(changed: Partial<Values>) => {
          const id = changed.idNumber?.trim().toUpperCase();
          if (id && IdNumberSchema.safeParse(id).success)
            form.setFieldValue('gender', genderFromIdNumber(id));
        }}
      >
        <Row gutter={12}>
          <Col {...col}>
            <Form.Item
              name="name"
              label={t('member.name')}
              rules={[{ required: true, whitespace: true, message: t('member.nameRequired') }]}
            >
              <Input maxLength={50} data-testid="member-form-name" />
            </Form.Item>
          </Col>
          <Col {...col}>
            <Form.Item
              name="idNumber"
              label={t('member.idNumber')}
              extra={idMasked ? t('member.idNumberKeep') : undefined}
              rules={[
                { required: props.mode === 'create', message: t('member.idNumberRequired') },
                schemaRule(IdNumberSchema),
              ]}
            >
              <Input
                maxLength={18}
                placeholder={idMasked ? m?.idNumber : t('member.idNumberFormat')}
                data-testid="member-form-id-number"
              />
            </Form.Item>
          </Col>
          {props.mode === 'create' && (
            <Col {...col}>
              <Form.Item
                name="partyOrgId"
                label={t('member.partyOrg')}
                rules={[{ required: true, message: t('member.partyOrgRequired') }]}
              >
                <OrgTreeSelect selectable={(o) => o.status === 'active'} data-testid="member-form-org" />
              </Form.Item>
            </Col>
          )}
          <Col {...col}>
            <Form.Item name="gender" label={t('member.gender')}>
              <Select
                options={(['male', 'female'] as const).map((g) => ({
                  value: g,
                  label: label(GENDER_LABELS[g]),
                }))}
              />
            </Form.Item>
          </Col>
          <Col {...col}>
            <Form.Item name="category" label={t('member.category')} rules={[{ required: true }]}>
              <Select
                options={MEMBER_CATEGORIES.map((c) => ({
                  value: c,
                  label: label(MEMBER_CATEGORY_LABELS[c]),
                }))}
              />
            </Form.Item>
          </Col>
          <Col {...col}>
            <Form.Item
              name="phone"
              label={t('member.phone')}
              extra={phoneMasked ? t('member.phoneKeep') : undefined}
              rules={[schemaRule(PhoneSchema)]}
            >
              <Input
                maxLength={20}
                inputMode="tel"
                placeholder={phoneMasked ? (m?.phone ?? undefined) : t('member.phoneFormat')}
              />
            </Form.Item>
          </Col>
          <Col {...col}>
            <Form.Item name="joinedOn" label={t('member.joinedOn')}>
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col {...col}>
            <Form.Item name="fullOn" label={t('member.fullOn')}>
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          {props.mode === 'create' && (
            <Col {...col}>
              <Form.Item
                name="transferInOn"
                label={t('member.transferInOn')}
                extra={t('member.transferInOnHelp')}
              >
                <DatePicker style={{ width: '100%' }} data-testid="member-transfer-in" />
              </Form.Item>
            </Col>
          )}
          <Col {...col}>
            <Form.Item name="partyPost" label={t('member.partyPost')}>
              <Select
                allowClear
                options={PARTY_POSTS.map((p) => ({ value: p, label: label(PARTY_POST_LABELS[p]) }))}
              />
            </Form.Item>
          </Col>
          <Col {...col}>
            <Form.Item name="departmentId" label={t('member.department')}>
              <DepartmentTreeSelect />
            </Form.Item>
          </Col>
          <Col {...col}>
            <Form.Item name="businessPost" label={t('member.businessPost')}>
              <Input maxLength={100} />
            </Form.Item>
          </Col>
          <Col {...col}>
            <Form.Item name="ethnicity" label={t('member.ethnicity')}>
              <CodeSelect list="ethnicity" data-testid="member-ethnicity" />
            </Form.Item>
          </Col>
          <Col {...col}>
            <Form.Item name="education" label={t('member.education')}>
              <CodeSelect list="education" data-testid="member-education" />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Modal>
  );
}
