import { CheckCircleFilled, ClockCircleOutlined, PlusOutlined, WarningFilled } from '@ant-design/icons';
import { App, Button, Card, DatePicker, Empty, Form, Input, Modal, Space, Timeline, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import type { Milestone, Project } from '#contracts/fusion-project';
import { isStaleVersion } from '../../api/http.ts';
import { fromIsoDate, today, toIsoDate } from '../../components/dates.ts';
import { useApiError } from '../../components/error-display.tsx';
import { useT } from '../../i18n/i18n.tsx';
import { MemberSelect } from '../responsibility/list-member-select.tsx';
import { useCreateMilestone, useDeleteMilestone, usePatchMilestone } from './fusion-api.ts';

// The project's milestones as a timeline by date: each with its owner, done (green) or overdue (red); the lead
// branch adds them, marks them done and takes them back.

type Values = { title: string; ownerMemberId: string | null; dueOn: Dayjs | null; note: string };

function MilestoneDialog({
  project,
  milestone,
  onClose,
}: {
  project: Project;
  milestone: Milestone | null;
  onClose: () => void;
}) {
  const t = useT();
  const [form] = Form.useForm<Values>();
  const create = useCreateMilestone();
  const patch = usePatchMilestone();
  const showError = useApiError();
  const onFinish = (v: Values) => {
    const dueOn = toIsoDate(v.dueOn);
    if (!v.ownerMemberId || !dueOn) return;
    const fields = { title: v.title, ownerMemberId: v.ownerMemberId, dueOn, note: v.note.trim() || null };
    const handlers = {
      onSuccess: onClose,
      onError: (err: unknown) => {
        showError(err, form);
        if (isStaleVersion(err)) onClose();
      },
    };
    if (milestone)
      patch.mutate({ id: milestone.id, body: { ...fields, version: milestone.version } }, handlers);
    else create.mutate({ projectId: project.id, body: fields }, handlers);
  };
  // The team are the likely owners; anyone may be searched.
  const known = Object.fromEntries(project.team.map((m) => [m.memberId, m.name]));
  return (
    <Modal
      open
      title={milestone ? t('fusion.milestone.editTitle') : t('fusion.milestone.newTitle')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      okButtonProps={{ 'data-testid': 'milestone-save' }}
      confirmLoading={create.isPending || patch.isPending}
      destroyOnHidden
    >
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={onFinish}
        initialValues={{
          title: milestone?.title ?? '',
          ownerMemberId: milestone?.ownerMemberId ?? project.ownerMemberId,
          dueOn: milestone ? fromIsoDate(milestone.dueOn) : null,
          note: milestone?.note ?? '',
        }}
      >
        <Form.Item
          name="title"
          label={t('fusion.milestone.titleField')}
          rules={[{ required: true, whitespace: true, message: t('fusion.milestone.titleRequired') }]}
        >
          <Input maxLength={100} data-testid="milestone-title" />
        </Form.Item>
        <Form.Item
          name="ownerMemberId"
          label={t('fusion.milestone.owner')}
          rules={[{ required: true, message: t('fusion.milestone.ownerRequired') }]}
        >
          <MemberSelect known={{ ...known, [project.ownerMemberId]: project.ownerName }} />
        </Form.Item>
        <Form.Item
          name="dueOn"
          label={t('fusion.milestone.dueOn')}
          rules={[{ required: true, message: t('fusion.milestone.dueOnRequired') }]}
        >
          <DatePicker style={{ width: '100%' }} data-testid="milestone-due" />
        </Form.Item>
        <Form.Item name="note" label={t('fusion.milestone.note')}>
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export function ProjectMilestones({ project }: { project: Project }) {
  const t = useT();
  const { modal } = App.useApp();
  const patch = usePatchMilestone();
  const remove = useDeleteMilestone();
  const showError = useApiError();
  const [editing, setEditing] = useState<{ milestone: Milestone | null } | null>(null);
  const list = [...project.milestoneList].sort((a, b) => a.dueOn.localeCompare(b.dueOn));
  const setDone = (m: Milestone, doneOn: string | null) =>
    patch.mutate({ id: m.id, body: { doneOn, version: m.version } }, { onError: (err) => showError(err) });
  const confirmRemove = (m: Milestone) =>
    modal.confirm({
      title: t('fusion.milestone.removeTitle', { title: m.title }),
      okText: t('common.remove'),
      okButtonProps: { danger: true },
      onOk: () => remove.mutateAsync(m.id).catch((err: unknown) => showError(err)),
    });

  return (
    <Card
      size="small"
      title={t('fusion.project.milestones')}
      data-testid="project-milestones"
      extra={
        project.can.edit && (
          <Button
            size="small"
            icon={<PlusOutlined />}
            onClick={() => setEditing({ milestone: null })}
            data-testid="milestone-new"
          >
            {t('fusion.milestone.new')}
          </Button>
        )
      }
    >
      {list.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('fusion.milestone.empty')} />
      ) : (
        <Timeline
          items={list.map((m) => ({
            key: m.id,
            color: m.doneOn ? 'green' : m.overdue ? 'red' : 'gray',
            icon: m.doneOn ? <CheckCircleFilled /> : m.overdue ? <WarningFilled /> : <ClockCircleOutlined />,
            content: (
              <Space orientation="vertical" size={0} data-testid="milestone" data-overdue={m.overdue}>
                <Typography.Text strong type={m.overdue ? 'danger' : undefined}>
                  {m.title}
                </Typography.Text>
                <Typography.Text type={m.overdue ? 'danger' : 'secondary'} style={{ fontSize: 12 }}>
                  {[
                    t('fusion.milestone.due', { date: m.dueOn }),
                    m.ownerName,
                    m.doneOn ? t('fusion.milestone.doneOn', { date: m.doneOn }) : null,
                    m.overdue ? t('fusion.milestone.overdue') : null,
                  ]
                    .filter(Boolean)
                    .join(' · ')}
                </Typography.Text>
                {m.note && <Typography.Text style={{ fontSize: 12 }}>{m.note}</Typography.Text>}
                {project.can.edit && (
                  <Space size={0} wrap>
                    {m.doneOn ? (
                      <Button type="link" size="small" onClick={() => setDone(m, null)}>
                        {t('fusion.milestone.undo')}
                      </Button>
                    ) : (
                      <Button
                        type="link"
                        size="small"
                        onClick={() => setDone(m, toIsoDate(today()))}
                        data-testid="milestone-done"
                      >
                        {t('fusion.milestone.markDone')}
                      </Button>
                    )}
                    <Button type="link" size="small" onClick={() => setEditing({ milestone: m })}>
                      {t('common.edit')}
                    </Button>
                    <Button type="link" size="small" danger onClick={() => confirmRemove(m)}>
                      {t('common.remove')}
                    </Button>
                  </Space>
                )}
              </Space>
            ),
          }))}
        />
      )}
      {editing && (
        <MilestoneDialog project={project} milestone={editing.milestone} onClose={() => setEditing(null)} />
      )}
    </Card>
  );
}
