// The member's semi-annual 述评 dossier (issue 12 point 4, glossary performance_review). The platform assembles it
// from what it already holds — business results, Party records, appraisals, study, projects — so the member types
// nothing (one optional short statement at most); the branch secretary writes the 评语 and a grade and signs it off.
// Signing freezes the assembled sections: later changes to the records never alter a signed dossier.
import { z } from 'zod';
import { IdSchema, MultilineTextSchema, VersionSchema } from './common.ts';

export const HalfYearSchema = z
  .string()
  .regex(/^(19|20)\d{2}-H[12]$/, '半年度格式为“2026-H1”（上半年）或“2026-H2”（下半年）');

export const REVIEW_STATUSES = ['draft', 'submitted', 'signed', 'shown'] as const;
export type ReviewStatus = (typeof REVIEW_STATUSES)[number];
export const REVIEW_STATUS_LABELS: Record<ReviewStatus, { zh: string; en: string }> = {
  draft: { zh: '草稿', en: 'Draft' },
  submitted: { zh: '已提交支部', en: 'Submitted to the branch' },
  signed: { zh: '已签字确认', en: 'Signed off' },
  shown: { zh: '已告知本人', en: 'Shown to the member' },
};
/** What the member reads: the signed dossier, never a draft the branch is still completing. */
export const FINAL_STATUSES: readonly ReviewStatus[] = ['signed', 'shown'];

/**
 * The grade steps of assessment.ranking.ts DEFAULT_GRADES (优秀 / 良好 / 一般 / 较差). Made configurable by another
 * part of issue 12; until then the dossier offers these.
 */
export const REVIEW_GRADES = [
  { grade: 'excellent', label: '优秀' },
  { grade: 'good', label: '良好' },
  { grade: 'fair', label: '一般' },
  { grade: 'poor', label: '较差' },
] as const;
export const ReviewGradeSchema = z.enum(['excellent', 'good', 'fair', 'poor'], {
  message: '请选择等次：优秀、良好、一般或较差',
});
export type ReviewGrade = z.infer<typeof ReviewGradeSchema>;
export const reviewGradeLabel = (g: string | null) => REVIEW_GRADES.find((x) => x.grade === g)?.label ?? null;

export const STATEMENT_MAX = 500;
export const COMMENT_MAX = 1000;

export const ReviewLineSchema = z.object({
  text: z.string(),
  value: z.number().nullable(),
  /** The web address of the record (or list) behind the line. */
  href: z.string().nullable(),
});
export type ReviewLine = z.infer<typeof ReviewLineSchema>;

export const ReviewSectionSchema = z.object({
  key: z.string(),
  title: z.string(),
  order: z.number(),
  lines: z.array(ReviewLineSchema),
});
export type ReviewSection = z.infer<typeof ReviewSectionSchema>;

export const ReviewSummarySchema = z.object({
  id: IdSchema,
  unitId: IdSchema,
  memberId: IdSchema,
  memberName: z.string(),
  branchId: IdSchema,
  branchName: z.string(),
  halfYear: z.string(),
  status: z.enum(REVIEW_STATUSES),
  grade: z.string().nullable(),
  gradeLabel: z.string().nullable(),
  hasStatement: z.boolean(),
  assembledAt: z.string(),
  signedAt: z.string().nullable(),
  version: z.number().int(),
});
export type ReviewSummary = z.infer<typeof ReviewSummarySchema>;

export const ReviewSchema = ReviewSummarySchema.extend({
  departmentName: z.string().nullable(),
  sections: z.array(ReviewSectionSchema),
  statement: z.string().nullable(),
  comment: z.string().nullable(),
  signedByName: z.string().nullable(),
  shownAt: z.string().nullable(),
  /** The sections are the frozen snapshot taken at sign-off (true), or the last assembly of a draft (false). */
  frozen: z.boolean(),
});
export type Review = z.infer<typeof ReviewSchema>;

/** The branch's half-year: its dossiers and the members who have none yet. */
export const BranchReviewsSchema = z.object({
  branchId: IdSchema,
  branchName: z.string(),
  halfYear: z.string(),
  reviews: z.array(ReviewSummarySchema),
  missing: z.array(z.object({ memberId: IdSchema, memberName: z.string() })),
});
export type BranchReviews = z.infer<typeof BranchReviewsSchema>;

export const BranchHalfYearSchema = z.strictObject({
  branchId: IdSchema,
  halfYear: HalfYearSchema,
});
export type BranchHalfYear = z.infer<typeof BranchHalfYearSchema>;

export const PatchReviewBodySchema = z.strictObject({
  comment: MultilineTextSchema.max(COMMENT_MAX, `评语不能超过 ${COMMENT_MAX} 个字符`).nullable().optional(),
  grade: ReviewGradeSchema.nullable().optional(),
  version: VersionSchema,
});
export type PatchReviewBody = z.infer<typeof PatchReviewBodySchema>;

export const StatementBodySchema = z.strictObject({
  statement: MultilineTextSchema.max(
    STATEMENT_MAX,
    `个人补充说明不能超过 ${STATEMENT_MAX} 个字符`,
  ).nullable(),
  version: VersionSchema,
});
export type StatementBody = z.infer<typeof StatementBodySchema>;

/** The member's own list: every dossier's status (to add a statement to a draft), its content once signed. */
export const MyReviewSchema = z.object({
  id: IdSchema,
  halfYear: z.string(),
  branchName: z.string(),
  status: z.enum(REVIEW_STATUSES),
  statement: z.string().nullable(),
  gradeLabel: z.string().nullable(),
  signedAt: z.string().nullable(),
  version: z.number().int(),
});
export type MyReview = z.infer<typeof MyReviewSchema>;
