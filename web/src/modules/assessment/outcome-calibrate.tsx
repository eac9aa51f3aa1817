import { AimOutlined } from '@ant-design/icons';
import { App, Button, Form, Input, InputNumber, Modal, Popconfirm, Typography } from 'antd';
import { useState } from 'react';
import type { ResultRow } from '#contracts/assessment';
import { useApiError } from '../../components/error-display.tsx';
import { useT } from '../../i18n/i18n.tsx';
import { stopRowClick } from '../responsibility/lists-responsive.tsx';
import { useRemoveCalibration, useSetCalibration } from './outcome-api.ts';
import { plain } from './outcome-logic.ts';

// 校准 on a row of an open cycle, for whoever runs it: a dialog with the calibrated score and the reason it needs, and
// — on a calibrated row — removing it. The server refuses others (and a closed cycle), and the refusal shows.

type Values = { score: number; reason: string };

export function CalibrateAction({ cycleId, row }: { cycleId: string; row: ResultRow }) {
  const t = useT();
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button
        size="small"
        icon={<AimOutlined />}
        onClick={(e) => {
          stopRowClick(e);
          setOpen(true);
        }}
        data-testid="result-calibrate"
      >
        {t('assessment.outcome.calibrate')}
      </Button>
      {open && <CalibrateDialog cycleId={cycleId} row={row} onClose={() => setOpen(false)} />}
    </>
  );
}

function CalibrateDialog({
  cycleId,
  row,
  onClose,
}: {
  cycleId: string;
  row: ResultRow;
  onClose: () => void;
}) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const set = useSetCalibration();
  const remove = useRemoveCalibration();
  const showError = useApiError();
  const current = row.outcome?.calibration ?? null;
  const computed = current ? current.computed : row.total;

  const submit = (v: Values) =>
    set.mutate(
      { cycleId, subjectId: row.subjectId, score: v.score, reason: v.reason, version: current?.version },
      {
        onSuccess: () => {
          message.success(t('assessment.outcome.savedOk'));
          onClose();
        },
        onError: (err) => showError(err, form),
      },
    );

  return (
    <Modal
      open
      title={t('assessment.outcome.calibrateTitle', { name: row.subjectName })}
      okText={t('assessment.outcome.save')}
      cancelText={t('assessment.cancel')}
      confirmLoading={set.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      okButtonProps={{ 'data-testid': 'calibration-save' }}
      destroyOnHidden
      data-testid="calibration-dialog"
    >
      <Typography.Paragraph type="secondary">{t('assessment.outcome.calibrateIntro')}</Typography.Paragraph>
      <Typography.Paragraph>
        {t('assessment.outcome.computedNow', { score: plain(computed) })}
      </Typography.Paragraph>
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{ score: current?.score ?? row.total ?? undefined, reason: current?.reason ?? '' }}
        onFinish={submit}
      >
        <Form.Item
          name="score"
          label={t('assessment.outcome.score')}
          rules={[{ required: true, message: t('assessment.outcome.scoreRequired') }]}
        >
          <InputNumber
            min={0}
            max={120}
            step={0.5}
            style={{ width: '100%' }}
            data-testid="calibration-score"
          />
        </Form.Item>
        <Form.Item
          name="reason"
          label={t('assessment.outcome.reason')}
          rules={[{ required: true, whitespace: true, message: t('assessment.outcome.reasonRequired') }]}
        >
          <Input.TextArea
            rows={3}
            maxLength={500}
            showCount
            placeholder={t('assessment.outcome.reasonPlaceholder')}
            data-testid="calibration-reason"
          />
        </Form.Item>
      </Form>
      {current && (
        <Popconfirm
          title={t('assessment.outcome.removeConfirm')}
          onConfirm={() =>
            remove.mutate(
              { cycleId, subjectId: row.subjectId, version: current.version },
              {
                onSuccess: () => {
                  message.success(t('assessment.outcome.removedOk'));
                  onClose();
                },
                onError: (err) => showError(err),
              },
            )
          }
        >
          <Button danger loading={remove.isPending} data-testid="calibration-remove">
            {t('assessment.outcome.remove')}
          </Button>
        </Popconfirm>
      )}
    </Modal>
  );
}
