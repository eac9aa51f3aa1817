// A warning (issue 13 point 2): its level, organisation, the rule in words, the data, the deadline, what returns the
// organisation to green, where it stands on the ladder, the answer (or the form for those who answer), an approved
// exception, and the history. The notification's link (/warnings/:id) lands here; a secretary reads it on a phone.
import { ArrowLeftOutlined } from '@ant-design/icons';
import {
  App,
  Button,
  Card,
  DatePicker,
  Descriptions,
  Form,
  Input,
  Modal,
  Space,
  Spin,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import type { WarningDetail } from '#contracts/warning';
import { RULE_KIND_LABELS, WARNING_STATUS_LABELS } from '#contracts/warning';
import { useCan } from '../../app/session.tsx';
import { formatDateTime, today, toIsoDate } from '../../components/dates.ts';
import { QueryError, useApiError } from '../../components/error-display.tsx';
import { useScreens } from '../../components/use-screens.ts';
import { useLabel } from '../../i18n/i18n.tsx';
import { AnswerForm } from './answer-form.tsx';
import { useCreateException, useWarning } from './warning-api.ts';
import { useWT } from './warning-i18n.ts';
import { isAppPath, LEVEL_COLOUR } from './warning-logic.ts';
import { LevelTag, ReturnSteps } from './warning-parts.tsx';

export function WarningDetailPage() {
  const t = useWT();
  const label = useLabel();
  const can = useCan();
  const screens = useScreens();
  const { id } = useParams();
  const q = useWarning(id);
  const [again, setAgain] = useState(false);
  const w = q.data;
  if (q.isError) return <QueryError error={q.error} onRetry={() => void q.refetch()} />;
  if (!w) return <Spin style={{ display: 'block', margin: 48 }} />;
  const live = w.status !== 'cleared';
  const mayAnswer = can('warning.answer') && live && (!w.answer || w.answer.lapsed || again);

  return (
    <Space
      orientation="vertical"
      size="middle"
      style={{ width: '100%', maxWidth: 960 }}
      data-testid="warning-detail"
    >
      <Link to="/warnings">
        <ArrowLeftOutlined /> {t('warning.detail.back')}
      </Link>
      <Card
        style={{ borderTop: `4px solid ${LEVEL_COLOUR[w.level]}` }}
        title={
          <Space wrap style={{ whiteSpace: 'normal' }}>
            <LevelTag level={w.level} testId="warning-detail-level" />
            <span data-testid="warning-detail-title">
              {w.partyOrgName} · {label(RULE_KIND_LABELS[w.kind])}
            </span>
            <Tag data-testid="warning-detail-status">{label(WARNING_STATUS_LABELS[w.status])}</Tag>
          </Space>
        }
      >
        <Descriptions
          column={1}
          size="small"
          layout={screens.sm === false ? 'vertical' : 'horizontal'}
          styles={{ label: { width: screens.sm === false ? undefined : 110 } }}
          items={[
            { key: 'org', label: t('warning.detail.org'), children: w.partyOrgName },
            {
              key: 'rule',
              label: t('warning.detail.rule'),
              children: <span data-testid="warning-detail-rule">{w.rule}</span>,
            },
            {
              key: 'data',
              label: t('warning.detail.data'),
              children: <span data-testid="warning-detail-data">{w.data}</span>,
            },
            {
              key: 'deadline',
              label: t('warning.detail.deadline'),
              children: <Typography.Text strong>{w.deadline ?? t('warning.detail.noDate')}</Typography.Text>,
            },
            {
              key: 'raised',
              label: w.raisedOn ? t('warning.detail.raisedOn') : t('warning.detail.firstSeen'),
              children: w.raisedOn ?? w.firstSeenOn,
            },
            ...(w.clearedOn
              ? [{ key: 'cleared', label: t('warning.detail.clearedOn'), children: w.clearedOn }]
              : []),
          ]}
        />
      </Card>

      <Card size="small" title={t('warning.detail.returns')} data-testid="warning-detail-returns">
        {w.returns.length > 0 ? (
          <ReturnSteps steps={w.returns} />
        ) : (
          <Typography.Text type="secondary">{t('warning.detail.returnsNone')}</Typography.Text>
        )}
      </Card>

      <Card size="small" title={t('warning.detail.ladder')}>
        <Space orientation="vertical" size={2}>
          <Typography.Text data-testid="warning-detail-step">
            {t('warning.detail.step', { label: w.stepLabel })}
          </Typography.Text>
          <Typography.Text type="secondary">
            {w.nextStepOn ? t('warning.detail.nextStep', { date: w.nextStepOn }) : t('warning.detail.noNext')}
          </Typography.Text>
        </Space>
      </Card>

      <Card size="small" title={t('warning.detail.answer')} data-testid="warning-detail-answer">
        <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
          {w.answer ? (
            <div data-testid="warning-answer-shown">
              <Space wrap size={6}>
                <Tag color={w.answer.lapsed ? 'orange' : 'green'}>
                  {t(`warning.answer.kind.${w.answer.kind}`)}
                </Tag>
                {w.answer.planDue && (
                  <Typography.Text>{t('warning.handling.plan', { due: w.answer.planDue })}</Typography.Text>
                )}
              </Space>
              <Typography.Paragraph
                style={{ whiteSpace: 'pre-wrap', margin: '8px 0 4px' }}
                data-testid="warning-answer-note-shown"
              >
                {w.answer.note}
              </Typography.Paragraph>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('warning.detail.answerBy', { name: w.answer.byName ?? '—', on: w.answer.on.slice(0, 10) })}
              </Typography.Text>
              {w.answer.lapsed && (
                <Typography.Text type="warning" style={{ display: 'block' }}>
                  {t('warning.detail.answerLapsed')}
                </Typography.Text>
              )}
              {w.answer.href && (
                <div>
                  {isAppPath(w.answer.href) ? (
                    <Link to={w.answer.href}>{t('warning.detail.answerLink')}</Link>
                  ) : (
                    <a href={w.answer.href}>{t('warning.detail.answerLink')}</a>
                  )}
                </div>
              )}
              {can('warning.answer') && live && !w.answer.lapsed && !again && (
                <Button
                  size="small"
                  style={{ marginTop: 8 }}
                  onClick={() => setAgain(true)}
                  data-testid="warning-answer-again"
                >
                  {t('warning.answer.again')}
                </Button>
              )}
            </div>
          ) : (
            <Typography.Text type="secondary">{t('warning.detail.noAnswer')}</Typography.Text>
          )}
          {mayAnswer && (
            <AnswerForm
              key={w.version}
              warning={w}
              onStale={() => {
                setAgain(false);
                void q.refetch();
              }}
              onDone={() => setAgain(false)}
            />
          )}
        </Space>
      </Card>

      {(w.exception || (can('warning.manage') && live)) && (
        <Card size="small" title={t('warning.detail.exception')} data-testid="warning-detail-exception">
          {w.exception ? (
            <Typography.Text>
              {t('warning.detail.exceptionText', {
                by: w.exception.byName ?? '—',
                until: w.exception.until,
                reason: w.exception.reason,
              })}
            </Typography.Text>
          ) : (
            <ExceptionButton warning={w} />
          )}
        </Card>
      )}

      <Card size="small" title={t('warning.detail.history')}>
        <Timeline
          data-testid="warning-history"
          items={w.history.map((h, i) => ({
            key: `${i}:${h.at}`,
            color: h.level ? LEVEL_COLOUR[h.level] : 'gray',
            title: formatDateTime(h.at),
            content: (
              <span style={{ overflowWrap: 'anywhere' }}>
                {h.text}
                {h.actorName ? `（${h.actorName}）` : ''}
              </span>
            ),
          }))}
        />
      </Card>
    </Space>
  );
}

type ExceptionValues = { reason: string; until: Dayjs };

function ExceptionButton({ warning }: { warning: WarningDetail }) {
  const t = useWT();
  const [open, setOpen] = useState(false);
  // The warning turns 已批准例外 at the next evaluation; until then the page says the approval was taken.
  const [approved, setApproved] = useState<string | null>(null);
  const [form] = Form.useForm<ExceptionValues>();
  const create = useCreateException();
  const onError = useApiError();
  const { message } = App.useApp();
  if (approved)
    return (
      <Typography.Text type="success" data-testid="warning-exception-approved">
        {t('warning.exception.pending', { until: approved })}
      </Typography.Text>
    );
  return (
    <>
      <Typography.Paragraph type="secondary">{t('warning.exception.intro')}</Typography.Paragraph>
      <Button onClick={() => setOpen(true)} data-testid="warning-exception-open">
        {t('warning.exception.open')}
      </Button>
      <Modal
        open={open}
        title={t('warning.exception.title')}
        okText={t('warning.exception.submit')}
        cancelText={t('warning.cancel')}
        confirmLoading={create.isPending}
        onCancel={() => setOpen(false)}
        onOk={() => form.submit()}
        destroyOnHidden
      >
        <Form<ExceptionValues>
          form={form}
          layout="vertical"
          onFinish={(v) =>
            create.mutate(
              {
                partyOrgId: warning.partyOrgId,
                kind: warning.kind,
                reason: v.reason,
                until: toIsoDate(v.until) ?? '',
              },
              {
                onSuccess: (e) => {
                  setOpen(false);
                  setApproved(e.until);
                  void message.success(t('warning.exception.done'));
                },
                onError: (err) => onError(err, form),
              },
            )
          }
        >
          <Form.Item
            name="reason"
            label={t('warning.exception.reason')}
            rules={[{ required: true, whitespace: true, message: t('warning.exception.reasonRequired') }]}
          >
            <Input.TextArea
              autoSize={{ minRows: 2, maxRows: 6 }}
              maxLength={500}
              showCount
              data-testid="warning-exception-reason"
            />
          </Form.Item>
          <Form.Item
            name="until"
            label={t('warning.exception.until')}
            rules={[{ required: true, message: t('warning.exception.untilRequired') }]}
          >
            <DatePicker
              disabledDate={(d) => d.isBefore(today(), 'day') || d.isAfter(today().add(1, 'year'), 'day')}
              inputReadOnly
              data-testid="warning-exception-until"
            />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
