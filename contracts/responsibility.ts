// The responsibility system (责任体系): three-level lists, annual work points that cascade, duties with periods,
// progress with evidence, exemptions, the coverage view. Handover, liaison and appraisal: contracts/handover.ts.
import { z } from 'zod';
import { IdSchema, IsoDateSchema, MultilineTextSchema, TrimmedText, VersionSchema } from './common.ts';

export const LEVELS = ['principal', 'direct', 'implementing'] as const;
export const LevelSchema = z.enum(LEVELS);
export type Level = z.infer<typeof LevelSchema>;
export const LEVEL_LABELS: Record<Level, { zh: string; en: string }> = {
  principal: { zh: '主体责任', en: 'Principal responsibility' },
  direct: { zh: '直接责任', en: 'Direct responsibility' },
  implementing: { zh: '落实责任', en: 'Implementing responsibility' },
};
/** Who holds each level's list (the organisation list; a secretary's or a leader's own list names the person). */
export const LEVEL_HOLDERS: Record<Level, { zh: string; en: string }> = {
  principal: { zh: '党组', en: 'Leading Party group' },
  direct: { zh: '机关党委', en: 'Organ Party committee' },
  implementing: { zh: '党支部', en: 'Party branch' },
};

export const DOMAINS = ['party', 'business', 'fusion'] as const;
export const DomainSchema = z.enum(DOMAINS);
export type Domain = z.infer<typeof DomainSchema>;
export const DOMAIN_LABELS: Record<Domain, { zh: string; en: string }> = {
  party: { zh: '党建', en: 'Party' },
  business: { zh: '业务', en: 'Business' },
  fusion: { zh: '融合', en: 'Fusion' },
};

export const RECURRENCES = ['none', 'monthly', 'quarterly', 'half_yearly', 'yearly'] as const;
export const RecurrenceSchema = z.enum(RECURRENCES);
export type Recurrence = z.infer<typeof RecurrenceSchema>;
export const RECURRENCE_LABELS: Record<Recurrence, { zh: string; en: string }> = {
  none: { zh: '一次性', en: 'Once' },
  monthly: { zh: '每月', en: 'Monthly' },
  quarterly: { zh: '每季度', en: 'Quarterly' },
  half_yearly: { zh: '每半年', en: 'Half-yearly' },
  yearly: { zh: '每年', en: 'Yearly' },
};

/**
 * A period's state as shown: `open` (not yet due), `due_soon` (due within 7 days), `overdue` (past due, not done),
 * `done` (on time), `late` (done after the due date), `exempt`.
 */
export const PERIOD_STATES = ['open', 'due_soon', 'overdue', 'done', 'late', 'exempt'] as const;
export const PeriodStateSchema = z.enum(PERIOD_STATES);
export type PeriodState = z.infer<typeof PeriodStateSchema>;
export const PERIOD_STATE_LABELS: Record<PeriodState, { zh: string; en: string }> = {
  open: { zh: '进行中', en: 'Open' },
  due_soon: { zh: '即将到期', en: 'Due soon' },
  overdue: { zh: '已逾期', en: 'Overdue' },
  done: { zh: '按时完成', en: 'Done' },
  late: { zh: '逾期完成', en: 'Done late' },
  exempt: { zh: '已豁免', en: 'Exempt' },
};

export const YearSchema = z.coerce
  .number({ message: '年度应为 2000–2099 之间的整数' })
  .int('年度应为整数')
  .min(2000, '年度应在 2000–2099 之间')
  .max(2099, '年度应在 2000–2099 之间');
const WeightSchema = z
  .number({ message: '权重应为数字' })
  .positive('权重应大于 0')
  .max(1000, '权重不能超过 1000')
  .multipleOf(0.01, '权重最多两位小数');
const CategorySchema = TrimmedText(30);
const TitleSchema = TrimmedText(200);
const DetailSchema = MultilineTextSchema.max(2000, '说明不能超过 2000 个字').nullable().optional();
const RecordKindSchema = z
  .string()
  .regex(/^[a-z][a-z0-9_.]{1,63}$/, '记录类型无效')
  .nullable()
  .optional();

// Templates ----------------------------------------------------------------------------------------------------------

export const TemplateItemSchema = z.strictObject({
  /** Stable across versions: how an organ sees what changed. */
  key: z.string().regex(/^[a-z0-9][a-z0-9_-]{0,39}$/, '条目编号为小写字母、数字、下划线或连字符'),
  level: LevelSchema,
  domain: DomainSchema,
  category: CategorySchema,
  title: TitleSchema,
  detail: DetailSchema,
  recurrence: RecurrenceSchema,
  recordKind: RecordKindSchema,
});
export type TemplateItem = z.infer<typeof TemplateItemSchema>;

export const PublishTemplateBodySchema = z.strictObject({
  title: TrimmedText(100),
  changeNote: MultilineTextSchema.max(1000, '修订说明不能超过 1000 个字').nullable().optional(),
  items: z
    .array(
      // The rule of a duty (and of the table): one met by records recurs, or there is no period to meet it in.
      TemplateItemSchema.refine((i) => !i.recordKind || i.recurrence !== 'none', {
        path: ['recurrence'],
        message: '由记录自动完成的职责须设定周期（每月、每季度等）',
      }),
    )
    .min(1, '模板至少要有一条职责')
    .max(200, '模板最多 200 条'),
});
export type PublishTemplateBody = z.infer<typeof PublishTemplateBodySchema>;

export const TemplateChangeSchema = z.object({
  key: z.string(),
  change: z.enum(['added', 'changed', 'removed']),
  title: z.string(),
  /** The fields that differ (for 'changed'). */
  fields: z.array(z.string()),
});
export const TemplateSchema = z.object({
  id: IdSchema,
  version: z.number().int(),
  title: z.string(),
  changeNote: z.string().nullable(),
  items: z.array(TemplateItemSchema),
  publishedByName: z.string(),
  publishedAt: z.string(),
  /** What changed from the previous version (empty for the first). */
  changes: z.array(TemplateChangeSchema),
});
export type Template = z.infer<typeof TemplateSchema>;
export const TemplateSummarySchema = TemplateSchema.omit({ items: true, changes: true }).extend({
  itemCount: z.number().int(),
});

// Work points of the work committee ------------------------------------------------------------------------------

export const WorkPointBodySchema = z.strictObject({
  year: YearSchema,
  domain: DomainSchema,
  category: CategorySchema,
  title: TitleSchema,
  detail: DetailSchema,
  weight: WeightSchema.default(1),
});
export const WorkPointPatchSchema = WorkPointBodySchema.omit({ year: true })
  .partial()
  .extend({ version: VersionSchema });
export const WorkPointSchema = z.object({
  id: IdSchema,
  year: z.number().int(),
  seq: z.number().int(),
  domain: DomainSchema,
  category: z.string(),
  title: z.string(),
  detail: z.string().nullable(),
  weight: z.number(),
  version: z.number().int(),
});
export type WorkPoint = z.infer<typeof WorkPointSchema>;
export const WorkPointQuerySchema = z.strictObject({ year: YearSchema });

// Lists -----------------------------------------------------------------------------------------------------------

export const CreateListBodySchema = z.strictObject({
  year: YearSchema,
  level: LevelSchema,
  partyOrgId: IdSchema,
  /** Set for a person's own list (a secretary's, a leader's 一岗双责 list); absent for the organisation's list. */
  holderMemberId: IdSchema.nullable().optional(),
  title: TrimmedText(100).optional(),
  /** Adopt the work committee's template: its items of this level are copied in as the list's first items. */
  templateId: IdSchema.nullable().optional(),
});
export type CreateListBody = z.infer<typeof CreateListBodySchema>;
export const PatchListBodySchema = z.strictObject({
  title: TrimmedText(100).optional(),
  status: z.enum(['draft', 'published']).optional(),
  version: VersionSchema,
});
export const ListQuerySchema = z.strictObject({
  year: YearSchema,
  partyOrgId: IdSchema.optional(),
  level: LevelSchema.optional(),
});

export const PeriodSchema = z.object({
  id: IdSchema,
  periodKey: z.string(),
  startsOn: z.string(),
  dueOn: z.string(),
  state: PeriodStateSchema,
  progress: z.number().int(),
  doneOn: z.string().nullable(),
  fulfilledBy: z
    .object({ kind: z.string(), kindLabel: z.string(), id: z.string(), title: z.string() })
    .nullable(),
});
export type Period = z.infer<typeof PeriodSchema>;

export const ItemSchema = z.object({
  id: IdSchema,
  listId: IdSchema,
  parentItemId: IdSchema.nullable(),
  workPointId: IdSchema.nullable(),
  templateKey: z.string().nullable(),
  issued: z.boolean(),
  seq: z.number().int(),
  domain: DomainSchema,
  category: z.string(),
  title: z.string(),
  detail: z.string().nullable(),
  weight: z.number(),
  ownerOrgId: IdSchema,
  ownerOrgName: z.string(),
  ownerMemberId: IdSchema.nullable(),
  ownerMemberName: z.string().nullable(),
  /** The owner is no longer an active member of the organ: the duty needs a handover. */
  ownerLeft: z.boolean(),
  deadline: z.string().nullable(),
  recurrence: RecurrenceSchema,
  recordKind: z.string().nullable(),
  recordKindLabel: z.string().nullable(),
  effectiveFrom: z.string(),
  status: z.enum(['active', 'closed']),
  version: z.number().int(),
  /** The period that matters now: the earliest one not done, else the latest. */
  current: PeriodSchema.nullable(),
});
export type Item = z.infer<typeof ItemSchema>;

export const ListSchema = z.object({
  id: IdSchema,
  year: z.number().int(),
  level: LevelSchema,
  partyOrgId: IdSchema,
  partyOrgName: z.string(),
  holderMemberId: IdSchema.nullable(),
  holderMemberName: z.string().nullable(),
  title: z.string(),
  templateId: IdSchema.nullable(),
  templateVersion: z.number().int().nullable(),
  /** A newer template version exists than the one adopted. */
  templateUpdate: z.object({ id: IdSchema, version: z.number().int() }).nullable(),
  status: z.enum(['draft', 'published']),
  version: z.number().int(),
  counts: z.object({
    items: z.number().int(),
    party: z.number().int(),
    business: z.number().int(),
    fusion: z.number().int(),
    overdue: z.number().int(),
  }),
});
export type ResponsibilityList = z.infer<typeof ListSchema>;
export const ListDetailSchema = ListSchema.extend({ items: z.array(ItemSchema) });
export type ListDetail = z.infer<typeof ListDetailSchema>;

export const TemplateChangesSchema = z.object({
  from: z.number().int().nullable(),
  to: z.number().int(),
  changes: z.array(TemplateChangeSchema),
});
export const AdoptTemplateBodySchema = z.strictObject({
  templateId: IdSchema,
  /** Keys of added or changed template items to bring in (others are left as the organ adapted them). */
  keys: z.array(TrimmedText(40)).max(200),
  version: VersionSchema,
});

// Items -----------------------------------------------------------------------------------------------------------

export const CreateItemBodySchema = z.strictObject({
  /** Taking up a higher level's item of the same organ (its work point). */
  parentItemId: IdSchema.nullable().optional(),
  /** Taking up one of the work committee's work points. */
  workPointId: IdSchema.nullable().optional(),
  issued: z.boolean().default(false),
  domain: DomainSchema,
  category: CategorySchema,
  title: TitleSchema,
  detail: DetailSchema,
  weight: WeightSchema.default(1),
  ownerOrgId: IdSchema,
  ownerMemberId: IdSchema.nullable().optional(),
  deadline: IsoDateSchema.nullable().optional(),
  recurrence: RecurrenceSchema.default('none'),
  recordKind: RecordKindSchema,
  /** When the duty counts from (a late entry counts in its own period); defaults to today. */
  effectiveFrom: IsoDateSchema.optional(),
});
export type CreateItemBody = z.infer<typeof CreateItemBodySchema>;
export const PatchItemBodySchema = CreateItemBodySchema.omit({
  parentItemId: true,
  workPointId: true,
  recurrence: true,
  effectiveFrom: true,
})
  .partial()
  .extend({ status: z.enum(['active', 'closed']).optional(), version: VersionSchema });
export type PatchItemBody = z.infer<typeof PatchItemBodySchema>;

export const EvidenceLinkSchema = z.strictObject({
  /** A registered record kind (e.g. 'branch.theme_day') or 'url'. */
  kind: z.string().regex(/^[a-z][a-z0-9_.]{1,63}$/, '链接类型无效'),
  id: TrimmedText(2000),
  title: TrimmedText(200),
});
export const ReportBodySchema = z.strictObject({
  progress: z.number().int('进度应为 0–100 的整数').min(0, '进度不能小于 0').max(100, '进度不能超过 100'),
  done: z.boolean().default(false),
  note: MultilineTextSchema.min(2, '请写明做了什么').max(2000, '说明不能超过 2000 个字'),
  /** The day the work was done (a late entry counts in its own period); defaults to today. */
  reportedOn: IsoDateSchema.optional(),
  links: z.array(EvidenceLinkSchema).max(20, '最多关联 20 条记录').default([]),
});
export type ReportBody = z.infer<typeof ReportBodySchema>;

export const EvidenceFileSchema = z.object({
  id: IdSchema,
  fileName: z.string(),
  mediaType: z.string(),
  size: z.number().int(),
});
export const ProgressReportSchema = z.object({
  id: IdSchema,
  itemId: IdSchema,
  periodId: IdSchema.nullable(),
  reportedOn: z.string(),
  progress: z.number().int(),
  done: z.boolean(),
  note: z.string(),
  links: z.array(z.object({ kind: z.string(), id: z.string(), title: z.string() })),
  reportedByName: z.string(),
  createdAt: z.string(),
  files: z.array(EvidenceFileSchema),
});
export type ProgressReport = z.infer<typeof ProgressReportSchema>;

export const ExemptionBodySchema = z.strictObject({
  startsOn: IsoDateSchema,
  expiresOn: IsoDateSchema,
  reason: MultilineTextSchema.min(4, '请写明豁免理由').max(500, '理由不能超过 500 个字'),
  approverMemberId: IdSchema,
});
export const DecideExemptionBodySchema = z.strictObject({
  status: z.enum(['approved', 'rejected']),
  note: MultilineTextSchema.max(500, '意见不能超过 500 个字').optional(),
  version: VersionSchema,
});
export const ExemptionSchema = z.object({
  id: IdSchema,
  itemId: IdSchema,
  itemTitle: z.string(),
  startsOn: z.string(),
  expiresOn: z.string(),
  reason: z.string(),
  approverMemberId: IdSchema,
  approverName: z.string().nullable(),
  status: z.enum(['pending', 'approved', 'rejected']),
  /** Approved and not yet expired. */
  inForce: z.boolean(),
  requestedByName: z.string(),
  decidedByName: z.string().nullable(),
  decisionNote: z.string().nullable(),
  version: z.number().int(),
});
export type Exemption = z.infer<typeof ExemptionSchema>;

export const ItemDetailSchema = ItemSchema.extend({
  listTitle: z.string(),
  level: LevelSchema,
  periods: z.array(PeriodSchema),
  reports: z.array(ProgressReportSchema),
  exemptions: z.array(ExemptionSchema),
  /** Who took this item up below (its children). */
  takenUpBy: z.array(
    z.object({ id: IdSchema, title: z.string(), ownerOrgName: z.string(), listTitle: z.string() }),
  ),
});
export type ItemDetail = z.infer<typeof ItemDetailSchema>;

export const RecordKindInfoSchema = z.object({ key: z.string(), label: z.string(), labelEn: z.string() });
