import { Alert, App, Form, Input, InputNumber, Modal, Select } from 'antd';
import { RESOURCE_KIND_LABELS, RESOURCE_KINDS, type Resource, type ResourceKind } from '#contracts/fusion';
import type { PartyOrg } from '#contracts/org';
import { isStaleVersion } from '../../api/http.ts';
import { useSession } from '../../app/session.tsx';
import { useApiError } from '../../components/error-display.tsx';
import { OrgTreeSelect } from '../../components/org-tree-select.tsx';
import { useLabel, useT } from '../../i18n/i18n.tsx';
import { defaultBranchId } from '../branch/record-form-logic.ts';
import { MemberSelect } from '../responsibility/list-member-select.tsx';
import { useCreateResource, usePartners, usePatchResource } from './fusion-api.ts';
import { kindNeedsMember, kindNeedsPartner } from './fusion-logic.ts';
import { TagsSelect } from './need-dialog.tsx';

// Registering what a branch can bring (资源清单): a member's skill or certificate (the member named), a 先锋岗 or a
// standing task force (the branch's), or a partner organisation's resource (the partner named).

type Values = {
  partyOrgId: string | null;
  kind: ResourceKind;
  title: string;
  description: string;
  memberId: string | null;
  partnerOrgId: string | null;
  tags: string[];
  capacity: number | null;
};

const isActive = (org: PartyOrg) => org.status === 'active';

export function ResourceDialog({
  unitId,
  resource,
  knownTags,
  onClose,
}: {
  unitId: string;
  resource: Resource | null;
  knownTags: readonly string[];
  onClose: () => void;
}) {
  const t = useT();
  const label = useLabel();
  const session = useSession();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const create = useCreateResource();
  const patch = usePatchResource();
  const partners = usePartners(unitId);
  const showError = useApiError();
  const kind = Form.useWatch('kind', form) ?? resource?.kind ?? 'skill';
  const partyOrgId = Form.useWatch('partyOrgId', form) ?? resource?.partyOrgId ?? null;
  const activePartners = (partners.data ?? []).filter(
    (p) => p.status === 'active' || p.id === resource?.partnerOrgId,
  );

  const onError = (err: unknown) => {
    showError(err, form);
    if (isStaleVersion(err)) onClose();
  };
  const onFinish = (v: Values) => {
    const fields = {
      kind: v.kind,
      title: v.title,
      description: v.description.trim() || null,
      memberId: kindNeedsMember(v.kind) ? v.memberId : null,
      partnerOrgId: kindNeedsPartner(v.kind) ? v.partnerOrgId : null,
      tags: v.tags,
      capacity: v.capacity ?? 1,
    };
    const done = () => {
      message.success(t('common.saved'));
      onClose();
    };
    if (resource) {
      patch.mutate(
        { id: resource.id, body: { ...fields, version: resource.version } },
        { onSuccess: done, onError },
      );
    } else if (v.partyOrgId) {
      create.mutate({ ...fields, partyOrgId: v.partyOrgId }, { onSuccess: done, onError });
    }
  };

  return (
    <Modal
      open
      title={resource ? t('fusion.resource.editTitle') : t('fusion.resource.newTitle')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      okButtonProps={{ 'data-testid': 'resource-save' }}
      confirmLoading={create.isPending || patch.isPending}
      destroyOnHidden
    >
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={onFinish}
        data-testid="resource-form"
        initialValues={{
          partyOrgId: resource?.partyOrgId ?? defaultBranchId(session.roles),
          kind: resource?.kind ?? 'skill',
          title: resource?.title ?? '',
          description: resource?.description ?? '',
          memberId: resource?.memberId ?? null,
          partnerOrgId: resource?.partnerOrgId ?? null,
          tags: resource?.tags ?? [],
          capacity: resource?.capacity ?? 1,
        }}
      >
        <Form.Item
          name="partyOrgId"
          label={t('fusion.resource.branch')}
          rules={[{ required: true, message: t('fusion.resource.branchRequired') }]}
          extra={resource ? t('fusion.resource.branchFixed') : undefined}
        >
          <OrgTreeSelect selectable={isActive} disabled={!!resource} data-testid="resource-branch" />
        </Form.Item>
        <Form.Item name="kind" label={t('fusion.resource.kind')}>
          <Select
            options={RESOURCE_KINDS.map((k) => ({ value: k, label: label(RESOURCE_KIND_LABELS[k]) }))}
            data-testid="resource-kind"
          />
        </Form.Item>
        <Form.Item
          name="title"
          label={t('fusion.resource.titleField')}
          rules={[{ required: true, whitespace: true, message: t('fusion.resource.titleRequired') }]}
        >
          <Input
            maxLength={100}
            placeholder={t(`fusion.resource.titleHint.${kind}`)}
            data-testid="resource-title"
          />
        </Form.Item>
        {kindNeedsMember(kind) && (
          <Form.Item
            name="memberId"
            label={t('fusion.resource.member')}
            rules={[{ required: true, message: t('fusion.resource.memberRequired') }]}
          >
            <MemberSelect
              partyOrgId={partyOrgId}
              known={
                resource?.memberId && resource.memberName ? { [resource.memberId]: resource.memberName } : {}
              }
              data-testid="resource-member"
            />
          </Form.Item>
        )}
        {kindNeedsPartner(kind) && (
          <>
            <Form.Item
              name="partnerOrgId"
              label={t('fusion.resource.partner')}
              rules={[{ required: true, message: t('fusion.resource.partnerRequired') }]}
            >
              <Select
                allowClear
                loading={partners.isFetching}
                options={activePartners.map((p) => ({ value: p.id, label: p.name }))}
                showSearch={{ optionFilterProp: 'label' }}
                notFoundContent={t('fusion.partner.noneYet')}
                data-testid="resource-partner"
              />
            </Form.Item>
            {partners.data && activePartners.length === 0 && (
              <Alert
                type="info"
                showIcon
                style={{ marginBottom: 16 }}
                title={t('fusion.resource.partnerFirst')}
              />
            )}
          </>
        )}
        <Form.Item name="description" label={t('fusion.resource.description')}>
          <Input.TextArea rows={3} maxLength={1000} showCount />
        </Form.Item>
        <Form.Item name="tags" label={t('fusion.tags')} extra={t('fusion.resource.tagsHint')}>
          <TagsSelect known={knownTags} data-testid="resource-tags" />
        </Form.Item>
        <Form.Item
          name="capacity"
          label={t('fusion.resource.capacity')}
          extra={t('fusion.resource.capacityHint')}
        >
          <InputNumber
            min={1}
            max={20}
            precision={0}
            style={{ width: 120 }}
            data-testid="resource-capacity"
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
