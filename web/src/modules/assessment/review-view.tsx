import { Card, Descriptions, Flex, Typography } from 'antd';
import { Link } from 'react-router-dom';
import type { Review, ReviewLine } from '#contracts/assessment-review';
import { useT } from '../../i18n/i18n.tsx';
import { halfYearLabel } from './review-logic.ts';

// One dossier as it reads on paper and on a phone: the heading, each section's lines (a line with the record behind
// it links to it), the member's statement, the branch's 评语 and grade, the signature. Used by the branch's page and
// by the member's own; the writing controls live on those pages.

const NUMERALS = '一二三四五六七八九十';

function Line({ line, linked }: { line: ReviewLine; linked: boolean }) {
  const text = line.text;
  return (
    <Typography.Paragraph style={{ margin: '2px 0', whiteSpace: 'pre-wrap' }}>
      {linked && line.href ? <Link to={line.href}>{text}</Link> : text}
    </Typography.Paragraph>
  );
}

export function ReviewView({ review: r, linked = true }: { review: Review; linked?: boolean }) {
  const t = useT();
  return (
    <Flex vertical gap={12} data-testid="review-view">
      <div style={{ textAlign: 'center' }}>
        <Typography.Title level={3} style={{ marginBottom: 4 }}>
          {t('assessment.review.sheetTitle')}
        </Typography.Title>
        <Typography.Text type="secondary">
          {halfYearLabel(r.halfYear)}　{r.branchName}
        </Typography.Text>
      </div>
      <Descriptions size="small" column={{ xs: 1, sm: 2 }} bordered>
        <Descriptions.Item label={t('assessment.reviews.member')}>{r.memberName}</Descriptions.Item>
        <Descriptions.Item label={t('assessment.review.department')}>
          {r.departmentName ?? t('assessment.review.noDepartment')}
        </Descriptions.Item>
      </Descriptions>
      {r.sections.map((s, i) => (
        <Card
          key={s.key}
          size="small"
          title={`${NUMERALS[i] ?? i + 1}、${s.title}`}
          data-testid="review-section"
        >
          {s.lines.map((l) => (
            // A section's lines are fixed once assembled and distinct by their words and record.
            <Line key={`${l.text}|${l.href ?? ''}`} line={l} linked={linked} />
          ))}
        </Card>
      ))}
      <Card size="small" title={t('assessment.review.statementTitle')}>
        <Typography.Paragraph style={{ margin: 0, whiteSpace: 'pre-wrap' }}>
          {r.statement || t('assessment.review.noStatement')}
        </Typography.Paragraph>
      </Card>
    </Flex>
  );
}

/** The branch's part as signed: 评语, grade, signature (read-only). */
export function ReviewVerdict({ review: r }: { review: Review }) {
  const t = useT();
  return (
    <Card size="small" title={t('assessment.review.commentTitle')} data-testid="review-verdict">
      <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>
        {r.comment || t('assessment.review.noComment')}
      </Typography.Paragraph>
      <Descriptions size="small" column={1}>
        <Descriptions.Item label={t('assessment.review.gradeTitle')}>
          {r.gradeLabel ?? t('assessment.review.noGrade')}
        </Descriptions.Item>
        <Descriptions.Item label={t('assessment.review.signature')}>
          {r.signedAt
            ? `${r.signedByName ?? ''}　${r.signedAt.slice(0, 10)}`
            : t('assessment.review.notSigned')}
        </Descriptions.Item>
      </Descriptions>
    </Card>
  );
}
