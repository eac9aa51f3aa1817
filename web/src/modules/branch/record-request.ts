// The record form's values as the request bodies the server takes (create and update): what belongs to another kind is
// left out, a plan held replaces the plan, a confidential content the editor could not read is not sent back.
import type { CreateRecordBody, UpdateRecordBody } from '#contracts/branch';
import { isJointKind, type RecordFormValues } from './record-form-logic.ts';

const text = (value: string): string | null => {
  const trimmed = value.trim();
  return trimmed === '' ? null : trimmed;
};

/** The fields of both bodies; what belongs to another kind is left out rather than sent empty. */
function recordFields(values: RecordFormValues): Omit<CreateRecordBody, 'partyOrgId' | 'kind' | 'clientKey'> {
  const held = values.status === 'held';
  const kind = values.kind;
  const parts = {
    theory: text(values.parts.theory),
    bulletin: text(values.parts.bulletin),
    exchange: text(values.parts.exchange),
    microLecture: text(values.parts.microLecture),
  };
  const anyPart = Object.values(parts).some((part) => part !== null);
  return {
    status: values.status,
    plannedOn: values.plannedOn,
    heldOn: held ? values.heldOn : null,
    place: text(values.place),
    hostMemberId: values.hostMemberId,
    recorderMemberId: values.recorderMemberId,
    topic: values.topic.trim(),
    content: text(values.content),
    resolutions: text(values.resolutions),
    parts: kind === 'theme_day' && anyPart ? parts : null,
    studied: kind === 'study' ? text(values.studied) : null,
    appliedTo: kind === 'study' ? text(values.appliedTo) : null,
    outcome: kind === 'study' ? text(values.outcome) : null,
    durationMinutes: values.durationMinutes,
    // A plan has no attendance yet: who came is known once it is held.
    attendees: held
      ? values.attendees.map((row) => ({
          memberId: row.memberId,
          attendance: row.attendance,
          reason: row.attendance === 'excused' ? text(row.reason) : null,
        }))
      : [],
    grades:
      kind === 'member_appraisal' && held
        ? values.grades.flatMap((row) =>
            row.grade ? [{ memberId: row.memberId, grade: row.grade, note: text(row.note) }] : [],
          )
        : [],
    // Left out unless the user chose them: absent keeps what the record has (none, for a new one).
    ...(values.joint.touched && isJointKind(kind)
      ? { jointOrgIds: values.joint.orgIds, partnerOrgIds: values.joint.partnerIds }
      : {}),
  };
}

export function toCreateBody(values: RecordFormValues, clientKey: string): CreateRecordBody {
  if (!values.partyOrgId) throw new Error('a record needs its organisation');
  const planId = values.status === 'held' ? (values.planId ?? null) : null;
  return {
    partyOrgId: values.partyOrgId,
    kind: values.kind,
    ...recordFields(values),
    clientKey,
    ...(planId ? { planId } : {}),
  };
}

/**
 * `contentHidden`: a talk whose content this editor may not read came with none; sending none back would erase
 * it, so the field is left out and the server keeps what it has.
 */
export function toUpdateBody(
  values: RecordFormValues,
  version: number,
  options: { contentHidden?: boolean } = {},
): UpdateRecordBody {
  const { content, ...fields } = recordFields(values);
  return options.contentHidden ? { ...fields, version } : { ...fields, content, version };
}
