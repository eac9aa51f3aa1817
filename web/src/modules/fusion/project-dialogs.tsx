import { App, DatePicker, Form, Input, Modal, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { useNavigate } from 'react-router-dom';
import { type Project, TEAM_KIND_LABELS, TEAM_KINDS, type TeamKind } from '#contracts/fusion-project';
import type { PartyOrg } from '#contracts/org';
import { isStaleVersion } from '../../api/http.ts';
import { useSession } from '../../app/session.tsx';
import { fromIsoDate, toIsoDate } from '../../components/dates.ts';
import { DepartmentTreeSelect } from '../../components/department-tree-select.tsx';
import { useApiError } from '../../components/error-display.tsx';
import { OrgTreeSelect } from '../../components/org-tree-select.tsx';
import { useLabel, useT } from '../../i18n/i18n.tsx';
import { defaultBranchId } from '../branch/record-form-logic.ts';
import { MemberSelect } from '../responsibility/list-member-select.tsx';
import {
  useCreateProject,
  useNeeds,
  useOrganOrgs,
  usePartners,
  usePatchProject,
  useResources,
} from './fusion-api.ts';

// A project started by hand (a branch's own initiative, or from a need without the board), and the edit of a
// project's fields: goal, owner, dates, the organisations and partners it is held with, the resources it draws on.

type Values = {
  title: string;
  goal: string;
  leadOrgId: string | null;
  needId: string | null;
  departmentId: string | null;
  teamKind: TeamKind;
  ownerMemberId: string | null;
  startsOn: Dayjs | null;
  dueOn: Dayjs | null;
  jointOrgIds: string[];
  partnerOrgIds: string[];
  resourceIds: string[];
};

const isActive = (org: PartyOrg) => org.status === 'active';

function CommonFields({ unitId, known }: { unitId: string; known: Record<string, string> }) {
  const t = useT();
  const label = useLabel();
  return (
    <>
      <Form.Item
        name="title"
        label={t('fusion.project.titleField')}
        rules={[{ required: true, whitespace: true, message: t('fusion.project.titleRequired') }]}
      >
        <Input maxLength={100} data-testid="project-title" />
      </Form.Item>
      <Form.Item name="goal" label={t('fusion.project.goal')}>
        <Input.TextArea
          rows={3}
          maxLength={2000}
          showCount
          placeholder={t('fusion.project.goalHint')}
          data-testid="project-goal"
        />
      </Form.Item>
      <div style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(180px, 1fr))', gap: 12 }}>
        <Form.Item name="teamKind" label={t('fusion.project.teamKind')}>
          <Select options={TEAM_KINDS.map((k) => ({ value: k, label: label(TEAM_KIND_LABELS[k]) }))} />
        </Form.Item>
        <Form.Item
          name="ownerMemberId"
          label={t('fusion.project.owner')}
          rules={[{ required: true, message: t('fusion.project.ownerRequired') }]}
        >
          <MemberSelect known={known} data-testid="project-owner" />
        </Form.Item>
        <Form.Item name="startsOn" label={t('fusion.project.startsOn')}>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="dueOn" label={t('fusion.project.dueOn')}>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
      </div>
      <Form.Item name="departmentId" label={t('fusion.project.department')}>
        <DepartmentTreeSelect unitId={unitId} />
      </Form.Item>
    </>
  );
}

const dates = (v: Values) => ({ startsOn: toIsoDate(v.startsOn), dueOn: toIsoDate(v.dueOn) });

export function ProjectCreateDialog({ unitId, onClose }: { unitId: string; onClose: () => void }) {
  const t = useT();
  const navigate = useNavigate();
  const session = useSession();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const create = useCreateProject();
  const needs = useNeeds(unitId, { status: 'open' });
  const showError = useApiError();
  const onFinish = (v: Values) => {
    if (!v.leadOrgId || !v.ownerMemberId) return;
    create.mutate(
      {
        title: v.title,
        goal: v.goal.trim() || null,
        leadOrgId: v.leadOrgId,
        needId: v.needId,
        departmentId: v.departmentId,
        teamKind: v.teamKind,
        ownerMemberId: v.ownerMemberId,
        ...dates(v),
      },
      {
        onSuccess: (project) => {
          message.success(t('common.saved'));
          onClose();
          navigate(`/fusion/projects/${project.id}`);
        },
        onError: (err) => showError(err, form),
      },
    );
  };
  return (
    <Modal
      open
      title={t('fusion.project.newTitle')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      okButtonProps={{ 'data-testid': 'project-save' }}
      confirmLoading={create.isPending}
      destroyOnHidden
    >
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={onFinish}
        initialValues={{
          title: '',
          goal: '',
          leadOrgId: defaultBranchId(session.roles),
          needId: null,
          departmentId: null,
          teamKind: 'tackle_team',
          ownerMemberId: null,
          startsOn: null,
          dueOn: null,
        }}
        onValuesChange={(changed: Partial<Values>) => {
          // A need brings its department and, while the title is empty, its title.
          const need = needs.data?.find((n) => n.id === changed.needId);
          if (!need) return;
          form.setFieldsValue({
            departmentId: need.departmentId,
            ...(form.getFieldValue('title') ? {} : { title: need.title }),
          });
        }}
      >
        <Form.Item
          name="leadOrgId"
          label={t('fusion.project.leadOrg')}
          rules={[{ required: true, message: t('fusion.project.leadOrgRequired') }]}
        >
          <OrgTreeSelect selectable={isActive} data-testid="project-lead" />
        </Form.Item>
        <Form.Item name="needId" label={t('fusion.project.need')} extra={t('fusion.project.needHint')}>
          <Select
            allowClear
            loading={needs.isFetching}
            options={(needs.data ?? []).map((n) => ({
              value: n.id,
              label: `${n.title}（${n.departmentName}）`,
            }))}
            showSearch={{ optionFilterProp: 'label' }}
          />
        </Form.Item>
        <CommonFields unitId={unitId} known={{}} />
      </Form>
    </Modal>
  );
}

export function ProjectEditDialog({ project, onClose }: { project: Project; onClose: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const patch = usePatchProject();
  const orgs = useOrganOrgs(project.unitId);
  const partners = usePartners(project.unitId);
  const resources = useResources(project.unitId, { status: 'active' });
  const showError = useApiError();
  const resourceOptions = [
    ...project.resources.map((r) => ({ value: r.id, label: r.title })),
    ...(resources.data ?? [])
      .filter((r) => !project.resources.some((p) => p.id === r.id))
      .map((r) => ({ value: r.id, label: `${r.title}（${r.partyOrgName}）` })),
  ];
  const onFinish = (v: Values) =>
    patch.mutate(
      {
        id: project.id,
        body: {
          title: v.title,
          goal: v.goal.trim() || null,
          departmentId: v.departmentId,
          teamKind: v.teamKind,
          ...(v.ownerMemberId ? { ownerMemberId: v.ownerMemberId } : {}),
          ...dates(v),
          jointOrgIds: v.jointOrgIds,
          partnerOrgIds: v.partnerOrgIds,
          resourceIds: v.resourceIds,
          version: project.version,
        },
      },
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
    );
  return (
    <Modal
      open
      title={t('fusion.project.editTitle')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      okButtonProps={{ 'data-testid': 'project-save' }}
      confirmLoading={patch.isPending}
      destroyOnHidden
      width={640}
    >
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={onFinish}
        initialValues={{
          title: project.title,
          goal: project.goal ?? '',
          leadOrgId: project.leadOrgId,
          needId: project.needId,
          departmentId: project.departmentId,
          teamKind: project.teamKind,
          ownerMemberId: project.ownerMemberId,
          startsOn: fromIsoDate(project.startsOn),
          dueOn: fromIsoDate(project.dueOn),
          jointOrgIds: project.jointOrgIds,
          partnerOrgIds: project.partners.map((p) => p.id),
          resourceIds: project.resources.map((r) => r.id),
        }}
      >
        <CommonFields unitId={project.unitId} known={{ [project.ownerMemberId]: project.ownerName }} />
        <Form.Item
          name="jointOrgIds"
          label={t('fusion.project.jointOrgs')}
          extra={t('fusion.project.jointHint')}
        >
          <Select
            mode="multiple"
            loading={orgs.isFetching}
            options={(orgs.data ?? [])
              .filter((o) => o.id !== project.leadOrgId)
              .map((o) => ({ value: o.id, label: o.organName ? `${o.name}（${o.organName}）` : o.name }))}
            showSearch={{ optionFilterProp: 'label' }}
          />
        </Form.Item>
        <Form.Item name="partnerOrgIds" label={t('fusion.project.partners')}>
          <Select
            mode="multiple"
            loading={partners.isFetching}
            options={(partners.data ?? [])
              .filter((p) => p.status === 'active' || project.partners.some((x) => x.id === p.id))
              .map((p) => ({ value: p.id, label: p.name }))}
            showSearch={{ optionFilterProp: 'label' }}
          />
        </Form.Item>
        <Form.Item name="resourceIds" label={t('fusion.project.resources')}>
          <Select
            mode="multiple"
            loading={resources.isFetching}
            options={resourceOptions}
            showSearch={{ optionFilterProp: 'label' }}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
