// 五责交接 (handover), delegation during leave, liaison points and officers, and 述职评议 (year-end report and
// appraisal): the parts of the responsibility system that are about people rather than duties.
import { z } from 'zod';
import { IdSchema, IsoDateSchema, MultilineTextSchema, TrimmedText, VersionSchema } from './common.ts';
import { YearSchema } from './responsibility.ts';

// Handover ---------------------------------------------------------------------------------------------------------

export const HandoverEntrySchema = z.object({
  /** The registered kind (e.g. 'responsibility.item', 'responsibility.approval'; later modules add theirs). */
  kind: z.string(),
  kindLabel: z.string(),
  id: z.string(),
  label: z.string(),
  /** Where it is due, when it has a date. */
  dueOn: z.string().nullable(),
  acknowledgedAt: z.string().nullable(),
});
export type HandoverEntry = z.infer<typeof HandoverEntrySchema>;

export const HandoverPreviewQuerySchema = z.strictObject({ fromMemberId: IdSchema });
export const HandoverPreviewSchema = z.object({
  fromMemberId: IdSchema,
  fromMemberName: z.string(),
  entries: z.array(HandoverEntrySchema),
});

export const CreateHandoverBodySchema = z
  .strictObject({
    kind: z.enum(['handover', 'delegation']),
    fromMemberId: IdSchema,
    toMemberId: IdSchema,
    post: TrimmedText(60),
    reason: MultilineTextSchema.min(2, '请写明交接原因').max(500, '原因不能超过 500 个字'),
    startsOn: IsoDateSchema,
    /** The last day of a delegation (required for one, absent for a handover). */
    endsOn: IsoDateSchema.nullable().optional(),
  })
  .superRefine((body, ctx) => {
    if (body.fromMemberId === body.toMemberId)
      ctx.addIssue({ code: 'custom', path: ['toMemberId'], message: '接任人不能是移交人本人' });
    if (body.kind === 'delegation' && !body.endsOn)
      ctx.addIssue({ code: 'custom', path: ['endsOn'], message: '临时委托须写明截止日期' });
    if (body.kind === 'handover' && body.endsOn)
      ctx.addIssue({ code: 'custom', path: ['endsOn'], message: '正式交接没有截止日期，请删除' });
    if (body.endsOn && body.endsOn < body.startsOn)
      ctx.addIssue({ code: 'custom', path: ['endsOn'], message: '截止日期不能早于开始日期' });
  });
export type CreateHandoverBody = z.infer<typeof CreateHandoverBodySchema>;

export const HandoverSchema = z.object({
  id: IdSchema,
  kind: z.enum(['handover', 'delegation']),
  fromMemberId: IdSchema,
  fromMemberName: z.string(),
  toMemberId: IdSchema,
  toMemberName: z.string(),
  post: z.string(),
  reason: z.string(),
  startsOn: z.string(),
  endsOn: z.string().nullable(),
  status: z.enum(['draft', 'completed', 'cancelled']),
  /** A delegation whose window covers today. */
  inForce: z.boolean(),
  createdByName: z.string(),
  createdAt: z.string(),
  completedAt: z.string().nullable(),
  version: z.number().int(),
  entries: z.array(HandoverEntrySchema),
  acknowledged: z.number().int(),
});
export type Handover = z.infer<typeof HandoverSchema>;
export const AcknowledgeBodySchema = z.strictObject({
  entries: z
    .array(z.strictObject({ kind: TrimmedText(64), id: TrimmedText(64) }))
    .min(1, '请选择要确认的事项')
    .max(1000),
});
export const CancelHandoverBodySchema = z.strictObject({ version: VersionSchema });

// Liaison ----------------------------------------------------------------------------------------------------------

export const LiaisonBodySchema = z.strictObject({
  kind: z.enum(['point', 'officer']),
  memberId: IdSchema,
  branchOrgId: IdSchema,
  since: IsoDateSchema,
});
export const EndLiaisonBodySchema = z.strictObject({ until: IsoDateSchema });
export const LiaisonQuerySchema = z.strictObject({
  partyOrgId: IdSchema.optional(),
  year: YearSchema.optional(),
});
export const LiaisonSchema = z.object({
  id: IdSchema,
  kind: z.enum(['point', 'officer']),
  memberId: IdSchema,
  memberName: z.string(),
  branchOrgId: IdSchema,
  branchName: z.string(),
  since: z.string(),
  until: z.string().nullable(),
  /** Records of the branch's life the liaison attended this year, counted from the records themselves. */
  contacts: z.array(
    z.object({
      kind: z.string(),
      kindLabel: z.string(),
      id: z.string(),
      date: z.string(),
      title: z.string(),
    }),
  ),
});
export type Liaison = z.infer<typeof LiaisonSchema>;

// 述职评议 -----------------------------------------------------------------------------------------------------------

export const GRADES = ['good', 'fair', 'average', 'poor'] as const;
export const GradeSchema = z.enum(GRADES);
export type Grade = z.infer<typeof GradeSchema>;
export const GRADE_LABELS: Record<Grade, { zh: string; en: string }> = {
  good: { zh: '好', en: 'Good' },
  fair: { zh: '较好', en: 'Fairly good' },
  average: { zh: '一般', en: 'Average' },
  poor: { zh: '差', en: 'Poor' },
};

/** One duty in the report: what the records say, with the evidence. */
export const ReportLineSchema = z.object({
  itemId: IdSchema,
  title: z.string(),
  domain: z.enum(['party', 'business', 'fusion']),
  outcome: z.enum(['done', 'late', 'not_done', 'exempt', 'open']),
  periods: z.object({
    total: z.number().int(),
    done: z.number().int(),
    late: z.number().int(),
    missed: z.number().int(),
    exempt: z.number().int(),
  }),
  evidence: z.array(z.string()),
});
export const AppraisalSchema = z.object({
  id: IdSchema,
  listId: IdSchema,
  listTitle: z.string(),
  year: z.number().int(),
  authorMemberId: IdSchema,
  authorName: z.string(),
  status: z.enum(['draft', 'submitted', 'appraised']),
  summary: z.string(),
  lines: z.array(ReportLineSchema),
  submittedAt: z.string().nullable(),
  version: z.number().int(),
  raters: z.array(
    z.object({
      memberId: IdSchema,
      name: z.string(),
      grade: GradeSchema.nullable(),
      comment: z.string().nullable(),
      ratedAt: z.string().nullable(),
    }),
  ),
  /** Counts per grade once rated; the result the assessment module reads. */
  result: z
    .object({
      good: z.number().int(),
      fair: z.number().int(),
      average: z.number().int(),
      poor: z.number().int(),
      grade: GradeSchema.nullable(),
    })
    .nullable(),
});
export type Appraisal = z.infer<typeof AppraisalSchema>;
export const AppraisalQuerySchema = z.strictObject({ year: YearSchema });
export const CreateAppraisalBodySchema = z.strictObject({ listId: IdSchema });
export const PatchAppraisalBodySchema = z.strictObject({
  summary: MultilineTextSchema.max(20000, '述职报告不能超过 20000 个字'),
  version: VersionSchema,
});
export const SubmitAppraisalBodySchema = z.strictObject({ version: VersionSchema });
export const RatersBodySchema = z.strictObject({
  memberIds: z.array(IdSchema).min(1, '至少指定一名评议人').max(200),
});
export const RateBodySchema = z.strictObject({
  grade: GradeSchema,
  comment: MultilineTextSchema.max(500, '意见不能超过 500 个字').optional(),
});
