import { z } from 'zod';
import { IdSchema, IsoDateSchema, PageQuerySchema, pageOf, TrimmedText, VersionSchema } from './common.ts';

// Branch work records (issue 10): 三会一课, 主题党日, 组织生活会, 民主评议党员, 谈心谈话, 学用融 — entered once, counted
// by the responsibility obligations, the ledger and the burden meter.

export const RECORD_KINDS = [
  'general_meeting',
  'committee_meeting',
  'cell_meeting',
  'party_lecture',
  'theme_day',
  'org_life_meeting',
  'member_appraisal',
  'talk',
  'study',
] as const;
export const BranchRecordKindSchema = z.enum(RECORD_KINDS, { message: '请选择记录类型' });
export type BranchRecordKind = z.infer<typeof BranchRecordKindSchema>;

export const RECORD_KIND_LABELS: Record<BranchRecordKind, { zh: string; en: string }> = {
  general_meeting: { zh: '支部党员大会', en: 'General meeting' },
  committee_meeting: { zh: '支委会', en: 'Committee meeting' },
  cell_meeting: { zh: '党小组会', en: 'Cell meeting' },
  party_lecture: { zh: '党课', en: 'Party lecture' },
  theme_day: { zh: '主题党日', en: 'Theme day' },
  org_life_meeting: { zh: '组织生活会', en: 'Organisational life meeting' },
  member_appraisal: { zh: '民主评议党员', en: 'Democratic appraisal of members' },
  talk: { zh: '谈心谈话', en: 'Heart-to-heart talk' },
  study: { zh: '学用融', en: 'Study applied to work' },
};

export const AttendanceSchema = z.enum(['present', 'excused', 'absent'], { message: '请选择出席情况' });
export type Attendance = z.infer<typeof AttendanceSchema>;
export const GradeSchema = z.enum(['excellent', 'qualified', 'basically_qualified', 'unqualified'], {
  message: '请选择评议等次',
});
export type Grade = z.infer<typeof GradeSchema>;
export const GRADE_LABELS: Record<Grade, { zh: string; en: string }> = {
  excellent: { zh: '优秀', en: 'Excellent' },
  qualified: { zh: '合格', en: 'Qualified' },
  basically_qualified: { zh: '基本合格', en: 'Basically qualified' },
  unqualified: { zh: '不合格', en: 'Unqualified' },
};

const LongText = (max: number) => TrimmedText(max, { multiline: true }).nullable().optional();

export const AttendeeInputSchema = z.strictObject({
  memberId: IdSchema,
  attendance: AttendanceSchema,
  /** Why an excused member was away (请假事由). */
  reason: TrimmedText(100).nullable().optional(),
});
export const GradeInputSchema = z.strictObject({
  memberId: IdSchema,
  grade: GradeSchema,
  note: TrimmedText(200).nullable().optional(),
});
export const ThemeDayPartsSchema = z.strictObject({
  theory: LongText(2000),
  bulletin: LongText(2000),
  exchange: LongText(2000),
  microLecture: LongText(2000),
});

const recordFields = {
  status: z.enum(['planned', 'held']).default('held'),
  plannedOn: IsoDateSchema.nullable().optional(),
  heldOn: IsoDateSchema.nullable().optional(),
  place: TrimmedText(100).nullable().optional(),
  hostMemberId: IdSchema.nullable().optional(),
  recorderMemberId: IdSchema.nullable().optional(),
  topic: TrimmedText(200),
  /** Minutes; for a talk, what was said (confidential). */
  content: LongText(20000),
  resolutions: LongText(5000),
  parts: ThemeDayPartsSchema.nullable().optional(),
  studied: LongText(2000),
  appliedTo: LongText(2000),
  outcome: LongText(2000),
  /** How long it lasted, in minutes: members' study hours count from it. */
  durationMinutes: z
    .number()
    .int()
    .min(1, '时长至少 1 分钟')
    .max(1440, '时长不能超过一天')
    .nullable()
    .optional(),
  attendees: z.array(AttendeeInputSchema).max(1000).default([]),
  grades: z.array(GradeInputSchema).max(1000).default([]),
  /** Other Party organisations of the organ that held it jointly (联学联建): it counts for each. Absent: unchanged. */
  jointOrgIds: z.array(IdSchema).max(20, '联合开展的党组织不超过 20 个').optional(),
  /** Partner organisations that took part (共建单位). Absent: unchanged. */
  partnerOrgIds: z.array(IdSchema).max(20, '共建单位不超过 20 个').optional(),
};

export const CreateRecordBodySchema = z.strictObject({
  partyOrgId: IdSchema,
  kind: BranchRecordKindSchema,
  ...recordFields,
  /** A key the device makes for a draft: sending it again (after a dropped connection) returns the same record. */
  clientKey: IdSchema.optional(),
  /** The planned record this one holds (the plan taken over): it is replaced by this record, not kept beside it. */
  planId: IdSchema.optional(),
});
export type CreateRecordBody = z.infer<typeof CreateRecordBodySchema>;

export const UpdateRecordBodySchema = z.strictObject({ ...recordFields, version: VersionSchema });
export type UpdateRecordBody = z.infer<typeof UpdateRecordBodySchema>;

export const RecordCountsSchema = z.object({
  typed: z.number().int(),
  prefilled: z.number().int(),
  reused: z.number().int(),
  imported: z.number().int(),
});
export type RecordCounts = z.infer<typeof RecordCountsSchema>;

export const AttendeeSchema = z.object({
  memberId: IdSchema,
  name: z.string(),
  attendance: AttendanceSchema,
  reason: z.string().nullable(),
  /** On the roster on the day (false: a guest from another branch, or a member who joined the meeting). */
  expected: z.boolean(),
});
export const MemberGradeSchema = z.object({
  memberId: IdSchema,
  name: z.string(),
  grade: GradeSchema,
  note: z.string().nullable(),
});

export const RecordSummarySchema = z.object({
  id: IdSchema,
  partyOrgId: IdSchema,
  partyOrgName: z.string(),
  kind: BranchRecordKindSchema,
  status: z.enum(['planned', 'held']),
  plannedOn: z.string().nullable(),
  heldOn: z.string().nullable(),
  topic: z.string(),
  place: z.string().nullable(),
  hostName: z.string().nullable(),
  present: z.number().int(),
  expected: z.number().int(),
  attachmentCount: z.number().int(),
  source: z.enum(['entry', 'import', 'demo']),
});
export type RecordSummary = z.infer<typeof RecordSummarySchema>;

export const RecordSchema = RecordSummarySchema.extend({
  hostMemberId: IdSchema.nullable(),
  recorderMemberId: IdSchema.nullable(),
  recorderName: z.string().nullable(),
  /** Null when the reader may not see it: a talk's content is for its participants and the branch secretary. */
  content: z.string().nullable(),
  /** The record is a talk whose content this reader may not see. */
  confidential: z.boolean(),
  resolutions: z.string().nullable(),
  parts: z
    .object({
      theory: z.string().nullish(),
      bulletin: z.string().nullish(),
      exchange: z.string().nullish(),
      microLecture: z.string().nullish(),
    })
    .nullable(),
  studied: z.string().nullable(),
  appliedTo: z.string().nullable(),
  outcome: z.string().nullable(),
  durationMinutes: z.number().int().nullable(),
  attendees: z.array(AttendeeSchema),
  grades: z.array(MemberGradeSchema),
  counts: RecordCountsSchema,
  /**
   * Held jointly with these Party organisations (organName: of another organ under the same work committee), and
   * with these partner organisations.
   */
  jointOrgs: z.array(z.object({ id: IdSchema, name: z.string(), organName: z.string().optional() })),
  partners: z.array(z.object({ id: IdSchema, name: z.string() })),
  createdByName: z.string().nullable(),
  canEdit: z.boolean(),
  version: z.number().int(),
});
export type BranchRecord = z.infer<typeof RecordSchema>;

export const RecordListQuerySchema = PageQuerySchema.extend({
  partyOrgId: IdSchema.optional(),
  kind: BranchRecordKindSchema.optional(),
  status: z.enum(['planned', 'held']).optional(),
  from: IsoDateSchema.optional(),
  to: IsoDateSchema.optional(),
  /** Words of the topic (a talk's content is never searched). */
  q: TrimmedText(50).optional(),
});
export type RecordListQuery = z.infer<typeof RecordListQuerySchema>;
export const RecordPageSchema = pageOf(RecordSummarySchema);

export const PrefillQuerySchema = z.strictObject({
  partyOrgId: IdSchema,
  kind: BranchRecordKindSchema,
  /** The day of the meeting (the roster is as of this day); defaults to today. */
  on: IsoDateSchema.optional(),
});
export const PrefillSchema = z.object({
  partyOrgId: IdSchema,
  kind: BranchRecordKindSchema,
  on: z.string(),
  /** The roster on the day: everyone expected, each marked present until told otherwise. */
  expected: z.array(z.object({ memberId: IdSchema, name: z.string(), partyPost: z.string().nullable() })),
  hostMemberId: IdSchema.nullable(),
  recorderMemberId: IdSchema.nullable(),
  place: z.string().nullable(),
  /** The organ's fixed theme day in the month of `on` (主题党日). */
  themeDayOn: z.string(),
  /** A planned record of this kind in the month, whose plan the held record takes over. */
  planned: z.object({ id: IdSchema, topic: z.string(), plannedOn: z.string().nullable() }).nullable(),
});
export type Prefill = z.infer<typeof PrefillSchema>;

export const BranchSettingSchema = z.object({ themeDayOfMonth: z.number().int(), version: z.number().int() });
export const BranchSettingBodySchema = z.strictObject({
  themeDayOfMonth: z
    .number()
    .int()
    .min(1, '主题党日须在每月 1–28 日之间')
    .max(28, '主题党日须在每月 1–28 日之间'),
  version: VersionSchema,
});

export const TemporaryMembersBodySchema = z.strictObject({
  memberIds: z.array(IdSchema).max(500),
});
export const TemporaryMemberSchema = z.object({
  memberId: IdSchema,
  name: z.string(),
  homeOrgName: z.string(),
  fromOn: z.string(),
  toOn: z.string().nullable(),
});
