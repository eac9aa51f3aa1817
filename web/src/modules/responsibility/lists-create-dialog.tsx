// 建立清单: a level, the organisation that keeps it, and for a person's own list (书记清单, a leader's 一岗双责
// list) the person. The work committee's standard template is adopted by default: its duties of that level become
// the list's first items, for the organ to adapt.
import { Alert, Form, Input, Modal, Radio, Switch } from 'antd';
import { useCallback } from 'react';
import type { PartyOrg, PartyOrgKind } from '#contracts/org';
import { LEVEL_LABELS, LEVELS, type Level } from '#contracts/responsibility';
import { useApiError } from '../../components/error-display.tsx';
import { OrgTreeSelect } from '../../components/org-tree-select.tsx';
import { useLabel, useT } from '../../i18n/i18n.tsx';
import { MemberSelect } from './list-member-select.tsx';
import { useCreateList, useTemplates } from './responsibility-api.ts';

/**
 * Which organisations keep a list of each level; the server checks the same and says so on the field. Here it only
 * greys out the organisations that cannot be chosen.
 */
const LEVEL_ORG_KINDS: Record<Level, readonly PartyOrgKind[]> = {
  principal: ['organ_committee'],
  direct: ['organ_committee', 'sub_committee', 'general_branch'],
  implementing: ['branch', 'general_branch'],
};

type Values = {
  level: Level;
  partyOrgId: string | null;
  holderMemberId: string | null;
  title: string;
  adoptTemplate: boolean;
};

export function CreateListDialog({
  year,
  defaultOrgId,
  onClose,
  onCreated,
}: {
  year: number;
  defaultOrgId: string | null;
  onClose: () => void;
  onCreated: (id: string) => void;
}) {
  const t = useT();
  const label = useLabel();
  const [form] = Form.useForm<Values>();
  const create = useCreateList();
  const showError = useApiError();
  const templates = useTemplates();
  const latest = templates.data?.[0] ?? null;
  const level = Form.useWatch('level', form) ?? 'implementing';
  const selectable = useCallback(
    (org: PartyOrg) => org.status === 'active' && LEVEL_ORG_KINDS[level].includes(org.kind),
    [level],
  );

  const onFinish = (v: Values) => {
    if (!v.partyOrgId) return;
    create.mutate(
      {
        year,
        level: v.level,
        partyOrgId: v.partyOrgId,
        holderMemberId: v.holderMemberId ?? null,
        ...(v.title?.trim() ? { title: v.title.trim() } : {}),
        templateId: v.adoptTemplate && latest ? latest.id : null,
      },
      { onSuccess: (list) => onCreated(list.id), onError: (err) => showError(err, form) },
    );
  };

  return (
    <Modal
      open
      title={t('rs.lists.createTitle', { year })}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('rs.lists.createOk')}
      okButtonProps={{ 'data-testid': 'list-create-ok' } as Record<string, string>}
      confirmLoading={create.isPending}
      width={600}
    >
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={onFinish}
        initialValues={{
          level: 'implementing',
          partyOrgId: defaultOrgId,
          holderMemberId: null,
          title: '',
          adoptTemplate: true,
        }}
        data-testid="list-create-form"
      >
        <Form.Item name="level" label={t('rs.list.level')} rules={[{ required: true }]}>
          <Radio.Group
            optionType="button"
            options={LEVELS.map((l) => ({ value: l, label: label(LEVEL_LABELS[l]) }))}
            onChange={() => form.setFieldValue('partyOrgId', null)}
          />
        </Form.Item>
        <Form.Item
          name="partyOrgId"
          label={t('rs.list.org')}
          extra={t(`rs.lists.orgHint.${level}`)}
          rules={[{ required: true, message: t('rs.lists.orgRequired') }]}
        >
          <OrgTreeSelect selectable={selectable} data-testid="list-create-org" />
        </Form.Item>
        <Form.Item name="holderMemberId" label={t('rs.list.holderOptional')} extra={t('rs.lists.holderHint')}>
          <MemberSelect data-testid="list-create-holder" />
        </Form.Item>
        <Form.Item name="title" label={t('rs.list.titleOptional')}>
          <Input maxLength={100} placeholder={t('rs.lists.titlePlaceholder')} />
        </Form.Item>
        <Form.Item
          name="adoptTemplate"
          label={t('rs.lists.adoptTemplate')}
          valuePropName="checked"
          extra={
            latest
              ? t('rs.lists.adoptTemplateHint', { title: latest.title, n: latest.version })
              : t('rs.lists.noTemplate')
          }
        >
          <Switch disabled={!latest} data-testid="list-create-template" />
        </Form.Item>
        {templates.isError && <Alert type="warning" showIcon title={t('rs.lists.templateLoadFailed')} />}
      </Form>
    </Modal>
  );
}
