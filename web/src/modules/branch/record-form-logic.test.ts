import { describe, expect, it } from 'vitest';
import { CreateRecordBodySchema, type Prefill, UpdateRecordBodySchema } from '#contracts/branch';
import {
  type AttendeeRow,
  applyPrefill,
  attendanceCounts,
  chinaToday,
  defaultBranchId,
  emptyValues,
  formProblems,
  fromRecord,
  hasUserInput,
  issuesByField,
  markAllPresent,
  mergeRoster,
  prefillKey,
  setAttendance,
  setReason,
  setTalkPartners,
} from './record-form-logic.ts';
import { toCreateBody, toUpdateBody } from './record-request.ts';

const ORG = '11111111-1111-4111-8111-111111111111';
const A = 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa';
const B = 'bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb';
const C = 'cccccccc-cccc-4ccc-8ccc-cccccccccccc';
const KEY = 'dddddddd-dddd-4ddd-8ddd-dddddddddddd';
const TODAY = '2026-12-15';

const prefill = (over: Partial<Prefill> = {}): Prefill => ({
  partyOrgId: ORG,
  kind: 'theme_day',
  on: TODAY,
  expected: [
    { memberId: A, name: '张三', partyPost: 'secretary' },
    { memberId: B, name: '李四', partyPost: null },
  ],
  hostMemberId: A,
  recorderMemberId: B,
  place: '三楼党员活动室',
  themeDayOn: '2026-12-09',
  planned: null,
  ...over,
});

describe('attendance', () => {
  const rows: AttendeeRow[] = [
    { memberId: A, name: '张三', attendance: 'present', reason: '', expected: true },
    { memberId: B, name: '李四', attendance: 'present', reason: '', expected: true },
  ];
  it('marks one member with one change and leaves the others', () => {
    const next = setAttendance(rows, B, 'excused');
    expect(next.map((r) => r.attendance)).toEqual(['present', 'excused']);
    expect(rows[1]?.attendance).toBe('present');
    expect(setReason(next, B, '出差')[1]?.reason).toBe('出差');
  });
  it('counts and resets', () => {
    const marked = setAttendance(setAttendance(rows, A, 'absent'), B, 'excused');
    expect(attendanceCounts(marked)).toEqual({ present: 0, excused: 1, absent: 1, expected: 2 });
    expect(attendanceCounts(markAllPresent(marked))).toMatchObject({ present: 2, excused: 0, absent: 0 });
  });
  it('merges a new roster: marks kept, newcomers present, leavers gone, guests kept', () => {
    const marked: AttendeeRow[] = [
      { memberId: A, name: '张三', attendance: 'excused', reason: '病假', expected: true },
      { memberId: B, name: '李四', attendance: 'absent', reason: '', expected: true },
      { memberId: 'guest', name: '王五', attendance: 'present', reason: '', expected: false },
    ];
    const merged = mergeRoster(marked, [
      { memberId: A, name: '张三', partyPost: null },
      { memberId: C, name: '赵六', partyPost: null },
    ]);
    expect(merged.map((r) => [r.memberId, r.attendance, r.reason])).toEqual([
      [A, 'excused', '病假'],
      [C, 'present', ''],
      ['guest', 'present', ''],
    ]);
  });
});

describe('prefill', () => {
  it('fills roster, place, host and recorder, and moves a theme day to the organ’s day once it has come', () => {
    const values = applyPrefill(emptyValues('theme_day', ORG, TODAY), prefill(), TODAY);
    expect(values.attendees.map((a) => a.attendance)).toEqual(['present', 'present']);
    expect(values).toMatchObject({ place: '三楼党员活动室', hostMemberId: A, recorderMemberId: B });
    expect(values.heldOn).toBe('2026-12-09');
    // The day moved, so the roster of that day is asked for next; a second prefill does not move it again.
    expect(values.prefilledFor).toBe(`${ORG}|theme_day|2026-12-09`);
    const chosen = { ...values, heldOn: '2026-12-12' };
    expect(applyPrefill(chosen, prefill({ on: '2026-12-12' }), TODAY).heldOn).toBe('2026-12-12');
  });
  it('leaves the date when the theme day is still to come, and never overwrites what was typed', () => {
    const typed = { ...emptyValues('theme_day', ORG, '2026-12-05'), place: '会议室', topic: '我的主题' };
    const values = applyPrefill(
      typed,
      prefill({ planned: { id: C, topic: '计划主题', plannedOn: '2026-12-09' } }),
      '2026-12-05',
    );
    expect(values.heldOn).toBe('2026-12-05');
    expect(values.place).toBe('会议室');
    expect(values.topic).toBe('我的主题');
  });
  it('takes the planned topic when none was typed', () => {
    const values = applyPrefill(
      emptyValues('committee_meeting', ORG, TODAY),
      prefill({
        kind: 'committee_meeting',
        planned: { id: C, topic: '研究发展党员工作', plannedOn: '2026-12-10' },
      }),
      TODAY,
    );
    expect(values.topic).toBe('研究发展党员工作');
    expect(values.heldOn).toBe(TODAY);
    // Held, it replaces the plan; kept as a plan itself, it names none.
    expect(toCreateBody(values, KEY).planId).toBe(C);
    expect(toCreateBody({ ...values, status: 'planned', plannedOn: TODAY }, KEY).planId).toBeUndefined();
  });
  it('starts a talk with nobody talked to, keeps the roster to choose from, and keeps the choice', () => {
    const values = applyPrefill(emptyValues('talk', ORG, TODAY), prefill({ kind: 'talk' }), TODAY);
    expect(values.attendees).toEqual([]);
    expect(values.roster.map((r) => r.name)).toEqual(['张三', '李四']);
    const chosen = { ...values, attendees: setTalkPartners(values, [B]) };
    expect(chosen.attendees).toEqual([
      { memberId: B, name: '李四', attendance: 'present', reason: '', expected: true },
    ]);
    const later = applyPrefill({ ...chosen, heldOn: '2026-12-14' }, prefill({ kind: 'talk' }), TODAY);
    expect(later.attendees.map((a) => a.memberId)).toEqual([B]);
    // From a talk to a meeting: the whole roster comes in, the partner's mark kept.
    const meeting = applyPrefill({ ...chosen, kind: 'committee_meeting' }, prefill(), TODAY);
    expect(meeting.attendees.map((a) => a.memberId)).toEqual([A, B]);
  });
  it('has no key without an organisation', () => {
    expect(prefillKey(emptyValues('talk', null, TODAY), TODAY)).toBeNull();
  });
});

describe('form → request body', () => {
  const filled = () => {
    const v = applyPrefill(emptyValues('theme_day', ORG, TODAY), prefill(), TODAY);
    return {
      ...v,
      topic: '  学习贯彻全会精神  ',
      attendees: setReason(setAttendance(v.attendees, B, 'excused'), B, ' 出差 '),
      parts: { theory: '学习讲话', bulletin: '', exchange: '', microLecture: '  ' },
      durationMinutes: 90,
      studied: 'not a study',
      content: '',
    };
  };

  it('maps a theme day to a body the contract accepts, with the clientKey', () => {
    const body = toCreateBody(filled(), KEY);
    expect(CreateRecordBodySchema.safeParse(body).success).toBe(true);
    expect(body).toMatchObject({
      partyOrgId: ORG,
      kind: 'theme_day',
      status: 'held',
      heldOn: '2026-12-09',
      topic: '学习贯彻全会精神',
      content: null,
      clientKey: KEY,
      parts: { theory: '学习讲话', bulletin: null, exchange: null, microLecture: null },
      studied: null,
    });
    expect(body.attendees).toEqual([
      { memberId: A, attendance: 'present', reason: null },
      { memberId: B, attendance: 'excused', reason: '出差' },
    ]);
  });
  it('drops a reason once the member is no longer excused, and attendance from a plan', () => {
    const v = filled();
    const back = { ...v, attendees: setAttendance(v.attendees, B, 'absent') };
    expect(toCreateBody(back, KEY).attendees[1]).toEqual({ memberId: B, attendance: 'absent', reason: null });
    const plan = { ...v, status: 'planned' as const, plannedOn: '2026-12-20' };
    expect(toCreateBody(plan, KEY)).toMatchObject({ attendees: [], heldOn: null, plannedOn: '2026-12-20' });
  });
  it('sends the kind’s own fields only: study fields for a study, grades for an appraisal', () => {
    const study = { ...filled(), kind: 'study' as const, appliedTo: '通关时效' };
    expect(toCreateBody(study, KEY)).toMatchObject({
      studied: 'not a study',
      appliedTo: '通关时效',
      parts: null,
    });
    const appraisal = {
      ...filled(),
      kind: 'member_appraisal' as const,
      grades: [
        { memberId: A, name: '张三', grade: 'excellent' as const, note: '' },
        { memberId: B, name: '李四', grade: null, note: '' },
      ],
    };
    expect(toCreateBody(appraisal, KEY).grades).toEqual([{ memberId: A, grade: 'excellent', note: null }]);
    expect(toCreateBody(filled(), KEY).grades).toEqual([]);
  });
  it('updates with the version, and leaves out content the editor could not read', () => {
    const body = toUpdateBody(filled(), 3);
    expect(UpdateRecordBodySchema.safeParse(body).success).toBe(true);
    expect(body).toMatchObject({ version: 3, content: null });
    expect('content' in toUpdateBody(filled(), 3, { contentHidden: true })).toBe(false);
  });
  it('round-trips a saved record', () => {
    const body = toCreateBody(filled(), KEY);
    const values = fromRecord({
      id: C,
      partyOrgId: ORG,
      partyOrgName: '第一党支部',
      kind: 'theme_day',
      status: 'held',
      plannedOn: null,
      heldOn: '2026-12-09',
      topic: body.topic,
      place: body.place ?? null,
      hostName: '张三',
      present: 1,
      expected: 2,
      attachmentCount: 2,
      source: 'entry',
      hostMemberId: A,
      recorderMemberId: B,
      recorderName: '李四',
      content: null,
      confidential: false,
      resolutions: null,
      parts: body.parts ?? null,
      studied: null,
      appliedTo: null,
      outcome: null,
      durationMinutes: 90,
      attendees: [
        { memberId: A, name: '张三', attendance: 'present', reason: null, expected: true },
        { memberId: B, name: '李四', attendance: 'excused', reason: '出差', expected: true },
      ],
      grades: [],
      counts: { typed: 1, prefilled: 5, reused: 0, imported: 0 },
      jointOrgs: [],
      partners: [],
      createdByName: '张三',
      canEdit: true,
      version: 1,
    });
    const again = toCreateBody(values, KEY);
    expect(again).toEqual(body);
  });
});

describe('checks before sending', () => {
  it('names what is missing', () => {
    const v = emptyValues('committee_meeting', null, TODAY);
    expect(formProblems(v, TODAY)).toEqual({ partyOrgId: 'orgRequired', topic: 'topicRequired' });
    const ok = { ...v, partyOrgId: ORG, topic: '谈心' };
    expect(formProblems(ok, TODAY)).toEqual({});
    expect(formProblems({ ...ok, heldOn: '2026-12-16' }, TODAY)).toEqual({ heldOn: 'heldOnFuture' });
    expect(formProblems({ ...ok, heldOn: null }, TODAY)).toEqual({ heldOn: 'heldOnRequired' });
    expect(formProblems({ ...ok, status: 'planned' }, TODAY)).toEqual({ plannedOn: 'plannedOnRequired' });
  });
  it('asks what the server asks of each kind', () => {
    const base = applyPrefill(
      emptyValues('committee_meeting', ORG, TODAY),
      prefill({ kind: 'committee_meeting' }),
      TODAY,
    );
    const ok = { ...base, topic: '主题' };
    const excused = { ...ok, attendees: setAttendance(ok.attendees, B, 'excused') };
    expect(formProblems(excused, TODAY)).toEqual({ 'attendees.1.reason': 'reasonRequired' });
    expect(formProblems({ ...excused, attendees: setReason(excused.attendees, B, '病假') }, TODAY)).toEqual(
      {},
    );
    expect(formProblems({ ...ok, kind: 'talk', hostMemberId: null, attendees: [] }, TODAY)).toEqual({
      hostMemberId: 'talkerRequired',
      attendees: 'partnerRequired',
    });
    expect(formProblems({ ...ok, kind: 'study', appliedTo: '通关' }, TODAY)).toEqual({
      studied: 'studiedRequired',
    });
    const appraisal = {
      ...ok,
      kind: 'member_appraisal' as const,
      grades: [{ memberId: A, name: '张三', grade: null, note: '' }],
    };
    expect(formProblems(appraisal, TODAY)).toEqual({ grades: 'gradesRequired' });
    const unqualified = {
      ...appraisal,
      grades: [{ memberId: A, name: '张三', grade: 'unqualified' as const, note: '' }],
    };
    expect(formProblems(unqualified, TODAY)).toEqual({ 'grades.0.note': 'gradeNoteRequired' });
  });
});

it('knows a form nobody touched from a draft worth keeping', () => {
  const v = applyPrefill(emptyValues('theme_day', ORG, TODAY), prefill(), TODAY);
  expect(hasUserInput(v)).toBe(false);
  expect(hasUserInput({ ...v, topic: '主题' })).toBe(true);
  expect(hasUserInput({ ...v, attendees: setAttendance(v.attendees, A, 'absent') })).toBe(true);
});

it('defaults to the branch one is secretary of, then committee member of', () => {
  expect(
    defaultBranchId([
      { role: 'organ_committee_officer', partyOrgId: 'root' },
      { role: 'branch_committee_member', partyOrgId: 'b2' },
      { role: 'branch_secretary', partyOrgId: 'b1' },
    ]),
  ).toBe('b1');
  expect(defaultBranchId([{ role: 'organ_committee_officer', partyOrgId: 'root' }])).toBeNull();
});

it('puts server issues on their fields', () => {
  expect(
    issuesByField([
      { field: 'body.topic', message: '不能为空' },
      { field: 'body.attendees.1.reason', message: '不能超过 100 个字符' },
      { field: 'body.topic', message: 'second' },
    ]),
  ).toEqual({ topic: '不能为空', 'attendees.1.reason': '不能超过 100 个字符' });
});

it('counts days as Beijing does', () => {
  expect(chinaToday(new Date('2026-12-15T17:00:00Z'))).toBe('2026-12-16');
  expect(chinaToday(new Date('2026-12-15T15:59:00Z'))).toBe('2026-12-15');
});

describe('joint records', () => {
  const base = () => ({ ...emptyValues('theme_day', ORG, TODAY), topic: '联学联建主题党日' });
  it('sends the joint organisations and partners only once the user chose them', () => {
    const untouched = toCreateBody(base(), KEY);
    expect('jointOrgIds' in untouched || 'partnerOrgIds' in untouched).toBe(false);
    const update = toUpdateBody(
      { ...base(), joint: { orgIds: [A], partnerIds: [B], touched: false, known: [] } },
      2,
    );
    expect('jointOrgIds' in update || 'partnerOrgIds' in update).toBe(false);
    const chosen = { ...base(), joint: { orgIds: [A], partnerIds: [B], touched: true, known: [] } };
    const body = toCreateBody(chosen, KEY);
    expect(body).toMatchObject({ jointOrgIds: [A], partnerOrgIds: [B] });
    expect(CreateRecordBodySchema.safeParse(body).success).toBe(true);
    // Emptied on purpose: sent empty, so the server drops the saved ones.
    const cleared = toUpdateBody(
      { ...base(), joint: { orgIds: [], partnerIds: [], touched: true, known: [] } },
      2,
    );
    expect(cleared).toMatchObject({ jointOrgIds: [], partnerOrgIds: [] });
    expect(UpdateRecordBodySchema.safeParse(cleared).success).toBe(true);
  });
  it('never sends them for a kind that is not held jointly', () => {
    const meeting = {
      ...base(),
      kind: 'committee_meeting' as const,
      joint: { orgIds: [A], partnerIds: [], touched: true, known: [] },
    };
    expect('jointOrgIds' in toCreateBody(meeting, KEY)).toBe(false);
  });
  it('counts a choice as input worth a draft', () => {
    expect(hasUserInput(emptyValues('study', ORG, TODAY))).toBe(false);
    expect(
      hasUserInput({
        ...emptyValues('study', ORG, TODAY),
        joint: { orgIds: [], partnerIds: [B], touched: true, known: [] },
      }),
    ).toBe(true);
  });
});
