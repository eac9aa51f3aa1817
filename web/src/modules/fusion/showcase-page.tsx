import { PictureOutlined } from '@ant-design/icons';
import { Card, Col, Empty, Row, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import type { ShowcaseCase } from '#contracts/fusion-brand';
import { QueryError } from '../../components/error-display.tsx';
import { useT } from '../../i18n/i18n.tsx';
import { thumbnailPath } from '../attachment/attachment-api.ts';
import { showcaseSections } from './brand-logic.ts';
import { CaseDrawer } from './case-drawer.tsx';
import { useShowcase } from './fusion-brand-api.ts';
import { UnitPicker, useFusionUnit } from './fusion-unit.tsx';

// 案例展示: the organ's published typical cases, and those the work committee selected from all its organs (with the
// organ's name), as cards with the first photo; a card opens the whole case.

function CaseCard({ item, showUnit, onOpen }: { item: ShowcaseCase; showUnit: boolean; onOpen: () => void }) {
  const t = useT();
  const photo = item.photoIds[0];
  return (
    <Card
      hoverable
      onClick={onOpen}
      data-testid="showcase-card"
      cover={
        photo ? (
          <img
            src={thumbnailPath(photo)}
            alt={item.title}
            style={{ height: 160, objectFit: 'cover' }}
            loading="lazy"
          />
        ) : (
          <div
            style={{
              height: 160,
              display: 'flex',
              alignItems: 'center',
              justifyContent: 'center',
              background: '#fafafa',
              fontSize: 40,
              color: '#d9d9d9',
            }}
          >
            <PictureOutlined />
          </div>
        )
      }
    >
      <Card.Meta
        title={<span style={{ whiteSpace: 'normal' }}>{item.title}</span>}
        description={
          <Space orientation="vertical" size={4}>
            <Typography.Text type="secondary">
              {showUnit ? `${item.unitName} · ${item.partyOrgName}` : item.partyOrgName}
            </Typography.Text>
            {item.committeeSelected && <Tag color="gold">{t('fusion.case.selectedTag')}</Tag>}
            <Typography.Paragraph ellipsis={{ rows: 3 }} style={{ marginBottom: 0 }}>
              {item.result}
            </Typography.Paragraph>
          </Space>
        }
      />
    </Card>
  );
}

function Cards({
  cases,
  showUnit,
  onOpen,
  testId,
}: {
  cases: readonly ShowcaseCase[];
  showUnit: boolean;
  onOpen: (id: string) => void;
  testId: string;
}) {
  const t = useT();
  if (cases.length === 0) return <Empty description={t('fusion.showcase.empty')} />;
  return (
    <Row gutter={[12, 12]} data-testid={testId}>
      {cases.map((c) => (
        <Col key={c.id} xs={24} sm={12} lg={8} xxl={6}>
          <CaseCard item={c} showUnit={showUnit} onOpen={() => onOpen(c.id)} />
        </Col>
      ))}
    </Row>
  );
}

export function ShowcasePage() {
  const t = useT();
  const { unitId, units, setUnit } = useFusionUnit();
  const showcase = useShowcase(unitId);
  const [openId, setOpenId] = useState<string | null>(null);
  const { own, selected } = showcaseSections(showcase.data ?? [], unitId ?? '');
  const open = showcase.data?.find((c) => c.id === openId) ?? null;
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="showcase-page">
      <Card
        title={t('fusion.showcase.title')}
        extra={<UnitPicker unitId={unitId} units={units} onChange={setUnit} />}
      >
        <Typography.Text type="secondary">{t('fusion.showcase.intro')}</Typography.Text>
      </Card>
      {showcase.isError ? (
        <QueryError error={showcase.error} onRetry={() => void showcase.refetch()} />
      ) : (
        <>
          <Card title={t('fusion.showcase.own')} loading={showcase.isPending}>
            <Cards cases={own} showUnit={false} onOpen={setOpenId} testId="showcase-own" />
          </Card>
          <Card title={t('fusion.showcase.selected')} loading={showcase.isPending}>
            <Cards cases={selected} showUnit onOpen={setOpenId} testId="showcase-selected" />
          </Card>
        </>
      )}
      <CaseDrawer item={open} onClose={() => setOpenId(null)} />
    </Space>
  );
}
