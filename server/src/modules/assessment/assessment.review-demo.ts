// The demo's 述评 dossiers (issue 12 point 4): the last half-year that has ended, assembled for every member of the
// demo organ's branches from the records the demo loaded — all sections asked once for the whole organ, written in
// one statement — then completed as a branch would: most signed by their branch's secretary (some already shown to
// the member), a few submitted and waiting for the signature, a few still drafts. Grades and 评语 are fixed by
// position (no randomness): the same demo gives the same dossiers.
import { sql } from 'kysely';
import { REVIEW_GRADES } from '#contracts/assessment-review';
import { type Ctx, todayOf } from '../../core/context.ts';
import { postHoldersOf, rosterOn } from '../member/index.ts';
import { assembleSections, upsertAssembled } from './assessment.review-store.ts';

export type ReviewDemoResult = { halfYear: string; dossiers: number; signed: number };

const COMMENTS: Record<string, string> = {
  excellent:
    '该同志政治站位高，业务工作成效突出，积极参加组织生活和学用融学习，在融合项目中勇挑重担，发挥了先锋模范作用。',
  good: '该同志能认真参加组织生活，按时完成业务工作任务，学习与岗位结合较好。希望进一步在攻坚任务中主动担当。',
  fair: '该同志能完成基本工作任务，但参加组织生活和学习不够经常，业务指标有待提升。希望加强学习，提高工作标准。',
};
/** Of every ten dossiers by position: one draft, one submitted, two shown, six signed; grades mostly 良好. */
const STATE = [
  'draft',
  'submitted',
  'shown',
  'signed',
  'signed',
  'signed',
  'shown',
  'signed',
  'signed',
  'signed',
];
const GRADE = ['good', 'excellent', 'good', 'good', 'fair', 'good', 'excellent', 'good', 'good', 'good'];

const halfYearBefore = (day: string) => {
  const year = Number(day.slice(0, 4));
  return Number(day.slice(5, 7)) <= 6 ? `${year - 1}-H2` : `${year}-H1`;
};
const halfYearEnd = (h: string) => (h.endsWith('H1') ? `${h.slice(0, 4)}-06-30` : `${h.slice(0, 4)}-12-31`);

export async function loadReviewDemo(ctx: Ctx, q: { unitId: string }): Promise<ReviewDemoResult> {
  const halfYear = halfYearBefore(todayOf(ctx));
  const branches = await ctx.db
    .selectFrom('partyOrg')
    .select(['id', 'name'])
    .where('unitId', '=', q.unitId)
    .where('kind', '=', 'branch')
    .where('status', '=', 'active')
    .execute();
  const names = new Map(branches.map((b) => [b.id, b.name]));
  const roster = await rosterOn(
    ctx.db,
    q.unitId,
    branches.map((b) => b.id),
    halfYearEnd(halfYear),
  );
  const ids = roster.map((m) => m.id);
  const [sections, depts, secretaries] = await Promise.all([
    assembleSections(ctx, { unitId: q.unitId, memberIds: ids, halfYear }),
    ids.length === 0
      ? Promise.resolve([])
      : ctx.db
          .selectFrom('member as m')
          .leftJoin('department as d', (j) =>
            j.onRef('d.unitId', '=', 'm.unitId').onRef('d.id', '=', 'm.departmentId'),
          )
          .select(['m.id', 'd.name'])
          .where('m.unitId', '=', q.unitId)
          .where('m.id', 'in', ids)
          .execute(),
    postHoldersOf(
      ctx.db,
      q.unitId,
      branches.map((b) => b.id),
      'secretary',
    ),
  ]);
  const deptOf = new Map(depts.map((d) => [d.id, d.name]));
  const written = await upsertAssembled(
    ctx,
    { unitId: q.unitId, halfYear },
    roster.map((m) => ({
      branchId: m.partyOrgId,
      branchName: names.get(m.partyOrgId) ?? '',
      memberId: m.id,
      memberName: m.name,
      departmentName: deptOf.get(m.id) ?? null,
      sections: sections.get(m.id) ?? [],
    })),
  );
  if (written.length === 0) return { halfYear, dossiers: 0, signed: 0 };
  // Completed in one statement: each dossier's state, grade, 评语 and signer by its position in the roster.
  // Signed a fortnight after the half-year ended (or now, when that is still to come).
  const fortnight = Date.parse(`${halfYearEnd(halfYear)}T10:00:00+08:00`) + 15 * 86_400_000;
  const signedAt = new Date(Math.min(fortnight, (ctx.now?.() ?? new Date()).getTime() - 86_400_000));
  const plan = roster.map((m, i) => {
    const state = STATE[i % STATE.length] as string;
    const grade = GRADE[(i * 7) % GRADE.length] as string;
    const signer = secretaries.get(m.partyOrgId)?.[0]?.name ?? `${names.get(m.partyOrgId) ?? ''}书记`;
    return { memberId: m.id, state, grade, comment: COMMENTS[grade] as string, signer };
  });
  const done = plan.filter((p) => p.state !== 'draft');
  if (done.length > 0)
    await sql`
      update performance_review as p set
        status = v.state,
        grade = v.grade,
        comment = v.comment,
        signed_by_name = case when v.state in ('signed', 'shown') then v.signer end,
        signed_at = case when v.state in ('signed', 'shown') then ${signedAt}::timestamptz end,
        shown_at = case when v.state = 'shown' then ${signedAt}::timestamptz + interval '1 day' end,
        version = p.version + 1,
        updated_at = now()
      from (values ${sql.join(
        done.map((d) => sql`(${d.memberId}::uuid, ${d.state}, ${d.grade}, ${d.comment}, ${d.signer})`),
      )}) as v(member_id, state, grade, comment, signer)
      where p.unit_id = ${q.unitId} and p.half_year = ${halfYear} and p.member_id = v.member_id
        and p.status = 'draft'`.execute(ctx.db);
  const known = new Set(REVIEW_GRADES.map((g) => g.grade as string));
  if (plan.some((p) => !known.has(p.grade))) throw new Error('demo review grade outside the grade steps');
  return {
    halfYear,
    dossiers: written.length,
    signed: done.filter((d) => d.state === 'signed' || d.state === 'shown').length,
  };
}
