// The member's 述评 dossier (issue 12 point 4): assembled for a branch's two members from records written below
// (expected lines by hand from those records), signing freezes it while a draft refreshed follows the records, the
// member reads their own signed dossier and no other, a stale edit is refused, another branch's secretary cannot
// sign, and the dossier comes out as .docx and the branch's half-year as .xlsx.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BranchReviews, MyReview, Review, ReviewSection } from '#contracts/assessment-review';
import { REVIEW_GRADES } from '#contracts/assessment-review';
import { documentText, loadWorkbook, rowsOf, unzip } from '../../../../test/file-fixtures.ts';
import type { Client } from '../../../../test/helpers.ts';
import { expectError } from '../../../../test/helpers.ts';
import { ok } from '../../../../test/organ-world.ts';
import { DEFAULT_GRADES } from './assessment.ranking.ts';
import { loadReviewDemo } from './assessment.review-demo.ts';
import { type ReviewWorld, reviewWorld } from './assessment.review-test-helpers.ts';

let w: ReviewWorld['w'];
let skilled: Client;
let listId: string;
let projectId: string;
let studyId: string;
let appraisalId: string;
const H1 = { halfYear: '2026-H1' };

let record: ReviewWorld['record'];
const byKey = (r: Review) => new Map(r.sections.map((s) => [s.key, s.lines]));
const texts = (r: Review, key: string) =>
  byKey(r)
    .get(key)
    ?.map((l) => l.text);
const reviewOfMember = (list: BranchReviews, memberId: string) =>
  list.reviews.find((r) => r.memberId === memberId) as BranchReviews['reviews'][number];

beforeAll(async () => {
  ({ w, skilled, listId, projectId, studyId, appraisalId, record } = await reviewWorld());
}, 120_000);

afterAll(async () => {
  await w?.t.close();
});

let list: BranchReviews;
let mine: Review;
let theirs: Review;

describe('assembling a branch half-year', () => {
  it('offers the grade steps of the ranking', () => {
    expect(REVIEW_GRADES.map((g) => [g.grade, g.label])).toEqual(
      DEFAULT_GRADES.map((g) => [g.grade, g.label]),
    );
  });

  it('assembles both members from the records, section by section', async () => {
    list = await ok<BranchReviews>(
      w.bs1.post('/api/assessment/reviews/assemble', { branchId: w.B1.id, ...H1 }),
    );
    expect(list.reviews.map((r) => `${r.memberName} ${r.status} ${r.version}`).sort()).toEqual(
      ['张书记 draft 1', '王数据 draft 1'].sort(),
    );
    expect(list.missing).toEqual([]);
    mine = await ok<Review>(w.bs1.get(`/api/assessment/reviews/${reviewOfMember(list, w.m.sec1).id}`));
    theirs = await ok<Review>(w.bs1.get(`/api/assessment/reviews/${reviewOfMember(list, w.m.skilled).id}`));

    const order = (r: Review) =>
      r.sections.map((s: ReviewSection) => s.key).filter((k) => !k.startsWith('assessment.member'));
    expect(order(mine)).toEqual([
      'assessment.business',
      'branch.party_life',
      'branch.study',
      'branch.member_appraisal',
      'responsibility.duties',
      'fusion.projects',
    ]);
    // ontime_rate of FD1: Q1 95 over three months, April 98 over one → (95×3 + 98×1) / 4 = 383 / 4 = 95.75.
    // cases_done has values for FD2 only: not 政策法规科's.
    for (const r of [mine, theirs]) {
      expect(r.departmentName).toBe('政策法规科');
      expect(byKey(r).get('assessment.business')).toEqual([
        { text: '所在部门：政策法规科', value: null, href: null },
        {
          text: '办件按时办结率 95.75%（政策法规科 2026-Q1～2026-04，推送）',
          value: 95.75,
          href: '/assessment/kpi',
        },
      ]);
    }
    // 张书记: present at both 主题党日 and the 党员大会.
    expect(byKey(mine).get('branch.party_life')).toEqual([
      { text: '支部党员大会：参加 1 次', value: 1, href: '/branch/records?kind=general_meeting' },
      { text: '主题党日：参加 2 次', value: 2, href: '/branch/records?kind=theme_day' },
    ]);
    // 王数据: absent from the 党员大会, excused from March's 主题党日, present in April.
    // 党费 (months of the half-year owed to the branch): January–April paid, May past and unpaid, June the current
    // month → 4 paid, 1 in arrears, 1 not yet due. 张书记 has no branch history: no months owed here, no line.
    expect(texts(theirs, 'branch.party_life')).toEqual([
      '支部党员大会：参加 0 次（缺席 1 次）',
      '主题党日：参加 1 次（请假 1 次）',
      '党费：已交清 4 个月，欠交 1 个月，1 个月尚未到期或未核定基数',
    ]);
    // One study of 90 minutes (1.5 hours) in the half-year; December's is outside it.
    for (const r of [mine, theirs])
      expect(byKey(r).get('branch.study')).toEqual([
        { text: '参加学用融学习 1 次，共 1.5 小时', value: 1, href: '/branch/records?kind=study' },
        {
          text: '2026-03-10 学习《优化营商环境条例》（用于：窗口一次办好）',
          value: null,
          href: `/branch/records/${studyId}`,
        },
      ]);
    expect(byKey(mine).get('branch.member_appraisal')).toEqual([
      { text: '2026-01-15 民主评议党员：优秀', value: null, href: `/branch/records/${appraisalId}` },
    ]);
    expect(texts(theirs, 'branch.member_appraisal')).toEqual(['2026-01-15 民主评议党员：合格']);
    // Periods due in the window: March done on time, April exempt, May open and past due (today 06-15) →
    // judged 2 (March, May), on time 1, exempt 1; September's is outside the half-year.
    expect(byKey(mine).get('responsibility.duties')).toEqual([
      {
        text: '第一党支部书记抓党建责任清单：本半年度到期 2 项次，按期完成 1 项次，免于完成 1 项次',
        value: 1,
        href: `/responsibility/lists/${listId}`,
      },
    ]);
    expect(texts(theirs, 'responsibility.duties')).toEqual(['未承担责任清单（非书记、班子成员）']);
    // The KPI: 4.5 days against 5, lower is better → met.
    const page = `/fusion/projects/${projectId}`;
    expect(byKey(mine).get('fusion.projects')).toEqual([
      { text: '窗口服务提速攻坚（项目负责人，推进）', value: null, href: page },
      { text: '　指标“平均办理时长”：4.5天，目标 5天（已达成）', value: 4.5, href: page },
    ]);
    // 王数据's milestones: April's done two days early, May's five days late, June's not yet due → judged 2, on time 1.
    expect(texts(theirs, 'fusion.projects')).toEqual([
      '窗口服务提速攻坚（成员，推进）',
      '　指标“平均办理时长”：4.5天，目标 5天（已达成）',
      '负责的项目节点到期 2 个，按期完成 1 个',
      '　2026-04-30 梳理事项清单：按期完成',
      '　2026-05-31 流程再造：逾期完成（2026-06-05）',
      '　2026-06-30 上线试运行：未到期',
    ]);
  });

  it('assembles again without duplicating: drafts refreshed', async () => {
    const again = await ok<BranchReviews>(
      w.bs1.post('/api/assessment/reviews/assemble', { branchId: w.B1.id, ...H1 }),
    );
    expect(again.reviews.map((r) => r.id).sort()).toEqual(list.reviews.map((r) => r.id).sort());
    expect(again.reviews.map((r) => r.version)).toEqual([2, 2]);
  });

  it('refuses a half-year not yet begun, naming the field', async () => {
    const res = await w.bs1.post('/api/assessment/reviews/assemble', {
      branchId: w.B1.id,
      halfYear: '2026-H2',
    });
    expectError(res, 400, 'assessment.review_future');
  });
});

describe('completing and signing', () => {
  it('takes the member statement while a draft, then refuses it once submitted', async () => {
    const own = await ok<MyReview[]>(skilled.get('/api/me/reviews'));
    expect(own.map((r) => [r.halfYear, r.status, r.gradeLabel])).toEqual([['2026-H1', 'draft', null]]);
    // Not signed yet: the member does not read it.
    expectError(await skilled.get(`/api/me/reviews/${theirs.id}`), 404, 'assessment.review_not_found');
    const saved = await ok<MyReview>(
      skilled.put(`/api/me/reviews/${theirs.id}/statement`, {
        statement: '上半年主要参与窗口提速项目。',
        version: own[0]?.version,
      }),
    );
    expect(saved.statement).toBe('上半年主要参与窗口提速项目。');
  });

  it('refuses a stale edit with 409', async () => {
    const current = await ok<Review>(w.bs1.get(`/api/assessment/reviews/${mine.id}`));
    // 回避: the secretary's own dossier is graded by someone else — here the organ committee's officer.
    expectError(
      await w.bs1.patch(`/api/assessment/reviews/${mine.id}`, {
        grade: 'excellent',
        version: current.version,
      }),
      403,
      'assessment.review_own',
    );
    await ok(
      w.officer.patch(`/api/assessment/reviews/${mine.id}`, {
        comment: '表现突出',
        version: current.version,
      }),
    );
    expectError(
      await w.officer.patch(`/api/assessment/reviews/${mine.id}`, {
        grade: 'good',
        version: current.version,
      }),
      409,
      'common.stale_version',
    );
  });

  it('refuses to sign before submission and without a grade', async () => {
    let r = await ok<Review>(w.bs1.get(`/api/assessment/reviews/${mine.id}`));
    expectError(
      await w.officer.post(`/api/assessment/reviews/${mine.id}/sign`, { version: r.version }),
      409,
      'assessment.review_not_submitted',
    );
    r = await ok<Review>(w.officer.post(`/api/assessment/reviews/${mine.id}/submit`, { version: r.version }));
    const res = await w.officer.post(`/api/assessment/reviews/${mine.id}/sign`, { version: r.version });
    expectError(res, 400, 'assessment.review_incomplete');
    expect(res.json().error.issues).toEqual([
      { field: 'body.grade', message: '请先选择等次（优秀、良好、一般、较差），再签字确认' },
    ]);
  });

  it('keeps another branch secretary out (404) and a reader from signing (403)', async () => {
    expectError(await w.bs2.get(`/api/assessment/reviews/${mine.id}`), 404, 'assessment.review_not_found');
    expectError(
      await w.bs2.post(`/api/assessment/reviews/${mine.id}/sign`, { version: 1 }),
      404,
      'assessment.review_not_found',
    );
    expectError(
      await w.bs2.post('/api/assessment/reviews/assemble', { branchId: w.B1.id, ...H1 }),
      404,
      'assessment.review_branch_not_found',
    );
    // The leading group reads the organ's dossiers but does not sign them.
    const r = await ok<Review>(w.lgm.get(`/api/assessment/reviews/${mine.id}`));
    expectError(
      await w.lgm.post(`/api/assessment/reviews/${mine.id}/sign`, { version: r.version }),
      403,
      'auth.forbidden',
    );
  });

  it('signs, and the signed dossier is frozen while a draft follows the records', async () => {
    let r = await ok<Review>(w.bs1.get(`/api/assessment/reviews/${mine.id}`));
    r = await ok<Review>(
      w.officer.patch(`/api/assessment/reviews/${mine.id}`, { grade: 'excellent', version: r.version }),
    );
    const signed = await ok<Review>(
      w.officer.post(`/api/assessment/reviews/${mine.id}/sign`, { version: r.version }),
    );
    expect(signed).toMatchObject({ status: 'signed', grade: 'excellent', gradeLabel: '优秀', frozen: true });
    expect(signed.signedAt).not.toBeNull();

    // A third 主题党日 in May, both present; then the branch assembles again.
    await record({
      kind: 'theme_day',
      heldOn: '2026-05-20',
      topic: '五月主题党日',
      attendees: [
        { memberId: w.m.sec1, attendance: 'present' },
        { memberId: w.m.skilled, attendance: 'present' },
      ],
    });
    await ok(w.bs1.post('/api/assessment/reviews/assemble', { branchId: w.B1.id, ...H1 }));
    const after = await ok<Review>(w.bs1.get(`/api/assessment/reviews/${mine.id}`));
    expect(after.sections).toEqual(signed.sections);
    expect(after.version).toBe(signed.version);
    expect(texts(after, 'branch.party_life')).toContain('主题党日：参加 2 次');
    // 王数据's draft now counts May: 1 + 1 = 2 present, March still excused.
    const draft = await ok<Review>(w.bs1.get(`/api/assessment/reviews/${theirs.id}`));
    expect(texts(draft, 'branch.party_life')).toContain('主题党日：参加 2 次（请假 1 次）');
    expect(draft.statement).toBe('上半年主要参与窗口提速项目。');

    // Even a slip of a service cannot alter it: the table refuses.
    await expect(
      w.t.database.db
        .updateTable('performanceReview')
        .set({ comment: '改过' })
        .where('id', '=', mine.id)
        .execute(),
    ).rejects.toThrow(/frozen/);
    expectError(
      await w.officer.patch(`/api/assessment/reviews/${mine.id}`, {
        comment: '再改',
        version: after.version,
      }),
      409,
      'assessment.review_signed',
    );
  });

  it('shows the member their own signed dossier and no other', async () => {
    const own = await ok<Review>(w.bs1.get(`/api/me/reviews/${mine.id}`));
    expect(own).toMatchObject({
      memberName: '张书记',
      status: 'signed',
      comment: '表现突出',
      gradeLabel: '优秀',
    });
    expectError(await w.bs1.get(`/api/me/reviews/${theirs.id}`), 404, 'assessment.review_not_found');
    expectError(await skilled.get(`/api/me/reviews/${mine.id}`), 404, 'assessment.review_not_found');
    const listed = await ok<MyReview[]>(w.bs1.get('/api/me/reviews'));
    expect(listed.map((r) => [r.id, r.gradeLabel])).toEqual([[mine.id, '优秀']]);
    const shown = await ok<Review>(
      w.officer.post(`/api/assessment/reviews/${mine.id}/show`, { version: own.version }),
    );
    expect(shown.status).toBe('shown');
    expect(shown.sections).toEqual(own.sections);
  });

  it('closes the member statement once submitted', async () => {
    const r = await ok<Review>(w.bs1.get(`/api/assessment/reviews/${theirs.id}`));
    const submitted = await ok<Review>(
      w.bs1.post(`/api/assessment/reviews/${theirs.id}/submit`, { version: r.version }),
    );
    expectError(
      await skilled.put(`/api/me/reviews/${theirs.id}/statement`, {
        statement: '晚了',
        version: submitted.version,
      }),
      409,
      'assessment.review_statement_closed',
    );
  });
});

describe('exports', () => {
  it('prints one dossier as .docx and the half-year as .xlsx', async () => {
    const doc = await w.bs1.get(`/api/assessment/reviews/${mine.id}/docx`);
    expect(doc.statusCode, doc.body.slice(0, 200)).toBe(200);
    const text = documentText(unzip(doc.rawPayload));
    for (const s of [
      '党员半年度述评表',
      '2026年上半年',
      '张书记',
      '一、业务工作实绩',
      '办件按时办结率 95.75%（政策法规科 2026-Q1～2026-04，推送）',
      '主题党日：参加 2 次',
      '表现突出',
      '优秀',
    ])
      expect(text).toContain(s);

    const res = await w.bs1.get(`/api/assessment/reviews/xlsx?branchId=${w.B1.id}&halfYear=2026-H1`);
    expect(res.statusCode, res.body.slice(0, 200)).toBe(200);
    const book = await loadWorkbook(res.rawPayload);
    const rows = rowsOf(book.getWorksheet('述评汇总') as NonNullable<ReturnType<typeof book.getWorksheet>>);
    const header = rows[1] as string[];
    expect(header.slice(0, 3)).toEqual(['姓名', '所在部门', '状态']);
    expect(header.slice(-4)).toEqual(['个人补充说明', '支部评语', '等次', '签字确认']);
    const row = (name: string) => rows.find((r) => r[0] === name) as string[];
    expect(row('张书记').slice(1, 3)).toEqual(['政策法规科', '已告知本人']);
    expect(row('张书记')[header.indexOf('等次')]).toBe('优秀');
    expect(row('王数据')[header.indexOf('个人补充说明')]).toBe('上半年主要参与窗口提速项目。');
    expect(row('王数据')[header.indexOf('组织生活')]).toBe(
      '支部党员大会：参加 0 次（缺席 1 次）\n主题党日：参加 2 次（请假 1 次）\n党费：已交清 4 个月，欠交 1 个月，1 个月尚未到期或未核定基数',
    );
  });
});

describe('the demo', () => {
  it('assembles the last half-year for every member and completes most of it', async () => {
    // Today 2026-06-15: the last half-year that has ended is 2025-H2. The organ's four members (张书记, 王数据 in
    // 第一党支部, 李书记 in 第二, 赵党员 in 第三) each get one; by position: draft, submitted, shown, signed → 2 signed.
    const result = await loadReviewDemo(w.t.ctx(), { unitId: w.unitId });
    expect(result).toEqual({ halfYear: '2025-H2', dossiers: 4, signed: 2 });
    const rows = await w.t.database.db
      .selectFrom('performanceReview')
      .select(['status', 'grade', 'comment', 'signedByName'])
      .where('halfYear', '=', '2025-H2')
      .execute();
    expect(rows.map((r) => r.status).sort()).toEqual(['draft', 'shown', 'signed', 'submitted']);
    for (const r of rows.filter((x) => x.status === 'signed' || x.status === 'shown')) {
      expect(r.comment).toBeTruthy();
      expect(r.signedByName).toBeTruthy();
    }
    // Again: nothing duplicated, the signed ones untouched.
    expect((await loadReviewDemo(w.t.ctx(), { unitId: w.unitId })).dossiers).toBe(2);
  });
});
