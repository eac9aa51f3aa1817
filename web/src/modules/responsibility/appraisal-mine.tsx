import { App, Button, Card, Empty, Form, Input, Radio, Space, Tag, Typography } from 'antd';
import type { Appraisal, Grade } from '#contracts/handover';
import { useSession } from '../../app/session.tsx';
import { QueryError, useApiError } from '../../components/error-display.tsx';
import { useT } from '../../i18n/i18n.tsx';
import { APPRAISAL_STATUS, AppraisalLines, GRADE_KEYS } from './appraisal-lines.tsx';
import { appraisalRole, mayRate } from './duty-logic.ts';
import {
  useMyAppraisals,
  useRateAppraisal,
  useSaveAppraisal,
  useSubmitAppraisal,
} from './responsibility-me-api.ts';

const GRADES: readonly Grade[] = ['good', 'fair', 'average', 'poor'];

/** 述职评议 on a phone: one's own year-end report to finish and submit, and the reports one is asked to grade. */
export function AppraisalMine() {
  const t = useT();
  const session = useSession();
  const memberId = session.user.memberId;
  const appraisals = useMyAppraisals();
  if (appraisals.isError)
    return <QueryError error={appraisals.error} onRetry={() => void appraisals.refetch()} />;
  if (!appraisals.data) return <Card loading />;
  if (appraisals.data.length === 0)
    return (
      <Card>
        <Empty description={t('myAppraisal.empty')} data-testid="appraisal-empty" />
      </Card>
    );
  const own = appraisals.data.filter((a) => appraisalRole(a, memberId) === 'author');
  const toRate = appraisals.data.filter((a) => appraisalRole(a, memberId) === 'rater');
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="appraisal-mine">
      {own.map((a) => (
        <AuthorCard key={a.id} appraisal={a} />
      ))}
      {toRate.map((a) => (
        <RaterCard key={a.id} appraisal={a} memberId={memberId} />
      ))}
    </Space>
  );
}

function StatusTag({ status }: { status: Appraisal['status'] }) {
  const t = useT();
  return <Tag color={APPRAISAL_STATUS[status].colour}>{t(APPRAISAL_STATUS[status].key)}</Tag>;
}

function Result({ appraisal }: { appraisal: Appraisal }) {
  const t = useT();
  const { result } = appraisal;
  if (!result) return null;
  return (
    <Typography.Paragraph data-testid="appraisal-result">
      <Typography.Text strong>
        {result.grade
          ? t('myAppraisal.result', { grade: t(GRADE_KEYS[result.grade]) })
          : t('myAppraisal.resultPending')}
      </Typography.Text>
      <br />
      <Typography.Text type="secondary">
        {t('myAppraisal.resultCounts', {
          good: result.good,
          fair: result.fair,
          average: result.average,
          poor: result.poor,
        })}
      </Typography.Text>
    </Typography.Paragraph>
  );
}

function AuthorCard({ appraisal }: { appraisal: Appraisal }) {
  const t = useT();
  const { message, modal } = App.useApp();
  const showError = useApiError();
  const save = useSaveAppraisal();
  const submit = useSubmitAppraisal();
  const [form] = Form.useForm<{ summary: string }>();
  const draft = appraisal.status === 'draft';

  // Saving first keeps what was typed; the version the save returns is the one the submission must carry.
  const saveThenSubmit = () =>
    modal.confirm({
      title: t('myAppraisal.submit'),
      content: t('myAppraisal.submitConfirm'),
      okButtonProps: { size: 'large' },
      cancelButtonProps: { size: 'large' },
      onOk: async () => {
        try {
          const saved = await save.mutateAsync({
            id: appraisal.id,
            summary: form.getFieldValue('summary') ?? '',
            version: appraisal.version,
          });
          await submit.mutateAsync({ id: appraisal.id, version: saved.version });
          void message.success(t('myAppraisal.submitted'));
        } catch (err) {
          showError(err, form);
        }
      },
    });

  return (
    <Card
      data-testid="appraisal-author"
      title={
        <Space wrap>
          <span>{t('myAppraisal.mine')}</span>
          <StatusTag status={appraisal.status} />
        </Space>
      }
    >
      <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
        {appraisal.listTitle}
      </Typography.Paragraph>
      {draft ? (
        <Form
          form={form}
          layout="vertical"
          initialValues={{ summary: appraisal.summary }}
          onFinish={(v) =>
            save.mutate(
              { id: appraisal.id, summary: v.summary, version: appraisal.version },
              {
                onSuccess: () => void message.success(t('myAppraisal.saved')),
                onError: (err) => showError(err, form),
              },
            )
          }
        >
          <Form.Item name="summary" label={t('myAppraisal.summary')} extra={t('myAppraisal.summaryHint')}>
            <Input.TextArea
              autoSize={{ minRows: 6, maxRows: 16 }}
              maxLength={20000}
              data-testid="appraisal-summary"
            />
          </Form.Item>
          <div style={{ display: 'flex', gap: 8, marginBottom: 12 }}>
            <Button size="large" htmlType="submit" loading={save.isPending} style={{ flex: 1 }}>
              {t('myAppraisal.save')}
            </Button>
            <Button
              type="primary"
              size="large"
              loading={submit.isPending}
              style={{ flex: 1 }}
              data-testid="appraisal-submit"
              onClick={saveThenSubmit}
            >
              {t('myAppraisal.submit')}
            </Button>
          </div>
        </Form>
      ) : (
        <>
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{appraisal.summary}</Typography.Paragraph>
          <Result appraisal={appraisal} />
        </>
      )}
      <AppraisalLines lines={appraisal.lines} />
    </Card>
  );
}

function RaterCard({ appraisal, memberId }: { appraisal: Appraisal; memberId: string | null }) {
  const t = useT();
  const own = appraisal.raters.find((r) => r.memberId === memberId);
  return (
    <Card
      data-testid="appraisal-rater"
      title={
        <Space wrap>
          <span>
            {t('myAppraisal.toRate')} · {appraisal.authorName}
          </span>
          <StatusTag status={appraisal.status} />
        </Space>
      }
    >
      <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
        {appraisal.listTitle}
      </Typography.Paragraph>
      <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }} ellipsis={{ rows: 8, expandable: true }}>
        {appraisal.summary}
      </Typography.Paragraph>
      <AppraisalLines lines={appraisal.lines} />
      <div style={{ marginTop: 12 }}>
        {appraisal.status === 'draft' ? (
          <Typography.Text type="secondary">{t('myAppraisal.notSubmitted')}</Typography.Text>
        ) : own?.grade ? (
          <Typography.Text strong data-testid="appraisal-own-grade">
            {t('myAppraisal.yourGrade', { grade: t(GRADE_KEYS[own.grade]) })}
          </Typography.Text>
        ) : mayRate(appraisal, memberId) ? (
          <RateForm appraisal={appraisal} />
        ) : null}
      </div>
    </Card>
  );
}

function RateForm({ appraisal }: { appraisal: Appraisal }) {
  const t = useT();
  const { message } = App.useApp();
  const showError = useApiError();
  const rate = useRateAppraisal();
  const [form] = Form.useForm<{ grade: Grade; comment?: string }>();
  return (
    <Form
      form={form}
      layout="vertical"
      data-testid="appraisal-rate-form"
      onFinish={(v) =>
        rate.mutate(
          { id: appraisal.id, grade: v.grade, comment: v.comment?.trim() || undefined },
          {
            onSuccess: () => void message.success(t('myAppraisal.rated')),
            onError: (err) => showError(err, form),
          },
        )
      }
    >
      <Form.Item
        name="grade"
        label={t('myAppraisal.grade')}
        rules={[{ required: true, message: t('myAppraisal.gradeRequired') }]}
      >
        <Radio.Group
          optionType="button"
          buttonStyle="solid"
          size="large"
          style={{ display: 'flex', width: '100%' }}
          options={GRADES.map((g) => ({
            value: g,
            label: t(GRADE_KEYS[g]),
            style: { flex: 1, textAlign: 'center' },
          }))}
          data-testid="appraisal-grade"
        />
      </Form.Item>
      <Form.Item name="comment" label={t('myAppraisal.comment')}>
        <Input.TextArea rows={3} maxLength={500} showCount />
      </Form.Item>
      <Button
        type="primary"
        size="large"
        block
        htmlType="submit"
        loading={rate.isPending}
        data-testid="appraisal-rate"
      >
        {t('myAppraisal.rate')}
      </Button>
    </Form>
  );
}
