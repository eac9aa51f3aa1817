import { Form, Input, Select, Typography } from 'antd';
import type { ReactNode } from 'react';
import type { Grade } from '#contracts/branch';
import { useT } from '../../i18n/i18n.tsx';
import type { MessageKey } from '../../i18n/zh-cn.ts';
import type { GradeRow, RecordFormValues, ThemeDayParts } from './record-form-logic.ts';
import { GRADE_LABEL, GRADE_LIST } from './records-labels.ts';

// The fields one kind has and the others do not: the 五个一 of a theme day, what a study was applied to, the grades
// of 民主评议, the confidential content of a talk.

type Errors = Partial<Record<string, string>>;
type Patch = (patch: Partial<RecordFormValues>) => void;

/** A labelled field with the server's (or the form's own) message under it. */
export function Field({
  label,
  error,
  extra,
  required,
  children,
}: {
  label: ReactNode;
  error?: string | undefined;
  extra?: ReactNode;
  required?: boolean;
  children: ReactNode;
}) {
  return (
    <Form.Item
      label={label}
      required={required}
      validateStatus={error ? 'error' : undefined}
      help={error}
      extra={extra}
      style={{ marginBottom: 12 }}
    >
      {children}
    </Form.Item>
  );
}

const PARTS: { key: keyof ThemeDayParts; label: MessageKey; placeholder: MessageKey }[] = [
  { key: 'theory', label: 'record.part.theory', placeholder: 'record.part.theoryPlaceholder' },
  { key: 'bulletin', label: 'record.part.bulletin', placeholder: 'record.part.bulletinPlaceholder' },
  { key: 'exchange', label: 'record.part.exchange', placeholder: 'record.part.exchangePlaceholder' },
  {
    key: 'microLecture',
    label: 'record.part.microLecture',
    placeholder: 'record.part.microLecturePlaceholder',
  },
];

function ThemeDayFields({
  values,
  patch,
  errors,
}: {
  values: RecordFormValues;
  patch: Patch;
  errors: Errors;
}) {
  const t = useT();
  return (
    <>
      <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
        {t('record.partsHint')}
      </Typography.Paragraph>
      {PARTS.map((part) => (
        <Field key={part.key} label={t(part.label)} error={errors[`parts.${part.key}`]}>
          <Input.TextArea
            autoSize={{ minRows: 1, maxRows: 6 }}
            maxLength={2000}
            value={values.parts[part.key]}
            placeholder={t(part.placeholder)}
            data-testid={`record-part-${part.key}`}
            onChange={(e) => patch({ parts: { ...values.parts, [part.key]: e.target.value } })}
          />
        </Field>
      ))}
    </>
  );
}

function StudyFields({ values, patch, errors }: { values: RecordFormValues; patch: Patch; errors: Errors }) {
  const t = useT();
  const fields: { key: 'studied' | 'appliedTo' | 'outcome'; label: MessageKey; placeholder: MessageKey }[] = [
    { key: 'studied', label: 'record.studied', placeholder: 'record.studiedPlaceholder' },
    { key: 'appliedTo', label: 'record.appliedTo', placeholder: 'record.appliedToPlaceholder' },
    { key: 'outcome', label: 'record.outcome', placeholder: 'record.outcomePlaceholder' },
  ];
  return (
    <>
      {fields.map((f) => (
        <Field key={f.key} label={t(f.label)} error={errors[f.key]}>
          <Input.TextArea
            autoSize={{ minRows: 2, maxRows: 6 }}
            maxLength={2000}
            value={values[f.key]}
            placeholder={t(f.placeholder)}
            data-testid={`record-${f.key}`}
            onChange={(e) => patch({ [f.key]: e.target.value })}
          />
        </Field>
      ))}
    </>
  );
}

function GradeFields({ values, patch, errors }: { values: RecordFormValues; patch: Patch; errors: Errors }) {
  const t = useT();
  const set = (memberId: string, change: Partial<GradeRow>) =>
    patch({ grades: values.grades.map((g) => (g.memberId === memberId ? { ...g, ...change } : g)) });
  if (values.status !== 'held') return null;
  return (
    <Field label={t('record.grades')} extra={t('record.gradesHint')} error={errors.grades}>
      <div style={{ display: 'flex', flexDirection: 'column', gap: 6 }} data-testid="record-grades">
        {values.grades.map((g, i) => (
          <div key={g.memberId} style={{ display: 'flex', gap: 8, alignItems: 'center' }}>
            <Typography.Text style={{ flex: '0 0 5em' }} ellipsis>
              {g.name}
            </Typography.Text>
            <Select<Grade>
              size="small"
              style={{ flex: '0 0 8em' }}
              value={g.grade ?? undefined}
              placeholder={t('record.gradePick')}
              allowClear
              options={GRADE_LIST.map((grade) => ({ value: grade, label: t(GRADE_LABEL[grade]) }))}
              onChange={(grade) => set(g.memberId, { grade: grade ?? null })}
            />
            {(g.grade === 'basically_qualified' || g.grade === 'unqualified') && (
              <Input
                size="small"
                maxLength={200}
                value={g.note}
                status={errors[`grades.${i}.note`] ? 'error' : undefined}
                placeholder={errors[`grades.${i}.note`] ?? t('record.gradeNote')}
                onChange={(e) => set(g.memberId, { note: e.target.value })}
              />
            )}
          </div>
        ))}
      </div>
    </Field>
  );
}

/** The labels of the text every record has, as each kind calls it. */
export function contentLabel(kind: RecordFormValues['kind']): MessageKey {
  if (kind === 'talk') return 'record.contentTalk';
  if (kind === 'party_lecture') return 'record.contentLecture';
  return 'record.content';
}

/** What the host is called: the one who talks in a talk, the lecturer of a lecture, else the one who chairs. */
export function hostLabel(kind: RecordFormValues['kind']): MessageKey {
  if (kind === 'talk') return 'record.hostTalk';
  if (kind === 'party_lecture') return 'record.hostLecture';
  return 'record.host';
}

/** Whether the kind takes decisions (决议): the meetings do, a talk, a lecture or a study does not. */
export function hasResolutions(kind: RecordFormValues['kind']): boolean {
  return [
    'general_meeting',
    'committee_meeting',
    'cell_meeting',
    'org_life_meeting',
    'member_appraisal',
  ].includes(kind);
}

export function KindFields({
  values,
  patch,
  errors,
}: {
  values: RecordFormValues;
  patch: Patch;
  errors: Errors;
}) {
  if (values.kind === 'theme_day') return <ThemeDayFields values={values} patch={patch} errors={errors} />;
  if (values.kind === 'study') return <StudyFields values={values} patch={patch} errors={errors} />;
  if (values.kind === 'member_appraisal')
    return <GradeFields values={values} patch={patch} errors={errors} />;
  return null;
}
