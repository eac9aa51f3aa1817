// Test-only, for assessment.review.int.test.ts: the organ world (test/organ-world.ts) on 2026-06-15 with the records
// a 述评 dossier is assembled from — 第一党支部's meetings, study and 民主评议, business KPIs of 政策法规科 pushed by a
// system, 张书记's responsibility list, a fusion project with 王数据's milestones and a KPI, 王数据's 党费 — each
// written so the expected lines can be worked out by hand in the test.
import { personWith } from '../../../../test/organ-fixtures.ts';
import { fusionWorld, ok } from '../../../../test/organ-world.ts';

export type ReviewWorld = Awaited<ReturnType<typeof reviewWorld>>;

export async function reviewWorld() {
  const w = await fusionWorld('2026-06-15');
  const record = (b: Record<string, unknown>) =>
    ok<{ id: string }>(w.officer.post('/api/branch/records', { partyOrgId: w.B1.id, ...b }));
  const db = w.t.database.db;
  await db
    .updateTable('member')
    .set({ departmentId: w.D1 })
    .where('id', 'in', [w.m.sec1, w.m.skilled])
    .execute();
  const skilled = await personWith(w.t, 'review-skilled', w.m.skilled, []);

  // Party records of 第一党支部 (张书记 = sec1, 王数据 = skilled).
  await record({
    kind: 'theme_day',
    heldOn: '2026-03-20',
    topic: '三月主题党日',
    attendees: [
      { memberId: w.m.sec1, attendance: 'present' },
      { memberId: w.m.skilled, attendance: 'excused', reason: '出差' },
    ],
  });
  await record({
    kind: 'theme_day',
    heldOn: '2026-04-18',
    topic: '四月主题党日',
    attendees: [
      { memberId: w.m.sec1, attendance: 'present' },
      { memberId: w.m.skilled, attendance: 'present' },
    ],
  });
  await record({
    kind: 'general_meeting',
    heldOn: '2026-05-10',
    topic: '支部党员大会',
    attendees: [
      { memberId: w.m.sec1, attendance: 'present' },
      { memberId: w.m.skilled, attendance: 'absent' },
    ],
  });
  const studyId = (
    await record({
      kind: 'study',
      heldOn: '2026-03-10',
      topic: '学习《优化营商环境条例》',
      studied: '《优化营商环境条例》',
      appliedTo: '窗口一次办好',
      durationMinutes: 90,
      attendees: [
        { memberId: w.m.sec1, attendance: 'present' },
        { memberId: w.m.skilled, attendance: 'present' },
      ],
    })
  ).id;
  // Before the half-year: counted nowhere.
  await record({
    kind: 'study',
    heldOn: '2025-12-20',
    topic: '去年的学习',
    studied: '《行政许可法》',
    appliedTo: '审批时限',
    attendees: [{ memberId: w.m.sec1, attendance: 'present' }],
  });
  const appraisalId = (
    await record({
      kind: 'member_appraisal',
      heldOn: '2026-01-15',
      topic: '2025年度民主评议党员',
      attendees: [
        { memberId: w.m.sec1, attendance: 'present' },
        { memberId: w.m.skilled, attendance: 'present' },
      ],
      grades: [
        { memberId: w.m.sec1, grade: 'excellent' },
        { memberId: w.m.skilled, grade: 'qualified' },
      ],
    })
  ).id;

  // Business KPIs of 政策法规科 (FD1), pushed; one of 行政审批科 (FD2) that neither member's department has.
  for (const k of [
    {
      code: 'ontime_rate',
      name: '办件按时办结率',
      measureUnit: '%',
      periodRollup: 'mean',
      deptCombine: 'mean',
    },
    { code: 'cases_done', name: '办结件数', measureUnit: '件', periodRollup: 'sum', deptCombine: 'sum' },
  ])
    await ok(w.officer.post('/api/assessment/kpis', { unitId: w.unitId, ...k }));
  const { token } = await ok<{ token: string }>(
    w.officer.post('/api/assessment/kpi-tokens', { unitId: w.unitId, systemName: '政务服务系统' }),
  );
  await ok(
    w.t.app.inject({
      method: 'POST',
      url: '/api/assessment/kpi-push',
      headers: { authorization: `Bearer ${token}` },
      payload: {
        values: [
          { departmentCode: 'FD1', kpiCode: 'ontime_rate', periodKey: '2026-Q1', value: 95 },
          { departmentCode: 'FD1', kpiCode: 'ontime_rate', periodKey: '2026-04', value: 98 },
          { departmentCode: 'FD2', kpiCode: 'cases_done', periodKey: '2026-Q1', value: 40 },
        ],
      },
    }),
  );

  // 张书记 holds the branch's list: four periods of one duty.
  const list = await db
    .insertInto('responsibilityList')
    .values({
      unitId: w.unitId,
      year: 2026,
      level: 'implementing',
      partyOrgId: w.B1.id,
      holderMemberId: w.m.sec1,
      title: '第一党支部书记抓党建责任清单',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const listId = list.id;
  const item = await db
    .insertInto('responsibilityItem')
    .values({
      unitId: w.unitId,
      listId,
      domain: 'party',
      category: '组织建设',
      title: '督促党员按时交纳党费',
      ownerOrgId: w.B1.id,
      effectiveFrom: '2026-01-01',
      recurrence: 'monthly',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('responsibilityPeriod')
    .values(
      [
        { key: '2026-Q1', startsOn: '2026-01-01', dueOn: '2026-03-31', status: 'done', doneOn: '2026-03-30' },
        { key: '2026-04', startsOn: '2026-04-01', dueOn: '2026-04-30', status: 'exempt', doneOn: null },
        { key: '2026-05', startsOn: '2026-05-01', dueOn: '2026-05-31', status: 'open', doneOn: null },
        { key: '2026-Q3', startsOn: '2026-07-01', dueOn: '2026-09-30', status: 'open', doneOn: null },
      ].map(({ key, ...p }) => ({ unitId: w.unitId, itemId: item.id, periodKey: key, ...p })),
    )
    .execute();

  // A fusion project 张书记 owns, 王数据 on its team owning three milestones; one KPI measured in May.
  const project = await db
    .insertInto('fusionProject')
    .values({
      unitId: w.unitId,
      title: '窗口服务提速攻坚',
      leadOrgId: w.B1.id,
      teamKind: 'tackle_team',
      stage: 'in_progress',
      ownerMemberId: w.m.sec1,
      startsOn: '2026-02-01',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const projectId = project.id;
  await db
    .insertInto('fusionProjectMember')
    .values({ unitId: w.unitId, projectId, memberId: w.m.skilled, role: 'member', partyOrgId: w.B1.id })
    .execute();
  await db
    .insertInto('fusionMilestone')
    .values(
      [
        { title: '梳理事项清单', dueOn: '2026-04-30', doneOn: '2026-04-28' },
        { title: '流程再造', dueOn: '2026-05-31', doneOn: '2026-06-05' },
        { title: '上线试运行', dueOn: '2026-06-30', doneOn: null },
      ].map((m) => ({ unitId: w.unitId, projectId, ownerMemberId: w.m.skilled, ...m })),
    )
    .execute();
  await db
    .insertInto('fusionKpi')
    .values({
      unitId: w.unitId,
      projectId,
      name: '平均办理时长',
      measureUnit: '天',
      direction: 'decrease',
      baseline: 10,
      target: 5,
      result: 4.5,
      measuredOn: '2026-05-20',
    })
    .execute();

  // 王数据's 党费: in 第一党支部 since 2020, ¥10 a month from January; January to April paid, May not, June is the
  // current month (today 2026-06-15).
  await db
    .insertInto('memberOrgHistory')
    .values({ unitId: w.unitId, memberId: w.m.skilled, partyOrgId: w.B1.id, fromOn: '2020-01-01' })
    .execute();
  await db
    .insertInto('duesBase')
    .values({
      unitId: w.unitId,
      memberId: w.m.skilled,
      effectiveFrom: '2026-01-01',
      category: 'serving',
      // ¥2,000 a month at 0.5%: ¥10.
      incomeCipher: w.t.secrets.encrypt('200000'),
      rateBp: 50,
      monthlyFen: 1000,
    })
    .execute();
  const payment = await db
    .insertInto('duesPayment')
    .values({
      unitId: w.unitId,
      memberId: w.m.skilled,
      paidOn: '2026-04-20',
      amountFen: 4000,
      recordedByName: '张书记',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('duesPaymentMonth')
    .values(
      ['2026-01-01', '2026-02-01', '2026-03-01', '2026-04-01'].map((month) => ({
        unitId: w.unitId,
        paymentId: payment.id,
        month,
        amountFen: 1000,
      })),
    )
    .execute();
  return { w, skilled, listId, projectId, studyId, appraisalId, record };
}
