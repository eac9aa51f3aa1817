import { App, Form, Input, Modal, Select, Space, Typography } from 'antd';
import { useNavigate } from 'react-router-dom';
import { TEAM_KIND_LABELS, TEAM_KINDS, type TeamKind } from '#contracts/fusion-project';
import { useApiError } from '../../components/error-display.tsx';
import { useLabel, useT } from '../../i18n/i18n.tsx';
import { MemberSelect } from '../responsibility/list-member-select.tsx';
import { type Pair, ReasonLines } from './board-parts.tsx';
import { useAcceptPair, useDeclinePair } from './fusion-api.ts';

// The officer's decision on a pair of the board: accepted, it becomes a project draft (论证) that opens at once;
// declined, it is not suggested again until its facts change.

function PairHeading({ pair }: { pair: Pair }) {
  const t = useT();
  return (
    <Space orientation="vertical" size={4} style={{ width: '100%', marginBottom: 12 }}>
      <Typography.Text>
        <Typography.Text type="secondary">{t('fusion.board.need')}：</Typography.Text>
        {pair.need.title}（{pair.need.departmentName}）
      </Typography.Text>
      <Typography.Text>
        <Typography.Text type="secondary">{t('fusion.board.resource')}：</Typography.Text>
        {pair.resource.title}（{pair.resource.partyOrgName}）
      </Typography.Text>
      {pair.suggestion ? (
        <ReasonLines suggestion={pair.suggestion} />
      ) : (
        <Typography.Text type="secondary">{t('fusion.board.byHand')}</Typography.Text>
      )}
    </Space>
  );
}

type AcceptValues = { title: string; teamKind: TeamKind | null; ownerMemberId: string | null };

export function AcceptPairDialog({ pair, onClose }: { pair: Pair; onClose: () => void }) {
  const t = useT();
  const label = useLabel();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [form] = Form.useForm<AcceptValues>();
  const accept = useAcceptPair();
  const showError = useApiError();
  const onFinish = (v: AcceptValues) =>
    accept.mutate(
      {
        needId: pair.need.id,
        resourceId: pair.resource.id,
        ...(v.title.trim() ? { title: v.title.trim() } : {}),
        ...(v.teamKind ? { teamKind: v.teamKind } : {}),
        ...(v.ownerMemberId ? { ownerMemberId: v.ownerMemberId } : {}),
      },
      {
        onSuccess: (project) => {
          message.success(t('fusion.board.accepted'));
          onClose();
          navigate(`/fusion/projects/${project.id}`);
        },
        onError: (err) => showError(err, form),
      },
    );
  return (
    <Modal
      open
      title={t('fusion.board.acceptTitle')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('fusion.board.acceptOk')}
      okButtonProps={{ 'data-testid': 'pair-accept-confirm' }}
      confirmLoading={accept.isPending}
      destroyOnHidden
    >
      <div data-testid="pair-accept-dialog">
        <PairHeading pair={pair} />
        <Form<AcceptValues>
          form={form}
          layout="vertical"
          onFinish={onFinish}
          initialValues={{
            title: pair.need.title,
            teamKind: null,
            ownerMemberId: pair.resource.memberId,
          }}
        >
          <Form.Item name="title" label={t('fusion.project.titleField')} extra={t('fusion.board.titleHint')}>
            <Input maxLength={100} data-testid="pair-title" />
          </Form.Item>
          <Form.Item
            name="teamKind"
            label={t('fusion.project.teamKind')}
            extra={t('fusion.board.teamKindHint')}
          >
            <Select
              allowClear
              options={TEAM_KINDS.map((k) => ({ value: k, label: label(TEAM_KIND_LABELS[k]) }))}
            />
          </Form.Item>
          <Form.Item
            name="ownerMemberId"
            label={t('fusion.project.owner')}
            extra={t('fusion.board.ownerHint')}
          >
            <MemberSelect
              known={
                pair.resource.memberId && pair.resource.memberName
                  ? { [pair.resource.memberId]: pair.resource.memberName }
                  : {}
              }
              data-testid="pair-owner"
            />
          </Form.Item>
        </Form>
        <Typography.Text type="secondary">{t('fusion.board.acceptNote')}</Typography.Text>
      </div>
    </Modal>
  );
}

export function DeclinePairDialog({ pair, onClose }: { pair: Pair; onClose: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ reason: string }>();
  const decline = useDeclinePair();
  const showError = useApiError();
  return (
    <Modal
      open
      title={t('fusion.board.declineTitle')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('fusion.board.decline')}
      okButtonProps={{ danger: true, 'data-testid': 'pair-decline-confirm' }}
      confirmLoading={decline.isPending}
      destroyOnHidden
    >
      <PairHeading pair={pair} />
      <Form
        form={form}
        layout="vertical"
        initialValues={{ reason: '' }}
        onFinish={(v: { reason: string }) =>
          decline.mutate(
            { needId: pair.need.id, resourceId: pair.resource.id, reason: v.reason.trim() || null },
            {
              onSuccess: () => {
                message.success(t('fusion.board.declined'));
                onClose();
              },
              onError: (err) => showError(err, form),
            },
          )
        }
      >
        <Form.Item
          name="reason"
          label={t('fusion.board.declineReason')}
          extra={t('fusion.board.declineHint')}
        >
          <Input.TextArea rows={3} maxLength={200} showCount data-testid="pair-decline-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
