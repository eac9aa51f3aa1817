import {
  DeleteOutlined,
  DownloadOutlined,
  FileExcelOutlined,
  FileOutlined,
  FilePdfOutlined,
  FilePptOutlined,
  FileTextOutlined,
  FileWordOutlined,
} from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Image, Popconfirm, Space, Typography } from 'antd';
import type { CSSProperties, ReactNode } from 'react';
import type { Attachment } from '#contracts/attachment';
import { errorText, QueryError, useApiError } from '../../components/error-display.tsx';
import { useT } from '../../i18n/i18n.tsx';
import {
  attachmentKeys,
  attachmentPath,
  deleteAttachment,
  downloadAttachment,
  thumbnailPath,
  useAttachments,
} from './attachment-api.ts';
import { formatSize, isImageType } from './attachment-logic.ts';

// A record's files on its detail page: photos as thumbnails that open full size (swipe through them on a phone),
// documents as rows to download. With `removable`, each has a delete button (for whoever may change the record).

export const TILE: CSSProperties = {
  position: 'relative',
  width: 96,
  height: 96,
  borderRadius: 6,
  overflow: 'hidden',
  background: '#fafafa',
  border: '1px solid #f0f0f0',
};
export const CORNER: CSSProperties = { position: 'absolute', top: 4, right: 4 };

function documentIcon(mediaType: string) {
  if (mediaType === 'application/pdf') return <FilePdfOutlined style={{ color: '#c62828' }} />;
  if (/word/.test(mediaType)) return <FileWordOutlined style={{ color: '#1565c0' }} />;
  if (/excel|sheet/.test(mediaType)) return <FileExcelOutlined style={{ color: '#2e7d32' }} />;
  if (/powerpoint|presentation/.test(mediaType)) return <FilePptOutlined style={{ color: '#d84315' }} />;
  if (mediaType === 'text/plain') return <FileTextOutlined />;
  return <FileOutlined />;
}

function RemoveButton({ onConfirm, small }: { onConfirm: () => void; small?: boolean }) {
  const t = useT();
  return (
    <Popconfirm title={t('att.removeConfirm')} onConfirm={onConfirm}>
      <Button
        size="small"
        shape={small ? 'circle' : 'default'}
        danger
        icon={<DeleteOutlined />}
        aria-label={t('att.remove')}
        style={small ? CORNER : undefined}
      />
    </Popconfirm>
  );
}

/** Photos and documents as given; `onRemove` adds a delete button to each. */
export function AttachmentItems({
  files,
  onRemove,
}: {
  files: readonly Attachment[];
  onRemove?: ((a: Attachment) => void) | undefined;
}) {
  const t = useT();
  const showError = useApiError();
  const images = files.filter((a) => a.hasThumbnail && isImageType(a.mediaType));
  const documents = files.filter((a) => !images.includes(a));
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      {images.length > 0 && (
        <Image.PreviewGroup>
          <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8 }}>
            {images.map((a) => (
              <div key={a.id} style={TILE} data-testid="attachment-image">
                <Image
                  src={thumbnailPath(a.id)}
                  preview={{ src: attachmentPath(a.id) }}
                  alt={a.fileName}
                  width={96}
                  height={96}
                  style={{ objectFit: 'cover' }}
                />
                {onRemove && <RemoveButton small onConfirm={() => onRemove(a)} />}
              </div>
            ))}
          </div>
        </Image.PreviewGroup>
      )}
      {documents.map((a) => (
        <div
          key={a.id}
          data-testid="attachment-document"
          style={{ display: 'flex', alignItems: 'center', gap: 8, minHeight: 40 }}
        >
          <span style={{ fontSize: 22 }}>{documentIcon(a.mediaType)}</span>
          <Typography.Link
            ellipsis
            style={{ flex: 1, minWidth: 0 }}
            onClick={() => void downloadAttachment(a).catch((err: unknown) => showError(err))}
          >
            {a.fileName}
          </Typography.Link>
          <Typography.Text type="secondary" style={{ whiteSpace: 'nowrap' }}>
            {formatSize(a.size)}
          </Typography.Text>
          <Button
            size="small"
            icon={<DownloadOutlined />}
            aria-label={t('att.download')}
            onClick={() => void downloadAttachment(a).catch((err: unknown) => showError(err))}
          />
          {onRemove && <RemoveButton onConfirm={() => onRemove(a)} />}
        </div>
      ))}
    </Space>
  );
}

export type AttachmentListProps = {
  ownerKind: string;
  ownerId: string;
  /** Files the page already has (say, in the record's own answer); fetched when absent. */
  files?: readonly Attachment[] | undefined;
  /** A delete button on each file: for a caller who may change the record. */
  removable?: boolean;
  /** Shown when there are no files (default 暂无附件); null shows nothing. */
  empty?: ReactNode;
  /** Told after a file was removed (a page that passed `files` reloads them). */
  onChanged?: () => void;
  testId?: string;
};

/** A saved record's files, read-only unless `removable`. */
export function AttachmentList({
  ownerKind,
  ownerId,
  files,
  removable = false,
  empty,
  onChanged,
  testId = 'attachment-list',
}: AttachmentListProps) {
  const t = useT();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const query = useAttachments(ownerKind, ownerId, files === undefined);
  const refresh = () => qc.invalidateQueries({ queryKey: attachmentKeys.owner(ownerKind, ownerId) });

  const remove = async (a: Attachment) => {
    try {
      await deleteAttachment(a.id);
      void message.success(t('att.removed'));
    } catch (err) {
      void message.error(errorText(err, t('error.unexpected')));
    }
    await refresh();
    onChanged?.();
  };

  if (files === undefined && query.isError)
    return <QueryError error={query.error} onRetry={() => void query.refetch()} />;
  const shown = files ?? query.data ?? [];
  const loading = files === undefined && query.isPending;
  return (
    <div data-testid={testId}>
      {shown.length === 0 && !loading ? (
        empty === undefined ? (
          <Typography.Text type="secondary">{t('att.empty')}</Typography.Text>
        ) : (
          empty
        )
      ) : (
        <AttachmentItems files={shown} onRemove={removable ? (a) => void remove(a) : undefined} />
      )}
    </div>
  );
}
