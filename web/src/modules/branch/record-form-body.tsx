import { Alert, DatePicker, Form, Input, InputNumber, Segmented, Select, Typography } from 'antd';
import type { ReactNode } from 'react';
import type { BranchRecordKind } from '#contracts/branch';
import type { PartyOrg } from '#contracts/org';
import { fromIsoDate, toIsoDate } from '../../components/dates.ts';
import { OrgTreeSelect } from '../../components/org-tree-select.tsx';
import { useT } from '../../i18n/i18n.tsx';
import { AttendeeList } from './record-attendees.tsx';
import { type RecordFormValues, setTalkPartners } from './record-form-logic.ts';
import { JointFields } from './record-joint-fields.tsx';
import { contentLabel, Field, hasResolutions, hostLabel, KindFields } from './record-kind-fields.tsx';
import { KIND_LABEL, RECORD_KIND_LIST } from './records-labels.ts';

// The fields of a record, one column, in the order a secretary fills them on a phone: what, where and when are
// prefilled; who came is one tap per exception; then the words and the photos.

type Props = {
  values: RecordFormValues;
  patch: (patch: Partial<RecordFormValues>) => void;
  errors: Partial<Record<string, string>>;
  /** Editing a saved record: its kind and organisation stay. */
  editing: boolean;
  /** The roster could not be fetched (no connection). */
  rosterMissing: boolean;
  planned: { topic: string; plannedOn: string | null } | null;
  photos: ReactNode;
  /** A talk whose content this editor may not read: it is neither shown nor sent back. */
  contentHidden?: boolean;
};

/** Any organisation of an organ holds some kind of record (the server says which); the work committee holds none. */
const holdsRecords = (org: PartyOrg) => org.status === 'active' && org.kind !== 'work_committee';

export function RecordFormBody(props: Props) {
  const { values, patch, errors, editing, rosterMissing, planned, photos, contentHidden } = props;
  const t = useT();
  const held = values.status === 'held';
  const talk = values.kind === 'talk';
  const people = [
    ...new Map([...values.roster, ...values.attendees].map((p) => [p.memberId, p.name])).entries(),
  ].map(([value, label]) => ({ value, label }));
  return (
    <Form layout="vertical" component="div" requiredMark={false}>
      <Field label={t('record.kindLabel')} error={errors.kind}>
        <Select<BranchRecordKind>
          size="large"
          value={values.kind}
          disabled={editing}
          data-testid="record-kind"
          options={RECORD_KIND_LIST.map((kind) => ({ value: kind, label: t(KIND_LABEL[kind]) }))}
          onChange={(kind) => patch({ kind })}
        />
      </Field>
      <Field label={t('record.org')} error={errors.partyOrgId}>
        <OrgTreeSelect
          value={values.partyOrgId}
          disabled={editing}
          allowClear={false}
          selectable={holdsRecords}
          data-testid="record-org"
          onChange={(partyOrgId) => patch({ partyOrgId })}
        />
      </Field>
      <Field label={t('record.statusLabel')}>
        <Segmented<'held' | 'planned'>
          block
          value={values.status}
          options={[
            { value: 'held', label: t('record.status.held') },
            { value: 'planned', label: t('record.status.planned') },
          ]}
          onChange={(status) => patch({ status })}
        />
      </Field>
      <Field
        label={t(held ? 'record.heldOn' : 'record.plannedOn')}
        error={held ? errors.heldOn : errors.plannedOn}
      >
        <DatePicker
          size="large"
          style={{ width: '100%' }}
          inputReadOnly
          allowClear={false}
          value={fromIsoDate(held ? values.heldOn : values.plannedOn)}
          data-testid="record-date"
          onChange={(d) => patch(held ? { heldOn: toIsoDate(d) } : { plannedOn: toIsoDate(d) })}
        />
      </Field>
      {planned && !editing && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          title={t('record.takesOverPlan', { topic: planned.topic, date: planned.plannedOn ?? '—' })}
        />
      )}
      <Field label={t('record.topic')} error={errors.topic} required>
        <Input
          size="large"
          allowClear
          maxLength={200}
          value={values.topic}
          placeholder={t(values.kind === 'theme_day' ? 'record.topicThemeDay' : 'record.topicPlaceholder')}
          data-testid="record-topic"
          onChange={(e) => patch({ topic: e.target.value })}
        />
      </Field>
      {talk && (
        <Field label={t('record.talkPartners')} error={errors.attendees}>
          <Select<string[]>
            mode="multiple"
            size="large"
            showSearch={{ optionFilterProp: 'label' }}
            value={values.attendees.map((a) => a.memberId)}
            options={people.filter((p) => p.value !== values.hostMemberId)}
            placeholder={t('record.talkPartnersPlaceholder')}
            data-testid="record-talk-partners"
            onChange={(ids) => patch({ attendees: setTalkPartners(values, ids) })}
          />
        </Field>
      )}
      {held && !talk && (
        <Field label={t('record.attendance')} error={errors.attendees}>
          {rosterMissing && values.attendees.length === 0 ? (
            <Alert type="warning" showIcon title={t('record.rosterMissing')} />
          ) : (
            <AttendeeList
              rows={values.attendees}
              errors={errors}
              onChange={(attendees) => patch({ attendees })}
            />
          )}
        </Field>
      )}
      <div style={{ display: 'grid', gridTemplateColumns: '2fr 1fr', gap: 8 }}>
        <Field label={t('record.place')} error={errors.place}>
          <Input
            maxLength={100}
            value={values.place}
            placeholder={t('record.placePlaceholder')}
            data-testid="record-place"
            onChange={(e) => patch({ place: e.target.value })}
          />
        </Field>
        <Field label={t('record.duration')} error={errors.durationMinutes}>
          <InputNumber
            min={1}
            max={1440}
            precision={0}
            inputMode="numeric"
            style={{ width: '100%' }}
            value={values.durationMinutes}
            data-testid="record-duration"
            onChange={(n) => patch({ durationMinutes: typeof n === 'number' ? n : null })}
          />
        </Field>
      </div>
      <div style={{ display: 'grid', gridTemplateColumns: '1fr 1fr', gap: 8 }}>
        <Field label={t(hostLabel(values.kind))} error={errors.hostMemberId}>
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            value={values.hostMemberId ?? undefined}
            options={people}
            data-testid="record-host"
            onChange={(id) => patch({ hostMemberId: id ?? null })}
          />
        </Field>
        <Field label={t('record.recorder')} error={errors.recorderMemberId}>
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            value={values.recorderMemberId ?? undefined}
            options={people}
            data-testid="record-recorder"
            onChange={(id) => patch({ recorderMemberId: id ?? null })}
          />
        </Field>
      </div>
      <KindFields values={values} patch={patch} errors={errors} />
      <JointFields values={values} patch={patch} errors={errors} />
      <Field
        label={t(contentLabel(values.kind))}
        error={errors.content}
        extra={values.kind === 'talk' && !contentHidden ? t('record.contentTalkHint') : undefined}
      >
        {contentHidden ? (
          <Alert type="info" showIcon title={t('record.confidential')} />
        ) : (
          <Input.TextArea
            autoSize={{ minRows: 3, maxRows: 12 }}
            maxLength={20000}
            value={values.content}
            data-testid="record-content"
            onChange={(e) => patch({ content: e.target.value })}
          />
        )}
      </Field>
      {hasResolutions(values.kind) && (
        <Field label={t('record.resolutions')} error={errors.resolutions}>
          <Input.TextArea
            autoSize={{ minRows: 2, maxRows: 8 }}
            maxLength={5000}
            value={values.resolutions}
            data-testid="record-resolutions"
            onChange={(e) => patch({ resolutions: e.target.value })}
          />
        </Field>
      )}
      <Field label={t('record.photos')}>{photos}</Field>
      {errors._form && <Typography.Text type="danger">{errors._form}</Typography.Text>}
    </Form>
  );
}
