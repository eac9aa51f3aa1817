import {
  ArrowLeftOutlined,
  CopyOutlined,
  FileExcelOutlined,
  FileWordOutlined,
  ReloadOutlined,
  SendOutlined,
  StopOutlined,
} from '@ant-design/icons';
import { Alert, App, Button, Card, Input, Popconfirm, Space, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import type { Bulletin } from '#contracts/assessment-bulletin';
import { QueryError, useApiError } from '../../components/error-display.tsx';
import { PageSpin } from '../../components/page-spin.tsx';
import { useT } from '../../i18n/i18n.tsx';
import {
  downloadBulletin,
  useBulletin,
  usePatchBulletin,
  usePublishBulletin,
  useShareBulletin,
} from './bulletin-api.ts';
import { shareUrl } from './bulletin-logic.ts';
import { BulletinView } from './bulletin-view.tsx';

// One bulletin. A draft reads the cycle's results live and lets whoever runs the assessments write its title, overview
// and a note on each of the lowest, then publish it (confirmed: it is frozen from then on). A published one reads as
// frozen, downloads as Word or Excel, and its share link is copied, renewed or disabled by the same officer.

type Draft = { title: string; summary: string; notes: Record<string, string> };
const draftOf = (b: Bulletin): Draft => ({ title: b.title, summary: b.summary, notes: { ...b.notes } });

function ShareBar({ b }: { b: Bulletin }) {
  const t = useT();
  const { message } = App.useApp();
  const share = useShareBulletin();
  const showError = useApiError();
  const copy = async () => {
    if (!b.shareKey) return;
    const url = shareUrl(window.location.origin, b.shareKey);
    try {
      await navigator.clipboard.writeText(url);
      message.success(t('assessment.bulletin.copied'));
    } catch {
      message.info(t('assessment.bulletin.copyFailed', { url }), 10);
    }
  };
  const set = (renew: boolean) => share.mutate({ id: b.id, renew }, { onError: (err) => showError(err) });
  return (
    <Space wrap>
      {b.shareKey ? (
        <Button icon={<CopyOutlined />} onClick={() => void copy()} data-testid="bulletin-copy-link">
          {t('assessment.bulletin.copyLink')}
        </Button>
      ) : (
        <Typography.Text type="secondary">{t('assessment.bulletin.noLink')}</Typography.Text>
      )}
      <Popconfirm title={t('assessment.bulletin.renewConfirm')} onConfirm={() => set(true)}>
        <Button icon={<ReloadOutlined />} loading={share.isPending && share.variables?.renew === true}>
          {t('assessment.bulletin.renew')}
        </Button>
      </Popconfirm>
      {b.shareKey && (
        <Popconfirm title={t('assessment.bulletin.revokeConfirm')} onConfirm={() => set(false)}>
          <Button
            icon={<StopOutlined />}
            danger
            loading={share.isPending && share.variables?.renew === false}
          >
            {t('assessment.bulletin.revoke')}
          </Button>
        </Popconfirm>
      )}
    </Space>
  );
}

export function BulletinPage() {
  const t = useT();
  const { id } = useParams();
  const { message } = App.useApp();
  const showError = useApiError();
  const query = useBulletin(id);
  const patch = usePatchBulletin();
  const publish = usePublishBulletin();
  const [draft, setDraft] = useState<Draft | null>(null);
  const b = query.data;
  // The texts follow the server's copy whenever it moves on (a save, another officer's edit read again).
  useEffect(() => {
    if (b) setDraft(draftOf(b));
  }, [b]);

  if (query.isError) return <QueryError error={query.error} onRetry={() => void query.refetch()} />;
  if (!b || !draft) return <PageSpin />;
  const editing = b.can.edit;
  const dirty = JSON.stringify(draft) !== JSON.stringify(draftOf(b));

  const save = (then?: (saved: Bulletin) => void) =>
    patch.mutate(
      { id: b.id, body: { ...draft, version: b.version } },
      {
        onSuccess: (saved) => (then ? then(saved) : message.success(t('assessment.bulletin.saved'))),
        onError: (err) => showError(err),
      },
    );
  const doPublish = () => {
    const go = (from: Bulletin) =>
      publish.mutate(
        { id: from.id, version: from.version },
        {
          onSuccess: () => message.success(t('assessment.bulletin.publishedOk')),
          onError: (err) => showError(err),
        },
      );
    if (dirty) save(go);
    else go(b);
  };
  const download = (kind: 'docx' | 'xlsx') =>
    downloadBulletin(b.id, kind, b.title).catch((err: unknown) => showError(err));

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="bulletin-page">
      <Card
        title={
          <span style={{ whiteSpace: 'normal' }} data-testid="bulletin-title">
            {b.title}{' '}
            {b.status === 'published' ? (
              <Tag color="red">{t('assessment.bulletin.published')}</Tag>
            ) : (
              <Tag>{t('assessment.bulletin.draft')}</Tag>
            )}
          </span>
        }
        extra={
          <Link to="/assessment/bulletins">
            <ArrowLeftOutlined /> {t('assessment.bulletin.back')}
          </Link>
        }
      >
        <Space orientation="vertical" size="small" style={{ width: '100%' }}>
          {b.status === 'draft' ? (
            <Alert type="info" showIcon message={t('assessment.bulletin.draftHint')} />
          ) : (
            <Typography.Text type="secondary">
              {t('assessment.bulletin.frozen', {
                at: (b.publishedAt ?? '').slice(0, 16).replace('T', ' '),
                by: b.publishedByName ?? '',
              })}
            </Typography.Text>
          )}
          {editing && (
            <Input
              value={draft.title}
              maxLength={100}
              onChange={(e) => setDraft({ ...draft, title: e.target.value })}
              addonBefore={t('assessment.bulletin.titleLabel')}
              data-testid="bulletin-title-input"
            />
          )}
          <Space wrap>
            {editing && (
              <>
                <Button
                  onClick={() => save()}
                  disabled={!dirty}
                  loading={patch.isPending}
                  data-testid="bulletin-save"
                >
                  {t('assessment.bulletin.save')}
                </Button>
                <Popconfirm title={t('assessment.bulletin.publishConfirm')} onConfirm={doPublish}>
                  <Button
                    type="primary"
                    icon={<SendOutlined />}
                    loading={publish.isPending}
                    data-testid="bulletin-publish"
                  >
                    {t('assessment.bulletin.publish')}
                  </Button>
                </Popconfirm>
              </>
            )}
            <Button
              icon={<FileWordOutlined />}
              onClick={() => void download('docx')}
              data-testid="bulletin-docx"
            >
              {t('assessment.bulletin.docx')}
            </Button>
            <Button
              icon={<FileExcelOutlined />}
              onClick={() => void download('xlsx')}
              data-testid="bulletin-xlsx"
            >
              {t('assessment.bulletin.xlsx')}
            </Button>
          </Space>
          {b.can.share && <ShareBar b={b} />}
        </Space>
      </Card>
      <BulletinView
        content={b.content}
        {...(editing
          ? {
              summary: (
                <Input.TextArea
                  value={draft.summary}
                  onChange={(e) => setDraft({ ...draft, summary: e.target.value })}
                  placeholder={t('assessment.bulletin.summaryHint')}
                  autoSize={{ minRows: 3, maxRows: 12 }}
                  maxLength={4000}
                  data-testid="bulletin-summary-input"
                />
              ),
              editor: {
                notes: draft.notes,
                onNote: (subjectId: string, text: string) =>
                  setDraft({ ...draft, notes: { ...draft.notes, [subjectId]: text } }),
              },
            }
          : {})}
      />
    </Space>
  );
}
