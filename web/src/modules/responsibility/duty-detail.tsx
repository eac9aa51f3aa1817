import { PaperClipOutlined } from '@ant-design/icons';
import { App, Button, Descriptions, Divider, Empty, List, Space, Tag, Timeline, Typography } from 'antd';
import type { ReactNode } from 'react';
import type { ItemDetail } from '#contracts/responsibility';
import { downloadFile } from '../../api/http.ts';
import { formatDateTime } from '../../components/dates.ts';
import { errorText } from '../../components/error-display.tsx';
import { useT } from '../../i18n/i18n.tsx';
import type { MessageKey } from '../../i18n/zh-cn.ts';
import { STATE_COLOURS } from './duty-logic.ts';
import { DomainTag, StateTag, usePeriodLabel } from './duty-tags.tsx';
import { type EvidenceFile, evidencePath } from './responsibility-me-api.ts';

const EXEMPTION_KEYS: Record<ItemDetail['exemptions'][number]['status'], MessageKey> = {
  pending: 'myDuties.exemption.pending',
  approved: 'myDuties.exemption.approved',
  rejected: 'myDuties.exemption.rejected',
};

function sizeText(bytes: number): string {
  return bytes >= 1024 * 1024
    ? `${(bytes / 1024 / 1024).toFixed(1)} MB`
    : `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

/** A file link that downloads through fetch, so that a refusal shows as a message rather than a page of JSON. */
export function EvidenceLink({ file }: { file: EvidenceFile }) {
  const { message } = App.useApp();
  const t = useT();
  return (
    <Button
      type="link"
      size="small"
      icon={<PaperClipOutlined />}
      style={{ paddingInline: 0, height: 'auto', whiteSpace: 'normal', textAlign: 'start' }}
      data-testid="duty-file"
      onClick={() =>
        downloadFile(evidencePath(file.id), undefined, file.fileName).catch((err: unknown) =>
          message.error(errorText(err, t('error.unexpected'))),
        )
      }
    >
      <span style={{ overflowWrap: 'anywhere' }}>
        {file.fileName}（{sizeText(file.size)}）
      </span>
    </Button>
  );
}

/**
 * What is known of a duty: what it asks, then `children` (the report form), then how each period stands, what was
 * reported, and its exemptions.
 */
export function DutyDetail({ item, children }: { item: ItemDetail; children?: ReactNode }) {
  const t = useT();
  const periodName = usePeriodLabel();
  return (
    <div data-testid="duty-detail">
      <Space size={6} wrap style={{ marginBottom: 6 }}>
        <DomainTag domain={item.domain} />
        {item.current && <StateTag state={item.current.state} />}
      </Space>
      <Typography.Title level={5} style={{ marginTop: 0 }} data-testid="duty-detail-title">
        {item.title}
      </Typography.Title>
      <Descriptions column={1} size="small">
        <Descriptions.Item label={t('myDuties.list')}>{item.listTitle}</Descriptions.Item>
        <Descriptions.Item label={t('myDuties.ownerOrg')}>{item.ownerOrgName}</Descriptions.Item>
        <Descriptions.Item label={t('myDuties.category')}>{item.category}</Descriptions.Item>
        {item.detail && (
          <Descriptions.Item label={t('myDuties.detail')}>
            <span style={{ whiteSpace: 'pre-wrap' }}>{item.detail}</span>
          </Descriptions.Item>
        )}
      </Descriptions>
      {item.recordKindLabel && (
        <Typography.Paragraph type="secondary">
          {t('myDuties.byRecord', { kind: item.recordKindLabel })}
        </Typography.Paragraph>
      )}
      {children}

      <Divider titlePlacement="start" plain style={{ marginBlock: 12 }}>
        {t('myDuties.periods')}
      </Divider>
      <Timeline
        data-testid="duty-periods"
        items={item.periods.map((p) => ({
          key: p.id,
          color: STATE_COLOURS[p.state] === 'default' ? 'gray' : STATE_COLOURS[p.state],
          // All in the content: a title would sit in a column of its own to the left, too wide for a phone.
          content: (
            <>
              <Space size={6} wrap data-testid="duty-period" data-period-id={p.id}>
                <span>{periodName(p.periodKey)}</span>
                <StateTag state={p.state} />
              </Space>
              <Typography.Text type="secondary" style={{ display: 'block', fontSize: 13 }}>
                {p.doneOn ? t('myDuties.doneOn', { date: p.doneOn }) : t('myDuties.dueOn', { date: p.dueOn })}
                {p.state !== 'done' && p.state !== 'late' && p.state !== 'exempt' && p.progress > 0
                  ? ` · ${t('myDuties.progress', { n: p.progress })}`
                  : ''}
                {p.fulfilledBy ? ` · ${t('myDuties.fulfilledBy', { title: p.fulfilledBy.title })}` : ''}
              </Typography.Text>
            </>
          ),
        }))}
      />

      <Divider titlePlacement="start" plain style={{ marginBlock: 12 }}>
        {t('myDuties.reports')}
      </Divider>
      {item.reports.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('myDuties.noReports')} />
      ) : (
        <List
          size="small"
          data-testid="duty-reports"
          dataSource={item.reports}
          renderItem={(r) => (
            <List.Item style={{ paddingInline: 0, display: 'block' }} data-testid="duty-report">
              <Space size={6} wrap>
                <Typography.Text strong>
                  {t('myDuties.progress', { n: r.done ? 100 : r.progress })}
                </Typography.Text>
                {r.done && <Tag color="green">{t('myDuties.doneSwitch')}</Tag>}
              </Space>
              <div style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>{r.note}</div>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('myDuties.reportedBy', { name: r.reportedByName, date: r.reportedOn })}
                {' · '}
                {formatDateTime(r.createdAt)}
              </Typography.Text>
              {r.files.length > 0 && (
                <div>
                  {r.files.map((f) => (
                    <div key={f.id}>
                      <EvidenceLink file={f} />
                    </div>
                  ))}
                </div>
              )}
            </List.Item>
          )}
        />
      )}

      {item.exemptions.length > 0 && (
        <>
          <Divider titlePlacement="start" plain style={{ marginBlock: 12 }}>
            {t('myDuties.exemptions')}
          </Divider>
          <List
            size="small"
            dataSource={item.exemptions}
            renderItem={(e) => (
              <List.Item style={{ paddingInline: 0, display: 'block' }}>
                <Space size={6} wrap>
                  <Tag color={e.status === 'approved' ? 'green' : e.status === 'rejected' ? 'red' : 'orange'}>
                    {t(EXEMPTION_KEYS[e.status])}
                  </Tag>
                  <span>{t('myDuties.exemptionWindow', { from: e.startsOn, to: e.expiresOn })}</span>
                </Space>
                <div style={{ whiteSpace: 'pre-wrap' }}>{e.reason}</div>
                {e.decisionNote && <Typography.Text type="secondary">{e.decisionNote}</Typography.Text>}
              </List.Item>
            )}
          />
        </>
      )}
    </div>
  );
}
