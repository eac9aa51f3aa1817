// 五责交接 wizard: the leaver → everything they own that is open, by kind → the successor, post, reason and date →
// confirm → what passed. Everything passes in one transaction; the successor then acknowledges each entry.
import {
  Alert,
  Button,
  Checkbox,
  DatePicker,
  Descriptions,
  Empty,
  Flex,
  Form,
  Input,
  Result,
  Spin,
  Steps,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import type { Handover, HandoverEntry } from '#contracts/handover';
import { today, toIsoDate } from '../../components/dates.ts';
import { QueryError, useApiError } from '../../components/error-display.tsx';
import { useScreens } from '../../components/use-screens.ts';
import { useT } from '../../i18n/i18n.tsx';
import { EntryGroups } from './handover-parts.tsx';
import { MemberSelect, type PickedMember } from './list-member-select.tsx';
import { useCreateHandover, useHandoverPreview } from './responsibility-api.ts';

type Values = { toMemberId: string | null; post: string; reason: string; startsOn: Dayjs | null };

export function HandoverWizard({ onShowHistory }: { onShowHistory: () => void }) {
  const t = useT();
  const screens = useScreens();
  const showError = useApiError();
  const [form] = Form.useForm<Values>();
  const [step, setStep] = useState(0);
  const [leftOnly, setLeftOnly] = useState(false);
  const [from, setFrom] = useState<PickedMember | null>(null);
  const [to, setTo] = useState<PickedMember | null>(null);
  const [done, setDone] = useState<Handover | null>(null);
  const preview = useHandoverPreview(step >= 1 ? (from?.id ?? null) : null);
  const create = useCreateHandover();
  const entries: HandoverEntry[] = preview.data?.entries ?? [];

  const reset = () => {
    form.resetFields();
    setFrom(null);
    setTo(null);
    setDone(null);
    setStep(0);
  };

  const toConfirm = () =>
    form.validateFields().then(
      () => setStep(3),
      () => undefined,
    );

  const submit = () => {
    const v = form.getFieldsValue(true) as Values;
    const startsOn = toIsoDate(v.startsOn);
    if (!from || !v.toMemberId || !startsOn) return;
    create.mutate(
      {
        kind: 'handover',
        fromMemberId: from.id,
        toMemberId: v.toMemberId,
        post: v.post.trim(),
        reason: v.reason.trim(),
        startsOn,
      },
      {
        onSuccess: (h) => {
          setDone(h);
          setStep(4);
        },
        onError: (err) => {
          showError(err, form);
          // A field the server refused is on the arrangement step.
          setStep(2);
        },
      },
    );
  };

  return (
    <Flex vertical gap={16} data-testid="handover-wizard">
      <Steps
        current={step}
        size="small"
        orientation={screens.md ? 'horizontal' : 'vertical'}
        items={[
          { title: t('rs.handover.step.from') },
          { title: t('rs.handover.step.preview') },
          { title: t('rs.handover.step.to') },
          { title: t('rs.handover.step.confirm') },
          { title: t('rs.handover.step.done') },
        ]}
      />

      {step === 0 && (
        <Flex vertical gap={12} style={{ maxWidth: 560 }}>
          <Alert type="info" showIcon title={t('rs.handover.intro')} />
          <Checkbox
            checked={leftOnly}
            onChange={(e) => {
              setLeftOnly(e.target.checked);
              setFrom(null);
            }}
          >
            {t('rs.handover.leftMembers')}
          </Checkbox>
          <MemberSelect
            key={leftOnly ? 'left' : 'active'}
            status={leftOnly ? 'left' : 'active'}
            value={from?.id ?? null}
            onChange={(_, m) => setFrom(m)}
            placeholder={t('rs.handover.pickFrom')}
            data-testid="handover-from"
          />
          <div>
            <Button type="primary" disabled={!from} onClick={() => setStep(1)} data-testid="handover-next-0">
              {t('common.next')}
            </Button>
          </div>
        </Flex>
      )}

      {step === 1 && (
        <Flex vertical gap={12}>
          {preview.isError && <QueryError error={preview.error} onRetry={() => void preview.refetch()} />}
          {preview.isLoading ? (
            <Spin />
          ) : (
            preview.data &&
            (entries.length === 0 ? (
              <Empty description={t('rs.handover.nothingOpen', { name: preview.data.fromMemberName })} />
            ) : (
              <>
                <Alert
                  type="warning"
                  showIcon
                  title={t('rs.handover.openCount', { name: preview.data.fromMemberName, n: entries.length })}
                />
                <EntryGroups entries={entries} testId="handover-preview-entry" />
              </>
            ))
          )}
          <Flex gap={8}>
            <Button onClick={() => setStep(0)}>{t('common.previous')}</Button>
            <Button
              type="primary"
              disabled={!preview.data}
              onClick={() => setStep(2)}
              data-testid="handover-next-1"
            >
              {t('common.next')}
            </Button>
          </Flex>
        </Flex>
      )}

      {/* Kept mounted from the third step on, so that going back keeps what was typed. */}
      <Form<Values>
        form={form}
        layout="vertical"
        style={{ maxWidth: 560, display: step === 2 ? undefined : 'none' }}
        initialValues={{ toMemberId: null, post: '', reason: '', startsOn: today() }}
      >
        <Form.Item
          name="toMemberId"
          label={t('rs.handover.to')}
          rules={[
            { required: true, message: t('rs.handover.toRequired') },
            {
              validator: (_, value) =>
                value && value === from?.id
                  ? Promise.reject(new Error(t('rs.handover.toSelf')))
                  : Promise.resolve(),
            },
          ]}
        >
          <MemberSelect
            onChange={(_, m) => setTo(m)}
            placeholder={t('rs.handover.pickTo')}
            data-testid="handover-to"
          />
        </Form.Item>
        <Form.Item
          name="post"
          label={t('rs.handover.post')}
          rules={[{ required: true, whitespace: true, message: t('rs.handover.postRequired') }]}
        >
          <Input maxLength={60} placeholder={t('rs.handover.postPlaceholder')} data-testid="handover-post" />
        </Form.Item>
        <Form.Item
          name="reason"
          label={t('rs.handover.reason')}
          rules={[{ required: true, whitespace: true, min: 2, message: t('rs.handover.reasonRequired') }]}
        >
          <Input.TextArea
            maxLength={500}
            autoSize={{ minRows: 2, maxRows: 5 }}
            placeholder={t('rs.handover.reasonPlaceholder')}
            data-testid="handover-reason"
          />
        </Form.Item>
        <Form.Item
          name="startsOn"
          label={t('rs.handover.startsOn')}
          rules={[{ required: true, message: t('rs.handover.startsOnRequired') }]}
        >
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
        <Flex gap={8}>
          <Button onClick={() => setStep(1)}>{t('common.previous')}</Button>
          <Button type="primary" onClick={toConfirm} data-testid="handover-next-2">
            {t('common.next')}
          </Button>
        </Flex>
      </Form>

      {step === 3 && (
        <Flex vertical gap={12}>
          <Descriptions column={{ xs: 1, md: 2 }} bordered size="small" data-testid="handover-summary">
            <Descriptions.Item label={t('rs.handover.from')}>{from?.name}</Descriptions.Item>
            <Descriptions.Item label={t('rs.handover.to')}>{to?.name}</Descriptions.Item>
            <Descriptions.Item label={t('rs.handover.post')}>{form.getFieldValue('post')}</Descriptions.Item>
            <Descriptions.Item label={t('rs.handover.startsOn')}>
              {toIsoDate(form.getFieldValue('startsOn') as Dayjs | null)}
            </Descriptions.Item>
            <Descriptions.Item label={t('rs.handover.reason')} span={2}>
              {form.getFieldValue('reason')}
            </Descriptions.Item>
          </Descriptions>
          <Alert
            type="warning"
            showIcon
            title={t('rs.handover.confirmText', {
              n: entries.length,
              from: from?.name ?? '',
              to: to?.name ?? '',
            })}
          />
          <Flex gap={8}>
            <Button onClick={() => setStep(2)}>{t('common.previous')}</Button>
            <Button
              type="primary"
              danger
              loading={create.isPending}
              onClick={submit}
              data-testid="handover-confirm"
            >
              {t('rs.handover.confirm')}
            </Button>
          </Flex>
        </Flex>
      )}

      {step === 4 && done && (
        <Result
          status="success"
          title={t('rs.handover.doneTitle', { from: done.fromMemberName, to: done.toMemberName })}
          subTitle={t('rs.handover.doneHint', { n: done.entries.length, to: done.toMemberName })}
          data-testid="handover-done"
          extra={[
            <Button key="again" onClick={reset}>
              {t('rs.handover.again')}
            </Button>,
            <Button key="history" type="primary" onClick={onShowHistory}>
              {t('rs.handover.viewHistory')}
            </Button>,
          ]}
        >
          {done.entries.length > 0 && <EntryGroups entries={done.entries} testId="handover-done-entry" />}
        </Result>
      )}
    </Flex>
  );
}
