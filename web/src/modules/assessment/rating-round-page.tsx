import { ArrowLeftOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Popconfirm, Space, Tag, Typography } from 'antd';
import { Link, useParams } from 'react-router-dom';
import { QueryError, useApiError } from '../../components/error-display.tsx';
import { PageSpin } from '../../components/page-spin.tsx';
import { useT } from '../../i18n/i18n.tsx';
import { useCycle } from './assessment-api.ts';
import { useCycleRating, useMoveRound } from './rating-api.ts';
import { RatersPanel } from './rating-raters-panel.tsx';
import { RoundForm } from './rating-round-form.tsx';

// 评价 on a cycle, for its organiser (issue 12 point 2): the round's set-up, its raters by group and the progress
// with a reminder; opened for answers when the raters are in, closed at the end.

export function RatingRoundPage() {
  const t = useT();
  const { id } = useParams();
  const showError = useApiError();
  const cycle = useCycle(id).data;
  const rating = useCycleRating(id);
  const move = useMoveRound();
  const round = rating.data?.round ?? null;
  const status = round ? (
    <Tag color={round.status === 'open' ? 'green' : round.status === 'closed' ? 'default' : 'gold'}>
      {t(`assessment.rating.status.${round.status}`)}
    </Tag>
  ) : null;

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="rating-round-page">
      <Card
        title={
          <Space wrap style={{ whiteSpace: 'normal' }}>
            {t('assessment.rating.title')}
            {status}
          </Space>
        }
        extra={
          <Link to={`/assessment/cycles/${id}`}>
            <ArrowLeftOutlined /> {t('assessment.rating.back')}
          </Link>
        }
      >
        {cycle && <Typography.Paragraph strong>{cycle.name}</Typography.Paragraph>}
        <Typography.Paragraph type="secondary">{t('assessment.rating.intro')}</Typography.Paragraph>
        {round && round.status !== 'closed' && (
          <Space wrap>
            {round.status === 'draft' ? (
              <Button
                type="primary"
                loading={move.isPending}
                data-testid="rating-open"
                onClick={() =>
                  move.mutate(
                    { id: round.id, to: 'open', version: round.version },
                    { onError: (e) => showError(e) },
                  )
                }
              >
                {t('assessment.rating.open')}
              </Button>
            ) : (
              <Popconfirm
                title={t('assessment.rating.closeConfirm')}
                onConfirm={() =>
                  move.mutate(
                    { id: round.id, to: 'close', version: round.version },
                    { onError: (e) => showError(e) },
                  )
                }
              >
                <Button danger loading={move.isPending} data-testid="rating-close">
                  {t('assessment.rating.close')}
                </Button>
              </Popconfirm>
            )}
          </Space>
        )}
      </Card>
      {rating.isError ? (
        <QueryError error={rating.error} onRetry={() => void rating.refetch()} />
      ) : rating.isPending || !id ? (
        <PageSpin />
      ) : rating.data.ratedLeaves.length === 0 ? (
        <Alert type="info" showIcon title={t('assessment.rating.noLeaves')} />
      ) : (
        <>
          <Card title={t('assessment.rating.title')}>
            {!round && (
              <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t('assessment.rating.none')} />
            )}
            <RoundForm
              key={`${round?.id ?? 'new'}-${round?.version ?? 0}`}
              cycleId={id}
              rating={rating.data}
            />
          </Card>
          {round && (
            <Card title={`${t('assessment.rating.raters')} · ${t('assessment.rating.progress')}`}>
              <RatersPanel round={round} />
            </Card>
          )}
        </>
      )}
    </Space>
  );
}
