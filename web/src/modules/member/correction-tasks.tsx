import { Button, Card, Input, List, Modal, Space, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import type { Correction } from '#contracts/correction';
import { useCan } from '../../app/session.tsx';
import { formatDateTime } from '../../components/dates.ts';
import { QueryError, useApiError } from '../../components/error-display.tsx';
import { useT } from '../../i18n/i18n.tsx';
import { CORRECTION_FIELD_KEYS } from './correction-labels.ts';
import { useCorrectionTasks, useResolveCorrection } from './member-self-api.ts';

/** The secretary's tasks (a workbench card): members' open correction requests in the organisations they may edit. */
export function CorrectionTasks() {
  const t = useT();
  const can = useCan();
  const tasks = useCorrectionTasks(can('member.write'));
  const [settling, setSettling] = useState<{ c: Correction; status: 'resolved' | 'rejected' } | null>(null);
  if (!can('member.write')) return null;
  if (tasks.isError)
    return (
      <Card title={t('self.tasksTitle', { n: 0 })}>
        <QueryError error={tasks.error} onRetry={() => void tasks.refetch()} />
      </Card>
    );
  if (!tasks.data) return <Card loading title={t('self.tasksTitle', { n: 0 })} />;
  return (
    <Card title={t('self.tasksTitle', { n: tasks.data.length })} data-testid="correction-tasks">
      <List
        locale={{ emptyText: t('self.noTasks') }}
        dataSource={tasks.data}
        renderItem={(c) => (
          <List.Item
            actions={[
              <Button
                key="ok"
                size="small"
                type="primary"
                onClick={() => setSettling({ c, status: 'resolved' })}
              >
                {t('self.markResolved')}
              </Button>,
              <Button key="no" size="small" onClick={() => setSettling({ c, status: 'rejected' })}>
                {t('self.markRejected')}
              </Button>,
            ]}
          >
            <List.Item.Meta
              title={
                <Space wrap>
                  <Link to={`/members/${c.memberId}`}>{c.memberName}</Link>
                  <Typography.Text type="secondary">{c.partyOrgName}</Typography.Text>
                  <span>· {t(CORRECTION_FIELD_KEYS[c.field])}</span>
                </Space>
              }
              description={
                <>
                  <div>{c.message}</div>
                  <Typography.Text type="secondary">{formatDateTime(c.createdAt)}</Typography.Text>
                </>
              }
            />
          </List.Item>
        )}
      />
      {settling && <SettleModal {...settling} onClose={() => setSettling(null)} />}
    </Card>
  );
}

function SettleModal({
  c,
  status,
  onClose,
}: {
  c: Correction;
  status: 'resolved' | 'rejected';
  onClose: () => void;
}) {
  const t = useT();
  const [text, setText] = useState('');
  const resolve = useResolveCorrection();
  const showError = useApiError();
  return (
    <Modal
      open
      title={status === 'resolved' ? t('self.markResolved') : t('self.markRejected')}
      onCancel={onClose}
      confirmLoading={resolve.isPending}
      onOk={() =>
        resolve.mutate(
          { id: c.id, status, resolution: text.trim() || undefined, version: c.version },
          { onSuccess: onClose, onError: (err) => showError(err) },
        )
      }
    >
      <Typography.Paragraph>{c.message}</Typography.Paragraph>
      <Input.TextArea
        rows={3}
        maxLength={500}
        value={text}
        onChange={(e) => setText(e.target.value)}
        placeholder={t('self.resolutionHint')}
      />
    </Modal>
  );
}
