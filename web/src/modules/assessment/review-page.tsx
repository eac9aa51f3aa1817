import {
  ArrowLeftOutlined,
  CheckOutlined,
  FileWordOutlined,
  PrinterOutlined,
  SendOutlined,
  UserOutlined,
} from '@ant-design/icons';
import { Alert, App, Button, Card, Flex, Input, Popconfirm, Select, Space, Tag } from 'antd';
import { useEffect, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import {
  COMMENT_MAX,
  REVIEW_GRADES,
  REVIEW_STATUS_LABELS,
  type Review,
  type ReviewGrade,
} from '#contracts/assessment-review';
import { QueryError, useApiError } from '../../components/error-display.tsx';
import { PageSpin } from '../../components/page-spin.tsx';
import { useLabel, useT } from '../../i18n/i18n.tsx';
import { downloadReviewDocx, usePatchReview, useReview, useReviewStep } from './review-api.ts';
import { editable, nextStep, STATUS_COLORS } from './review-logic.ts';
import { ReviewVerdict, ReviewView } from './review-view.tsx';

// One member's dossier, one printable page. While not signed the branch writes the 评语 and grade and takes it a step
// on (submit to the branch, then sign — confirmed, since signing freezes it); once signed it reads frozen, can be
// shown to the member, printed or downloaded as Word. The server decides who may write; its refusals are shown.

// On paper: the page alone, on one A4 sheet — the app's frame and the writing controls left out, cards as plain blocks.
const PRINT_CSS = `
@media print {
  @page { size: A4; margin: 15mm 15mm; }
  .ant-layout-header, .ant-layout-sider, .no-print { display: none !important; }
  .ant-layout, .ant-layout-content { padding: 0 !important; margin: 0 !important; background: #fff !important; }
  [data-testid="review-page"] { max-width: none !important; font-size: 12px; }
  [data-testid="review-page"] .ant-card { box-shadow: none !important; break-inside: avoid; }
}
`;

const DONE = {
  submit: 'assessment.review.saved',
  sign: 'assessment.review.signed',
  show: 'assessment.review.shown',
} as const;
const STEP_ICONS = { submit: <SendOutlined />, sign: <CheckOutlined />, show: <UserOutlined /> };

function Completion({ review: r }: { review: Review }) {
  const t = useT();
  const { message } = App.useApp();
  const showError = useApiError();
  const patch = usePatchReview();
  const [comment, setComment] = useState(r.comment ?? '');
  const [grade, setGrade] = useState<ReviewGrade | null>((r.grade as ReviewGrade | null) ?? null);
  useEffect(() => {
    setComment(r.comment ?? '');
    setGrade((r.grade as ReviewGrade | null) ?? null);
  }, [r.comment, r.grade]);
  const dirty = comment !== (r.comment ?? '') || grade !== r.grade;
  const save = () =>
    patch.mutate(
      { id: r.id, body: { comment: comment.trim() || null, grade, version: r.version } },
      { onSuccess: () => message.success(t('assessment.review.saved')), onError: (err) => showError(err) },
    );
  return (
    <Card size="small" title={t('assessment.review.commentTitle')} className="no-print">
      <Flex vertical gap={8}>
        <Input.TextArea
          value={comment}
          onChange={(e) => setComment(e.target.value)}
          maxLength={COMMENT_MAX}
          showCount
          autoSize={{ minRows: 3, maxRows: 10 }}
          placeholder={t('assessment.review.commentHint')}
          data-testid="review-comment"
        />
        <Flex wrap gap={8} align="center">
          <Select<ReviewGrade>
            value={grade ?? undefined}
            onChange={setGrade}
            placeholder={t('assessment.review.gradeTitle')}
            options={REVIEW_GRADES.map((g) => ({ value: g.grade, label: g.label }))}
            style={{ width: 140 }}
            data-testid="review-grade"
          />
          <Button
            type="primary"
            disabled={!dirty}
            loading={patch.isPending}
            onClick={save}
            data-testid="review-save"
          >
            {t('assessment.review.save')}
          </Button>
        </Flex>
      </Flex>
    </Card>
  );
}

function StepButton({ review: r }: { review: Review }) {
  const t = useT();
  const { message } = App.useApp();
  const showError = useApiError();
  const step = useReviewStep();
  const next = nextStep(r.status);
  if (!next) return null;
  const go = () =>
    step.mutate(
      { id: r.id, step: next, version: r.version },
      {
        onSuccess: () => message.success(t(DONE[next])),
        onError: (err) => showError(err),
      },
    );
  // Showing is not confirmed: it only lets the member read what is already frozen.
  const button = (
    <Button
      type={next === 'sign' ? 'primary' : 'default'}
      icon={STEP_ICONS[next]}
      loading={step.isPending}
      onClick={next === 'show' ? go : undefined}
      data-testid={`review-${next}`}
    >
      {t(`assessment.review.${next}`)}
    </Button>
  );
  if (next === 'show') return button;
  return (
    <Popconfirm
      title={t(next === 'sign' ? 'assessment.review.signConfirm' : 'assessment.review.submitConfirm')}
      onConfirm={go}
    >
      {button}
    </Popconfirm>
  );
}

export function ReviewPage() {
  const t = useT();
  const label = useLabel();
  const showError = useApiError();
  const { id } = useParams();
  const review = useReview(id);
  const r = review.data;
  if (review.isLoading) return <PageSpin />;
  if (review.isError || !r) return <QueryError error={review.error} onRetry={() => void review.refetch()} />;
  const back = `/assessment/reviews?branchId=${r.branchId}&halfYear=${r.halfYear}`;
  return (
    <Flex vertical gap={12} style={{ maxWidth: 860 }} data-testid="review-page">
      <style>{PRINT_CSS}</style>
      <Flex wrap gap={8} justify="space-between" align="center" className="no-print">
        <Link to={back}>
          <ArrowLeftOutlined /> {t('assessment.review.back')}
        </Link>
        <Space wrap>
          <Tag color={STATUS_COLORS[r.status]}>{label(REVIEW_STATUS_LABELS[r.status])}</Tag>
          <StepButton review={r} />
          <Button icon={<PrinterOutlined />} onClick={() => window.print()}>
            {t('assessment.review.print')}
          </Button>
          <Button icon={<FileWordOutlined />} onClick={() => void downloadReviewDocx(r).catch(showError)}>
            {t('assessment.review.docx')}
          </Button>
        </Space>
      </Flex>
      <Alert
        className="no-print"
        type={r.frozen ? 'success' : 'info'}
        showIcon
        title={
          r.frozen
            ? t('assessment.review.frozen', { at: r.signedAt?.slice(0, 10) ?? '', by: r.signedByName ?? '' })
            : `${t('assessment.review.draftHint')} ${t('assessment.review.assembledAt', { at: r.assembledAt.slice(0, 16).replace('T', ' ') })}`
        }
      />
      <ReviewView review={r} />
      {editable(r.status) && <Completion review={r} />}
      <ReviewVerdict review={r} />
    </Flex>
  );
}
