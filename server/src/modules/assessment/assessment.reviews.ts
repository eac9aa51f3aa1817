// The member's 述评 dossier (issue 12 point 4): assembled for a whole branch and half-year in one action, completed
// by the branch (submitted: the member's statement is closed; the secretary writes the 评语 and grade), signed off —
// which freezes it — and shown to the member.
//
// Who: the organ's readers of a branch's assessment (assessment.read: the officers, the leading group, the
// supervisors, the branch's own secretary and committee) read its dossiers; whoever keeps the branch's members'
// records (member.write: the branch secretary, or the organ committee's officers standing in) assembles, completes
// and signs — the 评语 and grade become part of the member's file. The member reads their own dossier once signed.
import type {
  BranchHalfYear,
  BranchReviews,
  PatchReviewBody,
  Review,
  ReviewStatus,
} from '#contracts/assessment-review';
import { type Ctx, todayOf } from '../../core/context.ts';
import { conflict, forbidden, invalid, notFound, staleVersion } from '../../core/errors.ts';
import { recordAudit } from '../audit/index.ts';
import { isInScope } from '../identity/index.ts';
import { rosterOn } from '../member/index.ts';
import { partyOrgRefs } from '../org/index.ts';
import { requireActor } from './assessment.access.ts';
import {
  type Assembled,
  assembleSections,
  halfWindow,
  type ReviewChange,
  type ReviewRow,
  reviewOf,
  selectReviews,
  summaryOf,
  updateAtVersion,
  upsertAssembled,
} from './assessment.review-store.ts';

export const REVIEW_NOT_FOUND = '述评不存在或不在您的管辖范围内';
const BRANCH_NOT_FOUND = '该党支部不存在或不在您的管辖范围内';
const KEEPER_ONLY = '述评由本支部书记（或机关党委）填写评语并签字确认';

/** The earlier of two days (YYYY-MM-DD compares as text). */
const earlier = (a: string, b: string) => (a <= b ? a : b);

type Branch = { id: string; name: string; path: string; unitId: string };

async function readableBranch(ctx: Ctx, branchId: string): Promise<Branch> {
  requireActor(ctx);
  const org = (await partyOrgRefs(ctx.db, [branchId])).get(branchId);
  if (!org || !isInScope(ctx.actor, 'assessment.read', org.path))
    throw notFound('assessment.review_branch_not_found', BRANCH_NOT_FOUND);
  return org;
}

function requireKeeper(ctx: Ctx, path: string): void {
  if (!isInScope(ctx.actor, 'member.write', path))
    throw forbidden('assessment.review_keeper_only', KEEPER_ONLY);
}

/** A dossier the actor reads (404 otherwise), with its branch's path for the keeper's check. */
async function readable(ctx: Ctx, id: string): Promise<{ row: ReviewRow; path: string }> {
  requireActor(ctx);
  const row = await selectReviews(ctx).where('id', '=', id).executeTakeFirst();
  const path = row ? (await partyOrgRefs(ctx.db, [row.partyOrgId])).get(row.partyOrgId)?.path : undefined;
  if (!row || !path || !isInScope(ctx.actor, 'assessment.read', path))
    throw notFound('assessment.review_not_found', REVIEW_NOT_FOUND);
  return { row, path };
}

export async function listBranchReviews(ctx: Ctx, q: BranchHalfYear): Promise<BranchReviews> {
  const branch = await readableBranch(ctx, q.branchId);
  const rows = await selectReviews(ctx)
    .where('unitId', '=', branch.unitId)
    .where('partyOrgId', '=', branch.id)
    .where('halfYear', '=', q.halfYear)
    .orderBy('memberName')
    .execute();
  const w = halfWindow(q.halfYear);
  const today = todayOf(ctx);
  const roster =
    w && w.from <= today ? await rosterOn(ctx.db, branch.unitId, [branch.id], earlier(w.to, today)) : [];
  const have = new Set(rows.map((r) => r.memberId));
  return {
    branchId: branch.id,
    branchName: branch.name,
    halfYear: q.halfYear,
    reviews: rows.map(summaryOf),
    missing: roster.filter((m) => !have.has(m.id)).map((m) => ({ memberId: m.id, memberName: m.name })),
  };
}

/**
 * Assembles the dossiers of everyone in the branch at the end of the half-year (or today, while it runs). Again:
 * dossiers not yet signed are refreshed from the records as they are now, signed ones stay as signed.
 */
export async function assembleBranchReviews(ctx: Ctx, q: BranchHalfYear): Promise<BranchReviews> {
  const branch = await readableBranch(ctx, q.branchId);
  requireKeeper(ctx, branch.path);
  const w = halfWindow(q.halfYear);
  const today = todayOf(ctx);
  if (!w || w.from > today)
    throw invalid('assessment.review_future', '该半年度尚未开始，暂无可汇总的记录', [
      { field: 'body.halfYear', message: '请选择已经开始的半年度' },
    ]);
  const roster = await rosterOn(ctx.db, branch.unitId, [branch.id], earlier(w.to, today));
  const ids = roster.map((m) => m.id);
  const [sections, depts] = await Promise.all([
    assembleSections(ctx, { unitId: branch.unitId, memberIds: ids, halfYear: q.halfYear }),
    ids.length === 0
      ? Promise.resolve([])
      : ctx.db
          .selectFrom('member as m')
          .leftJoin('department as d', (j) =>
            j.onRef('d.unitId', '=', 'm.unitId').onRef('d.id', '=', 'm.departmentId'),
          )
          .select(['m.id', 'd.name'])
          .where('m.unitId', '=', branch.unitId)
          .where('m.id', 'in', ids)
          .execute(),
  ]);
  const deptOf = new Map(depts.map((d) => [d.id, d.name]));
  const rows: Assembled[] = roster.map((m) => ({
    branchId: branch.id,
    branchName: branch.name,
    memberId: m.id,
    memberName: m.name,
    departmentName: deptOf.get(m.id) ?? null,
    sections: sections.get(m.id) ?? [],
  }));
  const written = await upsertAssembled(ctx, { unitId: branch.unitId, halfYear: q.halfYear }, rows);
  await recordAudit(ctx, {
    action: 'assessment.review_assemble',
    entityType: 'party_org',
    entityId: branch.id,
    details: { halfYear: q.halfYear, members: rows.length, written: written.length },
  });
  return listBranchReviews(ctx, q);
}

export async function getReview(ctx: Ctx, id: string): Promise<Review> {
  return reviewOf((await readable(ctx, id)).row);
}

const FROZEN = '述评已签字确认，内容不再改变';

async function change(
  ctx: Ctx,
  id: string,
  version: number,
  decide: (row: ReviewRow) => ReviewChange,
  action: string,
): Promise<Review> {
  const { row, path } = await readable(ctx, id);
  requireKeeper(ctx, path);
  // 回避: the secretary's own dossier is graded and signed by someone else (the organ committee standing in).
  if (row.memberId === ctx.actor?.memberId)
    throw forbidden(
      'assessment.review_own',
      '本人的述评不能由本人评定和签字，请由上级党组织或其他负责同志办理',
    );
  if (row.version !== version) throw staleVersion(reviewOf(row));
  const next = decide(row);
  const after = await updateAtVersion(ctx, row, version, next);
  if (!after) {
    const now = await selectReviews(ctx)
      .where('unitId', '=', row.unitId)
      .where('id', '=', id)
      .executeTakeFirst();
    throw staleVersion(now ? reviewOf(now) : null);
  }
  await recordAudit(ctx, {
    action,
    entityType: 'performance_review',
    entityId: id,
    before: { status: row.status, grade: row.grade, comment: row.comment },
    after: { status: after.status, grade: after.grade, comment: after.comment },
    details: { memberId: row.memberId, halfYear: row.halfYear },
  });
  return reviewOf(after);
}

const signedStates: readonly string[] = ['signed', 'shown'];

export function patchReview(ctx: Ctx, id: string, body: PatchReviewBody): Promise<Review> {
  return change(
    ctx,
    id,
    body.version,
    (row) => {
      if (signedStates.includes(row.status)) throw conflict('assessment.review_signed', FROZEN);
      return {
        ...(body.comment !== undefined ? { comment: body.comment } : {}),
        ...(body.grade !== undefined ? { grade: body.grade } : {}),
      };
    },
    'assessment.review_edit',
  );
}

export function submitReview(ctx: Ctx, id: string, version: number): Promise<Review> {
  return change(
    ctx,
    id,
    version,
    (row) => {
      if (row.status !== 'draft')
        throw conflict('assessment.review_not_draft', '该述评已提交支部，无需再次提交');
      return { status: 'submitted' satisfies ReviewStatus };
    },
    'assessment.review_submit',
  );
}

export function signReview(ctx: Ctx, id: string, version: number): Promise<Review> {
  return change(
    ctx,
    id,
    version,
    (row) => {
      if (signedStates.includes(row.status)) throw conflict('assessment.review_signed', FROZEN);
      if (row.status !== 'submitted')
        throw conflict('assessment.review_not_submitted', '请先将述评提交支部，再签字确认');
      const issues = [
        ...(row.comment ? [] : [{ field: 'body.comment', message: '请先填写评语，再签字确认' }]),
        ...(row.grade
          ? []
          : [{ field: 'body.grade', message: '请先选择等次（优秀、良好、一般、较差），再签字确认' }]),
      ];
      if (issues.length)
        throw invalid('assessment.review_incomplete', '评语和等次填写完整后才能签字确认', issues);
      // The sections stay exactly as last assembled — what the secretary read is what is signed.
      return {
        status: 'signed' satisfies ReviewStatus,
        signedByUserId: ctx.actor?.userId as string,
        signedByName: ctx.actor?.displayName || (ctx.actor?.username as string),
        signedAt: new Date(),
      };
    },
    'assessment.review_sign',
  );
}

export function showReview(ctx: Ctx, id: string, version: number): Promise<Review> {
  return change(
    ctx,
    id,
    version,
    (row) => {
      if (row.status !== 'signed')
        throw conflict(
          'assessment.review_not_signed',
          row.status === 'shown' ? '该述评已告知本人' : '述评签字确认后才能告知本人',
        );
      return { status: 'shown' satisfies ReviewStatus, shownAt: new Date() };
    },
    'assessment.review_show',
  );
}
