import { ArrowLeftOutlined, CalendarOutlined, StopOutlined } from '@ant-design/icons';
import { Button, Card, Col, Descriptions, List, Row, Space, Tag, Timeline, Typography } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import type { PairingDetail } from '#contracts/fusion-brand';
import { QueryError } from '../../components/error-display.tsx';
import { useScreens } from '../../components/use-screens.ts';
import { useT } from '../../i18n/i18n.tsx';
import { AttachmentList } from '../attachment/attachment-list.tsx';
import { AttachmentUpload } from '../attachment/attachment-upload.tsx';
import { isRecordKind, KIND_COLOUR, KIND_LABEL } from '../branch/records-labels.ts';
import { PAIRING_OWNER_KIND, usePairing } from './fusion-brand-api.ts';
import { PairingEndDialog, PairingRenewDialog } from './pairing-dialogs.tsx';
import { PairingStateTag } from './pairings-page.tsx';

// A pairing: its two sides and period, the agreement with its signed files, the joint activities held within it
// (records held jointly with the partner), and its history of renewals and the end.

function Facts({ p }: { p: PairingDetail }) {
  const t = useT();
  const screens = useScreens();
  return (
    <Descriptions
      size="small"
      column={screens.md ? 2 : 1}
      items={[
        { key: 'org', label: t('fusion.pairing.org'), children: p.partyOrgName },
        {
          key: 'counterpart',
          label: t('fusion.pairing.counterpartColumn'),
          children: p.counterpartUnitName
            ? `${p.counterpartName}（${p.counterpartUnitName}）`
            : p.counterpartName,
        },
        { key: 'period', label: t('fusion.pairing.period'), children: `${p.startsOn} ~ ${p.endsOn}` },
        ...(p.endedOn
          ? [
              {
                key: 'ended',
                label: t('fusion.pairing.endOn'),
                children: `${p.endedOn}${p.endReason ? `（${p.endReason}）` : ''}`,
              },
            ]
          : []),
      ]}
    />
  );
}

const EVENT_COLOUR = { created: 'blue', updated: 'gray', renewed: 'green', ended: 'red' } as const;

export function PairingDetailPage() {
  const t = useT();
  const { id } = useParams();
  const pairing = usePairing(id);
  const [renewing, setRenewing] = useState(false);
  const [ending, setEnding] = useState(false);
  const back = (
    <Link to="/fusion/pairings">
      <ArrowLeftOutlined /> {t('fusion.pairings.title')}
    </Link>
  );
  if (pairing.isError)
    return (
      <Space orientation="vertical" style={{ width: '100%' }}>
        {back}
        <QueryError error={pairing.error} onRetry={() => void pairing.refetch()} />
      </Space>
    );
  const p = pairing.data;
  if (!p) return <Card loading />;
  const open = p.can.edit && !p.endedOn;
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="pairing-page">
      {back}
      <Card
        title={
          <Space wrap style={{ whiteSpace: 'normal' }}>
            <span>{p.title}</span>
            <PairingStateTag state={p.state} />
          </Space>
        }
        extra={
          open && (
            <Space wrap>
              <Button
                icon={<CalendarOutlined />}
                onClick={() => setRenewing(true)}
                data-testid="pairing-renew"
              >
                {t('fusion.pairing.renew')}
              </Button>
              <Button
                danger
                icon={<StopOutlined />}
                onClick={() => setEnding(true)}
                data-testid="pairing-end"
              >
                {t('fusion.pairing.end')}
              </Button>
            </Space>
          )
        }
      >
        <Facts p={p} />
      </Card>
      <Row gutter={[12, 12]}>
        <Col xs={24} lg={15}>
          <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
            <Card size="small" title={t('fusion.pairing.agreement')}>
              <Space orientation="vertical" style={{ width: '100%' }}>
                <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>
                  {p.agreement || t('fusion.pairing.noAgreement')}
                </Typography.Paragraph>
                {open ? (
                  <AttachmentUpload ownerKind={PAIRING_OWNER_KIND} ownerId={p.id} testId="pairing-files" />
                ) : (
                  <AttachmentList ownerKind={PAIRING_OWNER_KIND} ownerId={p.id} empty={null} />
                )}
              </Space>
            </Card>
            <Card size="small" title={t('fusion.pairing.activitiesTitle', { n: p.activities.length })}>
              <List
                size="small"
                dataSource={p.activities}
                locale={{ emptyText: t('fusion.pairing.noActivities') }}
                renderItem={(a) => (
                  <List.Item>
                    <Space orientation="vertical" size={0} style={{ minWidth: 0 }}>
                      <Space size={4} wrap>
                        {isRecordKind(a.kind) ? (
                          <Tag color={KIND_COLOUR[a.kind]}>{t(KIND_LABEL[a.kind])}</Tag>
                        ) : (
                          <Tag>{a.kind}</Tag>
                        )}
                        <Link to={`/branch/records/${a.id}`} style={{ overflowWrap: 'anywhere' }}>
                          {a.topic}
                        </Link>
                      </Space>
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {a.date} · {a.partyOrgName}
                      </Typography.Text>
                    </Space>
                  </List.Item>
                )}
              />
            </Card>
          </Space>
        </Col>
        <Col xs={24} lg={9}>
          <Card size="small" title={t('fusion.history.title')}>
            <Timeline
              items={p.events.map((e, i) => ({
                key: `${e.kind}-${i}`,
                color: EVENT_COLOUR[e.kind],
                content: (
                  <Space orientation="vertical" size={0}>
                    <span>
                      {t(`fusion.pairing.event.${e.kind}`)} · {e.happenedOn}
                    </span>
                    {(e.note || e.byName) && (
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {[e.note, e.byName].filter(Boolean).join(' · ')}
                      </Typography.Text>
                    )}
                  </Space>
                ),
              }))}
            />
          </Card>
        </Col>
      </Row>
      {renewing && <PairingRenewDialog pairing={p} onClose={() => setRenewing(false)} />}
      {ending && <PairingEndDialog pairing={p} onClose={() => setEnding(false)} />}
    </Space>
  );
}
