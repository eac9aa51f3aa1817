// 代为报告进度: an officer (or a branch committee member) records the progress of a duty's current period for its
// owner, who may not use the system themselves; the report says who entered it.
import { App, Col, DatePicker, Form, Input, InputNumber, Modal, Row, Slider, Switch, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import type { Item } from '#contracts/responsibility';
import { today, toIsoDate } from '../../components/dates.ts';
import { useApiError } from '../../components/error-display.tsx';
import { useT } from '../../i18n/i18n.tsx';
import { StateTag } from './lists-labels.tsx';
import { useReportOnBehalf } from './responsibility-api.ts';

type Values = { progress: number; done: boolean; note: string; reportedOn: Dayjs | null };

export function ReportDialog({ item, onClose }: { item: Item; onClose: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const report = useReportOnBehalf();
  const showError = useApiError();
  const period = item.current;
  if (!period) return null;

  const onFinish = (v: Values) => {
    const reportedOn = toIsoDate(v.reportedOn);
    report.mutate(
      {
        periodId: period.id,
        body: {
          progress: v.done ? 100 : v.progress,
          done: v.done,
          note: v.note.trim(),
          ...(reportedOn ? { reportedOn } : {}),
        },
      },
      {
        onSuccess: () => {
          message.success(t('rs.report.saved'));
          onClose();
        },
        onError: (err) => showError(err, form),
      },
    );
  };

  return (
    <Modal
      open
      title={t('rs.report.title', { title: item.title })}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('rs.report.submit')}
      confirmLoading={report.isPending}
    >
      <Typography.Paragraph type="secondary">
        {t('rs.report.period', { start: period.startsOn, due: period.dueOn })}{' '}
        <StateTag state={period.state} />
        {item.ownerMemberName && <span>{t('rs.report.forOwner', { name: item.ownerMemberName })}</span>}
      </Typography.Paragraph>
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={onFinish}
        initialValues={{ progress: period.progress, done: false, note: '', reportedOn: today() }}
      >
        <Form.Item label={t('rs.report.progress')}>
          <Row gutter={12} align="middle">
            <Col flex="auto">
              <Form.Item name="progress" noStyle>
                <Slider min={0} max={100} step={5} />
              </Form.Item>
            </Col>
            <Col flex="90px">
              <Form.Item name="progress" noStyle>
                <InputNumber min={0} max={100} precision={0} suffix="%" style={{ width: '100%' }} />
              </Form.Item>
            </Col>
          </Row>
        </Form.Item>
        <Form.Item name="done" label={t('rs.report.done')} valuePropName="checked">
          <Switch />
        </Form.Item>
        <Form.Item
          name="note"
          label={t('rs.report.note')}
          rules={[{ required: true, whitespace: true, min: 2, message: t('rs.report.noteRequired') }]}
        >
          <Input.TextArea maxLength={2000} autoSize={{ minRows: 3, maxRows: 8 }} />
        </Form.Item>
        <Form.Item name="reportedOn" label={t('rs.report.reportedOn')} extra={t('rs.report.reportedOnHint')}>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
