import { UploadOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  DatePicker,
  Form,
  Input,
  InputNumber,
  Select,
  Slider,
  Switch,
  Typography,
  Upload,
  type UploadFile,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import type { ItemDetail } from '#contracts/responsibility';
import { toIsoDate } from '../../components/dates.ts';
import { errorText, useApiError } from '../../components/error-display.tsx';
import { useT } from '../../i18n/i18n.tsx';
import {
  chinaToday,
  defaultPeriodId,
  EVIDENCE_ACCEPT,
  EVIDENCE_MAX_FILES,
  evidenceProblem,
  reportablePeriods,
  reportedOnProblem,
} from './duty-logic.ts';
import { usePeriodLabel } from './duty-tags.tsx';
import { uploadEvidence, useRefreshDuties, useReportProgress } from './responsibility-me-api.ts';

type Values = { progress: number; done: boolean; note: string; reportedOn: Dayjs };
type Evidence = UploadFile<string>;

/**
 * The report of one period: progress, what was done, when, and evidence. The report is saved first, then each file is
 * posted on its own to it; a file the server refuses stays in the list with the server's reason, and can be sent
 * again to the same report without reporting twice.
 */
export function DutyReportForm({ item, periodId }: { item: ItemDetail; periodId: string | null }) {
  const t = useT();
  const { message } = App.useApp();
  const showError = useApiError();
  const periodName = usePeriodLabel();
  const [form] = Form.useForm<Values>();
  const report = useReportProgress();
  const refresh = useRefreshDuties();
  const [files, setFiles] = useState<Evidence[]>([]);
  const [uploading, setUploading] = useState(false);
  // A saved report whose files did not all go: retrying sends them to it.
  const [unfinished, setUnfinished] = useState<string | null>(null);
  const [chosen, setChosen] = useState<string | null>(periodId);
  const done = Form.useWatch('done', form) ?? false;

  const open = reportablePeriods(item.periods);
  // The period asked for, while it may still be reported; once it is done the next open one.
  const current = defaultPeriodId(item.periods, chosen);
  if (current === null && unfinished === null)
    return (
      <Typography.Paragraph type="secondary" data-testid="duty-nothing-to-report">
        {t('myDuties.nothingToReport')}
      </Typography.Paragraph>
    );
  const period = open.find((p) => p.id === current);
  const obligation = item.recordKind !== null;

  async function sendFiles(reportId: string): Promise<number> {
    setUploading(true);
    let failed = 0;
    let next = files;
    for (const file of files) {
      if (file.status === 'done' || !file.originFileObj) continue;
      const mark = (patch: Partial<Evidence>) => {
        next = next.map((f) => (f.uid === file.uid ? { ...f, ...patch } : f));
        setFiles(next);
      };
      mark({ status: 'uploading' });
      try {
        await uploadEvidence(reportId, file.originFileObj, file.name);
        mark({ status: 'done', error: undefined, response: undefined });
      } catch (err) {
        failed++;
        const reason = errorText(err, t('error.unexpected'));
        mark({ status: 'error', error: new Error(reason), response: reason });
      }
    }
    setUploading(false);
    return failed;
  }

  async function finish(reportId: string) {
    const failed = await sendFiles(reportId);
    // The report was shown before its files went: show them now.
    if (files.length > 0) void refresh();
    if (failed > 0) {
      setUnfinished(reportId);
      void message.warning(t('myDuties.savedWithFailures', { n: failed }));
      return;
    }
    setUnfinished(null);
    setFiles([]);
    form.resetFields();
    void message.success(t('myDuties.saved'));
  }

  const onFinish = (v: Values) =>
    current &&
    report.mutate(
      {
        periodId: current,
        body: {
          progress: v.done ? 100 : v.progress,
          done: obligation ? false : v.done,
          note: v.note.trim(),
          reportedOn: toIsoDate(v.reportedOn) ?? undefined,
        },
      },
      { onSuccess: (saved) => void finish(saved.id), onError: (err) => showError(err, form) },
    );

  const failures = files.filter((f) => f.status === 'error');
  return (
    <Form<Values>
      form={form}
      layout="vertical"
      data-testid="duty-report-form"
      initialValues={{
        progress: period?.progress ?? 0,
        done: false,
        reportedOn: dayjs(chinaToday()),
      }}
      onFinish={onFinish}
      requiredMark={false}
    >
      <Form.Item label={t('myDuties.reportPeriod')} hidden={open.length <= 1}>
        <Select
          size="large"
          value={current}
          onChange={(id: string) => {
            setChosen(id);
            form.setFieldValue('progress', open.find((p) => p.id === id)?.progress ?? 0);
          }}
          options={open.map((p) => ({ value: p.id, label: `${periodName(p.periodKey)}（${p.dueOn}）` }))}
        />
      </Form.Item>
      {obligation ? (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          data-testid="duty-obligation-hint"
          title={t('myDuties.obligationHint', { kind: item.recordKindLabel ?? '' })}
        />
      ) : (
        <Form.Item
          name="done"
          label={t('myDuties.doneSwitch')}
          valuePropName="checked"
          extra={t('myDuties.doneHint')}
        >
          <Switch data-testid="duty-report-done" />
        </Form.Item>
      )}
      <Form.Item label={t('myDuties.progressLabel')} hidden={done}>
        <div style={{ display: 'flex', gap: 12, alignItems: 'center' }}>
          <Form.Item name="progress" noStyle>
            <Slider min={0} max={100} step={5} style={{ flex: 1 }} />
          </Form.Item>
          <Form.Item name="progress" noStyle>
            <InputNumber min={0} max={100} precision={0} size="large" style={{ width: 84 }} />
          </Form.Item>
        </div>
      </Form.Item>
      <Form.Item
        name="note"
        label={t('myDuties.note')}
        rules={[{ required: true, whitespace: true, min: 2, message: t('myDuties.noteRequired') }]}
      >
        <Input.TextArea
          rows={3}
          maxLength={2000}
          showCount
          placeholder={t('myDuties.notePlaceholder')}
          data-testid="duty-report-note"
        />
      </Form.Item>
      <Form.Item
        name="reportedOn"
        label={t('myDuties.reportedOn')}
        rules={[
          { required: true, message: t('myDuties.reportedOnRequired') },
          {
            validator: (_rule, value: Dayjs | null) => {
              const iso = toIsoDate(value);
              const problem = iso && period ? reportedOnProblem(iso, chinaToday(), period.startsOn) : null;
              return problem ? Promise.reject(new Error(t(problem.key, problem.vars))) : Promise.resolve();
            },
          },
        ]}
      >
        <DatePicker
          size="large"
          inputReadOnly
          allowClear={false}
          style={{ width: '100%' }}
          disabledDate={(d) => {
            const day = d.format('YYYY-MM-DD');
            return day > chinaToday() || (!!period && day < period.startsOn);
          }}
        />
      </Form.Item>
      <Form.Item label={t('myDuties.files')} extra={t('myDuties.filesHint')}>
        <Upload
          multiple
          accept={EVIDENCE_ACCEPT}
          fileList={files}
          data-testid="duty-report-files"
          beforeUpload={(file) => {
            const problem = evidenceProblem(file);
            if (problem) {
              void message.error(
                t(problem === 'size' ? 'myDuties.fileTooLarge' : 'myDuties.fileType', { name: file.name }),
              );
              return Upload.LIST_IGNORE;
            }
            return false;
          }}
          onChange={({ fileList }) => {
            if (fileList.length > EVIDENCE_MAX_FILES) void message.warning(t('myDuties.tooManyFiles'));
            setFiles(fileList.slice(0, EVIDENCE_MAX_FILES) as Evidence[]);
          }}
        >
          <Button icon={<UploadOutlined />} size="large" block data-testid="duty-report-pick">
            {t('myDuties.pickFiles')}
          </Button>
        </Upload>
        {failures.map((f) => (
          <Typography.Text
            key={f.uid}
            type="danger"
            style={{ display: 'block' }}
            data-testid="duty-file-error"
          >
            {f.name}：{f.response}
          </Typography.Text>
        ))}
      </Form.Item>
      {unfinished ? (
        <Button
          type="primary"
          size="large"
          block
          loading={uploading}
          data-testid="duty-report-retry"
          onClick={() => void finish(unfinished)}
        >
          {t('myDuties.retryFiles')}
        </Button>
      ) : (
        <Button
          type="primary"
          size="large"
          block
          htmlType="submit"
          loading={report.isPending || uploading}
          data-testid="duty-report-submit"
        >
          {t('myDuties.submit')}
        </Button>
      )}
    </Form>
  );
}
