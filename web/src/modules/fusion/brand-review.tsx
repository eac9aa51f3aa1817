import {
  App,
  Card,
  DatePicker,
  Form,
  Input,
  InputNumber,
  Modal,
  Radio,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import type { Dayjs } from 'dayjs';
import {
  BRAND_ELEMENT_LABELS,
  BRAND_STATUS_LABELS,
  BRAND_STATUSES,
  type Brand,
  type BrandElement,
  type BrandReview,
  type BrandStatus,
} from '#contracts/fusion-brand';
import { isStaleVersion } from '../../api/http.ts';
import { today, toIsoDate } from '../../components/dates.ts';
import { useApiError } from '../../components/error-display.tsx';
import { useLabel, useT } from '../../i18n/i18n.tsx';
import {
  allowedStatuses,
  ELEMENTS,
  overMaximum,
  RUBRIC,
  rubricTotal,
  suggestedStatus,
} from './brand-logic.ts';
import { useReviewBrand } from './fusion-brand-api.ts';
import { BRAND_STATUS_COLOUR } from './fusion-labels.ts';

// The organ committee's annual review: points per element against the rubric (the total adds up as they are typed),
// the status the points and the six haves allow, a rectification deadline for a brand to be rectified; and the
// reviews so far.

type Values = {
  year: number;
  scores: Record<BrandElement, number | null>;
  status: BrandStatus;
  comment: string;
  rectifyBy: Dayjs | null;
};

export function ReviewDialog({ brand, onClose }: { brand: Brand; onClose: () => void }) {
  const t = useT();
  const label = useLabel();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const review = useReviewBrand();
  const showError = useApiError();
  const scores = Form.useWatch('scores', form) ?? {};
  const status = Form.useWatch('status', form);
  const total = rubricTotal(scores);
  const complete = brand.missing.length === 0;
  const allowed = allowedStatuses(total, complete);
  const over = overMaximum(scores);
  const onFinish = (v: Values) =>
    review.mutate(
      {
        id: brand.id,
        body: {
          year: v.year,
          scores: Object.fromEntries(ELEMENTS.map((e) => [e, v.scores[e] ?? 0])) as Record<
            BrandElement,
            number
          >,
          status: v.status,
          comment: v.comment.trim() || null,
          rectifyBy: v.status === 'rectifying' ? toIsoDate(v.rectifyBy) : null,
          version: brand.version,
        },
      },
      {
        onSuccess: () => {
          message.success(t('fusion.review.done'));
          onClose();
        },
        onError: (err) => {
          showError(err, form);
          if (isStaleVersion(err)) onClose();
        },
      },
    );
  return (
    <Modal
      open
      title={t('fusion.review.title', { name: brand.name })}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('fusion.review.submit')}
      okButtonProps={{ 'data-testid': 'review-save', disabled: over.length > 0 }}
      confirmLoading={review.isPending}
      destroyOnHidden
    >
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={onFinish}
        initialValues={{
          year: today().year(),
          scores: Object.fromEntries(ELEMENTS.map((e) => [e, null])),
          status: 'cultivating',
          comment: '',
          rectifyBy: null,
        }}
      >
        <Form.Item name="year" label={t('fusion.review.year')}>
          <InputNumber min={2000} max={today().year()} style={{ width: 120 }} />
        </Form.Item>
        <div
          style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(150px, 1fr))', gap: 8 }}
        >
          {ELEMENTS.map((e) => (
            <Form.Item
              key={e}
              name={['scores', e]}
              label={t('fusion.review.score', { element: label(BRAND_ELEMENT_LABELS[e]), max: RUBRIC[e] })}
              validateStatus={over.includes(e) ? 'error' : undefined}
              help={over.includes(e) ? t('fusion.review.over', { max: RUBRIC[e] }) : undefined}
            >
              <InputNumber
                min={0}
                precision={0}
                style={{ width: '100%' }}
                data-testid={`review-score-${e}`}
              />
            </Form.Item>
          ))}
        </div>
        <Typography.Paragraph data-testid="review-total">
          {t('fusion.review.total', { total })}
          {!complete && <Typography.Text type="warning"> {t('fusion.review.incomplete')}</Typography.Text>}
        </Typography.Paragraph>
        <Form.Item
          name="status"
          label={t('fusion.status')}
          extra={t('fusion.review.suggested', {
            status: label(BRAND_STATUS_LABELS[suggestedStatus(total, complete)]),
          })}
        >
          <Radio.Group data-testid="review-status">
            {BRAND_STATUSES.map((s) => (
              <Radio key={s} value={s} disabled={!allowed[s]} data-testid={`review-status-${s}`}>
                {label(BRAND_STATUS_LABELS[s])}
              </Radio>
            ))}
          </Radio.Group>
        </Form.Item>
        {status === 'rectifying' && (
          <Form.Item
            name="rectifyBy"
            label={t('fusion.review.rectifyBy')}
            rules={[{ required: true, message: t('fusion.review.rectifyByRequired') }]}
          >
            <DatePicker
              style={{ width: '100%' }}
              disabledDate={(d) => !d.isAfter(today(), 'day')}
              data-testid="review-rectify-by"
            />
          </Form.Item>
        )}
        <Form.Item name="comment" label={t('fusion.review.comment')}>
          <Input.TextArea rows={3} maxLength={1000} showCount data-testid="review-comment" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export function ReviewHistory({ brand }: { brand: Brand }) {
  const t = useT();
  const label = useLabel();
  return (
    <Card size="small" title={t('fusion.review.history')} data-testid="brand-reviews">
      <Table<BrandReview>
        size="small"
        rowKey={(r) => r.id}
        dataSource={brand.reviews}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: t('fusion.brand.notReviewed') }}
        columns={[
          { key: 'year', title: t('fusion.review.year'), render: (_, r) => r.year },
          { key: 'total', title: t('fusion.review.points'), render: (_, r) => r.total },
          {
            key: 'status',
            title: t('fusion.status'),
            render: (_, r) => (
              <Space size={4} wrap>
                <Tag color={BRAND_STATUS_COLOUR[r.status]}>{label(BRAND_STATUS_LABELS[r.status])}</Tag>
                {r.rectifyBy && t('fusion.brand.rectifyBy', { date: r.rectifyBy })}
              </Space>
            ),
          },
          {
            key: 'by',
            title: t('fusion.review.by'),
            render: (_, r) => `${r.reviewedOn}${r.reviewedByName ? ` · ${r.reviewedByName}` : ''}`,
          },
          { key: 'comment', title: t('fusion.review.comment'), render: (_, r) => r.comment ?? '—' },
        ]}
      />
    </Card>
  );
}
