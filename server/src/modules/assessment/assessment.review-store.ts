// The 述评 dossier's rows and assembly (issue 12 point 4): the registered sections asked once for all members of a
// branch, the result written in one upsert that refreshes what is not yet signed and leaves signed dossiers as they
// were (the table's trigger refuses any change to those anyway).

import { sql } from 'kysely';
import type {
  Review,
  ReviewGrade,
  ReviewLine,
  ReviewSection,
  ReviewStatus,
  ReviewSummary,
} from '#contracts/assessment-review';
import { reviewGradeLabel } from '#contracts/assessment-review';
import { chunked } from '../../core/chunked.ts';
import type { Ctx } from '../../core/context.ts';
import { periodWindow } from './assessment.periods.ts';
import { line, reviewSections } from './assessment.review-sections.ts';

export function selectReviews(ctx: Ctx) {
  return ctx.db.selectFrom('performanceReview').selectAll();
}
export type ReviewRow = Awaited<ReturnType<ReturnType<typeof selectReviews>['execute']>>[number];

export const halfWindow = (halfYear: string) => periodWindow('half', halfYear);

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function summaryOf(r: ReviewRow): ReviewSummary {
  return {
    id: r.id,
    unitId: r.unitId,
    memberId: r.memberId,
    memberName: r.memberName,
    branchId: r.partyOrgId,
    branchName: r.branchName,
    halfYear: r.halfYear,
    status: r.status as ReviewStatus,
    grade: r.grade,
    gradeLabel: reviewGradeLabel(r.grade),
    hasStatement: !!r.statement,
    assembledAt: r.assembledAt.toISOString(),
    signedAt: iso(r.signedAt),
    version: r.version,
  };
}

export function reviewOf(r: ReviewRow): Review {
  return {
    ...summaryOf(r),
    departmentName: r.departmentName,
    sections: r.sections as ReviewSection[],
    statement: r.statement,
    comment: r.comment,
    signedByName: r.signedByName,
    shownAt: iso(r.shownAt),
    frozen: r.status === 'signed' || r.status === 'shown',
  };
}

/** Every registered section for every member, each section asked once for all of them. */
export async function assembleSections(
  ctx: Ctx,
  q: { unitId: string; memberIds: readonly string[]; halfYear: string },
): Promise<Map<string, ReviewSection[]>> {
  const w = halfWindow(q.halfYear);
  const out = new Map<string, ReviewSection[]>(q.memberIds.map((id) => [id, []]));
  if (!w || q.memberIds.length === 0) return out;
  const query = { unitId: q.unitId, memberIds: q.memberIds, from: w.from, to: w.to, halfYear: q.halfYear };
  for (const def of reviewSections()) {
    const lines = await def.assemble(ctx, query);
    for (const id of q.memberIds) {
      const own: ReviewLine[] = lines.get(id) ?? [];
      out.get(id)?.push({
        key: def.key,
        title: def.title,
        order: def.order,
        lines: own.length > 0 ? own : [line(def.empty)],
      });
    }
  }
  return out;
}

export type Assembled = {
  branchId: string;
  branchName: string;
  memberId: string;
  memberName: string;
  departmentName: string | null;
  sections: ReviewSection[];
};

/**
 * Writes assembled dossiers (a branch's, or a whole organ's), a statement per 500: new ones as drafts, ones not yet
 * signed refreshed (their statement, 评语 and grade kept), signed ones untouched. Returns the ids written. (An organ's
 * thousands of members in one statement passed the protocol's 65,535 parameters.)
 */
export async function upsertAssembled(
  ctx: Ctx,
  q: { unitId: string; halfYear: string },
  rows: readonly Assembled[],
): Promise<string[]> {
  const ids: string[] = [];
  for (const chunk of chunked(rows, 500)) ids.push(...(await upsertChunk(ctx, q, chunk)));
  return ids;
}

async function upsertChunk(
  ctx: Ctx,
  q: { unitId: string; halfYear: string },
  rows: readonly Assembled[],
): Promise<string[]> {
  const written = await ctx.db
    .insertInto('performanceReview')
    .values(
      rows.map((r) => ({
        unitId: q.unitId,
        memberId: r.memberId,
        halfYear: q.halfYear,
        partyOrgId: r.branchId,
        memberName: r.memberName,
        branchName: r.branchName,
        departmentName: r.departmentName,
        sections: JSON.stringify(r.sections),
      })),
    )
    .onConflict((oc) =>
      oc
        .columns(['unitId', 'memberId', 'halfYear'])
        .doUpdateSet((eb) => ({
          partyOrgId: eb.ref('excluded.partyOrgId'),
          memberName: eb.ref('excluded.memberName'),
          branchName: eb.ref('excluded.branchName'),
          departmentName: eb.ref('excluded.departmentName'),
          sections: eb.ref('excluded.sections'),
          assembledAt: sql<Date>`now()`,
          version: sql<number>`performance_review.version + 1`,
          updatedAt: sql<Date>`now()`,
        }))
        .where('performanceReview.status', 'in', ['draft', 'submitted']),
    )
    .returning('id')
    .execute();
  return written.map((r) => r.id);
}

export type ReviewChange = {
  statement?: string | null;
  comment?: string | null;
  grade?: ReviewGrade | null;
  status?: ReviewStatus;
  signedByUserId?: string;
  signedByName?: string;
  signedAt?: Date;
  shownAt?: Date;
};

/** One change at the version the client read; undefined when another change came first. */
export async function updateAtVersion(
  ctx: Ctx,
  r: ReviewRow,
  version: number,
  change: ReviewChange,
): Promise<ReviewRow | undefined> {
  return ctx.db
    .updateTable('performanceReview')
    .set({ ...change, version: r.version + 1, updatedAt: new Date() })
    .where('unitId', '=', r.unitId)
    .where('id', '=', r.id)
    .where('version', '=', version)
    .returningAll()
    .executeTakeFirst();
}
