import { ArrowLeftOutlined, LeftOutlined, RightOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Input, Popconfirm, Radio, Slider, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { RATING_CHOICES, type RatingChoice, type RatingForm } from '#contracts/assessment-rating';
import { QueryError, useApiError } from '../../components/error-display.tsx';
import { PageSpin } from '../../components/page-spin.tsx';
import { useScreens } from '../../components/use-screens.ts';
import { useT } from '../../i18n/i18n.tsx';
import { useRatingForm, useSaveRatingDraft, useSubmitRating } from './rating-api.ts';
import { answeredCount, answerScore, answersOf, type Draft, draftKey, draftOf } from './rating-logic.ts';

// The rater's form (issue 12 point 10), phone first: one subject per screen, each rated leaf with its name and note,
// four big buttons 好 / 较好 / 一般 / 差 (or a score on a slider), an optional comment; a draft saved as often as
// wanted, the whole submitted once every subject and leaf has an answer. On a wide screen the same, wider.

function LeafAnswer({
  leaf,
  value,
  onChange,
  disabled,
}: {
  leaf: RatingForm['leaves'][number];
  value: Draft extends Map<string, infer V> ? V | undefined : never;
  onChange: (v: { score?: number; choice?: RatingChoice; comment?: string }) => void;
  disabled: boolean;
}) {
  const t = useT();
  const [slider, setSlider] = useState(value?.score !== undefined && !value.choice);
  const comment = value?.comment ? { comment: value.comment } : {};
  return (
    <Card size="small" data-testid={`rating-leaf-${leaf.key}`}>
      <Typography.Text strong style={{ fontSize: 16 }}>
        {leaf.name}
      </Typography.Text>
      {leaf.note && (
        <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
          {leaf.note}
        </Typography.Paragraph>
      )}
      {slider ? (
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Slider
            min={0}
            max={100}
            value={value?.score ?? 80}
            disabled={disabled}
            onChange={(score) => onChange({ score, ...comment })}
          />
          <Typography.Text>
            {t('assessment.rating.score')}：{value?.score ?? '—'}
          </Typography.Text>
        </Space>
      ) : (
        <Radio.Group
          value={value?.choice}
          disabled={disabled}
          onChange={(e) => onChange({ choice: e.target.value as RatingChoice, ...comment })}
          optionType="button"
          buttonStyle="solid"
          size="large"
          style={{ display: 'grid', gridTemplateColumns: 'repeat(4, 1fr)', gap: 8, width: '100%' }}
        >
          {RATING_CHOICES.map((c) => (
            <Radio.Button
              key={c}
              value={c}
              style={{ textAlign: 'center', minHeight: 48, lineHeight: '46px' }}
            >
              {t(`assessment.rating.choice.${c}`)}
            </Radio.Button>
          ))}
        </Radio.Group>
      )}
      <Space wrap style={{ marginTop: 8, justifyContent: 'space-between', width: '100%' }}>
        <Button
          type="link"
          size="small"
          disabled={disabled}
          onClick={() => setSlider(!slider)}
          style={{ paddingInline: 0 }}
        >
          {slider ? t('assessment.rating.useChoice') : t('assessment.rating.useScore')}
        </Button>
        <Typography.Text type="secondary">{answerScore(value) ?? ''}</Typography.Text>
      </Space>
      <Input.TextArea
        rows={2}
        maxLength={500}
        disabled={disabled}
        placeholder={t('assessment.rating.comment')}
        value={value?.comment ?? ''}
        onChange={(e) => onChange({ ...(value ?? {}), comment: e.target.value })}
        style={{ marginTop: 8 }}
      />
    </Card>
  );
}

export function RatingFormPage() {
  const t = useT();
  const { id = '' } = useParams();
  const { message } = App.useApp();
  const showError = useApiError();
  const screens = useScreens();
  const form = useRatingForm(id);
  const save = useSaveRatingDraft(id);
  const submit = useSubmitRating(id);
  const [draft, setDraft] = useState<Draft>(new Map());
  const [at, setAt] = useState(0);
  useEffect(() => {
    if (form.data) setDraft(draftOf(form.data));
  }, [form.data]);

  if (form.isError) return <QueryError error={form.error} onRetry={() => void form.refetch()} />;
  if (form.isPending) return <PageSpin />;
  const f = form.data;
  const closed = f.status === 'closed';
  const subject = f.subjectList[Math.min(at, f.subjectList.length - 1)];
  const total = f.subjectList.length * f.leaves.length;
  const done = answeredCount(f, draft);
  const set = (leafKey: string, v: { score?: number; choice?: RatingChoice; comment?: string }) =>
    subject && setDraft(new Map(draft).set(draftKey(subject.id, leafKey), v));

  return (
    <Space
      orientation="vertical"
      size="middle"
      style={{ width: '100%', maxWidth: 720, marginInline: 'auto', paddingBottom: 72 }}
      data-testid="rating-form-page"
    >
      <Link to="/assessment/my-ratings">
        <ArrowLeftOutlined /> {t('assessment.rating.mine')}
      </Link>
      <Typography.Title level={screens.md ? 4 : 5} style={{ margin: 0 }}>
        {f.cycleName}
      </Typography.Title>
      <Alert
        type={closed ? 'warning' : 'info'}
        showIcon
        title={
          closed
            ? t('assessment.rating.closedNote')
            : f.submittedAt
              ? t('assessment.rating.submittedNote')
              : f.anonymous
                ? t('assessment.rating.anonymousNote')
                : t('assessment.rating.namedNote')
        }
      />
      {subject && (
        <>
          <Space style={{ justifyContent: 'space-between', width: '100%' }}>
            <Button
              size="large"
              icon={<LeftOutlined />}
              aria-label={t('assessment.rating.prev')}
              data-testid="rating-prev"
              disabled={at === 0}
              onClick={() => setAt(at - 1)}
            >
              {screens.sm ? t('assessment.rating.prev') : null}
            </Button>
            <Space orientation="vertical" size={0} style={{ textAlign: 'center' }}>
              <Typography.Text strong style={{ fontSize: 17 }} data-testid="rating-subject">
                {subject.name}
              </Typography.Text>
              <Typography.Text type="secondary">
                {t('assessment.rating.of', { i: at + 1, n: f.subjectList.length })}
              </Typography.Text>
            </Space>
            <Button
              size="large"
              icon={<RightOutlined />}
              aria-label={t('assessment.rating.next')}
              data-testid="rating-next"
              iconPlacement="end"
              disabled={at >= f.subjectList.length - 1}
              onClick={() => setAt(at + 1)}
            >
              {screens.sm ? t('assessment.rating.next') : null}
            </Button>
          </Space>
          {f.leaves.map((l) => (
            <LeafAnswer
              key={`${subject.id}/${l.key}`}
              leaf={l}
              value={draft.get(draftKey(subject.id, l.key))}
              onChange={(v) => set(l.key, v)}
              disabled={closed}
            />
          ))}
        </>
      )}
      {!closed && (
        <Card
          size="small"
          style={{ position: 'sticky', bottom: 0, zIndex: 2 }}
          styles={{ body: { display: 'flex', gap: 8, alignItems: 'center', flexWrap: 'wrap' } }}
        >
          <Typography.Text type={done < total ? 'warning' : 'success'} style={{ flex: '1 1 auto' }}>
            {done < total
              ? t('assessment.rating.incomplete', { n: total - done })
              : t('assessment.rating.count', { answered: done, toGive: total })}
          </Typography.Text>
          {!f.submittedAt && (
            <Button
              size="large"
              loading={save.isPending}
              data-testid="rating-save"
              onClick={() =>
                save.mutate(answersOf(draft), {
                  onSuccess: () => message.success(t('assessment.rating.draftSaved')),
                  onError: (e) => showError(e),
                })
              }
            >
              {t('assessment.rating.saveDraft')}
            </Button>
          )}
          <Popconfirm
            title={t('assessment.rating.submitConfirm')}
            disabled={done < total}
            onConfirm={() =>
              submit.mutate(answersOf(draft), {
                onSuccess: () => message.success(t('assessment.rating.submitDone')),
                onError: (e) => showError(e),
              })
            }
          >
            <Button
              type="primary"
              size="large"
              disabled={done < total}
              loading={submit.isPending}
              data-testid="rating-submit"
            >
              {t('assessment.rating.submit')}
            </Button>
          </Popconfirm>
        </Card>
      )}
    </Space>
  );
}
