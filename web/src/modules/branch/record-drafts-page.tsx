import {
  DeleteOutlined,
  DisconnectOutlined,
  EditOutlined,
  PlusOutlined,
  SendOutlined,
} from '@ant-design/icons';
import { Alert, App, Button, Card, Empty, List, Popconfirm, Space, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import { useT } from '../../i18n/i18n.tsx';
import { useDrafts } from './record-draft-state.ts';
import { draftStore, type RecordDraft } from './record-drafts.ts';
import { sendRecordDraft } from './record-outbox.ts';
import { KIND_COLOUR, KIND_LABEL } from './records-labels.ts';

// 草稿箱: the records written on this device and not yet saved on the server — being written, waiting for the
// connection (待发送), or refused by the server with its reason.

function useOnline(): boolean {
  const [online, setOnline] = useState(() => navigator.onLine);
  useEffect(() => {
    const on = () => setOnline(true);
    const off = () => setOnline(false);
    window.addEventListener('online', on);
    window.addEventListener('offline', off);
    return () => {
      window.removeEventListener('online', on);
      window.removeEventListener('offline', off);
    };
  }, []);
  return online;
}

function StatusTag({ draft }: { draft: RecordDraft }) {
  const t = useT();
  if (draft.status === 'pending')
    return (
      <Tag color="orange" data-testid="draft-status">
        {t('drafts.status.pending')}
      </Tag>
    );
  if (draft.status === 'failed')
    return (
      <Tag color="red" data-testid="draft-status">
        {t('drafts.status.failed')}
      </Tag>
    );
  return <Tag data-testid="draft-status">{t('drafts.status.editing')}</Tag>;
}

export function RecordDraftsPage() {
  const t = useT();
  const { message } = App.useApp();
  const online = useOnline();
  const { drafts } = useDrafts();
  const [sending, setSending] = useState<string | null>(null);

  const send = async (draft: RecordDraft) => {
    setSending(draft.clientKey);
    try {
      const outcome = await sendRecordDraft(draft);
      if (outcome.kind === 'sent') message.success(t('record.saved'));
      else if (outcome.kind === 'queued') message.info(t('drafts.stillOffline'));
      else message.error(outcome.error.message);
    } finally {
      setSending(null);
    }
  };

  return (
    <Space
      orientation="vertical"
      style={{ width: '100%', maxWidth: 640, margin: '0 auto' }}
      data-testid="drafts-page"
    >
      <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center' }}>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('drafts.title')}
        </Typography.Title>
        <Link to="/branch/records/new">
          <Button type="primary" icon={<PlusOutlined />}>
            {t('records.new')}
          </Button>
        </Link>
      </div>
      {!online && (
        <Alert
          type="warning"
          showIcon
          icon={<DisconnectOutlined />}
          title={t('drafts.offline')}
          data-testid="drafts-offline"
        />
      )}
      <Typography.Text type="secondary">{t('drafts.intro')}</Typography.Text>
      <Card styles={{ body: { padding: 0 } }}>
        <List<RecordDraft>
          loading={drafts === null}
          dataSource={drafts ?? []}
          locale={{ emptyText: <Empty description={t('drafts.empty')} /> }}
          renderItem={(draft) => (
            <List.Item
              data-testid="draft-item"
              data-client-key={draft.clientKey}
              style={{ paddingInline: 12, alignItems: 'flex-start' }}
              actions={[
                <Link
                  key="edit"
                  to={`/branch/records/new?draft=${draft.clientKey}`}
                  aria-label={t('drafts.open')}
                >
                  <EditOutlined />
                </Link>,
                ...(draft.status === 'editing'
                  ? []
                  : [
                      <Button
                        key="send"
                        type="link"
                        size="small"
                        icon={<SendOutlined />}
                        disabled={!online}
                        loading={sending === draft.clientKey}
                        aria-label={t('drafts.sendNow')}
                        onClick={() => void send(draft)}
                      />,
                    ]),
                <Popconfirm
                  key="delete"
                  title={t('drafts.deleteConfirm')}
                  onConfirm={() => void draftStore().remove(draft.clientKey)}
                >
                  <Button
                    type="link"
                    size="small"
                    danger
                    icon={<DeleteOutlined />}
                    aria-label={t('common.remove')}
                  />
                </Popconfirm>,
              ]}
            >
              <List.Item.Meta
                title={
                  <Space size={4} wrap>
                    <Tag color={KIND_COLOUR[draft.values.kind]}>{t(KIND_LABEL[draft.values.kind])}</Tag>
                    <StatusTag draft={draft} />
                    <Link to={`/branch/records/new?draft=${draft.clientKey}`} data-testid="draft-topic">
                      {draft.values.topic.trim() || t('drafts.noTopic')}
                    </Link>
                  </Space>
                }
                description={
                  <Space orientation="vertical" size={0}>
                    <Typography.Text type="secondary">
                      {t('drafts.line', {
                        date: draft.values.heldOn ?? draft.values.plannedOn ?? '—',
                        photos: draft.photos.length,
                        time: dayjs(draft.updatedAt).format('YYYY-MM-DD HH:mm'),
                      })}
                    </Typography.Text>
                    {draft.recordId && (
                      <Typography.Text type="secondary">{t('drafts.photosLeft')}</Typography.Text>
                    )}
                    {draft.error && <Typography.Text type="danger">{draft.error}</Typography.Text>}
                  </Space>
                }
              />
            </List.Item>
          )}
        />
      </Card>
    </Space>
  );
}
