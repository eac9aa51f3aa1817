import { CloseOutlined } from '@ant-design/icons';
import {
  App,
  Button,
  DatePicker,
  Descriptions,
  Drawer,
  Flex,
  Form,
  Input,
  Modal,
  Steps,
  Tag,
  Typography,
} from 'antd';
import type { Dayjs } from 'dayjs';
import {
  DEVELOPMENT_STAGE_LABELS,
  DEVELOPMENT_STAGES,
  type DevelopmentPerson,
  STAGE_DATE_FIELDS,
  type StageDateField,
} from '#contracts/branch-development';
import { fromIsoDate, today, toIsoDate } from '../../components/dates.ts';
import { useApiError } from '../../components/error-display.tsx';
import { OrgTreeSelect } from '../../components/org-tree-select.tsx';
import { useScreens } from '../../components/use-screens.ts';
import { useLabel, useT } from '../../i18n/i18n.tsx';
import { MemberMultiSelect } from '../responsibility/list-member-select.tsx';
import { useCreateDevelopment, usePatchDevelopment } from './development-api.ts';

// One person of the register: the stages as a timeline, and a form to record the next stage's date (with the
// introducers from 发展对象 on) or correct one. The server checks the rules on the whole timeline; a refusal comes
// back at the field it concerns, naming the rule (a year as an activist, the probationary year, the age of 18).

type EditValues = Partial<Record<StageDateField, Dayjs | null>> & {
  introducers: string[];
  notes?: string | null;
};

export function DevelopmentTimeline({ person }: { person: DevelopmentPerson }) {
  const t = useT();
  const label = useLabel();
  const current = DEVELOPMENT_STAGES.indexOf(person.stage);
  return (
    <Steps
      orientation="vertical"
      size="small"
      current={current}
      items={DEVELOPMENT_STAGES.map((stage) => {
        const date = person[STAGE_DATE_FIELDS[stage]];
        return {
          title: label(DEVELOPMENT_STAGE_LABELS[stage]),
          content: date ?? t('dev.stagePending', { stage: label(DEVELOPMENT_STAGE_LABELS[stage]) }),
          status: date ? 'finish' : 'wait',
        };
      })}
      data-testid="dev-timeline"
    />
  );
}

function EditForm({
  person,
  onSaved,
}: {
  person: DevelopmentPerson;
  onSaved: (p: DevelopmentPerson) => void;
}) {
  const t = useT();
  const label = useLabel();
  const { message } = App.useApp();
  const showError = useApiError();
  const [form] = Form.useForm<EditValues>();
  const patch = usePatchDevelopment();
  const known = Object.fromEntries(person.introducers.map((i) => [i.memberId, i.name]));
  const initial: EditValues = {
    ...Object.fromEntries(
      DEVELOPMENT_STAGES.map((s) => [STAGE_DATE_FIELDS[s], fromIsoDate(person[STAGE_DATE_FIELDS[s]])]),
    ),
    introducers: person.introducers.map((i) => i.memberId),
    notes: person.notes,
  };
  const submit = (v: EditValues) =>
    patch.mutate(
      {
        id: person.id,
        body: {
          appliedOn: toIsoDate(v.appliedOn) ?? person.appliedOn,
          activistOn: toIsoDate(v.activistOn),
          candidateOn: toIsoDate(v.candidateOn),
          probationaryOn: toIsoDate(v.probationaryOn),
          fullOn: toIsoDate(v.fullOn),
          introducerMemberIds: v.introducers,
          notes: v.notes?.trim() || null,
          version: person.version,
        },
      },
      {
        onSuccess: (p) => {
          message.success(t('dev.saved'));
          onSaved(p);
        },
        // Refusals land on their fields: body.candidateOn → candidateOn; the introducers' on the picker.
        onError: (err) => {
          showError(err);
          const issues = (err as { issues?: { field: string; message: string }[] }).issues ?? [];
          form.setFields(
            issues.map((i) => ({
              name: i.field
                .replace(/^body\./, '')
                .replace('introducerMemberIds', 'introducers') as keyof EditValues,
              errors: [i.message],
            })),
          );
        },
      },
    );
  return (
    <Form<EditValues>
      form={form}
      layout="vertical"
      initialValues={initial}
      onFinish={submit}
      data-testid="dev-edit-form"
    >
      <Typography.Paragraph type="secondary">{t('dev.editHint')}</Typography.Paragraph>
      {DEVELOPMENT_STAGES.map((stage) => {
        const field = STAGE_DATE_FIELDS[stage];
        const earliest = field === 'appliedOn' ? null : person.earliest[field];
        return (
          <Form.Item
            key={stage}
            name={field}
            label={label(DEVELOPMENT_STAGE_LABELS[stage])}
            extra={earliest ? t('dev.earliest', { date: earliest }) : undefined}
          >
            <DatePicker
              style={{ width: '100%' }}
              allowClear={field !== 'appliedOn'}
              disabledDate={(d) => d.isAfter(today(), 'day')}
              data-testid={`dev-${field}`}
            />
          </Form.Item>
        );
      })}
      <Form.Item name="introducers" label={t('dev.introducers')} extra={t('dev.introducersHint')}>
        <MemberMultiSelect partyOrgId={person.partyOrgId} known={known} data-testid="dev-introducers" />
      </Form.Item>
      <Form.Item name="notes" label={t('dev.notes')}>
        <Input.TextArea rows={3} maxLength={2000} />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={patch.isPending} data-testid="dev-save">
        {t('common.save')}
      </Button>
    </Form>
  );
}

export function DevelopmentDrawer({
  person,
  onClose,
}: {
  person: DevelopmentPerson | null;
  onClose: () => void;
}) {
  const t = useT();
  const screens = useScreens();
  const isMobile = screens.md === false;
  return (
    <Drawer
      open={!!person}
      onClose={onClose}
      placement={isMobile ? 'bottom' : 'right'}
      size={isMobile ? '92%' : 560}
      destroyOnHidden
      title={person ? t('dev.detail', { name: person.name }) : ' '}
      closeIcon={<CloseOutlined data-testid="dev-drawer-close" />}
      data-testid="dev-drawer"
    >
      {person && (
        <Flex vertical gap={16}>
          <Descriptions size="small" column={1} bordered>
            <Descriptions.Item label={t('dev.idNumberHidden')}>{person.idNumber}</Descriptions.Item>
            <Descriptions.Item label={t('dev.col.birth')}>
              {person.birthDate ?? person.birthMonth}
            </Descriptions.Item>
            <Descriptions.Item label={t('dev.introducers')}>
              {person.introducers.length
                ? person.introducers.map((i) => i.name).join('、')
                : t('dev.noIntroducers')}
            </Descriptions.Item>
            {person.memberId && (
              <Descriptions.Item label={t('dev.member')}>
                <Tag color="green">{t('dev.memberLinked')}</Tag>
              </Descriptions.Item>
            )}
          </Descriptions>
          <div>
            <Typography.Title level={5}>{t('dev.timeline')}</Typography.Title>
            <DevelopmentTimeline person={person} />
          </div>
          <div>
            <Typography.Title level={5}>{t('dev.edit')}</Typography.Title>
            <EditForm key={person.version} person={person} onSaved={() => undefined} />
          </div>
        </Flex>
      )}
    </Drawer>
  );
}

type CreateValues = {
  partyOrgId: string | null;
  name: string;
  idNumber: string;
  appliedOn: Dayjs | null;
  notes?: string;
};

export function CreateDevelopmentDialog({
  partyOrgId,
  onClose,
}: {
  partyOrgId: string | null;
  onClose: () => void;
}) {
  const t = useT();
  const { message } = App.useApp();
  const showError = useApiError();
  const [form] = Form.useForm<CreateValues>();
  const create = useCreateDevelopment();
  const submit = (v: CreateValues) =>
    create.mutate(
      {
        partyOrgId: v.partyOrgId ?? '',
        name: v.name,
        idNumber: v.idNumber.trim().toUpperCase(),
        appliedOn: toIsoDate(v.appliedOn) ?? '',
        notes: v.notes?.trim() || null,
      },
      {
        onSuccess: (p) => {
          message.success(t('dev.created', { name: p.name }));
          onClose();
        },
        onError: (err) => showError(err, form),
      },
    );
  return (
    <Modal
      open
      title={t('dev.create.title')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={create.isPending}
      destroyOnHidden
    >
      <Form<CreateValues>
        form={form}
        layout="vertical"
        initialValues={{ partyOrgId, appliedOn: null }}
        onFinish={submit}
        data-testid="dev-create-form"
      >
        <Form.Item
          name="partyOrgId"
          label={t('dev.create.org')}
          rules={[{ required: true, message: t('dev.pickOrg') }]}
        >
          <OrgTreeSelect allowClear={false} />
        </Form.Item>
        <Form.Item
          name="name"
          label={t('dev.create.name')}
          rules={[{ required: true, message: t('dev.create.name') }]}
        >
          <Input maxLength={50} data-testid="dev-create-name" />
        </Form.Item>
        <Form.Item
          name="idNumber"
          label={t('dev.create.idNumber')}
          rules={[{ required: true, message: t('dev.create.idNumber') }]}
        >
          <Input maxLength={18} autoComplete="off" data-testid="dev-create-id" />
        </Form.Item>
        <Form.Item
          name="appliedOn"
          label={t('dev.create.appliedOn')}
          rules={[{ required: true, message: t('dev.create.appliedOn') }]}
        >
          <DatePicker
            style={{ width: '100%' }}
            disabledDate={(d) => d.isAfter(today(), 'day')}
            data-testid="dev-create-applied"
          />
        </Form.Item>
        <Form.Item name="notes" label={t('dev.notes')}>
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
