import { DeleteOutlined, EditOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import {
  App,
  Button,
  Card,
  Empty,
  Image,
  Input,
  List,
  Modal,
  Popconfirm,
  Select,
  Space,
  Tag,
  Typography,
} from 'antd';
import { useRef, useState } from 'react';
import { Link } from 'react-router-dom';
import {
  BRAND_ELEMENT_LABELS,
  type Brand,
  type BrandEvidence,
  EVIDENCE_KIND_LABELS,
} from '#contracts/fusion-brand';
import { isStaleVersion } from '../../api/http.ts';
import { errorText, useApiError } from '../../components/error-display.tsx';
import { useLabel, useT } from '../../i18n/i18n.tsx';
import {
  attachmentKeys,
  attachmentPath,
  uploadAttachment,
  useAttachments,
} from '../attachment/attachment-api.ts';
import { isImageType } from '../attachment/attachment-logic.ts';
import { CONTENT_FIELD, type ContentElement, evidenceOf } from './brand-logic.ts';
import { BRAND_OWNER_KIND, usePatchBrand, useRemoveEvidence } from './fusion-brand-api.ts';

// The six haves as cards: each with its text (the name is the brand's name) and the evidence behind it, or — for the
// mark — the image. Whoever keeps the brand (can.edit) writes the text, adds and removes evidence, sets the mark.

function EvidenceLine({ brand, item }: { brand: Brand; item: BrandEvidence }) {
  const t = useT();
  const label = useLabel();
  const remove = useRemoveEvidence();
  const showError = useApiError();
  const target =
    item.kind === 'record' && item.refId
      ? `/branch/records/${item.refId}`
      : item.kind === 'project' && item.refId
        ? `/fusion/projects/${item.refId}`
        : null;
  return (
    <List.Item
      data-testid="brand-evidence"
      actions={
        brand.can.edit
          ? [
              <Popconfirm
                key="remove"
                title={t('fusion.evidence.removeConfirm')}
                onConfirm={() =>
                  remove.mutate({ id: brand.id, evidenceId: item.id }, { onError: (err) => showError(err) })
                }
              >
                <Button
                  size="small"
                  type="text"
                  danger
                  icon={<DeleteOutlined />}
                  aria-label={t('att.remove')}
                />
              </Popconfirm>,
            ]
          : []
      }
    >
      <Space orientation="vertical" size={0} style={{ minWidth: 0 }}>
        <Space size={4} wrap>
          <Tag>{label(EVIDENCE_KIND_LABELS[item.kind])}</Tag>
          {target ? (
            <Link to={target} style={{ overflowWrap: 'anywhere' }}>
              {item.title}
            </Link>
          ) : (
            <span style={{ overflowWrap: 'anywhere' }}>{item.title}</span>
          )}
        </Space>
        {(item.date || (item.note && item.note !== item.title)) && (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {[item.date, item.note !== item.title ? item.note : null].filter(Boolean).join(' · ')}
          </Typography.Text>
        )}
      </Space>
    </List.Item>
  );
}

function contentOf(brand: Brand, element: ContentElement): string | null {
  return brand[CONTENT_FIELD[element]];
}

function ContentDialog({
  brand,
  element,
  onClose,
}: {
  brand: Brand;
  element: ContentElement;
  onClose: () => void;
}) {
  const t = useT();
  const label = useLabel();
  const { message } = App.useApp();
  const patch = usePatchBrand();
  const showError = useApiError();
  const [text, setText] = useState(contentOf(brand, element) ?? '');
  const max = element === 'name' ? 50 : element === 'concept' ? 1000 : 2000;
  const save = () => {
    const value = text.trim();
    const field = CONTENT_FIELD[element];
    patch.mutate(
      {
        id: brand.id,
        body: { version: brand.version, [field]: field === 'name' ? value : value || null },
      },
      {
        onSuccess: () => {
          message.success(t('common.saved'));
          onClose();
        },
        onError: (err) => {
          showError(err);
          if (isStaleVersion(err)) onClose();
        },
      },
    );
  };
  return (
    <Modal
      open
      title={label(BRAND_ELEMENT_LABELS[element])}
      onCancel={onClose}
      onOk={save}
      okText={t('common.save')}
      okButtonProps={{ 'data-testid': 'brand-content-save', disabled: element === 'name' && !text.trim() }}
      confirmLoading={patch.isPending}
      destroyOnHidden
    >
      {element === 'name' ? (
        <Input
          value={text}
          maxLength={max}
          onChange={(e) => setText(e.target.value)}
          data-testid="brand-content"
        />
      ) : (
        <Input.TextArea
          rows={6}
          value={text}
          maxLength={max}
          showCount
          placeholder={t(`fusion.brand.hint.${element}`)}
          onChange={(e) => setText(e.target.value)}
          data-testid="brand-content"
        />
      )}
    </Modal>
  );
}

export function ElementCard({
  brand,
  element,
  onAddEvidence,
}: {
  brand: Brand;
  element: ContentElement;
  onAddEvidence: (element: ContentElement) => void;
}) {
  const t = useT();
  const label = useLabel();
  const [editing, setEditing] = useState(false);
  const text = contentOf(brand, element);
  const evidence = evidenceOf(brand.evidence, element);
  const missing = brand.missing.filter((m) => m.element === element);
  return (
    <Card
      size="small"
      title={label(BRAND_ELEMENT_LABELS[element])}
      data-testid={`brand-element-${element}`}
      extra={
        brand.can.edit && (
          <Button
            size="small"
            icon={<EditOutlined />}
            onClick={() => setEditing(true)}
            data-testid="brand-element-edit"
          >
            {t('common.edit')}
          </Button>
        )
      }
    >
      <Space orientation="vertical" style={{ width: '100%' }}>
        {text ? (
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>
            {text}
          </Typography.Paragraph>
        ) : (
          <Typography.Text type="secondary">{t('fusion.brand.noContent')}</Typography.Text>
        )}
        {missing.map((m) => (
          <Typography.Text key={m.what} type="warning" style={{ fontSize: 12 }}>
            {m.message}
          </Typography.Text>
        ))}
        <List
          size="small"
          header={
            <Typography.Text strong>{t('fusion.evidence.title', { n: evidence.length })}</Typography.Text>
          }
          dataSource={evidence}
          locale={{ emptyText: t('fusion.evidence.none') }}
          renderItem={(item) => <EvidenceLine brand={brand} item={item} />}
        />
        {brand.can.edit && (
          <Button
            size="small"
            icon={<PlusOutlined />}
            onClick={() => onAddEvidence(element)}
            data-testid="brand-evidence-add"
          >
            {t('fusion.evidence.add')}
          </Button>
        )}
      </Space>
      {editing && <ContentDialog brand={brand} element={element} onClose={() => setEditing(false)} />}
    </Card>
  );
}

/** 有标识: the mark as a picture; uploading an image makes it the mark at once, or one already uploaded is chosen. */
export function MarkCard({ brand }: { brand: Brand }) {
  const t = useT();
  const label = useLabel();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const input = useRef<HTMLInputElement>(null);
  const files = useAttachments(BRAND_OWNER_KIND, brand.id);
  const patch = usePatchBrand();
  const showError = useApiError();
  const [uploading, setUploading] = useState(false);
  const images = (files.data ?? []).filter((a) => isImageType(a.mediaType));
  const setMark = (markAttachmentId: string | null, version = brand.version) =>
    patch.mutate(
      { id: brand.id, body: { version, markAttachmentId } },
      { onSuccess: () => message.success(t('common.saved')), onError: (err) => showError(err) },
    );
  const upload = async (file: File | undefined) => {
    if (!file) return;
    setUploading(true);
    try {
      const saved = await uploadAttachment({
        ownerKind: BRAND_OWNER_KIND,
        ownerId: brand.id,
        file,
        fileName: file.name,
      });
      await qc.invalidateQueries({ queryKey: attachmentKeys.owner(BRAND_OWNER_KIND, brand.id) });
      setMark(saved.id);
    } catch (err) {
      void message.error(errorText(err, t('error.unexpected')));
    } finally {
      setUploading(false);
    }
  };
  const missing = brand.missing.filter((m) => m.element === 'mark');
  return (
    <Card size="small" title={label(BRAND_ELEMENT_LABELS.mark)} data-testid="brand-element-mark">
      <Space orientation="vertical" style={{ width: '100%' }}>
        {brand.markAttachmentId ? (
          <Image
            src={attachmentPath(brand.markAttachmentId)}
            alt={t('fusion.brand.markAlt', { name: brand.name })}
            style={{ maxWidth: 200, maxHeight: 200, objectFit: 'contain' }}
            data-testid="brand-mark"
          />
        ) : (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('fusion.brand.noMark')} />
        )}
        {missing.map((m) => (
          <Typography.Text key={m.what} type="warning" style={{ fontSize: 12 }}>
            {m.message}
          </Typography.Text>
        ))}
        {brand.can.edit && (
          <Space wrap>
            <input
              ref={input}
              type="file"
              accept="image/*"
              hidden
              data-testid="brand-mark-input"
              onChange={(e) => {
                void upload(e.target.files?.[0]);
                e.target.value = '';
              }}
            />
            <Button
              size="small"
              icon={<UploadOutlined />}
              loading={uploading || patch.isPending}
              onClick={() => input.current?.click()}
              data-testid="brand-mark-upload"
            >
              {t('fusion.brand.markUpload')}
            </Button>
            {images.length > 0 && (
              <Select
                size="small"
                style={{ minWidth: 160 }}
                value={brand.markAttachmentId ?? undefined}
                placeholder={t('fusion.brand.markPick')}
                allowClear
                options={images.map((a) => ({ value: a.id, label: a.fileName }))}
                onChange={(id) => setMark(id ?? null)}
              />
            )}
          </Space>
        )}
      </Space>
    </Card>
  );
}
