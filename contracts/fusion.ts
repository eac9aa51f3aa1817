// Fusion work (issue 11), the lists: business pain points raised by departments (需求清单), the strengths branches,
// members and partners can bring (资源清单), outside partner organisations, and the matching board that suggests
// need ↔ resource pairs and says why. Projects are in fusion-project.ts.
import { z } from 'zod';
import {
  IdSchema,
  IsoDateSchema,
  MultilineTextSchema,
  TextSchema,
  TrimmedText,
  VersionSchema,
} from './common.ts';

type Label = { zh: string; en: string };

export const URGENCIES = ['normal', 'urgent', 'critical'] as const;
export const UrgencySchema = z.enum(URGENCIES);
export type Urgency = z.infer<typeof UrgencySchema>;
export const URGENCY_LABELS: Record<Urgency, Label> = {
  normal: { zh: '一般', en: 'Normal' },
  urgent: { zh: '较急', en: 'Urgent' },
  critical: { zh: '紧急', en: 'Critical' },
};

export const NEED_STATUSES = ['open', 'in_project', 'closed'] as const;
export const NeedStatusSchema = z.enum(NEED_STATUSES);
export type NeedStatus = z.infer<typeof NeedStatusSchema>;
export const NEED_STATUS_LABELS: Record<NeedStatus, Label> = {
  open: { zh: '待认领', en: 'Open' },
  in_project: { zh: '项目推进中', en: 'In a project' },
  closed: { zh: '已销号', en: 'Closed' },
};

export const RESOURCE_KINDS = ['skill', 'certificate', 'pioneer_post', 'task_force', 'partner'] as const;
export const ResourceKindSchema = z.enum(RESOURCE_KINDS);
export type ResourceKind = z.infer<typeof ResourceKindSchema>;
export const RESOURCE_KIND_LABELS: Record<ResourceKind, Label> = {
  skill: { zh: '党员专长', en: "A member's skill" },
  certificate: { zh: '职业资格', en: 'Certificate' },
  pioneer_post: { zh: '党员先锋岗', en: 'Pioneer post' },
  task_force: { zh: '攻坚小组 / 突击队', en: 'Task force' },
  partner: { zh: '共建单位资源', en: "A partner's resource" },
};

/** Keywords (关键词) on needs and resources: the board matches on them. */
export const TagsSchema = z
  .array(TextSchema.min(1, '关键词不能为空').max(20, '每个关键词不超过 20 个字'))
  .max(8, '关键词最多 8 个')
  .refine((tags) => new Set(tags).size === tags.length, '关键词不能重复');

const LongText = (max: number) => MultilineTextSchema.max(max, `不能超过 ${max} 个字`);
const OptionalText = (max: number) => TextSchema.max(max, `不能超过 ${max} 个字`).nullable().optional();
const OptionalLong = (max: number) => LongText(max).nullable().optional();

export const UnitQuerySchema = z.strictObject({ unitId: IdSchema });
export type UnitQuery = z.infer<typeof UnitQuerySchema>;

// Needs (需求清单) --------------------------------------------------------------------------------------------------

export const NeedSchema = z.object({
  id: IdSchema,
  unitId: IdSchema,
  departmentId: IdSchema,
  departmentName: z.string(),
  title: z.string(),
  problem: z.string(),
  kpiName: z.string().nullable(),
  urgency: UrgencySchema,
  raisedBy: z.string(),
  raisedOn: IsoDateSchema,
  tags: z.array(z.string()),
  status: NeedStatusSchema,
  closedOn: IsoDateSchema.nullable(),
  closedReason: z.string().nullable(),
  /** The projects started from this need, newest first. */
  projects: z.array(z.object({ id: IdSchema, title: z.string(), stage: z.string() })),
  version: VersionSchema,
});
export type Need = z.infer<typeof NeedSchema>;

export const NeedListQuerySchema = z.strictObject({
  unitId: IdSchema,
  status: NeedStatusSchema.optional(),
  departmentId: IdSchema.optional(),
  q: TextSchema.max(50).optional(),
});
export type NeedListQuery = z.infer<typeof NeedListQuerySchema>;

export const CreateNeedBodySchema = z.strictObject({
  departmentId: IdSchema,
  title: TrimmedText(100),
  problem: TrimmedText(2000, { multiline: true }),
  kpiName: OptionalText(100),
  urgency: UrgencySchema,
  raisedBy: TrimmedText(50),
  raisedOn: IsoDateSchema,
  tags: TagsSchema.default([]),
});
export type CreateNeedBody = z.infer<typeof CreateNeedBodySchema>;

/** An edit; `status: 'closed'` closes a need by hand (with a reason), `status: 'open'` reopens one. */
export const PatchNeedBodySchema = z.strictObject({
  departmentId: IdSchema.optional(),
  title: TrimmedText(100).optional(),
  problem: TrimmedText(2000, { multiline: true }).optional(),
  kpiName: OptionalText(100),
  urgency: UrgencySchema.optional(),
  raisedBy: TrimmedText(50).optional(),
  raisedOn: IsoDateSchema.optional(),
  tags: TagsSchema.optional(),
  status: z.enum(['open', 'closed']).optional(),
  closedReason: OptionalText(200),
  version: VersionSchema,
});
export type PatchNeedBody = z.infer<typeof PatchNeedBodySchema>;

// Resources (资源清单) ----------------------------------------------------------------------------------------------

export const ResourceSchema = z.object({
  id: IdSchema,
  unitId: IdSchema,
  partyOrgId: IdSchema,
  partyOrgName: z.string(),
  kind: ResourceKindSchema,
  title: z.string(),
  description: z.string().nullable(),
  memberId: IdSchema.nullable(),
  memberName: z.string().nullable(),
  partnerOrgId: IdSchema.nullable(),
  partnerOrgName: z.string().nullable(),
  tags: z.array(z.string()),
  capacity: z.number().int(),
  /** Projects under way (论证 to 推进) drawing on it; capacity − inUse is what it can still take on. */
  inUse: z.number().int(),
  status: z.enum(['active', 'retired']),
  version: VersionSchema,
});
export type Resource = z.infer<typeof ResourceSchema>;

export const ResourceListQuerySchema = z.strictObject({
  unitId: IdSchema,
  partyOrgId: IdSchema.optional(),
  kind: ResourceKindSchema.optional(),
  status: z.enum(['active', 'retired']).optional(),
  q: TextSchema.max(50).optional(),
});
export type ResourceListQuery = z.infer<typeof ResourceListQuerySchema>;

export const CreateResourceBodySchema = z.strictObject({
  partyOrgId: IdSchema,
  kind: ResourceKindSchema,
  title: TrimmedText(100),
  description: OptionalLong(1000),
  memberId: IdSchema.nullable().optional(),
  partnerOrgId: IdSchema.nullable().optional(),
  tags: TagsSchema.default([]),
  capacity: z.number().int().min(1, '至少能承担 1 个项目').max(20, '同时承担的项目不超过 20 个').default(1),
});
export type CreateResourceBody = z.infer<typeof CreateResourceBodySchema>;

export const PatchResourceBodySchema = z.strictObject({
  kind: ResourceKindSchema.optional(),
  title: TrimmedText(100).optional(),
  description: OptionalLong(1000),
  memberId: IdSchema.nullable().optional(),
  partnerOrgId: IdSchema.nullable().optional(),
  tags: TagsSchema.optional(),
  capacity: z.number().int().min(1, '至少能承担 1 个项目').max(20, '同时承担的项目不超过 20 个').optional(),
  status: z.enum(['active', 'retired']).optional(),
  version: VersionSchema,
});
export type PatchResourceBody = z.infer<typeof PatchResourceBodySchema>;

// The matching board ---------------------------------------------------------------------------------------------

export const REASON_KINDS = [
  'department_link',
  'shared_tags',
  'capacity',
  'urgency',
  'declined_before',
] as const;
export const ReasonKindSchema = z.enum(REASON_KINDS);
export type ReasonKind = z.infer<typeof ReasonKindSchema>;

/** One line of a suggestion's explanation: what it rests on and how many points it adds. */
export const SuggestionReasonSchema = z.object({
  kind: ReasonKindSchema,
  points: z.number().int(),
  /** The facts the line states, for the page to word (names, keywords, counts). */
  branchName: z.string().optional(),
  departmentName: z.string().optional(),
  tags: z.array(z.string()).optional(),
  free: z.number().int().optional(),
  capacity: z.number().int().optional(),
  urgency: UrgencySchema.optional(),
  declinedOn: IsoDateSchema.optional(),
});
export type SuggestionReason = z.infer<typeof SuggestionReasonSchema>;

export const SuggestionSchema = z.object({
  needId: IdSchema,
  resourceId: IdSchema,
  score: z.number().int(),
  reasons: z.array(SuggestionReasonSchema),
});
export type Suggestion = z.infer<typeof SuggestionSchema>;

export const BoardSchema = z.object({
  needs: z.array(NeedSchema),
  resources: z.array(ResourceSchema),
  /** Best first; at most a handful per need. */
  suggestions: z.array(SuggestionSchema),
});
export type Board = z.infer<typeof BoardSchema>;

export const PairBodySchema = z.strictObject({ needId: IdSchema, resourceId: IdSchema });
export const DeclinePairBodySchema = PairBodySchema.extend({ reason: OptionalText(200) });
export type DeclinePairBody = z.infer<typeof DeclinePairBodySchema>;
