import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BranchRecord, Prefill } from '#contracts/branch';
import type { BurdenMeter, ObligationRollup, StudyHours } from '#contracts/branch-rollup';
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
import { closeEndedTemporaryOrgs } from '../org/index.ts';

// The obligations roll-up of the branches (held / due / exempt / missing per month and quarter, each down to the
// record that met it), the burden meter's sums, and temporary organisations: members drawn from their home
// branches for the organisation's dates, its own records, its closing with the records kept.

let t: TestApp;
let clock: Clock;
let o: Organ;
let officer: Client;
let secretary: Client;
let approver: Client;
const m = {} as Record<'sec' | 'a' | 'b' | 'other' | 'approver', string>;
let themeDuty: string;
const records: BranchRecord[] = [];

beforeAll(async () => {
  ({ t, clock } = await buildClockedApp('2026-07-20'));
  o = await seedOrgan(t, 'RU');
  m.sec = await addMember(t, o.B1, '周支书', 'secretary');
  m.a = await addMember(t, o.B1, '郑党员');
  m.b = await addMember(t, o.B1, '王党员');
  m.other = await addMember(t, o.B2, '陈二支部');
  m.approver = await addMember(t, o.JG, '吴书记', 'secretary');
  officer = await personWith(t, 'ru-officer', null, [
    { role: 'organ_committee_officer', partyOrgId: o.JG.id },
  ]);
  secretary = await personWith(t, 'ru-sec', m.sec, [{ role: 'branch_secretary', partyOrgId: o.B1.id }]);
  approver = await personWith(t, 'ru-approver', m.approver, [
    { role: 'leading_group_member', partyOrgId: o.JG.id },
  ]);
  for (const org of [o.B1, o.B2]) {
    const list = await ok<{ id: string }>(
      officer.post('/api/responsibility/lists', { year: 2026, level: 'implementing', partyOrgId: org.id }),
    );
    const duty = await ok<{ id: string }>(
      officer.post(`/api/responsibility/lists/${list.id}/items`, {
        domain: 'party',
        category: '组织生活',
        title: '每月 9 日开展主题党日',
        ownerOrgId: org.id,
        recurrence: 'monthly',
        recordKind: 'branch.theme_day',
        effectiveFrom: '2026-01-01',
      }),
    );
    if (org === o.B1) themeDuty = duty.id;
  }
  // Branch 1 holds its theme days in January, February, May and June; March is missed; April is exempt.
  for (const month of ['01', '02', '05', '06']) {
    const pre = await ok<Prefill>(
      secretary.get(`/api/branch/records/prefill?partyOrgId=${o.B1.id}&kind=theme_day&on=2026-${month}-09`),
    );
    records.push(
      await ok<BranchRecord>(
        secretary.post('/api/branch/records', {
          partyOrgId: o.B1.id,
          kind: 'theme_day',
          heldOn: pre.themeDayOn,
          hostMemberId: pre.hostMemberId,
          topic: `${Number(month)} 月主题党日`,
          attendees: pre.expected.map((e) => ({ memberId: e.memberId, attendance: 'present' })),
        }),
      ),
    );
  }
  const asked = await ok<{ id: string; version: number }>(
    officer.post(`/api/responsibility/items/${themeDuty}/exemptions`, {
      startsOn: '2026-04-01',
      expiresOn: '2026-04-30',
      reason: '支部党员全员参加防汛值守',
      approverMemberId: m.approver,
    }),
  );
  await ok(
    approver.post(`/api/responsibility/exemptions/${asked.id}/decide`, {
      status: 'approved',
      version: asked.version,
    }),
  );
});
afterAll(async () => {
  await t.close();
});

describe('the obligations roll-up', () => {
  it('counts each branch’s months and quarters, down to the record that met each', async () => {
    const r = await ok<ObligationRollup>(
      officer.get(`/api/branch/obligations?partyOrgId=${o.JG.id}&year=2026`),
    );
    const b1 = r.branches.find((b) => b.partyOrgId === o.B1.id);
    const b2 = r.branches.find((b) => b.partyOrgId === o.B2.id);
    const state = (t: { held: number; due: number; exempt: number; missing: number }) =>
      (['held', 'due', 'exempt', 'missing'] as const).filter((k) => t[k] > 0).join('+');
    // Today is 20 July: July's theme day is still due; the months after it have no periods yet.
    expect(b1?.months.map(state)).toEqual([
      'held',
      'held',
      'missing',
      'exempt',
      'held',
      'held',
      'due',
      '',
      '',
      '',
      '',
      '',
    ]);
    expect(b1?.quarters).toEqual([
      { held: 2, due: 0, exempt: 0, missing: 1 },
      { held: 2, due: 0, exempt: 1, missing: 0 },
      { held: 0, due: 1, exempt: 0, missing: 0 },
      { held: 0, due: 0, exempt: 0, missing: 0 },
    ]);
    expect(b1?.total).toEqual({ held: 4, due: 1, exempt: 1, missing: 1 });
    // Branch 2 held nothing: six months missing.
    expect(b2?.total).toEqual({ held: 0, due: 1, exempt: 0, missing: 6 });
    // Every held month clicks down to its record.
    const heldEntries = b1?.entries.filter((e) => e.state === 'held') ?? [];
    expect(heldEntries.map((e) => e.recordId).sort()).toEqual(records.map((x) => x.id).sort());
    expect(heldEntries[0]).toMatchObject({ kindLabel: '主题党日', recordTitle: '1 月主题党日' });
    // The secretary of branch 1 sees the roll-up of the whole organ as far as their scope goes: branch 1 only.
    const own = await ok<ObligationRollup>(
      secretary.get(`/api/branch/obligations?partyOrgId=${o.B1.id}&year=2026`),
    );
    expect(own.branches.map((b) => b.partyOrgId)).toEqual([o.B1.id]);
    expectError(
      await secretary.get(`/api/branch/obligations?partyOrgId=${o.JG.id}&year=2026`),
      404,
      'branch.org_not_found',
    );
  });

  it('sums the burden meter from what was typed and what was filled in', async () => {
    const meter = await ok<BurdenMeter>(officer.get(`/api/branch/burden?partyOrgId=${o.JG.id}&year=2026`));
    const b1 = meter.branches.find((b) => b.partyOrgId === o.B1.id);
    // Each theme day: the day (the organ's theme day), the host and three members present were prefilled; the topic
    // typed. Four records: 20 prefilled, 4 typed.
    expect(b1?.total).toEqual({
      records: 4,
      typed: 4,
      prefilled: 20,
      reused: 0,
      imported: 0,
      untypedShare: 20 / 24,
    });
    expect(b1?.months[0]).toMatchObject({ records: 1, typed: 1, prefilled: 5 });
    expect(b1?.months[2]).toMatchObject({ records: 0, untypedShare: null });
    expect(meter.total).toMatchObject({ records: 4, typed: 4, prefilled: 20 });
  });
});

describe('study hours', () => {
  it('adds up the time of the study records each member attended, entered once with the record', async () => {
    await ok<BranchRecord>(
      secretary.post('/api/branch/records', {
        partyOrgId: o.B1.id,
        kind: 'study',
        heldOn: '2026-07-15',
        topic: '学习《优化营商环境条例》',
        studied: '《优化营商环境条例》第三章',
        appliedTo: '窗口“一次办好”事项梳理',
        durationMinutes: 90,
        attendees: [
          { memberId: m.a, attendance: 'present' },
          { memberId: m.b, attendance: 'absent' },
          { memberId: m.sec, attendance: 'present' },
        ],
      }),
    );
    const hours = await ok<StudyHours>(
      officer.get(`/api/branch/study-hours?partyOrgId=${o.B1.id}&year=2026`),
    );
    const of = (id: string) => hours.members.find((x) => x.memberId === id);
    // Four theme days (no duration given) and the 90-minute study for 郑 and the secretary; 王 was absent from it.
    expect(of(m.a)).toMatchObject({ minutes: 90, records: 5 });
    expect(of(m.sec)).toMatchObject({ minutes: 90, records: 5 });
    expect(of(m.b)).toMatchObject({ minutes: 0, records: 4 });
    expect(hours.members.map((x) => x.memberId)).not.toContain(m.other);
  });
});

describe('temporary organisations', () => {
  it('draws members who keep their home branch, holds its own records, and closes with them kept', async () => {
    const team = await ok<{ id: string }>(
      officer.post('/api/party-orgs', {
        parentId: o.JG.id,
        code: 'RU-TMP',
        name: '驻某县审计组临时党支部',
        kind: 'branch',
        isTemporary: true,
        tempStartOn: '2026-07-01',
        tempEndOn: '2026-09-30',
      }),
    );
    expectError(
      await secretary.put(`/api/branch/temporary-orgs/${team.id}/members`, { memberIds: [m.a] }),
      403,
      'auth.forbidden',
    );
    const members = await ok<
      { memberId: string; homeOrgName: string; fromOn: string; toOn: string | null }[]
    >(officer.put(`/api/branch/temporary-orgs/${team.id}/members`, { memberIds: [m.a, m.other] }));
    expect(members.map((x) => [x.memberId, x.homeOrgName, x.fromOn, x.toOn]).sort()).toEqual(
      [
        [m.a, '第一党支部', '2026-07-20', '2026-09-30'],
        [m.other, '第二党支部', '2026-07-20', '2026-09-30'],
      ].sort(),
    );
    // Their home branch still expects them; so does the team, for its dates.
    const home = await ok<Prefill>(
      officer.get(`/api/branch/records/prefill?partyOrgId=${o.B1.id}&kind=committee_meeting&on=2026-07-20`),
    );
    expect(home.expected.map((e) => e.memberId)).toContain(m.a);
    const teamDay = await ok<Prefill>(
      officer.get(`/api/branch/records/prefill?partyOrgId=${team.id}&kind=theme_day&on=2026-07-20`),
    );
    expect(teamDay.expected.map((e) => e.memberId).sort()).toEqual([m.a, m.other].sort());
    const held = await ok<BranchRecord>(
      officer.post('/api/branch/records', {
        partyOrgId: team.id,
        kind: 'theme_day',
        heldOn: '2026-07-20',
        topic: '审计一线主题党日：坚守廉洁底线',
        attendees: teamDay.expected.map((e) => ({ memberId: e.memberId, attendance: 'present' })),
      }),
    );
    expect(held.expected).toBe(2);
    // A day outside its dates is refused.
    expectError(
      await officer.post('/api/branch/records', {
        partyOrgId: team.id,
        kind: 'committee_meeting',
        heldOn: '2026-06-20',
        topic: '成立前的会议',
        attendees: [{ memberId: m.a, attendance: 'present' }],
      }),
      400,
      'branch.invalid_record',
    );
    // 王 is drawn in later and then sent home: the days in between are kept.
    clock.set('2026-08-03');
    await ok(
      officer.put(`/api/branch/temporary-orgs/${team.id}/members`, { memberIds: [m.a, m.other, m.b] }),
    );
    clock.set('2026-08-20');
    const after = await ok<{ memberId: string; toOn: string | null }[]>(
      officer.put(`/api/branch/temporary-orgs/${team.id}/members`, { memberIds: [m.a, m.other] }),
    );
    expect(after.find((x) => x.memberId === m.b)?.toOn).toBe('2026-08-20');
    const lateAugust = await ok<Prefill>(
      officer.get(`/api/branch/records/prefill?partyOrgId=${team.id}&kind=theme_day&on=2026-08-25`),
    );
    expect(lateAugust.expected.map((e) => e.memberId)).not.toContain(m.b);
    // Saving the same list again later does not draw 王 back in for the days since he left.
    clock.set('2026-09-05');
    const resaved = await ok<{ memberId: string; toOn: string | null }[]>(
      officer.put(`/api/branch/temporary-orgs/${team.id}/members`, { memberIds: [m.a, m.other] }),
    );
    expect(resaved.find((x) => x.memberId === m.b)?.toOn).toBe('2026-08-20');

    // It ends on 30 September: after that day its list no longer changes, closed by the job or not yet.
    clock.set('2026-10-01');
    expectError(
      await officer.put(`/api/branch/temporary-orgs/${team.id}/members`, {
        memberIds: [m.a, m.other, m.sec],
      }),
      400,
      'branch.temporary_closed',
    );
    // The job closes it (it has no members of its own), its record stays.
    const closed = await closeEndedTemporaryOrgs(t.ctx(), '2026-10-01');
    expect(closed.closed).toContain('RU-TMP');
    const kept = await ok<BranchRecord>(officer.get(`/api/branch/records/${held.id}`));
    expect(kept.topic).toBe('审计一线主题党日：坚守廉洁底线');
    expectError(
      await officer.put(`/api/branch/temporary-orgs/${team.id}/members`, { memberIds: [m.a] }),
      400,
      'branch.temporary_closed',
    );
    clock.set('2026-07-20');
  });
});
