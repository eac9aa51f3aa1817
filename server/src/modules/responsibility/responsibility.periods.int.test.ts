import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
import { startScheduler } from '../../core/jobs.ts';
import { digestJobs } from '../notification/index.ts';
import {
  type HeldRecord,
  recordsChanged,
  registerRecordKinds,
  responsibilityDigest,
  responsibilityJobs,
  unregisterRecordKind,
} from './index.ts';

// Periods across boundaries, late entries, exemptions that expire, obligations met by a registered record kind, the
// scheduled jobs on two instances and the one daily digest per person.
let t: TestApp;
let clock: Clock;
let o: Organ;
let officer: Client;
let secretary: Client;
let secretaryId: string;
let approverId: string;
let approver: Client;
let list: ListDetail;

// A record kind of a module that does not exist yet: theme days held, kept in this test's memory.
const held: HeldRecord[] = [];
const THEME_DAY = 'testbranch.theme_day';

beforeAll(async () => {
  ({ t, clock } = await buildClockedApp('2026-01-15'));
  o = await seedOrgan(t, 'RP');
  secretaryId = await addMember(t, o.B1, '周支书', 'secretary');
  approverId = await addMember(t, o.JG, '吴书记', 'secretary');
  officer = await personWith(t, 'rp-officer', null, [
    { role: 'organ_committee_officer', partyOrgId: o.JG.id },
  ]);
  secretary = await personWith(t, 'rp-b1', secretaryId, [{ role: 'branch_secretary', partyOrgId: o.B1.id }]);
  approver = await personWith(t, 'rp-approver', approverId, [
    { role: 'leading_group_member', partyOrgId: o.JG.id },
  ]);
  registerRecordKinds([
    {
      key: THEME_DAY,
      label: { zh: '主题党日（测试）', en: 'Theme day (test)' },
      find: async (_ctx, q) =>
        held.filter((r) => q.orgIds.includes(r.orgId) && r.date >= q.from && r.date <= q.to),
    },
  ]);
  list = await ok(
    officer.post('/api/responsibility/lists', { year: 2026, level: 'implementing', partyOrgId: o.B1.id }),
  );
});
afterAll(async () => {
  unregisterRecordKind(THEME_DAY);
  await t.close();
});

const item = (body: Record<string, unknown>) =>
  ok<{ id: string }>(
    officer.post(`/api/responsibility/lists/${list.id}/items`, {
      domain: 'party',
      category: '组织生活',
      ownerOrgId: o.B1.id,
      ownerMemberId: secretaryId,
      ...body,
    }),
  );
const detail = (id: string) => ok<ItemDetail>(officer.get(`/api/responsibility/items/${id}`));
const keys = async (id: string) => (await detail(id)).periods.map((p) => `${p.periodKey}:${p.state}`);

/** Runs the periods job (and the digest) for a day, as the scheduler would at 00:20 and 07:30 China time. */
async function runJobsOn(day: string, instances = 1) {
  clock.set(`${day}T00:00:00Z`); // 08:00 in Beijing: both jobs are due
  const schedulers = Array.from({ length: instances }, (_, i) =>
    startScheduler({
      ctx: t.ctx(),
      jobs: [...responsibilityJobs, ...digestJobs([responsibilityDigest])],
      now: clock.now,
      tickMs: 3_600_000,
      instance: `i${i}`,
    }),
  );
  await Promise.all(schedulers.map((s) => s.tick()));
  for (const s of schedulers) await s.stop();
}

describe('periods of recurring duties', () => {
  let monthly: string;
  let quarterly: string;

  it('makes the periods begun so far, and the next one at the period boundary', async () => {
    monthly = (await item({ title: '按月开展主题党日', recurrence: 'monthly' })).id;
    quarterly = (await item({ title: '按季度讲党课', recurrence: 'quarterly' })).id;
    expect(await keys(monthly)).toEqual(['2026-01:open']);
    await runJobsOn('2026-01-31');
    expect(await keys(monthly)).toEqual(['2026-01:due_soon']);
    await runJobsOn('2026-02-01');
    expect(await keys(monthly)).toEqual(['2026-01:overdue', '2026-02:open']);
    await runJobsOn('2026-03-31');
    expect(await keys(quarterly)).toEqual(['2026-Q1:due_soon']);
    await runJobsOn('2026-04-01');
    expect(await keys(quarterly)).toEqual(['2026-Q1:overdue', '2026-Q2:open']);
    expect((await keys(monthly)).length).toBe(4);
  });

  it('keeps a year-end duty within its year', async () => {
    await runJobsOn('2026-12-31');
    expect((await keys(monthly)).at(-1)).toBe('2026-12:due_soon');
    await runJobsOn('2027-01-01');
    expect(await keys(monthly)).toHaveLength(12);
    expect((await keys(monthly)).at(-1)).toBe('2026-12:overdue');
    clock.set('2026-05-20');
  });

  it('counts a late entry in its own period', async () => {
    // Entered on 20 May, effective from 1 March: March and April are its own periods, reported late in May.
    const late = (await item({ title: '支委会', recurrence: 'monthly', effectiveFrom: '2026-03-01' })).id;
    expect(await keys(late)).toEqual(['2026-03:overdue', '2026-04:overdue', '2026-05:open']);
    const march = (await detail(late)).periods[0];
    // The March meeting was held on 28 March and is only written down now: it counts as done on time in March.
    await ok(
      secretary.post(`/api/me/duties/${march?.id}/reports`, {
        progress: 100,
        done: true,
        note: '3 月 28 日已召开支委会',
        reportedOn: '2026-03-28',
      }),
    );
    expect(await keys(late)).toEqual(['2026-03:done', '2026-04:overdue', '2026-05:open']);
    const april = (await detail(late)).periods[1];
    await ok(
      secretary.post(`/api/me/duties/${april?.id}/reports`, {
        progress: 100,
        done: true,
        note: '补开 4 月支委会',
        reportedOn: '2026-05-06',
      }),
    );
    expect(await keys(late)).toEqual(['2026-03:done', '2026-04:late', '2026-05:open']);
    // Not in the future, not before the period.
    const may = (await detail(late)).periods[2];
    expectError(
      await secretary.post(`/api/me/duties/${may?.id}/reports`, {
        progress: 10,
        note: '计划',
        reportedOn: '2026-05-21',
      }),
      400,
      'responsibility.invalid_report',
    );
    expectError(
      await secretary.post(`/api/me/duties/${may?.id}/reports`, {
        progress: 10,
        note: '计划',
        reportedOn: '2026-04-30',
      }),
      400,
      'responsibility.invalid_report',
    );
  });
});

describe('exemptions', () => {
  it('exempts the periods within an approved exemption and none after it expires', async () => {
    clock.set('2026-05-20');
    const duty = (await item({ title: '按月开展学习', recurrence: 'monthly', effectiveFrom: '2026-05-01' }))
      .id;
    const asked = await ok<{ id: string; version: number; status: string }>(
      officer.post(`/api/responsibility/items/${duty}/exemptions`, {
        startsOn: '2026-05-01',
        expiresOn: '2026-06-30',
        reason: '支部集中参加抗洪抢险',
        approverMemberId: approverId,
      }),
    );
    // Only the named approver decides.
    expectError(
      await secretary.post(`/api/responsibility/exemptions/${asked.id}/decide`, {
        status: 'approved',
        version: asked.version,
      }),
      403,
      'responsibility.not_approver',
    );
    const duties = await ok<MyDuties>(approver.get('/api/me/duties'));
    expect(duties.approvals.map((a) => a.id)).toEqual([asked.id]);
    const decided = await ok<{ status: string; inForce: boolean }>(
      approver.post(`/api/responsibility/exemptions/${asked.id}/decide`, {
        status: 'approved',
        version: asked.version,
      }),
    );
    expect(decided).toMatchObject({ status: 'approved', inForce: true });
    expect(await keys(duty)).toEqual(['2026-05:exempt']);
    await runJobsOn('2026-06-01');
    expect(await keys(duty)).toEqual(['2026-05:exempt', '2026-06:exempt']);
    await runJobsOn('2026-07-01');
    expect(await keys(duty)).toEqual(['2026-05:exempt', '2026-06:exempt', '2026-07:open']);
    const after = (await detail(duty)).exemptions[0];
    expect(after?.inForce).toBe(false);
  });
});

describe('obligations fulfilled by records', () => {
  it('meets a period when the registered record kind has a record in it, and never by hand', async () => {
    clock.set('2026-07-10');
    const obligation = (
      await item({
        title: '按月开展主题党日（记录自动完成）',
        recurrence: 'monthly',
        recordKind: THEME_DAY,
        effectiveFrom: '2026-06-01',
      })
    ).id;
    expect(await keys(obligation)).toEqual(['2026-06:overdue', '2026-07:open']);
    const june = (await detail(obligation)).periods[0];
    expectError(
      await secretary.post(`/api/me/duties/${june?.id}/reports`, {
        progress: 100,
        done: true,
        note: '已开展',
      }),
      400,
      'responsibility.invalid_report',
    );

    // The branch records its June theme day (another module, through the registry and recordsChanged).
    held.push({
      id: 'rec-june',
      orgId: o.B1.id,
      date: '2026-06-09',
      title: '6 月主题党日：学习党章',
      attendeeMemberIds: [secretaryId],
    });
    const juneTold = {
      kind: THEME_DAY,
      unitId: o.B1.unitId,
      orgIds: [o.B1.id],
      from: '2026-06-09',
      to: '2026-06-09',
    };
    expect(await recordsChanged(t.ctx(), juneTold)).toBe(1);
    // Told again, or of a later record in a month already met: nothing changes, and it says so (the assessments then
    // leave the measures of periods alone).
    expect(await recordsChanged(t.ctx(), juneTold)).toBe(0);
    held.push({
      id: 'rec-june-2',
      orgId: o.B1.id,
      date: '2026-06-20',
      title: '6 月再学习',
      attendeeMemberIds: [],
    });
    expect(await recordsChanged(t.ctx(), { ...juneTold, from: '2026-06-20', to: '2026-06-20' })).toBe(0);
    held.pop();
    const d = await detail(obligation);
    expect(d.periods.map((p) => `${p.periodKey}:${p.state}`)).toEqual(['2026-06:done', '2026-07:open']);
    expect(d.periods[0]?.fulfilledBy).toEqual({
      kind: THEME_DAY,
      kindLabel: '主题党日（测试）',
      id: 'rec-june',
      title: '6 月主题党日：学习党章',
    });

    // A record of another branch does not count; a record entered before its period's row existed counts at the boundary.
    held.push({
      id: 'rec-b2',
      orgId: o.B2.id,
      date: '2026-07-09',
      title: '二支部主题党日',
      attendeeMemberIds: [],
    });
    held.push({
      id: 'rec-aug',
      orgId: o.B1.id,
      date: '2026-08-01',
      title: '8 月主题党日',
      attendeeMemberIds: [],
    });
    await recordsChanged(t.ctx(), {
      kind: THEME_DAY,
      unitId: o.B1.unitId,
      orgIds: [o.B2.id],
      from: '2026-07-09',
      to: '2026-07-09',
    });
    await runJobsOn('2026-08-01');
    expect(await keys(obligation)).toEqual(['2026-06:done', '2026-07:overdue', '2026-08:done']);

    // The record is deleted: the period it met is open again.
    held.splice(
      held.findIndex((r) => r.id === 'rec-june'),
      1,
    );
    await recordsChanged(t.ctx(), {
      kind: THEME_DAY,
      unitId: o.B1.unitId,
      orgIds: [o.B1.id],
      from: '2026-06-09',
      to: '2026-06-09',
    });
    expect((await keys(obligation))[0]).toBe('2026-06:overdue');
  });
});

describe('scheduled jobs and the daily digest', () => {
  it('runs each job once per due time with two instances, and sends one digest per person per day', async () => {
    // The secretary owns many duties due soon or overdue; the approver has one pending approval.
    const pending = await ok<{ id: string }>(
      officer.post(
        `/api/responsibility/items/${(await item({ title: '临时任务', deadline: '2026-09-10' })).id}/exemptions`,
        {
          startsOn: '2026-09-01',
          expiresOn: '2026-09-30',
          reason: '任务取消',
          approverMemberId: approverId,
        },
      ),
    );
    for (let i = 0; i < 12; i++) await item({ title: `专项任务 ${i + 1}`, deadline: '2026-09-03' });
    await runJobsOn('2026-09-01', 2);
    const runs = await t.database.db
      .selectFrom('jobRun')
      .select(['job', 'dueAt', 'status'])
      .where('dueAt', 'in', [new Date('2026-08-31T16:20:00Z'), new Date('2026-08-31T23:30:00Z')])
      .execute();
    expect(runs.map((r) => `${r.job}:${r.status}`).sort()).toEqual([
      'notification.daily_digest:done',
      'responsibility.periods:done',
    ]);

    const digests = await t.database.db
      .selectFrom('notification')
      .selectAll()
      .where('day', '=', '2026-09-01')
      .execute();
    const mine = digests.filter((n) => n.userId === secretary.userId);
    expect(mine).toHaveLength(1);
    const lines = (mine[0]?.lines ?? []) as { text: string; severity: string; link: string }[];
    expect(lines.filter((l) => l.text.startsWith('即将到期：专项任务'))).toHaveLength(12);
    expect(lines[0]?.severity).toBe('overdue');
    expect(mine[0]?.title).toMatch(/^今日提醒：\d+ 项即将到期，\d+ 项已逾期$/);
    const theirs = digests.filter((n) => n.userId === approver.userId);
    expect(theirs).toHaveLength(1);
    expect(((theirs[0]?.lines ?? []) as { text: string }[]).map((l) => l.text)).toContain(
      '待审批：临时任务 的豁免申请',
    );
    expect(pending.id).toBeTruthy();

    // The same day again (a restart, another instance): nothing more.
    await runJobsOn('2026-09-01', 2);
    expect(
      await t.database.db.selectFrom('notification').select('id').where('day', '=', '2026-09-01').execute(),
    ).toHaveLength(digests.length);
    // The next day: a new digest.
    await runJobsOn('2026-09-02');
    const days = await t.database.db
      .selectFrom('notification')
      .select('day')
      .where('userId', '=', secretary.userId)
      .where('day', '>=', '2026-09-01')
      .where('day', '<=', '2026-09-30')
      .execute();
    expect(days.map((n) => n.day).sort()).toEqual(['2026-09-01', '2026-09-02']);
    // The officer, who owns nothing, gets none.
    expect(
      await t.database.db
        .selectFrom('notification')
        .select('id')
        .where('userId', '=', officer.userId)
        .execute(),
    ).toHaveLength(0);
  });
});
