// Member cycles (issue 12 points 4 and 5): an organ assesses its members for a half-year with the default member
// system, every value from what the platform already holds (the branch's 民主评议 grades, the department's business
// KPI pushed by its system); members are ranked within their branch, ties named; a branch secretary reads their
// branch's members only; a member reads their own row and its explanation, nobody else's; an appraisal changed
// after the compute moves exactly that branch's members.

import type ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  Cycle,
  IndicatorBasis,
  IndicatorSystem,
  MyResult,
  ResultDetail,
  ResultRow,
  ScoredIndicator,
} from '#contracts/assessment';
import type { BranchReviews, Review, ReviewSummary } from '#contracts/assessment-review';
import type { BranchRecord } from '#contracts/branch';
import { loadWorkbook, rowsOf } from '../../../../test/file-fixtures.ts';
import { expectError } from '../../../../test/helpers.ts';
import { addMember, personWith } from '../../../../test/organ-fixtures.ts';
import { type FusionWorld, fusionWorld, ok } from '../../../../test/organ-world.ts';

let w: FusionWorld;
let cycle: Cycle;
let qian: string;
let b2Appraisal: BranchRecord;
let system: IndicatorSystem;

const results = () => ok<ResultRow[]>(w.officer.get(`/api/assessment/cycles/${cycle.id}/results`));
const byName = (rows: ResultRow[]) => new Map(rows.map((r) => [r.subjectName, r]));
const present = (...ids: string[]) => ids.map((memberId) => ({ memberId, attendance: 'present' }));
const round2 = (n: number | null) => (n === null ? null : Math.round(n * 100) / 100);
const find = (nodes: ScoredIndicator[], key: string): ScoredIndicator | undefined => {
  for (const n of nodes) {
    if (n.key === key) return n;
    const hit = find(n.children, key);
    if (hit) return hit;
  }
  return undefined;
};

beforeAll(async () => {
  w = await fusionWorld('2026-07-10');
  qian = await addMember(w.t, w.B1, '钱党员');
  // Where each member works: their department's figures are their business results.
  const db = w.t.database.db;
  await db
    .updateTable('member')
    .set({ departmentId: w.D1 })
    .where('id', 'in', [w.m.sec1, w.m.skilled, qian])
    .execute();
  await db.updateTable('member').set({ departmentId: w.D2 }).where('id', '=', w.m.sec2).execute();

  // The business system pushes 办件按时办结率 month by month: 95% in 政策法规科, 100% in 行政审批科.
  await ok(
    w.officer.post('/api/assessment/kpis', {
      unitId: w.unitId,
      code: 'ontime_rate',
      name: '办件按时办结率',
      measureUnit: '%',
      periodRollup: 'mean',
      deptCombine: 'mean',
    }),
  );
  const { token } = await ok<{ token: string }>(
    w.officer.post('/api/assessment/kpi-tokens', { unitId: w.unitId, systemName: '政务服务系统' }),
  );
  const months = ['01', '02', '03', '04', '05', '06'];
  const pushed = await w.t.app.inject({
    method: 'POST',
    url: '/api/assessment/kpi-push',
    headers: { authorization: `Bearer ${token}` },
    payload: {
      values: months.flatMap((m) => [
        { departmentCode: 'FD1', kpiCode: 'ontime_rate', periodKey: `2026-${m}`, value: 95 },
        { departmentCode: 'FD2', kpiCode: 'ontime_rate', periodKey: `2026-${m}`, value: 100 },
      ]),
    },
  });
  expect(pushed.statusCode).toBe(200);

  // The spring 民主评议党员, as each branch recorded it.
  await ok<BranchRecord>(
    w.bs1.post('/api/branch/records', {
      partyOrgId: w.B1.id,
      kind: 'member_appraisal',
      heldOn: '2026-03-10',
      topic: '2025年度民主评议党员',
      attendees: present(w.m.sec1, w.m.skilled, qian),
      grades: [
        { memberId: w.m.sec1, grade: 'excellent' },
        { memberId: w.m.skilled, grade: 'qualified' },
        { memberId: qian, grade: 'qualified' },
      ],
    }),
  );
  b2Appraisal = await ok<BranchRecord>(
    w.bs2.post('/api/branch/records', {
      partyOrgId: w.B2.id,
      kind: 'member_appraisal',
      heldOn: '2026-03-12',
      topic: '2025年度民主评议党员',
      attendees: present(w.m.sec2),
      grades: [{ memberId: w.m.sec2, grade: 'basically_qualified' }],
    }),
  );

  const draft = await ok<IndicatorSystem>(
    w.officer.post('/api/assessment/systems', {
      ownerUnitId: w.unitId,
      name: '党员履职述评体系',
      subject: 'member',
    }),
  );
  system = await ok<IndicatorSystem>(
    w.officer.post(`/api/assessment/systems/${draft.id}/publish`, { version: draft.version }),
  );
  const c = await ok<Cycle>(
    w.officer.post('/api/assessment/cycles', {
      ownerUnitId: w.unitId,
      systemId: system.id,
      level: 'member',
      periodKind: 'half',
      periodKey: '2026-H1',
    }),
  );
  cycle = await ok<Cycle>(w.officer.post(`/api/assessment/cycles/${c.id}/compute`, {}));
}, 120_000);
afterAll(async () => {
  await w.t.close();
});

describe('a member cycle', () => {
  it('starts from the default member system, Party and business at the same weight', async () => {
    const s = system;
    expect(s.tree.map((n) => n.name)).toEqual([
      '党员先锋模范作用是否发挥',
      '本职业务工作是否干好',
      '攻坚任务中是否冲在前面',
    ]);
    // 40 Party, 40 business, 20 fusion.
    expect(s.shares).toEqual({ party: 40, business: 40, fusion: 20 });
    // 张书记, 王数据, 钱党员 (B1), 李书记 (B2), 赵党员 (B3).
    expect(cycle).toMatchObject({ level: 'member', name: '2026年上半年党员履职述评', subjects: 5 });
  });

  it('refuses a system of the other subject, naming the field', async () => {
    const res = await w.officer.post('/api/assessment/cycles', {
      ownerUnitId: w.unitId,
      systemId: system.id,
      level: 'branch',
      periodKind: 'year',
      periodKey: '2026',
    });
    expectError(res, 400, 'assessment.cycle_invalid');
    const issues = (res.json() as { error: { issues: { field: string }[] } }).error.issues;
    expect(issues.map((i) => i.field)).toEqual(['body.systemId']);
  });

  it('ranks members within their branch, ties named, a member without any data unranked', async () => {
    // Each member has two leaves with data: 民主评议 (Party) and the department's KPI (business); the rest have none
    // and drop out, so Party and business weigh half each (40 : 40, fusion 20 gone).
    //   KPI: a mean of 95% → 0.95 on linear 0.85 → 1: (0.95 − 0.85) / 0.15 × 100 = 66.67; 100% → 100.
    //   张书记 (B1): 优秀 100 → 0.5 × 100 + 0.5 × 66.67 = 83.33
    //   王数据, 钱党员 (B1): 合格 85 → 0.5 × 85 + 0.5 × 66.67 = 75.83, tied
    //   李书记 (B2): 基本合格 60 → 0.5 × 60 + 0.5 × 100 = 80
    //   赵党员 (B3): no appraisal, no department → no score
    const rows = byName(await results());
    const line = (name: string) => {
      const r = rows.get(name) as ResultRow;
      return [round2(r.total), r.rank, r.outOf, r.group?.name, r.tiedWith, r.grade?.label ?? null];
    };
    expect(line('张书记')).toEqual([83.33, 1, 3, '第一党支部', [], '良好']);
    expect(line('王数据')).toEqual([75.83, 2, 3, '第一党支部', ['钱党员'], '一般']);
    expect(line('钱党员')).toEqual([75.83, 2, 3, '第一党支部', ['王数据'], '一般']);
    expect(line('李书记')).toEqual([80, 1, 1, '第二党支部', [], '良好']);
    expect(line('赵党员')).toEqual([null, null, 0, '第三党支部', [], null]);
    // Listed branch by branch, in the order of the tree.
    expect((await results()).map((r) => r.group?.name)).toEqual([
      '第一党支部',
      '第一党支部',
      '第一党支部',
      '第二党支部',
      '第三党支部',
    ]);
  });

  it('explains a member score down to the appraisal record', async () => {
    const d = await ok<ResultDetail>(w.officer.get(`/api/assessment/cycles/${cycle.id}/results/${w.m.sec1}`));
    const appraisal = find(d.tree, 'm_party.appraisal') as ScoredIndicator;
    expect([appraisal.value, appraisal.score, appraisal.detail]).toEqual([
      100,
      100,
      '2026-03-10 民主评议为“优秀”',
    ]);
    expect(find(d.tree, 'm_business.ontime')?.value).toBeCloseTo(0.95, 6);
    expect(find(d.tree, 'm_party.duties')).toMatchObject({
      dropped: true,
      detail: '本期没有本人负责的到期党建任务',
    });
    const basis = await ok<IndicatorBasis>(
      w.officer.get(`/api/assessment/cycles/${cycle.id}/results/${w.m.sec1}/indicators/m_party.appraisal`),
    );
    expect(basis.basis.map((b) => [b.title, b.state, b.counted])).toEqual([
      ['2025年度民主评议党员', '优秀', true],
    ]);
  });

  it("shows a branch secretary their branch's members only", async () => {
    const mine = await ok<ResultRow[]>(w.bs2.get(`/api/assessment/cycles/${cycle.id}/results`));
    expect(mine.map((r) => [r.subjectName, r.rank, r.outOf])).toEqual([['李书记', 1, 1]]);
    expectError(
      await w.bs2.get(`/api/assessment/cycles/${cycle.id}/results/${w.m.sec1}`),
      404,
      'assessment.result_not_found',
    );
  });

  it('shows a member their own result and its explanation, and nobody else’s', async () => {
    const own = await ok<MyResult[]>(w.bs1.get('/api/me/assessments'));
    expect(own.map((x) => [x.cycle.id, x.result.subjectName, x.result.rank, x.result.outOf])).toEqual([
      [cycle.id, '张书记', 1, 3],
    ]);
    const detail = await ok<ResultDetail>(w.bs1.get(`/api/me/assessments/${cycle.id}`));
    expect(round2(detail.total)).toBe(83.33);
    // 钱党员 is tied with 王数据: told so, never with whom (their 75.83 would give away his).
    const qianAccount = await personWith(w.t, 'member-qian', qian, []);
    const tied = await ok<MyResult[]>(qianAccount.get('/api/me/assessments'));
    expect(tied.map((x) => [x.result.rank, x.result.tiedWith, x.result.note])).toEqual([
      [2, [], '与其他 1 人并列'],
    ]);
    // An account not linked to a member has no results of its own.
    expect(await ok<MyResult[]>(w.officer.get('/api/me/assessments'))).toEqual([]);
    expectError(await w.officer.get(`/api/me/assessments/${cycle.id}`), 404, 'assessment.no_own_record');
    // A plain member of B3, scored with no data: their row, unranked.
    const zhao = await personWith(w.t, 'member-zhao', w.m.other, []);
    const theirs = await ok<MyResult[]>(zhao.get('/api/me/assessments'));
    expect(theirs.map((x) => [x.result.subjectName, x.result.total, x.result.rank])).toEqual([
      ['赵党员', null, null],
    ]);
    // The cycle's full results are not theirs to read.
    expectError(await zhao.get(`/api/assessment/cycles/${cycle.id}/results`), 403, 'auth.forbidden');
  });

  it('puts the member result in the 述评 dossier, placed within the branch', async () => {
    await ok(w.officer.post('/api/assessment/reviews/assemble', { branchId: w.B1.id, halfYear: '2026-H1' }));
    const list = await ok<BranchReviews>(
      w.officer.get(`/api/assessment/reviews?branchId=${w.B1.id}&halfYear=2026-H1`),
    );
    const mine = list.reviews.find((r) => r.memberId === w.m.sec1) as ReviewSummary;
    const dossier = await ok<Review>(w.officer.get(`/api/assessment/reviews/${mine.id}`));
    const section = dossier.sections.find((x) => x.key === 'assessment.member_result');
    // Each domain scored on its own leaves: Party the appraisal's 100, business the KPI's 66.67.
    expect(section?.lines.map((l) => [l.text, l.href])).toEqual([
      [
        '2026年上半年党员履职述评：总分 83.33（党建 100.00、业务 66.67），支部内第 1 名 / 共 3 人，等次“良好”（考核未结束，暂定）',
        `/assessment/cycles/${cycle.id}/results/${w.m.sec1}`,
      ],
    ]);
  });

  it('exports one member’s record for cadre selection: each half-year placed within the branch, each signed 述评', async () => {
    // 王数据's dossier of the half-year, completed and signed by the organ committee's officer.
    const list = await ok<BranchReviews>(
      w.officer.get(`/api/assessment/reviews?branchId=${w.B1.id}&halfYear=2026-H1`),
    );
    const his = list.reviews.find((r) => r.memberId === w.m.skilled) as ReviewSummary;
    let r = await ok<Review>(
      w.officer.patch(`/api/assessment/reviews/${his.id}`, {
        comment: '数据分析能力强，承担窗口数据治理任务。',
        grade: 'good',
        version: his.version,
      }),
    );
    r = await ok<Review>(w.officer.post(`/api/assessment/reviews/${his.id}/submit`, { version: r.version }));
    await ok<Review>(w.officer.post(`/api/assessment/reviews/${his.id}/sign`, { version: r.version }));

    const res = await w.officer.get(`/api/assessment/members/${w.m.skilled}/record.xlsx`);
    expect(res.statusCode, res.body).toBe(200);
    const book = await loadWorkbook(res.rawPayload);
    const [results, reviews] = ['历次考核', '述评'].map((n) =>
      rowsOf(book.getWorksheet(n) as ExcelJS.Worksheet),
    );
    // Row 1 the intro, row 2 the headers. 75.83 tied second of three (with 钱党员, unnamed), 一般, still open.
    expect(results?.slice(2)).toEqual([
      [
        '2026年上半年党员履职述评',
        '2026年上半年',
        '第一党支部',
        '75.83',
        '85',
        '66.67',
        '',
        '2 / 3（并列）',
        '一般',
        '暂定',
      ],
    ]);
    expect(reviews?.slice(2).map((row) => row.slice(0, 4))).toEqual([
      ['2026年上半年', '第一党支部', '良好', '数据分析能力强，承担窗口数据治理任务。'],
    ]);
    // A branch secretary reads their own branch's rows, not a member's record for cadre selection.
    expectError(
      await w.bs1.get(`/api/assessment/members/${w.m.skilled}/record.xlsx`),
      403,
      'assessment.owner_only',
    );
  });

  it("leaves the members' results alone when a record of another kind is written", async () => {
    const stamps = async () =>
      (
        await w.t.database.db
          .selectFrom('assessmentResult')
          .select(['subjectId', 'computedAt'])
          .where('cycleId', '=', cycle.id)
          .orderBy('subjectId')
          .execute()
      ).map((r) => `${r.subjectId} ${r.computedAt.getTime()}`);
    const before = await stamps();
    // A study session of B2 in the half-year: no member measure counts study records (the appraisal grade counts
    // 民主评议 only, duties are reported), so no member's score is asked again.
    const study = await w.bs2.post('/api/branch/records', {
      partyOrgId: w.B2.id,
      kind: 'study',
      heldOn: '2026-04-08',
      topic: '学习《行政许可法》',
      studied: '《行政许可法》',
      appliedTo: '审批时限压缩',
      attendees: present(w.m.sec2),
    });
    expect(study.statusCode, study.body).toBe(200);
    expect(await stamps()).toEqual(before);
  });

  it("moves exactly that branch's members when an appraisal is corrected", async () => {
    const before = byName(await results());
    const fixed = await w.bs2.patch(`/api/branch/records/${b2Appraisal.id}`, {
      status: 'held',
      heldOn: '2026-03-12',
      topic: '2025年度民主评议党员',
      attendees: present(w.m.sec2),
      grades: [{ memberId: w.m.sec2, grade: 'qualified' }],
      version: b2Appraisal.version,
    });
    expect(fixed.statusCode, fixed.body).toBe(200);
    const after = byName(await results());
    // 李书记: 合格 85 → 0.5 × 85 + 0.5 × 100 = 92.5, 优秀 now.
    expect([round2(after.get('李书记')?.total ?? null), after.get('李书记')?.grade?.label]).toEqual([
      92.5,
      '优秀',
    ]);
    for (const name of ['张书记', '王数据', '钱党员', '赵党员'])
      expect(after.get(name)?.total, name).toBe(before.get(name)?.total);
  });
});
