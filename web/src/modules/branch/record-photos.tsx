import { CameraOutlined, CloseOutlined } from '@ant-design/icons';
import { Button, Space, Typography } from 'antd';
import { type CSSProperties, useEffect, useMemo, useRef } from 'react';
import { useT } from '../../i18n/i18n.tsx';
import { AttachmentUpload } from '../attachment/attachment-upload.tsx';
import type { DraftPhoto } from './record-drafts.ts';
import { RECORD_OWNER_KIND } from './records-api.ts';

// Photos of a new record, picked on the phone (camera or album) into the draft on the device: they go up only once
// the record exists. A saved record's photos are module attachment's upload, which sends each at once.

const TILE: CSSProperties = {
  position: 'relative',
  width: 96,
  height: 96,
  borderRadius: 6,
  overflow: 'hidden',
  background: '#fafafa',
  border: '1px solid #f0f0f0',
};
const IMG: CSSProperties = { width: '100%', height: '100%', objectFit: 'cover', display: 'block' };

export function DraftPhotoPicker({
  photos,
  onAdd,
  onRemove,
  hint,
}: {
  photos: readonly DraftPhoto[];
  onAdd: (files: FileList | null) => void;
  onRemove: (id: string) => void;
  hint?: string | undefined;
}) {
  const t = useT();
  const input = useRef<HTMLInputElement>(null);
  const urls = useMemo(() => new Map(photos.map((p) => [p.id, URL.createObjectURL(p.blob)])), [photos]);
  useEffect(
    () => () => {
      for (const url of urls.values()) URL.revokeObjectURL(url);
    },
    [urls],
  );
  return (
    <Space orientation="vertical" style={{ width: '100%' }} data-testid="record-photos">
      {photos.length > 0 && (
        <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8 }}>
          {photos.map((photo) => (
            <div key={photo.id} style={TILE} data-testid="record-photo">
              <img src={urls.get(photo.id)} alt={photo.name} style={IMG} />
              <Button
                size="small"
                shape="circle"
                icon={<CloseOutlined />}
                aria-label={t('record.photoRemove')}
                style={{ position: 'absolute', top: 4, right: 4 }}
                onClick={() => onRemove(photo.id)}
              />
            </div>
          ))}
        </div>
      )}
      {/* No `capture`: the phone then offers both its camera and its album. */}
      <input
        ref={input}
        type="file"
        accept="image/*"
        multiple
        style={{ display: 'none' }}
        data-testid="record-photo-input"
        onChange={(event) => {
          onAdd(event.target.files);
          event.target.value = '';
        }}
      />
      <Button icon={<CameraOutlined />} size="large" onClick={() => input.current?.click()}>
        {t('record.photosPick')}
      </Button>
      {hint && <Typography.Text type="secondary">{hint}</Typography.Text>}
    </Space>
  );
}

/** A saved record's photos and files, added and removed at once (editing the record). */
export function RecordPhotoUpload({ recordId }: { recordId: string }) {
  return <AttachmentUpload ownerKind={RECORD_OWNER_KIND} ownerId={recordId} testId="record-gallery" />;
}
