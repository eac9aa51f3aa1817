import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Appraisal, Handover, Liaison } from '#contracts/handover';
import type { ItemDetail, ListDetail } from '#contracts/responsibility';
import type { MyDuties } from '#contracts/responsibility-me';
import type { Client, TestApp } from '../../../../test/helpers.ts';
import { expectError } from '../../../../test/helpers.ts';
import {
  addMember,
  buildClockedApp,
  type Clock,
  type Organ,
  ok,
  personWith,
  seedOrgan,
} from '../../../../test/organ-fixtures.ts';
import { allHandoverKinds, type HeldRecord, registerRecordKinds, unregisterRecordKind } from './index.ts';

// 五责交接 (nothing left without an owner, over every registered kind), delegation windows, liaison contacts
// counted from records, and 述职评议.
let t: TestApp;
let clock: Clock;
let o: Organ;
let officer: Client;
let leaverId: string;
let successorId: string;
let successor: Client;
let leaver: Client;
let leaderId: string;
let raterIds: string[];
let list: ListDetail;

const MEETING = 'testpeople.meeting';
const meetings: HeldRecord[] = [];

beforeAll(async () => {
  ({ t, clock } = await buildClockedApp('2026-06-10'));
  o = await seedOrgan(t, 'RH');
  leaverId = await addMember(t, o.B1, '郑支书', 'secretary');
  successorId = await addMember(t, o.B1, '冯委员', 'committee_member');
  leaderId = await addMember(t, o.JG, '陈组员');
  raterIds = [
    await addMember(t, o.B1, '评议人甲'),
    await addMember(t, o.B1, '评议人乙'),
    await addMember(t, o.B1, '评议人丙'),
  ];
  officer = await personWith(t, 'rh-officer', null, [
    { role: 'organ_committee_officer', partyOrgId: o.JG.id },
  ]);
  leaver = await personWith(t, 'rh-leaver', leaverId, [{ role: 'branch_secretary', partyOrgId: o.B1.id }]);
  successor = await personWith(t, 'rh-successor', successorId, [
    { role: 'branch_committee_member', partyOrgId: o.B1.id },
  ]);
  registerRecordKinds([
    {
      key: MEETING,
      label: { zh: '支部会议（测试）', en: 'Meeting (test)' },
      find: async (_ctx, q) =>
        meetings.filter((m) => q.orgIds.includes(m.orgId) && m.date >= q.from && m.date <= q.to),
      attendedBy: async (_ctx, q) =>
        meetings.filter(
          (m) =>
            q.orgIds.includes(m.orgId) &&
            m.date >= q.from &&
            m.date <= q.to &&
            m.attendeeMemberIds.includes(q.memberId),
        ),
    },
  ]);
  list = await ok(
    officer.post('/api/responsibility/lists', {
      year: 2026,
      level: 'implementing',
      partyOrgId: o.B1.id,
      holderMemberId: leaverId,
    }),
  );
});
afterAll(async () => {
  unregisterRecordKind(MEETING);
  await t.close();
});

const item = (title: string, extra: Record<string, unknown> = {}) =>
  ok<{ id: string }>(
    officer.post(`/api/responsibility/lists/${list.id}/items`, {
      domain: 'party',
      category: '组织建设',
      title,
      ownerOrgId: o.B1.id,
      ownerMemberId: leaverId,
      deadline: '2026-09-30',
      ...extra,
    }),
  );

describe('delegation during leave', () => {
  it('lets the delegate hold the absent member’s duties and approvals only within the window', async () => {
    const duty = await item('上半年党建工作总结');
    const helper = await item('审批用的职责', { ownerMemberId: successorId });
    const exemption = await ok<{ id: string; version: number }>(
      officer.post(`/api/responsibility/items/${helper.id}/exemptions`, {
        startsOn: '2026-06-01',
        expiresOn: '2026-06-30',
        reason: '借调外单位',
        approverMemberId: leaverId,
      }),
    );
    const delegation = await ok<Handover>(
      officer.post('/api/handovers', {
        kind: 'delegation',
        fromMemberId: leaverId,
        toMemberId: raterIds[0],
        post: '支部书记',
        reason: '休假',
        startsOn: '2026-06-15',
        endsOn: '2026-06-20',
      }),
    );
    expect(delegation).toMatchObject({ kind: 'delegation', inForce: false, entries: [] });
    const delegate = await personWith(t, 'rh-delegate', raterIds[0] as string, [
      { role: 'member', partyOrgId: o.B1.id },
    ]);
    // Before the window: nothing.
    expect((await ok<MyDuties>(delegate.get('/api/me/duties'))).duties).toEqual([]);
    clock.set('2026-06-16');
    const during = await ok<MyDuties>(delegate.get('/api/me/duties'));
    expect(during.duties.find((d) => d.itemId === duty.id)?.delegatedFrom).toBe('郑支书');
    expect(during.approvals.map((a) => a.id)).toEqual([exemption.id]);
    const period = during.duties.find((d) => d.itemId === duty.id)?.period.id;
    await ok(
      delegate.post(`/api/me/duties/${period}/reports`, { progress: 40, note: '代为报告：已起草总结' }),
    );
    expectError(
      await officer.post('/api/handovers', {
        kind: 'delegation',
        fromMemberId: leaverId,
        toMemberId: successorId,
        post: '支部书记',
        reason: '重叠',
        startsOn: '2026-06-18',
        endsOn: '2026-06-25',
      }),
      409,
      'handover.delegation_overlaps',
    );
    // After the window: gone again, and the absent member still owns the duty.
    clock.set('2026-06-21');
    expect((await ok<MyDuties>(delegate.get('/api/me/duties'))).duties).toEqual([]);
    expectError(
      await delegate.post(`/api/responsibility/exemptions/${exemption.id}/decide`, {
        status: 'approved',
        version: exemption.version,
      }),
      404,
      'responsibility.exemption_not_found',
    );
    expect((await ok<ItemDetail>(officer.get(`/api/responsibility/items/${duty.id}`))).ownerMemberId).toBe(
      leaverId,
    );
  });
});

describe('liaison points', () => {
  it('counts a leader’s contacts with the branch from the records they attended', async () => {
    clock.set('2026-06-21');
    const point = await ok<Liaison>(
      officer.post('/api/liaisons', {
        kind: 'point',
        memberId: leaderId,
        branchOrgId: o.B1.id,
        since: '2026-01-01',
      }),
    );
    await ok<Liaison>(
      officer.post('/api/liaisons', {
        kind: 'officer',
        memberId: leaverId,
        branchOrgId: o.B1.id,
        since: '2026-01-01',
      }),
    );
    meetings.push(
      {
        id: 'm1',
        orgId: o.B1.id,
        date: '2026-03-09',
        title: '3 月主题党日',
        attendeeMemberIds: [leaderId, leaverId],
      },
      { id: 'm2', orgId: o.B1.id, date: '2026-05-09', title: '5 月主题党日', attendeeMemberIds: [leaverId] },
      { id: 'm3', orgId: o.B2.id, date: '2026-05-10', title: '二支部党课', attendeeMemberIds: [leaderId] },
    );
    const all = await ok<Liaison[]>(officer.get(`/api/liaisons?partyOrgId=${o.B1.id}`));
    expect(all.find((l) => l.id === point.id)?.contacts.map((c) => c.title)).toEqual(['3 月主题党日']);
    expect(all.find((l) => l.kind === 'officer')?.contacts.map((c) => c.id)).toEqual(['m1', 'm2']);
    expectError(
      await officer.post('/api/liaisons', {
        kind: 'point',
        memberId: leaderId,
        branchOrgId: o.B1.id,
        since: '2026-02-01',
      }),
      409,
      'responsibility.liaison_exists',
    );
    // A branch names its own liaison officer, but which 党组 member liaises with it is arranged from above.
    expectError(
      await leaver.post('/api/liaisons', {
        kind: 'point',
        memberId: leaderId,
        branchOrgId: o.B1.id,
        since: '2026-06-01',
      }),
      403,
      'responsibility.not_organiser',
    );
    await ok<Liaison>(
      leaver.post('/api/liaisons', {
        kind: 'officer',
        memberId: successorId,
        branchOrgId: o.B1.id,
        since: '2026-06-01',
      }),
    );
  });
});

describe('year-end report and appraisal', () => {
  let report: Appraisal;
  it('assembles the report from the list’s records, lets the author edit and submit, and the raters grade', async () => {
    clock.set('2026-12-20');
    report = await ok<Appraisal>(officer.post('/api/appraisals', { listId: list.id }));
    expect(report.authorName).toBe('郑支书');
    expect(report.status).toBe('draft');
    expect(report.lines.map((l) => [l.title, l.outcome])).toEqual(
      expect.arrayContaining([['上半年党建工作总结', 'not_done']]),
    );
    expect(report.lines.find((l) => l.title === '上半年党建工作总结')?.evidence.join()).toContain(
      '代为报告：已起草总结',
    );
    await ok(officer.put(`/api/appraisals/${report.id}/raters`, { memberIds: raterIds }));
    // Only the author edits; nobody rates a draft.
    expectError(
      await officer.patch(`/api/appraisals/${report.id}`, { summary: 'x', version: report.version }),
      404,
      'responsibility.appraisal_not_found',
    );
    const raters = await Promise.all(
      raterIds.map((id, i) => personWith(t, `rh-rater${i}`, id, [{ role: 'member', partyOrgId: o.B1.id }])),
    );
    expectError(
      await (raters[0] as Client).post(`/api/appraisals/${report.id}/rate`, { grade: 'good' }),
      409,
      'responsibility.appraisal_not_submitted',
    );
    const edited = await ok<Appraisal>(
      leaver.patch(`/api/appraisals/${report.id}`, {
        summary: '一年来，支部坚持党建引领业务……',
        version: report.version,
      }),
    );
    const submitted = await ok<Appraisal>(
      leaver.post(`/api/appraisals/${report.id}/submit`, { version: edited.version }),
    );
    expect(submitted.status).toBe('submitted');
    expectError(
      await leaver.patch(`/api/appraisals/${report.id}`, { summary: '改', version: submitted.version }),
      409,
      'responsibility.appraisal_submitted',
    );
    await ok((raters[0] as Client).post(`/api/appraisals/${report.id}/rate`, { grade: 'good' }));
    await ok((raters[1] as Client).post(`/api/appraisals/${report.id}/rate`, { grade: 'fair' }));
    expectError(
      await (raters[1] as Client).post(`/api/appraisals/${report.id}/rate`, { grade: 'good' }),
      409,
      'responsibility.already_rated',
    );
    // A rater sees their own grade only.
    const seen = await ok<Appraisal>((raters[1] as Client).get(`/api/appraisals/${report.id}`));
    expect(seen.raters.map((r) => r.grade)).toEqual(['fair']);
    const last = await ok<Appraisal>(
      (raters[2] as Client).post(`/api/appraisals/${report.id}/rate`, {
        grade: 'fair',
        comment: '抓落实有力',
      }),
    );
    expect(last.status).toBe('appraised');
    const result = await ok<Appraisal>(officer.get(`/api/appraisals/${report.id}`));
    expect(result.result).toEqual({ good: 1, fair: 2, average: 0, poor: 0, grade: 'fair' });
  });
});

describe('handover (五责交接)', () => {
  it('passes everything the leaver owns that is open to the successor, over every registered kind', async () => {
    clock.set('2026-12-21');
    // Something open of every kind this module registers: duties, an own list, an approval, a liaison post, a rating.
    await item('下半年支部工作');
    const other = await ok<ListDetail>(
      officer.post('/api/responsibility/lists', { year: 2026, level: 'implementing', partyOrgId: o.B2.id }),
    );
    const b2Item = await ok<{ id: string }>(
      officer.post(`/api/responsibility/lists/${other.id}/items`, {
        domain: 'party',
        category: '组织生活',
        title: '二支部任务',
        ownerOrgId: o.B2.id,
        deadline: '2026-12-31',
      }),
    );
    await ok(
      officer.post(`/api/responsibility/items/${b2Item.id}/exemptions`, {
        startsOn: '2026-12-01',
        expiresOn: '2026-12-31',
        reason: '合并开展',
        approverMemberId: leaverId,
      }),
    );
    const report2 = await ok<Appraisal>(
      officer.post('/api/appraisals', { listId: other.id }).catch(() => null as never),
    ).catch(() => null);
    expect(report2).toBeNull(); // the second branch has no secretary: no author (checked below with a message)
    const b2Report = await officer.post('/api/appraisals', { listId: other.id });
    expectError(b2Report, 400, 'responsibility.no_author');

    const preview = await ok<{ entries: { kind: string }[] }>(
      officer.get(`/api/handovers/preview?fromMemberId=${leaverId}`),
    );
    const kinds = new Set(preview.entries.map((e) => e.kind));
    expect([...kinds].sort()).toEqual([
      'responsibility.approval',
      'responsibility.item',
      'responsibility.liaison',
      'responsibility.list',
    ]);

    const done = await ok<Handover>(
      officer.post('/api/handovers', {
        kind: 'handover',
        fromMemberId: leaverId,
        toMemberId: successorId,
        post: '第一党支部书记',
        reason: '工作调动',
        startsOn: '2026-12-21',
      }),
    );
    expect(done.entries.length).toBe(preview.entries.length);
    // Nothing open is left with the leaver, for EVERY registered handover kind (a later module's too).
    for (const kind of allHandoverKinds())
      expect(
        await kind.listOpen(t.ctx(), { unitId: o.B1.unitId, memberId: leaverId, today: '2026-12-21' }),
        kind.key,
      ).toEqual([]);
    const after = await ok<{ entries: unknown[] }>(
      officer.get(`/api/handovers/preview?fromMemberId=${leaverId}`),
    );
    expect(after.entries).toEqual([]);
    // The successor owns them now and acknowledges them.
    const mine = await ok<MyDuties>(successor.get('/api/me/duties'));
    expect(mine.duties.map((d) => d.title)).toContain('下半年支部工作');
    expect(mine.approvals.map((a) => a.itemTitle).sort()).toEqual(['二支部任务', '审批用的职责'].sort());
    const handovers = await ok<Handover[]>(successor.get('/api/me/handovers'));
    expect(handovers.map((h) => h.id)).toContain(done.id);
    const acked = await ok<Handover>(
      successor.post(`/api/handovers/${done.id}/acknowledge`, {
        entries: done.entries.map((e) => ({ kind: e.kind, id: e.id })),
      }),
    );
    expect(acked.acknowledged).toBe(done.entries.length);
    // Only the successor acknowledges.
    expectError(
      await officer.post(`/api/handovers/${done.id}/acknowledge`, {
        entries: [{ kind: 'responsibility.item', id: 'x' }],
      }),
      404,
      'handover.not_found',
    );
    const listAfter = await ok<ListDetail>(officer.get(`/api/responsibility/lists/${list.id}`));
    expect(listAfter.holderMemberId).toBe(successorId);
  });

  it('merges the leaver’s own list into the successor’s when both keep one for the same year and organisation', async () => {
    const from = await addMember(t, o.B2, '卫支书', 'secretary');
    const to = await addMember(t, o.B2, '蒋副书记', 'deputy_secretary');
    const own = (holder: string) =>
      ok<ListDetail>(
        officer.post('/api/responsibility/lists', {
          year: 2026,
          level: 'implementing',
          partyOrgId: o.B2.id,
          holderMemberId: holder,
        }),
      );
    const fromList = await own(from);
    const toList = await own(to);
    const duty = (list: ListDetail, holder: string, title: string) =>
      ok<{ id: string }>(
        officer.post(`/api/responsibility/lists/${list.id}/items`, {
          domain: 'business',
          category: '业务工作',
          title,
          ownerOrgId: o.B2.id,
          ownerMemberId: holder,
          deadline: '2026-12-31',
        }),
      );
    await duty(toList, to, '副书记原有职责');
    const moved = await duty(fromList, from, '书记的职责');
    await ok<Handover>(
      officer.post('/api/handovers', {
        kind: 'handover',
        fromMemberId: from,
        toMemberId: to,
        post: '第二党支部书记',
        reason: '换届',
        startsOn: '2026-12-21',
      }),
    );
    const merged = await ok<ListDetail>(officer.get(`/api/responsibility/lists/${toList.id}`));
    expect(merged.items.map((i) => [i.title, i.ownerMemberId])).toEqual([
      ['副书记原有职责', to],
      ['书记的职责', to],
    ]);
    expect(merged.items.find((i) => i.id === moved.id)?.seq).toBe(2);
    expectError(
      await officer.get(`/api/responsibility/lists/${fromList.id}`),
      404,
      'responsibility.list_not_found',
    );
    for (const kind of allHandoverKinds())
      expect(
        await kind.listOpen(t.ctx(), { unitId: o.B2.unitId, memberId: from, today: '2026-12-21' }),
        kind.key,
      ).toEqual([]);
  });

  it('refuses a handover to oneself or to someone out of scope, with the field named', async () => {
    const self = await officer.post('/api/handovers', {
      kind: 'handover',
      fromMemberId: successorId,
      toMemberId: successorId,
      post: '书记',
      reason: '测试',
      startsOn: '2026-12-21',
    });
    expectError(self, 400, 'common.invalid_input');
    const outsider = await seedOrgan(t, 'RX');
    const stranger = await addMember(t, outsider.B1, '外单位党员');
    expectError(
      await officer.post('/api/handovers', {
        kind: 'handover',
        fromMemberId: successorId,
        toMemberId: stranger,
        post: '书记',
        reason: '测试',
        startsOn: '2026-12-21',
      }),
      400,
      'handover.member_out_of_scope',
    );
    // Nor may another organ's member be delegated to one of ours (their duties would follow into this organ).
    expectError(
      await officer.post('/api/handovers', {
        kind: 'delegation',
        fromMemberId: stranger,
        toMemberId: successorId,
        post: '书记',
        reason: '测试',
        startsOn: '2026-12-21',
        endsOn: '2099-12-31',
      }),
      400,
      'handover.member_out_of_scope',
    );
  });
});
