// The record form's state and the rules that turn it into a request: pure, so that the draft kept on the device, the
// form on screen and the body sent are one shape and tested without a browser.
import type { Attendance, BranchRecord, BranchRecordKind, Grade, Prefill } from '#contracts/branch';

export type AttendeeRow = {
  memberId: string;
  name: string;
  attendance: Attendance;
  /** 请假事由: kept while the member is excused, dropped from the body otherwise. */
  reason: string;
  /** On the roster on the day (false: someone added who was not expected). */
  expected: boolean;
};
export type GradeRow = { memberId: string; name: string; grade: Grade | null; note: string };
/** Someone the form may name (host, recorder, talk partner): the roster of the day, kept with the draft for offline. */
export type RosterEntry = { memberId: string; name: string };
export type ThemeDayParts = { theory: string; bulletin: string; exchange: string; microLecture: string };
/**
 * 联合开展的党组织 (other organisations of the organ) and 参加的共建单位 (partner organisations): sent only once
 * `touched`, so that editing a record without opening them leaves the saved ones as they are.
 */
export type JointChoice = {
  orgIds: string[];
  partnerIds: string[];
  touched: boolean;
  /** Names of those a saved record holds, shown while the lists load or when the reader cannot list them. */
  known: { id: string; name: string }[];
};

/** The kinds held jointly with other organisations (the server refuses the others). */
export const JOINT_KINDS: readonly BranchRecordKind[] = ['theme_day', 'party_lecture', 'study'];
export const isJointKind = (kind: BranchRecordKind) => JOINT_KINDS.includes(kind);
export const NO_JOINT: JointChoice = { orgIds: [], partnerIds: [], touched: false, known: [] };

export type RecordFormValues = {
  partyOrgId: string | null;
  kind: BranchRecordKind;
  status: 'held' | 'planned';
  heldOn: string | null;
  plannedOn: string | null;
  place: string;
  hostMemberId: string | null;
  recorderMemberId: string | null;
  topic: string;
  content: string;
  resolutions: string;
  parts: ThemeDayParts;
  studied: string;
  appliedTo: string;
  outcome: string;
  /** How long it lasted (members' study hours count from it). */
  durationMinutes: number | null;
  attendees: AttendeeRow[];
  grades: GradeRow[];
  roster: RosterEntry[];
  joint: JointChoice;
  /**
   * The prefill last applied ("org|kind|day"): a draft reopened later is not prefilled again over what was typed,
   * and a change of branch, kind or day asks for the roster of the new one.
   */
  prefilledFor: string | null;
  /** This month's planned record of the kind that this one holds: the server replaces the plan with it. */
  planId?: string | null;
};

export const EMPTY_PARTS: ThemeDayParts = { theory: '', bulletin: '', exchange: '', microLecture: '' };

export { chinaToday } from '../../components/dates.ts';

export function emptyValues(
  kind: BranchRecordKind,
  partyOrgId: string | null,
  today: string,
): RecordFormValues {
  return {
    partyOrgId,
    kind,
    status: 'held',
    heldOn: today,
    plannedOn: null,
    place: '',
    hostMemberId: null,
    recorderMemberId: null,
    topic: '',
    content: '',
    resolutions: '',
    parts: { ...EMPTY_PARTS },
    studied: '',
    appliedTo: '',
    outcome: '',
    durationMinutes: null,
    attendees: [],
    grades: [],
    roster: [],
    joint: { ...NO_JOINT, known: [] },
    prefilledFor: null,
  };
}

/** The day whose roster the form shows: the day held, else the day planned, else today. */
export function rosterDay(values: RecordFormValues, today: string): string {
  return (values.status === 'held' ? values.heldOn : values.plannedOn) ?? values.heldOn ?? today;
}

export function prefillKey(values: RecordFormValues, today: string): string | null {
  return values.partyOrgId ? `${values.partyOrgId}|${values.kind}|${rosterDay(values, today)}` : null;
}

/**
 * The roster of the day over the rows already marked: marks and reasons of members still expected are kept, new
 * members come in present, members no longer on the roster leave; people added by hand stay at the end.
 */
export function mergeRoster(rows: readonly AttendeeRow[], roster: Prefill['expected']): AttendeeRow[] {
  const byId = new Map(rows.map((row) => [row.memberId, row]));
  const onRoster = new Set(roster.map((m) => m.memberId));
  const merged: AttendeeRow[] = roster.map((m) => {
    const known = byId.get(m.memberId);
    return known
      ? { ...known, name: m.name, expected: true }
      : { memberId: m.memberId, name: m.name, attendance: 'present', reason: '', expected: true };
  });
  const added = rows.filter((row) => !row.expected && !onRoster.has(row.memberId));
  return [...merged, ...added];
}

/** The grades of 民主评议 follow the roster: one row per member expected, grades already given kept. */
export function mergeGrades(rows: readonly GradeRow[], roster: Prefill['expected']): GradeRow[] {
  const byId = new Map(rows.map((row) => [row.memberId, row]));
  return roster.map(
    (m) => byId.get(m.memberId) ?? { memberId: m.memberId, name: m.name, grade: null, note: '' },
  );
}

/**
 * Applies what the server suggests for this branch, kind and day: the roster of the day over the marks made, and
 * place, host, recorder and topic where still empty. A theme day moves to the organ's fixed day once that has come.
 */
export function applyPrefill(values: RecordFormValues, prefill: Prefill, today: string): RecordFormValues {
  const first = values.prefilledFor === null;
  const previousKind = values.prefilledFor?.split('|')[1];
  // The theme day's date is suggested once, when the form becomes a theme day; a date chosen after that stays.
  const becameThemeDay = values.kind === 'theme_day' && previousKind !== 'theme_day';
  // A talk's attendees are the people talked with, chosen one by one, not the whole roster.
  const talk = values.kind === 'talk';
  const next: RecordFormValues = {
    ...values,
    roster: prefill.expected.map((m) => ({ memberId: m.memberId, name: m.name })),
    attendees: talk
      ? previousKind === 'talk'
        ? values.attendees
        : []
      : mergeRoster(values.attendees, prefill.expected),
    grades: values.kind === 'member_appraisal' ? mergeGrades(values.grades, prefill.expected) : values.grades,
    place: values.place || prefill.place || '',
    hostMemberId: values.hostMemberId ?? prefill.hostMemberId,
    recorderMemberId: values.recorderMemberId ?? prefill.recorderMemberId,
    topic: values.topic || prefill.planned?.topic || '',
    // A plan of the month is taken over by the record that holds it (and then replaced by it, not kept beside it).
    planId: prefill.planned?.id ?? null,
  };
  if (becameThemeDay) {
    if (values.status === 'held' && prefill.themeDayOn <= today) next.heldOn = prefill.themeDayOn;
    if (values.status === 'planned' && !values.plannedOn) next.plannedOn = prefill.themeDayOn;
  }
  if (first && values.status === 'planned' && !next.plannedOn && prefill.planned?.plannedOn) {
    next.plannedOn = prefill.planned.plannedOn;
  }
  next.prefilledFor = prefillKey(next, today);
  return next;
}

export function setAttendance(
  rows: readonly AttendeeRow[],
  memberId: string,
  attendance: Attendance,
): AttendeeRow[] {
  return rows.map((row) => (row.memberId === memberId ? { ...row, attendance } : row));
}

export function setReason(rows: readonly AttendeeRow[], memberId: string, reason: string): AttendeeRow[] {
  return rows.map((row) => (row.memberId === memberId ? { ...row, reason } : row));
}

export function markAllPresent(rows: readonly AttendeeRow[]): AttendeeRow[] {
  return rows.map((row) => ({ ...row, attendance: 'present' }));
}

export function attendanceCounts(rows: readonly AttendeeRow[]) {
  const count = (a: Attendance) => rows.filter((row) => row.attendance === a).length;
  return {
    present: count('present'),
    excused: count('excused'),
    absent: count('absent'),
    expected: rows.filter((row) => row.expected).length,
  };
}

/** The people a saved record names, for its edit form's choices: those who attended, the host and the recorder. */
function rosterOfRecord(record: BranchRecord): RosterEntry[] {
  const people = new Map(record.attendees.map((a) => [a.memberId, a.name]));
  if (record.hostMemberId && record.hostName) people.set(record.hostMemberId, record.hostName);
  if (record.recorderMemberId && record.recorderName)
    people.set(record.recorderMemberId, record.recorderName);
  return [...people].map(([memberId, name]) => ({ memberId, name }));
}

/** The talk's partners as attendees: each chosen one present. */
export function setTalkPartners(values: RecordFormValues, memberIds: readonly string[]): AttendeeRow[] {
  const names = new Map([...values.roster, ...values.attendees].map((p) => [p.memberId, p.name]));
  return memberIds.map((memberId) => ({
    memberId,
    name: names.get(memberId) ?? '',
    attendance: 'present',
    reason: '',
    expected: true,
  }));
}

/** A saved record as form values, for editing it. */
export function fromRecord(record: BranchRecord): RecordFormValues {
  return {
    partyOrgId: record.partyOrgId,
    kind: record.kind,
    status: record.status,
    heldOn: record.heldOn,
    plannedOn: record.plannedOn,
    place: record.place ?? '',
    hostMemberId: record.hostMemberId,
    recorderMemberId: record.recorderMemberId,
    topic: record.topic,
    content: record.content ?? '',
    resolutions: record.resolutions ?? '',
    parts: {
      theory: record.parts?.theory ?? '',
      bulletin: record.parts?.bulletin ?? '',
      exchange: record.parts?.exchange ?? '',
      microLecture: record.parts?.microLecture ?? '',
    },
    studied: record.studied ?? '',
    appliedTo: record.appliedTo ?? '',
    outcome: record.outcome ?? '',
    durationMinutes: record.durationMinutes,
    attendees: record.attendees.map((a) => ({
      memberId: a.memberId,
      name: a.name,
      attendance: a.attendance,
      reason: a.reason ?? '',
      expected: a.expected,
    })),
    grades: record.grades.map((g) => ({
      memberId: g.memberId,
      name: g.name,
      grade: g.grade,
      note: g.note ?? '',
    })),
    roster: rosterOfRecord(record),
    joint: {
      orgIds: record.jointOrgs.map((o) => o.id),
      partnerIds: record.partners.map((p) => p.id),
      touched: false,
      known: [...record.jointOrgs, ...record.partners].map(({ id, name }) => ({ id, name })),
    },
    // A saved record is never prefilled over: its roster is the one it was held with.
    prefilledFor: `${record.partyOrgId}|${record.kind}|${record.heldOn ?? record.plannedOn ?? ''}`,
  };
}

export type FormProblem =
  | 'orgRequired'
  | 'topicRequired'
  | 'heldOnRequired'
  | 'heldOnFuture'
  | 'plannedOnRequired'
  | 'reasonRequired'
  | 'talkerRequired'
  | 'partnerRequired'
  | 'studiedRequired'
  | 'appliedToRequired'
  | 'gradesRequired'
  | 'gradeNoteRequired';

/**
 * What the server would refuse, answered before the round trip — and before a draft is queued offline, where a
 * refusal would only show once the connection is back and the secretary has left the meeting.
 */
export function formProblems(values: RecordFormValues, today: string): Partial<Record<string, FormProblem>> {
  const problems: Partial<Record<string, FormProblem>> = {};
  const held = values.status === 'held';
  if (!values.partyOrgId) problems.partyOrgId = 'orgRequired';
  if (!values.topic.trim()) problems.topic = 'topicRequired';
  if (held) {
    if (!values.heldOn) problems.heldOn = 'heldOnRequired';
    else if (values.heldOn > today) problems.heldOn = 'heldOnFuture';
    values.attendees.forEach((row, i) => {
      if (row.attendance === 'excused' && !row.reason.trim())
        problems[`attendees.${i}.reason`] = 'reasonRequired';
    });
  } else if (!values.plannedOn) problems.plannedOn = 'plannedOnRequired';
  if (values.kind === 'talk') {
    if (!values.hostMemberId) problems.hostMemberId = 'talkerRequired';
    if (values.attendees.length === 0) problems.attendees = 'partnerRequired';
  }
  if (values.kind === 'study') {
    if (!values.studied.trim()) problems.studied = 'studiedRequired';
    if (!values.appliedTo.trim()) problems.appliedTo = 'appliedToRequired';
  }
  if (values.kind === 'member_appraisal' && held) {
    if (!values.grades.some((g) => g.grade)) problems.grades = 'gradesRequired';
    values.grades.forEach((g, i) => {
      if (g.grade === 'unqualified' && !g.note.trim()) problems[`grades.${i}.note`] = 'gradeNoteRequired';
    });
  }
  return problems;
}

/** Whether anything has been entered beyond what a new form starts with: only then is a draft worth keeping. */
export function hasUserInput(values: RecordFormValues): boolean {
  return (
    values.topic.trim() !== '' ||
    values.content.trim() !== '' ||
    values.resolutions.trim() !== '' ||
    Object.values(values.parts).some((part) => part.trim() !== '') ||
    [values.studied, values.appliedTo, values.outcome].some((v) => v.trim() !== '') ||
    values.attendees.some((row) => row.attendance !== 'present') ||
    values.grades.some((row) => row.grade !== null) ||
    values.joint.orgIds.length > 0 ||
    values.joint.partnerIds.length > 0
  );
}

/** The organisation a new record is for by default: the branch the user is secretary or committee member of. */
export function defaultBranchId(
  roles: readonly { role: string; partyOrgId: string | null }[],
): string | null {
  for (const role of ['branch_secretary', 'branch_committee_member']) {
    const found = roles.find((r) => r.role === role && r.partyOrgId);
    if (found?.partyOrgId) return found.partyOrgId;
  }
  return null;
}

/** Problems and server issues as messages keyed by field path ('topic', 'attendees.2.reason'). */
export function issuesByField(issues: readonly { field: string; message: string }[]): Record<string, string> {
  const byField: Record<string, string> = {};
  for (const issue of issues) {
    const path = issue.field
      .split('.')
      .filter((p) => p !== '' && p !== 'body')
      .join('.');
    if (path && !(path in byField)) byField[path] = issue.message;
  }
  return byField;
}
