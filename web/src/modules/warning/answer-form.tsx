// Answering a warning (issue 13 point 3), a phone first: the branch secretary answers where the notification
// reached them. A note stops the climb; a plan carries its date; a 整改事项 opens a 限期整改 on the branch's list.
// A stale answer (someone answered first) says so and shows the warning as it now is.
import { App, Button, DatePicker, Form, Input, Radio, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import type { AnswerKind, WarningDetail } from '#contracts/warning';
import { ANSWER_KINDS } from '#contracts/warning';
import { isStaleVersion } from '../../api/http.ts';
import { today, toIsoDate } from '../../components/dates.ts';
import { useApiError } from '../../components/error-display.tsx';
import { useAnswer } from './warning-api.ts';
import { useWT } from './warning-i18n.ts';

type Values = { kind: AnswerKind; note: string; planDue?: Dayjs | null };

export function AnswerForm({
  warning,
  onStale,
  onDone,
}: {
  warning: WarningDetail;
  onStale: () => void;
  onDone: () => void;
}) {
  const t = useWT();
  const [form] = Form.useForm<Values>();
  const kind = Form.useWatch('kind', form) ?? 'plan';
  const answer = useAnswer();
  const onError = useApiError();
  const { message } = App.useApp();

  const submit = (v: Values) =>
    answer.mutate(
      {
        id: warning.id,
        body: {
          kind: v.kind,
          note: v.note,
          planDue: v.kind === 'note' ? null : toIsoDate(v.planDue ?? null),
          version: warning.version,
        },
      },
      {
        onSuccess: () => {
          form.resetFields();
          onDone();
          void message.success(t('warning.answer.done'));
        },
        onError: (err) => {
          if (isStaleVersion(err)) {
            void message.warning({ content: t('warning.answer.stale'), duration: 8 });
            onStale();
            return;
          }
          onError(err, form);
        },
      },
    );

  return (
    <Form<Values>
      form={form}
      layout="vertical"
      initialValues={{ kind: 'plan' }}
      onFinish={submit}
      data-testid="warning-answer-form"
      style={{ maxWidth: 560 }}
    >
      <Form.Item name="kind" label={t('warning.answer.kind')} extra={t(`warning.answer.kindHelp.${kind}`)}>
        <Radio.Group optionType="button" buttonStyle="solid" data-testid="warning-answer-kind">
          {ANSWER_KINDS.map((k) => (
            <Radio.Button key={k} value={k} data-testid={`warning-answer-kind-${k}`}>
              {t(`warning.answer.kind.${k}`)}
            </Radio.Button>
          ))}
        </Radio.Group>
      </Form.Item>
      <Form.Item
        name="note"
        label={t('warning.answer.note')}
        rules={[{ required: true, whitespace: true, message: t('warning.answer.noteRequired') }]}
      >
        <Input.TextArea
          autoSize={{ minRows: 3, maxRows: 8 }}
          maxLength={1000}
          showCount
          placeholder={t('warning.answer.notePlaceholder')}
          data-testid="warning-answer-note"
        />
      </Form.Item>
      {kind !== 'note' && (
        <Form.Item
          name="planDue"
          label={t('warning.answer.planDue')}
          rules={
            kind === 'plan' ? [{ required: true, message: t('warning.answer.planDueRequired') }] : undefined
          }
        >
          <DatePicker
            style={{ width: '100%', maxWidth: 240 }}
            disabledDate={(d) => d.isBefore(today(), 'day')}
            inputReadOnly
            data-testid="warning-answer-due"
          />
        </Form.Item>
      )}
      {answer.isError && !isStaleVersion(answer.error) && (
        <Typography.Text type="danger" style={{ display: 'block', marginBottom: 8 }}>
          {(answer.error as Error).message}
        </Typography.Text>
      )}
      <Button
        type="primary"
        htmlType="submit"
        loading={answer.isPending}
        block
        style={{ maxWidth: 240 }}
        data-testid="warning-answer-submit"
      >
        {t('warning.answer.submit')}
      </Button>
    </Form>
  );
}
