// Results that are used (issue 12 point 7): a cycle's rule — a score below which a subject is followed up, and the
// days it has to put things right — and the follow-ups opened for the results below it. What a follow-up is (a
// 限期整改 duty today, a supervision finding later) belongs to the module that registered its kind; assessment keeps
// only which one it opened for which result, and asks that module how it stands.
import { z } from 'zod';
import { IdSchema, VersionSchema } from './common.ts';

export const FOLLOW_UP_STATES = ['open', 'overdue', 'closed'] as const;
export const FollowUpStateKindSchema = z.enum(FOLLOW_UP_STATES);
export type FollowUpStateKind = z.infer<typeof FollowUpStateKindSchema>;
export const FOLLOW_UP_STATE_LABELS: Record<FollowUpStateKind, { zh: string; en: string }> = {
  open: { zh: '整改中', en: 'In progress' },
  overdue: { zh: '已逾期', en: 'Overdue' },
  closed: { zh: '已整改', en: 'Rectified' },
};

/** One follow-up as its module reports it today; the address opens it there. */
export const FollowUpStateSchema = z.object({
  kind: z.string(),
  kindLabel: z.string(),
  ref: z.string(),
  title: z.string(),
  deadline: z.string(),
  state: FollowUpStateKindSchema,
  closedOn: z.string().nullable(),
  href: z.string().nullable(),
});
export type FollowUpState = z.infer<typeof FollowUpStateSchema>;

export const FOLLOW_UP_THRESHOLD_MAX = 100;
export const FOLLOW_UP_DAYS_MAX = 365;
export const FOLLOW_UP_DEFAULTS = { threshold: 60, deadlineDays: 30 } as const;

export const FollowUpRuleSchema = z.object({
  cycleId: IdSchema,
  threshold: z.number(),
  deadlineDays: z.number().int(),
  kind: z.string(),
  version: z.number().int(),
  updatedByName: z.string().nullable(),
});
export type FollowUpRule = z.infer<typeof FollowUpRuleSchema>;

export const FollowUpRuleBodySchema = z.strictObject({
  threshold: z
    .number({ message: '请填写整改线（0 到 100 之间的分数）' })
    .min(0, '整改线不能低于 0 分')
    .max(FOLLOW_UP_THRESHOLD_MAX, '整改线不能高于 100 分'),
  deadlineDays: z
    .number({ message: '请填写整改期限（天数）' })
    .int('整改期限按整天计算')
    .min(1, '整改期限至少 1 天')
    .max(FOLLOW_UP_DAYS_MAX, '整改期限最长 365 天'),
  /** The registered kind that opens the follow-ups (限期整改 by default). */
  kind: z
    .string()
    .regex(/^[a-z][a-z_.]{0,63}$/, '请从列表中选择跟进方式')
    .optional(),
  /** The rule's version when it is changed; absent when it is set for the first time. */
  version: VersionSchema.optional(),
});
export type FollowUpRuleBody = z.output<typeof FollowUpRuleBodySchema>;

/** Where a subject stands against the rule: below it, a band not judged, no score, or at or above it. */
export const FOLLOW_UP_VERDICTS = ['below', 'band', 'no_score', 'passed'] as const;
export const FollowUpVerdictSchema = z.enum(FOLLOW_UP_VERDICTS);
export type FollowUpVerdict = z.infer<typeof FollowUpVerdictSchema>;

export const FollowUpRowSchema = z.object({
  subjectId: IdSchema,
  subjectName: z.string(),
  unitId: IdSchema,
  total: z.number().nullable(),
  rank: z.number().int().nullable(),
  verdict: FollowUpVerdictSchema,
  followUp: FollowUpStateSchema.nullable(),
});
export type FollowUpRow = z.infer<typeof FollowUpRowSchema>;

export const CycleFollowUpsSchema = z.object({
  cycleId: IdSchema,
  cycleStatus: z.enum(['open', 'closed']),
  computed: z.boolean(),
  rule: FollowUpRuleSchema.nullable(),
  /** What the form starts from when no rule is set: this owner's last rule, else 60 points and 30 days. */
  suggested: z.object({ threshold: z.number(), deadlineDays: z.number().int(), kind: z.string() }),
  kinds: z.array(z.object({ key: z.string(), label: z.string() })),
  /** Every subject the reader sees, lowest first: who falls below, who is a band, who has a follow-up. */
  rows: z.array(FollowUpRowSchema),
  /** Below the rule and nothing opened yet: what opening would open now. */
  toOpen: z.number().int(),
});
export type CycleFollowUps = z.infer<typeof CycleFollowUpsSchema>;

export const OpenFollowUpsResultSchema = z.object({
  opened: z.number().int(),
  followUps: CycleFollowUpsSchema,
});
export type OpenFollowUpsResult = z.infer<typeof OpenFollowUpsResultSchema>;

export const CloseCycleBodySchema = z.strictObject({ version: VersionSchema });
