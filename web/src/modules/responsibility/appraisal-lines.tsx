import { List, Space, Tag, Typography } from 'antd';
import type { Appraisal, Grade } from '#contracts/handover';
import { useT } from '../../i18n/i18n.tsx';
import type { MessageKey } from '../../i18n/zh-cn.ts';
import { DomainTag } from './duty-tags.tsx';

type Line = Appraisal['lines'][number];

export const OUTCOMES: Record<Line['outcome'], { key: MessageKey; colour: string }> = {
  done: { key: 'myAppraisal.outcome.done', colour: 'green' },
  late: { key: 'myAppraisal.outcome.late', colour: 'gold' },
  not_done: { key: 'myAppraisal.outcome.notDone', colour: 'red' },
  exempt: { key: 'myAppraisal.outcome.exempt', colour: 'default' },
  open: { key: 'myAppraisal.outcome.open', colour: 'blue' },
};

export const GRADE_KEYS: Record<Grade, MessageKey> = {
  good: 'myAppraisal.grade.good',
  fair: 'myAppraisal.grade.fair',
  average: 'myAppraisal.grade.average',
  poor: 'myAppraisal.grade.poor',
};

export const APPRAISAL_STATUS: Record<Appraisal['status'], { key: MessageKey; colour: string }> = {
  draft: { key: 'myAppraisal.status.draft', colour: 'default' },
  submitted: { key: 'myAppraisal.status.submitted', colour: 'blue' },
  appraised: { key: 'myAppraisal.status.appraised', colour: 'green' },
};

/** The duties of the list as the records tell them: outcome, periods, and the evidence behind it. */
export function AppraisalLines({ lines }: { lines: Appraisal['lines'] }) {
  const t = useT();
  return (
    <List
      size="small"
      header={<Typography.Text strong>{t('myAppraisal.lines')}</Typography.Text>}
      dataSource={lines}
      data-testid="appraisal-lines"
      renderItem={(line) => (
        <List.Item style={{ display: 'block', paddingInline: 0 }}>
          <Space size={6} wrap>
            <DomainTag domain={line.domain} />
            <Tag color={OUTCOMES[line.outcome].colour} style={{ marginInlineEnd: 0 }}>
              {t(OUTCOMES[line.outcome].key)}
            </Tag>
            <Typography.Text strong style={{ overflowWrap: 'anywhere' }}>
              {line.title}
            </Typography.Text>
          </Space>
          <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
            {t('myAppraisal.periods', line.periods)}
          </Typography.Text>
          {line.evidence.length > 0 && (
            <Typography.Paragraph
              type="secondary"
              style={{ fontSize: 12, marginBottom: 0, whiteSpace: 'pre-wrap' }}
              ellipsis={{ rows: 2, expandable: true }}
            >
              {line.evidence.join('\n')}
            </Typography.Paragraph>
          )}
        </List.Item>
      )}
    />
  );
}
