import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BranchRecord, Prefill, RecordSummary } from '#contracts/branch';
import type { Page } from '#contracts/common';
import type { ItemDetail } from '#contracts/responsibility';
import { type Client, expectError, type TestApp } from '../../../../test/helpers.ts';
import {
  addMember,
  buildClockedApp,
  type Clock,
  type Organ,
  ok,
  personWith,
  seedOrgan,
} from '../../../../test/organ-fixtures.ts';

// Branch work records (issue 10): each kind and its rules, the roster on the day, the prefill and the burden meter's
// counts, a record meeting a responsibility obligation through the registry, talks kept confidential, drafts sent
// twice kept once, stale edits.

let t: TestApp;
let clock: Clock;
let o: Organ;
let officer: Client;
let secretary: Client;
let committee: Client;
let reader: Client;
let talker: Client;
let otherSecretary: Client;
const m = {} as Record<'sec' | 'org' | 'a' | 'b' | 'late' | 'other' | 'sec2', string>;

beforeAll(async () => {
  ({ t, clock } = await buildClockedApp('2026-07-20'));
  o = await seedOrgan(t, 'BR');
  m.sec = await addMember(t, o.B1, '周支书', 'secretary');
  m.org = await addMember(t, o.B1, '吴委员', 'committee_member');
  m.a = await addMember(t, o.B1, '郑党员');
  m.b = await addMember(t, o.B1, '王党员');
  m.late = await addMember(t, o.B1, '冯新调入');
  m.other = await addMember(t, o.B2, '陈二支部');
  m.sec2 = await addMember(t, o.B2, '褚书记', 'secretary');
  // 冯 came to the branch on 1 July (transferred from branch 2); 郑 was in branch 1 all along.
  await t.database.db
    .insertInto('memberOrgHistory')
    .values([
      {
        unitId: o.B1.unitId,
        memberId: m.late,
        partyOrgId: o.B2.id,
        fromOn: '2020-01-01',
        toOn: '2026-07-01',
        reason: null,
      },
      {
        unitId: o.B1.unitId,
        memberId: m.late,
        partyOrgId: o.B1.id,
        fromOn: '2026-07-01',
        toOn: null,
        reason: '调入',
      },
      {
        unitId: o.B1.unitId,
        memberId: m.a,
        partyOrgId: o.B1.id,
        fromOn: '2019-03-01',
        toOn: null,
        reason: null,
      },
    ])
    .execute();
  officer = await personWith(t, 'br-officer', null, [
    { role: 'organ_committee_officer', partyOrgId: o.JG.id },
  ]);
  secretary = await personWith(t, 'br-sec', m.sec, [{ role: 'branch_secretary', partyOrgId: o.B1.id }]);
  committee = await personWith(t, 'br-com', m.org, [
    { role: 'branch_committee_member', partyOrgId: o.B1.id },
  ]);
  reader = await personWith(t, 'br-lgm', null, [{ role: 'leading_group_member', partyOrgId: o.JG.id }]);
  talker = await personWith(t, 'br-a', m.a, [{ role: 'member', partyOrgId: o.B1.id }]);
  otherSecretary = await personWith(t, 'br-sec2', m.sec2, [
    { role: 'branch_secretary', partyOrgId: o.B2.id },
  ]);
});
afterAll(async () => {
  await t.close();
});

const present = (ids: string[]) => ids.map((memberId) => ({ memberId, attendance: 'present' }));
const prefill = (orgId: string, kind: string, on: string) =>
  ok<Prefill>(secretary.get(`/api/branch/records/prefill?partyOrgId=${orgId}&kind=${kind}&on=${on}`));

describe('the prefill', () => {
  it('expects the roster of the day, the secretary as host and the organ’s theme day', async () => {
    const june = await prefill(o.B1.id, 'theme_day', '2026-06-09');
    // 冯 joined the branch on 1 July: not on the June roster, on the July one.
    expect(june.expected.map((e) => e.name).sort()).toEqual(['吴委员', '周支书', '王党员', '郑党员'].sort());
    expect(june.hostMemberId).toBe(m.sec);
    expect(june.themeDayOn).toBe('2026-06-09');
    const july = await prefill(o.B1.id, 'theme_day', '2026-07-09');
    expect(july.expected.map((e) => e.memberId)).toContain(m.late);
    // Branch 2's roster in June had 冯; in July no longer.
    const b2 = await ok<Prefill>(
      otherSecretary.get(
        `/api/branch/records/prefill?partyOrgId=${o.B2.id}&kind=committee_meeting&on=2026-06-20`,
      ),
    );
    expect(b2.expected.map((e) => e.memberId)).toContain(m.late);
    // Another branch's prefill is not the secretary's to ask for.
    expectError(
      await secretary.get(`/api/branch/records/prefill?partyOrgId=${o.B2.id}&kind=theme_day&on=2026-06-09`),
      404,
      'branch.org_not_found',
    );
  });

  it('takes the theme day from the organ’s setting, which only the organ committee sets', async () => {
    const s = await ok<{ themeDayOfMonth: number; version: number }>(
      officer.get(`/api/branch/settings?partyOrgId=${o.B1.id}`),
    );
    expect(s.themeDayOfMonth).toBe(9);
    expectError(
      await secretary.put(`/api/branch/settings?partyOrgId=${o.B1.id}`, {
        themeDayOfMonth: 15,
        version: s.version,
      }),
      403,
      'branch.settings_organ_only',
    );
    const saved = await ok<{ themeDayOfMonth: number; version: number }>(
      officer.put(`/api/branch/settings?partyOrgId=${o.B1.id}`, { themeDayOfMonth: 15, version: s.version }),
    );
    expect((await prefill(o.B1.id, 'theme_day', '2026-08-01')).themeDayOn).toBe('2026-08-15');
    expectError(
      await officer.put(`/api/branch/settings?partyOrgId=${o.B1.id}`, {
        themeDayOfMonth: 10,
        version: s.version,
      }),
      409,
      'common.stale_version',
    );
    await ok(
      officer.put(`/api/branch/settings?partyOrgId=${o.B1.id}`, {
        themeDayOfMonth: 9,
        version: saved.version,
      }),
    );
  });
});

describe('recording', () => {
  it('keeps a theme day with attendance, counts what was typed, and meets the monthly obligation', async () => {
    const list = await ok<{ id: string }>(
      officer.post('/api/responsibility/lists', { year: 2026, level: 'implementing', partyOrgId: o.B1.id }),
    );
    const duty = await ok<{ id: string }>(
      officer.post(`/api/responsibility/lists/${list.id}/items`, {
        domain: 'party',
        category: '组织生活',
        title: '每月开展主题党日',
        ownerOrgId: o.B1.id,
        recurrence: 'monthly',
        recordKind: 'branch.theme_day',
        effectiveFrom: '2026-06-01',
      }),
    );
    const states = async () =>
      (await ok<ItemDetail>(officer.get(`/api/responsibility/items/${duty.id}`))).periods.map(
        (p) => `${p.periodKey}:${p.state}`,
      );
    expect(await states()).toEqual(['2026-06:overdue', '2026-07:open']);

    const pre = await prefill(o.B1.id, 'theme_day', '2026-06-09');
    const attendees = pre.expected.map((e) =>
      e.memberId === m.b
        ? { memberId: e.memberId, attendance: 'excused', reason: '外出办案' }
        : { memberId: e.memberId, attendance: 'present' },
    );
    const rec = await ok<BranchRecord>(
      committee.post('/api/branch/records', {
        partyOrgId: o.B1.id,
        kind: 'theme_day',
        heldOn: pre.themeDayOn,
        hostMemberId: pre.hostMemberId,
        recorderMemberId: m.org,
        topic: '学习贯彻党章，争当业务标兵',
        parts: { theory: '学习党章第三章', bulletin: '通报上半年业务指标完成情况' },
        attendees,
      }),
    );
    expect(rec).toMatchObject({
      kind: 'theme_day',
      status: 'held',
      heldOn: '2026-06-09',
      present: 3,
      expected: 4,
    });
    expect(rec.attendees.find((a) => a.memberId === m.b)).toMatchObject({
      attendance: 'excused',
      reason: '外出办案',
    });
    // Typed: the recorder (no earlier record to take it from), the topic, two parts, 王's leave. Prefilled: the day,
    // the host, three members present.
    expect(rec.counts).toEqual({ typed: 5, prefilled: 5, reused: 0, imported: 0 });
    expect(await states()).toEqual(['2026-06:done', '2026-07:open']);

    // The next record takes the recorder from the last one.
    expect((await prefill(o.B1.id, 'committee_meeting', '2026-07-02')).recorderMemberId).toBe(m.org);

    // Deleting the theme day opens the June period again; a committee member may not delete a held record.
    expectError(
      await committee.del(`/api/branch/records/${rec.id}?version=${rec.version}`),
      409,
      'branch.record_counted',
    );
    await ok(secretary.del(`/api/branch/records/${rec.id}?version=${rec.version}`));
    expect(await states()).toEqual(['2026-06:overdue', '2026-07:open']);
  });

  it('refuses what the rules forbid, each at its field, in Chinese', async () => {
    const base = { partyOrgId: o.B1.id, topic: '支委会', attendees: present([m.sec, m.org]) };
    const issues = async (body: Record<string, unknown>) => {
      const res = await secretary.post('/api/branch/records', { ...base, ...body });
      expectError(res, 400, (res.json() as { error: { code: string } }).error.code);
      return (res.json() as { error: { code: string; issues: { field: string; message: string }[] } }).error;
    };
    const future = await issues({ kind: 'committee_meeting', heldOn: '2026-07-21' });
    expect(future.issues).toContainEqual({
      field: 'body.heldOn',
      message: expect.stringContaining('不能晚于今天'),
    });
    const noReason = await issues({
      kind: 'committee_meeting',
      heldOn: '2026-07-02',
      attendees: [{ memberId: m.a, attendance: 'excused' }],
    });
    expect(noReason.issues).toContainEqual({
      field: 'body.attendees.0.reason',
      message: '请假的请填写请假事由',
    });
    const study = await issues({ kind: 'study', heldOn: '2026-07-02' });
    expect(study.issues.map((i) => i.field)).toEqual(['body.studied', 'body.appliedTo']);
    const appraisal = await issues({
      kind: 'member_appraisal',
      heldOn: '2026-07-02',
      grades: [
        { memberId: m.other, grade: 'qualified' },
        { memberId: m.a, grade: 'unqualified' },
      ],
    });
    expect(appraisal.issues).toEqual([
      { field: 'body.grades.0.memberId', message: '只评议当天在册的本支部党员' },
      { field: 'body.grades.1.note', message: '评为不合格的请写明理由' },
    ]);
    const cell = await issues({ kind: 'cell_meeting', heldOn: '2026-07-02' });
    expect(cell.code).toBe('branch.kind_not_here');
    expectError(
      await secretary.post('/api/branch/records', {
        ...base,
        kind: 'committee_meeting',
        heldOn: '2026-07-02',
        planId: o.B1.id,
      }),
      404,
      'branch.record_not_found',
    );
    const lecturePlan = await ok<BranchRecord>(
      secretary.post('/api/branch/records', {
        partyOrgId: o.B1.id,
        kind: 'party_lecture',
        status: 'planned',
        plannedOn: '2026-07-25',
        topic: '专题党课',
      }),
    );
    const otherKind = await issues({
      kind: 'committee_meeting',
      heldOn: '2026-07-02',
      planId: lecturePlan.id,
    });
    expect(otherKind).toMatchObject({ code: 'branch.not_a_plan' });
    await ok(secretary.del(`/api/branch/records/${lecturePlan.id}?version=${lecturePlan.version}`));
    const planned = await issues({ kind: 'party_lecture', status: 'planned' });
    expect(planned.issues).toEqual([{ field: 'body.plannedOn', message: '计划中的活动请填写计划日期' }]);
  });

  it('keeps a draft sent twice once, takes over its plan, and answers a stale edit with 409', async () => {
    const plan = await ok<BranchRecord>(
      secretary.post('/api/branch/records', {
        partyOrgId: o.B1.id,
        kind: 'party_lecture',
        status: 'planned',
        plannedOn: '2026-07-15',
        place: '三楼会议室',
        topic: '七一专题党课：弘扬伟大建党精神',
      }),
    );
    const pre = await prefill(o.B1.id, 'party_lecture', '2026-07-15');
    expect(pre.planned).toMatchObject({ id: plan.id, topic: plan.topic });
    const clientKey = '6f0e7c2a-3b1d-4c55-9a7e-1d2c3b4a5f60';
    const body = {
      partyOrgId: o.B1.id,
      kind: 'party_lecture',
      heldOn: '2026-07-15',
      place: '三楼会议室',
      hostMemberId: m.sec,
      topic: '七一专题党课：弘扬伟大建党精神',
      attendees: present(pre.expected.map((e) => e.memberId)),
      clientKey,
      planId: plan.id,
    };
    const first = await ok<BranchRecord>(secretary.post('/api/branch/records', body));
    const again = await ok<BranchRecord>(secretary.post('/api/branch/records', body));
    expect(again.id).toBe(first.id);
    const lectures = await ok<Page<RecordSummary>>(
      officer.get(`/api/branch/records?partyOrgId=${o.B1.id}&kind=party_lecture&status=held`),
    );
    expect(lectures.items.map((r) => r.id)).toEqual([first.id]);
    // The plan it held is replaced, not kept beside it.
    expectError(await officer.get(`/api/branch/records/${plan.id}`), 404, 'branch.record_not_found');
    const plans = await ok<Page<RecordSummary>>(
      officer.get(`/api/branch/records?partyOrgId=${o.B1.id}&kind=party_lecture&status=planned`),
    );
    expect(plans.total).toBe(0);
    // The day, the place and the topic came from the plan (reused), the host and the attendance were prefilled.
    expect(first.counts).toEqual({ typed: 0, prefilled: 6, reused: 3, imported: 0 });

    const edited = await ok<BranchRecord>(
      committee.patch(`/api/branch/records/${first.id}`, {
        ...body,
        partyOrgId: undefined,
        kind: undefined,
        clientKey: undefined,
        planId: undefined,
        resolutions: '每名党员撰写心得一篇',
        version: first.version,
      }),
    );
    expect(edited.version).toBe(first.version + 1);
    expectError(
      await secretary.patch(`/api/branch/records/${first.id}`, {
        status: 'held',
        heldOn: '2026-07-15',
        topic: '改题目',
        attendees: present([m.sec]),
        version: first.version,
      }),
      409,
      'common.stale_version',
    );
  });
});

describe('talks', () => {
  let talk: BranchRecord;
  beforeAll(async () => {
    talk = await ok<BranchRecord>(
      secretary.post('/api/branch/records', {
        partyOrgId: o.B1.id,
        kind: 'talk',
        heldOn: '2026-07-10',
        hostMemberId: m.sec,
        topic: '谈心谈话',
        content: '谈到家中老人住院，工作压力较大，支部将协调调休',
        attendees: present([m.a]),
      }),
    );
  });

  it('shows what was said only to its participants and the branch secretary', async () => {
    expect(talk.content).toContain('老人住院');
    const seen = async (c: Client) =>
      (await ok<BranchRecord>(c.get(`/api/branch/records/${talk.id}`))).content;
    expect(await seen(secretary)).toContain('老人住院');
    // The officer and the leading group member see that it took place, with whom, never what was said.
    for (const c of [officer, reader, committee]) {
      const r = await ok<BranchRecord>(c.get(`/api/branch/records/${talk.id}`));
      expect(r).toMatchObject({ content: null, confidential: true, heldOn: '2026-07-10' });
      expect(r.attendees.map((a) => a.memberId)).toEqual([m.a]);
      expect(JSON.stringify(r)).not.toContain('老人');
    }
    // Searching by its words finds nothing, and the list never carries content.
    const found = await ok<Page<RecordSummary>>(
      officer.get(`/api/branch/records?q=${encodeURIComponent('老人')}`),
    );
    expect(found.total).toBe(0);
    const listed = await officer.get(`/api/branch/records?kind=talk`);
    expect(listed.body).not.toContain('老人');
    // Nobody edits what they cannot see.
    expectError(
      await committee.patch(`/api/branch/records/${talk.id}`, {
        status: 'held',
        heldOn: '2026-07-10',
        hostMemberId: m.sec,
        topic: '谈心谈话',
        attendees: present([m.a]),
        version: talk.version,
      }),
      403,
      'branch.talk_confidential',
    );
    // The member talked to holds no permission to read branch records at all.
    expectError(await talker.get(`/api/branch/records/${talk.id}`), 403, 'auth.forbidden');
  });
});

describe('scope', () => {
  it('keeps another branch’s records out of reach', async () => {
    const theirs = await ok<BranchRecord>(
      otherSecretary.post('/api/branch/records', {
        partyOrgId: o.B2.id,
        kind: 'committee_meeting',
        heldOn: '2026-07-03',
        topic: '研究发展党员工作',
        attendees: present([m.sec2]),
      }),
    );
    expectError(await secretary.get(`/api/branch/records/${theirs.id}`), 404, 'branch.record_not_found');
    const mine = await ok<Page<RecordSummary>>(secretary.get('/api/branch/records?pageSize=200'));
    expect(mine.items.map((r) => r.partyOrgId)).not.toContain(o.B2.id);
    const all = await ok<Page<RecordSummary>>(officer.get('/api/branch/records?pageSize=200'));
    expect(all.items.map((r) => r.id)).toContain(theirs.id);
    clock.set('2026-07-20');
  });
});
