import { AlertOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Form,
  InputNumber,
  List,
  Modal,
  Popconfirm,
  Select,
  Space,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import type { Cycle } from '#contracts/assessment';
import { FOLLOW_UP_DAYS_MAX, FOLLOW_UP_THRESHOLD_MAX } from '#contracts/assessment-follow-up';
import { QueryError, useApiError } from '../../components/error-display.tsx';
import { useT } from '../../i18n/i18n.tsx';
import { score2 } from './assessment-logic.ts';
import { useCloseCycle, useFollowUps, useOpenFollowUps, useSetFollowUpRule } from './follow-up-api.ts';
import { toOpenAt, verdictAt } from './follow-up-logic.ts';
import { FollowUpTag } from './follow-up-tag.tsx';

// 整改线 on a cycle's results page, for whoever runs it: the line and the days given, a preview of who falls below it
// as the line is typed, opening the 限期整改 items (never twice), and closing the cycle — which opens them too.

type Values = { threshold: number; deadlineDays: number; kind: string };

function FollowUpDialog({ cycle, onClose }: { cycle: Cycle; onClose: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const showError = useApiError();
  const [form] = Form.useForm<Values>();
  const data = useFollowUps(cycle.id, true);
  const setRule = useSetFollowUpRule();
  const open = useOpenFollowUps();
  const close = useCloseCycle();
  const typed = Form.useWatch('threshold', form);
  const f = data.data;
  const start = f?.rule ?? f?.suggested;
  const threshold = typeof typed === 'number' ? typed : (start?.threshold ?? 60);
  const rows = f?.rows ?? [];
  const shown = rows.filter((r) => r.followUp || verdictAt(r, threshold) !== 'passed');
  const pending = toOpenAt(rows, threshold).length;
  const dirty =
    !!f?.rule && (typed !== f.rule.threshold || form.getFieldValue('deadlineDays') !== f.rule.deadlineDays);

  const save = (v: Values) =>
    setRule.mutate(
      {
        cycleId: cycle.id,
        body: { ...v, ...(f?.rule ? { version: f.rule.version } : {}) },
      },
      {
        onSuccess: () => message.success(t('assessment.followUp.saved')),
        onError: (e) => showError(e, form),
      },
    );
  const openNow = () =>
    open.mutate(cycle.id, {
      onSuccess: (r) =>
        r.opened > 0
          ? message.success(t('assessment.followUp.opened', { n: r.opened }))
          : message.info(t('assessment.followUp.openedNone')),
      onError: (e) => showError(e),
    });
  const closeNow = () =>
    close.mutate(
      { cycleId: cycle.id, version: cycle.version },
      {
        onSuccess: () => message.success(t('assessment.followUp.cycleClosed')),
        onError: (e) => showError(e),
      },
    );

  return (
    <Modal
      open
      title={t('assessment.followUp.title')}
      footer={null}
      onCancel={onClose}
      destroyOnHidden
      data-testid="follow-up-dialog"
    >
      <Typography.Paragraph type="secondary">{t('assessment.followUp.intro')}</Typography.Paragraph>
      {data.isError ? (
        <QueryError error={data.error} onRetry={() => void data.refetch()} />
      ) : !f ? null : (
        <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
          {!f.computed && <Alert type="warning" title={t('assessment.followUp.notComputed')} />}
          <Form<Values>
            form={form}
            layout="inline"
            initialValues={{
              threshold: start?.threshold,
              deadlineDays: start?.deadlineDays,
              kind: start?.kind,
            }}
            onFinish={save}
            style={{ rowGap: 8 }}
          >
            <Form.Item
              name="threshold"
              label={t('assessment.followUp.threshold')}
              rules={[{ required: true, message: t('assessment.followUp.thresholdRequired') }]}
            >
              <InputNumber min={0} max={FOLLOW_UP_THRESHOLD_MAX} step={5} data-testid="follow-up-threshold" />
            </Form.Item>
            <Form.Item
              name="deadlineDays"
              label={t('assessment.followUp.days')}
              rules={[{ required: true, message: t('assessment.followUp.daysRequired') }]}
            >
              <InputNumber min={1} max={FOLLOW_UP_DAYS_MAX} precision={0} data-testid="follow-up-days" />
            </Form.Item>
            {f.kinds.length > 1 && (
              <Form.Item name="kind" label={t('assessment.followUp.kind')}>
                <Select
                  style={{ minWidth: 200 }}
                  options={f.kinds.map((k) => ({ value: k.key, label: k.label }))}
                />
              </Form.Item>
            )}
            <Form.Item>
              <Button htmlType="submit" loading={setRule.isPending} data-testid="follow-up-save">
                {t('assessment.followUp.save')}
              </Button>
            </Form.Item>
          </Form>
          {!f.rule && <Alert type="info" title={t('assessment.followUp.notSaved', { threshold })} />}
          <List
            size="small"
            header={
              <Typography.Text strong>{t('assessment.followUp.preview', { n: pending })}</Typography.Text>
            }
            locale={{ emptyText: t('assessment.followUp.none') }}
            dataSource={shown}
            data-testid="follow-up-preview"
            renderItem={(r) => {
              const v = verdictAt(r, threshold);
              return (
                <List.Item>
                  <Space wrap>
                    <Typography.Text>{r.subjectName}</Typography.Text>
                    <Typography.Text type={v === 'below' ? 'danger' : 'secondary'}>
                      {score2(r.total)}
                    </Typography.Text>
                    {v === 'band' && <Tag color="orange">{t('assessment.followUp.band')}</Tag>}
                    {v === 'no_score' && <Tag>{t('assessment.followUp.noScore')}</Tag>}
                    <FollowUpTag followUp={r.followUp} />
                  </Space>
                </List.Item>
              );
            }}
          />
          <Space wrap>
            <Button
              type="primary"
              danger
              disabled={!f.rule || dirty || f.toOpen === 0}
              title={!f.rule ? t('assessment.followUp.saveFirst') : undefined}
              loading={open.isPending}
              onClick={openNow}
              data-testid="follow-up-open"
            >
              {t('assessment.followUp.openNow', { n: f.toOpen })}
            </Button>
            {cycle.status === 'open' && f.computed && (
              <Popconfirm title={t('assessment.followUp.closeConfirm')} onConfirm={closeNow}>
                <Button loading={close.isPending} data-testid="follow-up-close-cycle">
                  {t('assessment.followUp.closeCycle')}
                </Button>
              </Popconfirm>
            )}
          </Space>
        </Space>
      )}
    </Modal>
  );
}

/** The button in the results page's header; the dialog loads only when opened. */
export function FollowUpButton({ cycle }: { cycle: Cycle }) {
  const t = useT();
  const [shown, setShown] = useState(false);
  if (cycle.level === 'member') return null;
  return (
    <>
      <Button
        size="small"
        icon={<AlertOutlined />}
        onClick={() => setShown(true)}
        data-testid="follow-up-button"
      >
        {t('assessment.followUp.button')}
      </Button>
      {shown && <FollowUpDialog cycle={cycle} onClose={() => setShown(false)} />}
    </>
  );
}
