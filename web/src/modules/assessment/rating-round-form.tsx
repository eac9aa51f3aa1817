import { Alert, Button, Checkbox, DatePicker, Form, InputNumber, Space, Switch, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import type { CycleRating, RatingRound } from '#contracts/assessment-rating';
import { fromIsoDate, toIsoDate } from '../../components/dates.ts';
import { useApiError } from '../../components/error-display.tsx';
import { useT } from '../../i18n/i18n.tsx';
import { useCreateRound, useEditRound } from './rating-api.ts';
import { weightSum } from './rating-logic.ts';

// The round's set-up: which rated leaves, the group weights (their sum live, red until 100), the minimum raters per
// group, anonymity (locked on once anyone has answered: raters answered trusting it) and the dates. Creates the
// round, or saves it with its version (a stale save is refused by the server and said so).

type Values = {
  leafKeys: string[];
  superior: number | null;
  peer: number | null;
  public: number | null;
  minRaters: number;
  anonymous: boolean;
  dates: [Dayjs | null, Dayjs | null];
};

export function RoundForm({ cycleId, rating }: { cycleId: string; rating: CycleRating }) {
  const t = useT();
  const [form] = Form.useForm<Values>();
  const showError = useApiError();
  const create = useCreateRound(cycleId);
  const edit = useEditRound();
  const round: RatingRound | null = rating.round;
  const closed = round?.status === 'closed';
  const weights = Form.useWatch([], form) as Partial<Values> | undefined;
  const sum = weightSum(weights ?? {});
  const initial: Values = round
    ? {
        leafKeys: round.leafKeys,
        superior: round.weights.superior,
        peer: round.weights.peer,
        public: round.weights.public,
        minRaters: round.minRaters,
        anonymous: round.anonymous,
        dates: [fromIsoDate(round.opensOn), fromIsoDate(round.closesOn)],
      }
    : {
        leafKeys: rating.ratedLeaves.map((l) => l.key),
        superior: 50,
        peer: 30,
        public: 20,
        minRaters: 3,
        anonymous: true,
        dates: [null, null],
      };

  const submit = (v: Values) => {
    const body = {
      leafKeys: v.leafKeys,
      weights: { superior: v.superior ?? 0, peer: v.peer ?? 0, public: v.public ?? 0 },
      minRaters: v.minRaters,
      anonymous: v.anonymous,
      opensOn: toIsoDate(v.dates?.[0]) ?? '',
      closesOn: toIsoDate(v.dates?.[1]) ?? '',
    };
    if (round)
      edit.mutate({ id: round.id, version: round.version, ...body }, { onError: (e) => showError(e, form) });
    else create.mutate(body, { onError: (e) => showError(e, form) });
  };

  return (
    <Form<Values>
      form={form}
      layout="vertical"
      initialValues={initial}
      onFinish={submit}
      disabled={closed}
      data-testid="rating-round-form"
    >
      <Form.Item
        name="leafKeys"
        label={t('assessment.rating.leaves')}
        rules={[{ required: true, message: t('assessment.rating.leaves') }]}
      >
        <Checkbox.Group
          disabled={closed || (round !== null && round.status !== 'draft')}
          options={rating.ratedLeaves.map((l) => ({ value: l.key, label: l.name }))}
        />
      </Form.Item>
      <Typography.Text strong>{t('assessment.rating.weights')}</Typography.Text>
      <Space wrap style={{ marginTop: 8 }}>
        {(['superior', 'peer', 'public'] as const).map((g) => (
          <Form.Item key={g} name={g} label={t(`assessment.rating.group.${g}`)} style={{ marginBottom: 8 }}>
            <InputNumber min={0} max={100} addonAfter="%" style={{ width: 130 }} />
          </Form.Item>
        ))}
      </Space>
      <Typography.Paragraph type={Math.abs(sum - 100) > 1e-6 ? 'danger' : 'secondary'}>
        {t('assessment.rating.weightSum', { sum })}
      </Typography.Paragraph>
      <Form.Item
        name="minRaters"
        label={t('assessment.rating.minRaters')}
        extra={t('assessment.rating.minRatersHelp')}
      >
        <InputNumber min={1} max={100} precision={0} />
      </Form.Item>
      <Form.Item
        name="anonymous"
        label={t('assessment.rating.anonymous')}
        valuePropName="checked"
        extra={t('assessment.rating.anonymousHelp')}
      >
        <Switch disabled={closed || (!!round?.answered && round.anonymous)} />
      </Form.Item>
      <Form.Item name="dates" label={t('assessment.rating.dates')} rules={[{ required: true }]}>
        <DatePicker.RangePicker style={{ maxWidth: 320, width: '100%' }} />
      </Form.Item>
      {!closed && (
        <Button type="primary" htmlType="submit" loading={create.isPending || edit.isPending}>
          {round ? t('assessment.rating.save') : t('assessment.rating.create')}
        </Button>
      )}
      {round?.answered && round.anonymous && (
        <Alert type="info" showIcon style={{ marginTop: 12 }} title={t('assessment.rating.anonymousHelp')} />
      )}
    </Form>
  );
}
