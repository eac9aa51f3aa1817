import { CameraOutlined, CloseOutlined, FileOutlined, ReloadOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Progress, Space, Typography } from 'antd';
import { type CSSProperties, type ReactNode, useEffect, useMemo, useRef, useState } from 'react';
import {
  ATTACHMENT_ACCEPT,
  ATTACHMENT_DEFAULT_MAX_FILES,
  ATTACHMENT_MAX_BYTES,
  type Attachment,
} from '#contracts/attachment';
import { errorText } from '../../components/error-display.tsx';
import { useT } from '../../i18n/i18n.tsx';
import { attachmentKeys, uploadAttachment, useAttachments } from './attachment-api.ts';
import { AttachmentList, CORNER, TILE } from './attachment-list.tsx';
import { formatSize, pickProblem, roomLeft } from './attachment-logic.ts';

// Files on a form, made for a phone: one large button offers the camera, the album and the phone's files (no
// `capture`, which would allow the camera only); photos show as thumbnails at once, each upload its progress, a
// refused file the server's reason with a retry, and every file a remove button. On a saved record files go up as
// soon as they are picked; on a record being created they wait, held by the form, until it is saved.

const MB = ATTACHMENT_MAX_BYTES / 1024 / 1024;
const IMG: CSSProperties = { width: '100%', height: '100%', objectFit: 'cover', display: 'block' };

// A picked file has no id of its own: one is made for it the first time it is drawn.
const fileKeys = new WeakMap<File, string>();
function keyOf(file: File): string {
  let key = fileKeys.get(file);
  if (!key) {
    key = crypto.randomUUID();
    fileKeys.set(file, key);
  }
  return key;
}

type Job = { uid: string; file: File; percent: number; state: 'uploading' | 'failed'; error?: string };

export type AttachmentUploadProps = {
  ownerKind: string;
  /** The saved record; null while it is being created (picked files then wait in `pending`). */
  ownerId: string | null;
  /**
   * Files picked before the record exists, held by the form (with `onPendingChange`); after saving, the form sends
   * them with sendPendingAttachments.
   */
  pending?: readonly File[];
  onPendingChange?: (files: File[]) => void;
  /** The owner kind's limit (default 20). */
  maxFiles?: number;
  /** Read-only: no picking, no removing. */
  disabled?: boolean;
  /** Told of each file the server kept. */
  onUploaded?: (a: Attachment) => void;
  testId?: string;
};

/** Thumbnails of local files (photos picked but not yet stored), revoked when they go. */
function usePreviews(files: readonly File[]): Map<File, string> {
  const urls = useMemo(
    () => new Map(files.filter((f) => f.type.startsWith('image/')).map((f) => [f, URL.createObjectURL(f)])),
    [files],
  );
  useEffect(
    () => () => {
      for (const url of urls.values()) URL.revokeObjectURL(url);
    },
    [urls],
  );
  return urls;
}

function LocalTile({
  file,
  preview,
  children,
  testId,
}: {
  file: File;
  preview: string | undefined;
  children?: ReactNode;
  testId: string;
}) {
  return (
    <div style={TILE} data-testid={testId} title={`${file.name} · ${formatSize(file.size)}`}>
      {preview ? (
        <img src={preview} alt={file.name} style={IMG} />
      ) : (
        <div style={{ display: 'flex', flexDirection: 'column', alignItems: 'center', padding: 8, gap: 4 }}>
          <FileOutlined style={{ fontSize: 28 }} />
          <Typography.Text ellipsis style={{ fontSize: 12, maxWidth: 80 }}>
            {file.name}
          </Typography.Text>
        </div>
      )}
      {children}
    </div>
  );
}

export function AttachmentUpload({
  ownerKind,
  ownerId,
  pending = [],
  onPendingChange,
  maxFiles = ATTACHMENT_DEFAULT_MAX_FILES,
  disabled = false,
  onUploaded,
  testId = 'attachment-upload',
}: AttachmentUploadProps) {
  const t = useT();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const input = useRef<HTMLInputElement>(null);
  const stored = useAttachments(ownerKind, ownerId);
  const [jobs, setJobs] = useState<Job[]>([]);
  const local = useMemo(() => [...pending, ...jobs.map((j) => j.file)], [pending, jobs]);
  const previews = usePreviews(local);
  const room = roomLeft(maxFiles, stored.data?.length ?? 0, pending.length + jobs.length);

  const patch = (uid: string, change: Partial<Job>) =>
    setJobs((all) => all.map((j) => (j.uid === uid ? { ...j, ...change } : j)));

  async function send(job: Job, owner: string) {
    patch(job.uid, { state: 'uploading', percent: 0 });
    try {
      const saved = await uploadAttachment({
        ownerKind,
        ownerId: owner,
        file: job.file,
        fileName: job.file.name,
        onProgress: (percent) => patch(job.uid, { percent }),
      });
      setJobs((all) => all.filter((j) => j.uid !== job.uid));
      await qc.invalidateQueries({ queryKey: attachmentKeys.owner(ownerKind, owner) });
      onUploaded?.(saved);
    } catch (err) {
      patch(job.uid, { state: 'failed', error: errorText(err, t('error.unexpected')) });
    }
  }

  async function pick(list: FileList | null) {
    const chosen = [...(list ?? [])];
    const fit: File[] = [];
    for (const file of chosen) {
      const problem = pickProblem(file);
      if (problem) void message.warning(t(problem, { name: file.name, mb: MB }));
      else fit.push(file);
    }
    if (fit.length > room) void message.warning(t('att.tooMany', { n: room }));
    const taken = fit.slice(0, room);
    if (taken.length === 0) return;
    if (!ownerId) {
      onPendingChange?.([...pending, ...taken]);
      return;
    }
    const added = taken.map(
      (file): Job => ({ uid: crypto.randomUUID(), file, percent: 0, state: 'uploading' }),
    );
    setJobs((all) => [...all, ...added]);
    // One at a time: a phone's uplink is better used by one upload than shared by five.
    for (const job of added) await send(job, ownerId);
  }

  const canPick = !disabled && (ownerId !== null || onPendingChange !== undefined);
  return (
    <Space orientation="vertical" style={{ width: '100%' }} data-testid={testId}>
      {ownerId && (
        <AttachmentList ownerKind={ownerKind} ownerId={ownerId} removable={!disabled} empty={null} />
      )}
      {(pending.length > 0 || jobs.length > 0) && (
        <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8 }}>
          {pending.map((file) => (
            <LocalTile key={keyOf(file)} file={file} preview={previews.get(file)} testId="attachment-pending">
              {!disabled && (
                <Button
                  size="small"
                  shape="circle"
                  icon={<CloseOutlined />}
                  aria-label={t('att.remove')}
                  style={CORNER}
                  onClick={() => onPendingChange?.(pending.filter((f) => f !== file))}
                />
              )}
            </LocalTile>
          ))}
          {jobs.map((job) => (
            <LocalTile key={job.uid} file={job.file} preview={previews.get(job.file)} testId="attachment-job">
              <div style={{ position: 'absolute', left: 4, right: 4, bottom: 2 }}>
                {job.state === 'uploading' ? (
                  <Progress percent={job.percent} size="small" showInfo={false} />
                ) : (
                  <Button
                    size="small"
                    block
                    danger
                    icon={<ReloadOutlined />}
                    title={t('att.failed', { reason: job.error ?? '' })}
                    onClick={() => ownerId && void send(job, ownerId)}
                  >
                    {t('att.retry')}
                  </Button>
                )}
              </div>
              {job.state === 'failed' && (
                <Button
                  size="small"
                  shape="circle"
                  icon={<CloseOutlined />}
                  aria-label={t('att.remove')}
                  style={CORNER}
                  onClick={() => setJobs((all) => all.filter((j) => j.uid !== job.uid))}
                />
              )}
            </LocalTile>
          ))}
        </div>
      )}
      {jobs
        .filter((j) => j.state === 'failed')
        .map((j) => (
          <Typography.Text key={j.uid} type="danger" data-testid="attachment-error">
            {j.file.name}：{t('att.failed', { reason: j.error ?? '' })}
          </Typography.Text>
        ))}
      {jobs.some((j) => j.state === 'uploading') && (
        <Typography.Text type="secondary">
          {t('att.uploading', {
            percent: Math.round(
              jobs.reduce((s, j) => s + (j.state === 'uploading' ? j.percent : 100), 0) / jobs.length,
            ),
          })}
        </Typography.Text>
      )}
      {canPick && (
        <>
          <input
            ref={input}
            type="file"
            accept={ATTACHMENT_ACCEPT}
            multiple
            hidden
            data-testid={`${testId}-input`}
            onChange={(event) => {
              void pick(event.target.files);
              event.target.value = '';
            }}
          />
          <Button
            icon={<CameraOutlined />}
            size="large"
            block
            disabled={room === 0}
            onClick={() => input.current?.click()}
            data-testid={`${testId}-pick`}
          >
            {t('att.pick')}
          </Button>
          <Typography.Text type="secondary">
            {room === 0 ? t('att.full', { max: maxFiles }) : t('att.pickHint', { mb: MB })}
          </Typography.Text>
          {!ownerId && pending.length > 0 && (
            <Typography.Text type="secondary">{t('att.saveFirst')}</Typography.Text>
          )}
        </>
      )}
    </Space>
  );
}
