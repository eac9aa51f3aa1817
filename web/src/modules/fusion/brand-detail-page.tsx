import { ArrowLeftOutlined, AuditOutlined, FileWordOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Row, Space, Typography } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { QueryError, useApiError } from '../../components/error-display.tsx';
import { useT } from '../../i18n/i18n.tsx';
import { AttachmentList } from '../attachment/attachment-list.tsx';
import { AttachmentUpload } from '../attachment/attachment-upload.tsx';
import { ElementCard, MarkCard } from './brand-elements.tsx';
import { EvidenceDialog } from './brand-evidence-dialog.tsx';
import { CONTENT_FIELD, type ContentElement } from './brand-logic.ts';
import { ReviewDialog, ReviewHistory } from './brand-review.tsx';
import { BrandStatusTag } from './brands-page.tsx';
import { BRAND_OWNER_KIND, downloadBrandDocument, useBrand } from './fusion-brand-api.ts';

// A branch brand: the completeness check naming what the six haves still lack, the six haves as cards with their
// evidence (the mark as its picture), the brand's documents, the annual reviews, and the profile as Word.

const CONTENT_ELEMENTS = Object.keys(CONTENT_FIELD) as ContentElement[];

export function BrandDetailPage() {
  const t = useT();
  const { id } = useParams();
  const brand = useBrand(id);
  const showError = useApiError();
  const [adding, setAdding] = useState<ContentElement | null>(null);
  const [reviewing, setReviewing] = useState(false);
  const [downloading, setDownloading] = useState(false);
  const back = (
    <Link to="/fusion/brands">
      <ArrowLeftOutlined /> {t('fusion.brands.title')}
    </Link>
  );
  if (brand.isError)
    return (
      <Space orientation="vertical" style={{ width: '100%' }}>
        {back}
        <QueryError error={brand.error} onRetry={() => void brand.refetch()} />
      </Space>
    );
  const b = brand.data;
  if (!b) return <Card loading />;
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="brand-page">
      {back}
      <Card
        title={
          <Space wrap style={{ whiteSpace: 'normal' }}>
            <span data-testid="brand-title">{b.name}</span>
            <BrandStatusTag brand={b} />
          </Space>
        }
        extra={
          <Space wrap>
            <Button
              icon={<FileWordOutlined />}
              loading={downloading}
              onClick={() => {
                setDownloading(true);
                downloadBrandDocument(b.id, b.name)
                  .catch((err: unknown) => showError(err))
                  .finally(() => setDownloading(false));
              }}
              data-testid="brand-document"
            >
              {t('fusion.brand.document')}
            </Button>
            {b.can.review && (
              <Button
                type="primary"
                icon={<AuditOutlined />}
                onClick={() => setReviewing(true)}
                data-testid="brand-review"
              >
                {t('fusion.review.open')}
              </Button>
            )}
          </Space>
        }
      >
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Typography.Text type="secondary">{b.partyOrgName}</Typography.Text>
          {b.missing.length === 0 ? (
            <Alert type="success" showIcon title={t('fusion.brand.completeAll')} data-testid="brand-check" />
          ) : (
            <Alert
              type="warning"
              showIcon
              title={t('fusion.brand.missingTitle', { n: b.missing.length })}
              description={
                <ul style={{ margin: 0, paddingInlineStart: 18 }}>
                  {b.missing.map((m) => (
                    <li key={`${m.element}-${m.what}`}>{m.message}</li>
                  ))}
                </ul>
              }
              data-testid="brand-check"
            />
          )}
        </Space>
      </Card>
      <Row gutter={[12, 12]}>
        <Col xs={24} md={12} xl={8}>
          <ElementCard brand={b} element="name" onAddEvidence={setAdding} />
        </Col>
        <Col xs={24} md={12} xl={8}>
          <MarkCard brand={b} />
        </Col>
        {CONTENT_ELEMENTS.filter((e) => e !== 'name').map((e) => (
          <Col key={e} xs={24} md={12} xl={8}>
            <ElementCard brand={b} element={e} onAddEvidence={setAdding} />
          </Col>
        ))}
      </Row>
      <Card size="small" title={t('fusion.brand.files')}>
        {b.can.edit ? (
          <AttachmentUpload ownerKind={BRAND_OWNER_KIND} ownerId={b.id} testId="brand-files" />
        ) : (
          <AttachmentList ownerKind={BRAND_OWNER_KIND} ownerId={b.id} empty={t('fusion.brand.noFiles')} />
        )}
      </Card>
      <ReviewHistory brand={b} />
      {adding && <EvidenceDialog brand={b} element={adding} onClose={() => setAdding(null)} />}
      {reviewing && <ReviewDialog brand={b} onClose={() => setReviewing(false)} />}
    </Space>
  );
}
