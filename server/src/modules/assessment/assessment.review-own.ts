// The member's own 述评 dossiers (issue 12 point 4), signed in without a permission, on a phone: every dossier's
// status (so a draft can take their optional short statement), and the dossier itself once the branch has signed it.
// Another member's dossier, or one of their own still being completed, does not exist for them (404).
import type { MyReview, Review, StatementBody } from '#contracts/assessment-review';
import { FINAL_STATUSES, type ReviewStatus, reviewGradeLabel } from '#contracts/assessment-review';
import type { Ctx } from '../../core/context.ts';
import { conflict, notFound, staleVersion } from '../../core/errors.ts';
import { recordAudit } from '../audit/index.ts';
import { requireActor } from './assessment.access.ts';
import { type ReviewRow, reviewOf, selectReviews, updateAtVersion } from './assessment.review-store.ts';
import { REVIEW_NOT_FOUND } from './assessment.reviews.ts';

const isFinal = (r: ReviewRow) => FINAL_STATUSES.includes(r.status as ReviewStatus);

function own(ctx: Ctx) {
  requireActor(ctx);
  const memberId = ctx.actor?.memberId;
  return memberId ? selectReviews(ctx).where('memberId', '=', memberId) : null;
}

export async function listMyReviews(ctx: Ctx): Promise<MyReview[]> {
  const q = own(ctx);
  if (!q) return [];
  const rows = await q.orderBy('halfYear', 'desc').execute();
  return rows.map((r) => ({
    id: r.id,
    halfYear: r.halfYear,
    branchName: r.branchName,
    status: r.status as ReviewStatus,
    statement: r.statement,
    // The grade is the branch's until it is signed.
    gradeLabel: isFinal(r) ? reviewGradeLabel(r.grade) : null,
    signedAt: isFinal(r) ? (r.signedAt?.toISOString() ?? null) : null,
    version: r.version,
  }));
}

async function ownRow(ctx: Ctx, id: string): Promise<ReviewRow> {
  const row = await own(ctx)?.where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('assessment.review_not_found', REVIEW_NOT_FOUND);
  return row;
}

export async function getMyReview(ctx: Ctx, id: string): Promise<Review> {
  const row = await ownRow(ctx, id);
  if (!isFinal(row)) throw notFound('assessment.review_not_found', '述评尚未经支部签字确认，确认后即可查看');
  return reviewOf(row);
}

/** The member's optional statement, while the dossier is still a draft (the branch has not taken it up). */
export async function setMyStatement(ctx: Ctx, id: string, body: StatementBody): Promise<MyReview> {
  const row = await ownRow(ctx, id);
  if (row.status !== 'draft')
    throw conflict('assessment.review_statement_closed', '述评已提交支部，个人补充说明不能再修改');
  if (row.version !== body.version) throw staleVersion(null);
  const after = await updateAtVersion(ctx, row, body.version, { statement: body.statement || null });
  if (!after) throw staleVersion(null);
  await recordAudit(ctx, {
    action: 'assessment.review_statement',
    entityType: 'performance_review',
    entityId: id,
    details: { halfYear: row.halfYear },
  });
  return {
    id: after.id,
    halfYear: after.halfYear,
    branchName: after.branchName,
    status: after.status as ReviewStatus,
    statement: after.statement,
    gradeLabel: null,
    signedAt: null,
    version: after.version,
  };
}
