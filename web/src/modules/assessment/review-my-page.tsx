import { Alert, App, Button, Card, Flex, Input, Skeleton, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { type MyReview, REVIEW_STATUS_LABELS, STATEMENT_MAX } from '#contracts/assessment-review';
import { QueryError, useApiError } from '../../components/error-display.tsx';
import { useLabel, useT } from '../../i18n/i18n.tsx';
import { useMyReview, useMyReviews, useSaveStatement } from './review-api.ts';
import { halfYearLabel, STATUS_COLORS } from './review-logic.ts';
import { ReviewVerdict, ReviewView } from './review-view.tsx';

// 我的述评, phone first: one card a half-year. A draft takes the member's optional short statement (the only thing
// they may type); a signed one opens to read. Nothing else is asked of the member: the dossier comes from records.

function Statement({ review: r }: { review: MyReview }) {
  const t = useT();
  const { message } = App.useApp();
  const showError = useApiError();
  const save = useSaveStatement();
  const [text, setText] = useState(r.statement ?? '');
  return (
    <Flex vertical gap={8}>
      <Input.TextArea
        value={text}
        onChange={(e) => setText(e.target.value)}
        maxLength={STATEMENT_MAX}
        showCount
        autoSize={{ minRows: 2, maxRows: 8 }}
        placeholder={t('myReviews.statementPlaceholder')}
        data-testid="my-review-statement"
      />
      <Button
        disabled={text === (r.statement ?? '')}
        loading={save.isPending}
        onClick={() =>
          save.mutate(
            { id: r.id, body: { statement: text.trim() || null, version: r.version } },
            {
              onSuccess: () => message.success(t('assessment.review.saved')),
              onError: (err) => showError(err),
            },
          )
        }
        style={{ alignSelf: 'flex-start' }}
      >
        {t('myReviews.saveStatement')}
      </Button>
    </Flex>
  );
}

export function MyReviewsPage() {
  const t = useT();
  const label = useLabel();
  const list = useMyReviews();
  return (
    <Flex vertical gap={12} style={{ maxWidth: 640 }} data-testid="my-reviews-page">
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('myReviews.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        {t('myReviews.intro')}
      </Typography.Paragraph>
      {list.isLoading && <Skeleton active />}
      {list.error && <QueryError error={list.error} onRetry={() => void list.refetch()} />}
      {list.data?.length === 0 && <Alert type="info" showIcon title={t('myReviews.empty')} />}
      {list.data?.map((r) => (
        <Card
          key={r.id}
          size="small"
          title={`${halfYearLabel(r.halfYear)}　${r.branchName}`}
          extra={<Tag color={STATUS_COLORS[r.status]}>{label(REVIEW_STATUS_LABELS[r.status])}</Tag>}
          data-testid="my-review"
        >
          {r.status === 'draft' ? (
            <Statement review={r} />
          ) : r.status === 'submitted' ? (
            <Typography.Text type="secondary">{t('myReviews.waiting')}</Typography.Text>
          ) : (
            <Flex justify="space-between" align="center" wrap gap={8}>
              <Typography.Text>
                {t('assessment.review.gradeTitle')}：{r.gradeLabel ?? '—'}
              </Typography.Text>
              <Link to={`/me/reviews/${r.id}`}>{t('myReviews.open')}</Link>
            </Flex>
          )}
        </Card>
      ))}
    </Flex>
  );
}

export function MyReviewPage() {
  const t = useT();
  const { id } = useParams();
  const review = useMyReview(id);
  return (
    <Flex vertical gap={12} style={{ maxWidth: 720 }} data-testid="my-review-page">
      <Link to="/me/reviews">{t('myReviews.back')}</Link>
      {review.isLoading && <Skeleton active />}
      {review.error && <QueryError error={review.error} onRetry={() => void review.refetch()} />}
      {review.data && (
        <>
          {/* The member reads the records behind their own lines, not the branch's pages: no links. */}
          <ReviewView review={review.data} linked={false} />
          <ReviewVerdict review={review.data} />
        </>
      )}
    </Flex>
  );
}
