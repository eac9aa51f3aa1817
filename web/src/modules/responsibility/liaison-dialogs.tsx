import { App, DatePicker, Form, Modal, Radio } from 'antd';
import type { Dayjs } from 'dayjs';
import type { Liaison } from '#contracts/handover';
import type { PartyOrg } from '#contracts/org';
import { today, toIsoDate } from '../../components/dates.ts';
import { useApiError } from '../../components/error-display.tsx';
import { OrgTreeSelect } from '../../components/org-tree-select.tsx';
import { useT } from '../../i18n/i18n.tsx';
import { MemberSelect } from './list-member-select.tsx';
import { useEndLiaison, useSaveLiaison } from './responsibility-api.ts';

type Values = {
  kind: 'point' | 'officer';
  memberId: string | null;
  branchOrgId: string | null;
  since: Dayjs | null;
};

/** A contact is held with a branch (or a general branch): higher organisations cannot be picked. */
const isBranch = (org: PartyOrg) =>
  org.status === 'active' && (org.kind === 'branch' || org.kind === 'general_branch');

/** `mayOrganise`: officers arrange 党组成员联系点; a branch secretary names only the branch's 联络员. */
export function LiaisonDialog({ onClose, mayOrganise }: { onClose: () => void; mayOrganise: boolean }) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const save = useSaveLiaison();
  const showError = useApiError();
  const initialKind = mayOrganise ? 'point' : 'officer';
  const kind = Form.useWatch('kind', form) ?? initialKind;

  const onFinish = (v: Values) => {
    const since = toIsoDate(v.since);
    if (!v.memberId || !v.branchOrgId || !since) return;
    save.mutate(
      { kind: v.kind, memberId: v.memberId, branchOrgId: v.branchOrgId, since },
      {
        onSuccess: () => {
          message.success(t('common.saved'));
          onClose();
        },
        onError: (err) => showError(err, form),
      },
    );
  };

  return (
    <Modal
      open
      title={t('rs.liaison.addTitle')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      confirmLoading={save.isPending}
    >
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={onFinish}
        initialValues={{ kind: initialKind, memberId: null, branchOrgId: null, since: today() }}
      >
        <Form.Item name="kind" label={t('rs.liaison.kindField')} extra={t(`rs.liaison.kindHint.${kind}`)}>
          <Radio.Group
            optionType="button"
            options={[
              { value: 'point', label: t('rs.liaison.kind.point'), disabled: !mayOrganise },
              { value: 'officer', label: t('rs.liaison.kind.officer') },
            ]}
          />
        </Form.Item>
        <Form.Item
          name="memberId"
          label={t('rs.liaison.member')}
          rules={[{ required: true, message: t('rs.liaison.memberRequired') }]}
        >
          <MemberSelect />
        </Form.Item>
        <Form.Item
          name="branchOrgId"
          label={t('rs.liaison.branch')}
          rules={[{ required: true, message: t('rs.liaison.branchRequired') }]}
        >
          <OrgTreeSelect selectable={isBranch} />
        </Form.Item>
        <Form.Item
          name="since"
          label={t('rs.liaison.sinceField')}
          rules={[{ required: true, message: t('rs.liaison.sinceRequired') }]}
        >
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export function EndLiaisonDialog({ liaison, onClose }: { liaison: Liaison; onClose: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ until: Dayjs | null }>();
  const end = useEndLiaison();
  const showError = useApiError();
  return (
    <Modal
      open
      title={t('rs.liaison.endTitle', { name: liaison.memberName, branch: liaison.branchName })}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('rs.liaison.end')}
      okButtonProps={{ danger: true }}
      confirmLoading={end.isPending}
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ until: today() }}
        onFinish={(v: { until: Dayjs | null }) => {
          const until = toIsoDate(v.until);
          if (!until) return;
          end.mutate(
            { id: liaison.id, until },
            {
              onSuccess: () => {
                message.success(t('rs.liaison.ended'));
                onClose();
              },
              onError: (err) => showError(err, form),
            },
          );
        }}
      >
        <Form.Item
          name="until"
          label={t('rs.liaison.until')}
          rules={[{ required: true, message: t('rs.liaison.untilRequired') }]}
        >
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
