// Quarterly bulletins (通报, 一季一晾晒, issue 12 point 6). A bulletin is drafted from a computed cycle: the ranking as
// the results code ranks it, the movers against the previous comparable cycle (same owner and level, the period of
// the same length before), the lowest three with what is being done about each, and a summary. Publishing freezes
// the whole content as a snapshot that later recomputes never alter; a share key lets any account of the organ read
// it, and the officer can revoke or renew the key.
import { z } from 'zod';
import { BandSchema } from './assessment.ts';
import { IdSchema, MultilineTextSchema, TrimmedText, VersionSchema } from './common.ts';

export const BULLETIN_STATUSES = ['draft', 'published'] as const;
export type BulletinStatus = (typeof BULLETIN_STATUSES)[number];
export const BULLETIN_STATUS_LABELS: Record<BulletinStatus, { zh: string; en: string }> = {
  draft: { zh: '草稿', en: 'Draft' },
  published: { zh: '已发布', en: 'Published' },
};

/** How many subjects at the bottom of the ranking the bulletin names (more when the last place is shared). */
export const LOWEST_COUNT = 3;
/** How many movers up and down the bulletin names. */
export const MOVERS_COUNT = 3;

export const BulletinRowSchema = z.object({
  subjectId: IdSchema,
  subjectName: z.string(),
  rank: z.number().int().nullable(),
  outOf: z.number().int(),
  tiedWith: z.array(z.string()),
  total: z.number().nullable(),
  band: BandSchema,
  party: z.number().nullable(),
  business: z.number().nullable(),
  fusion: z.number().nullable(),
  grade: z.object({ grade: z.string(), label: z.string() }).nullable(),
  note: z.string().nullable(),
});
export type BulletinRow = z.infer<typeof BulletinRowSchema>;

/** One subject against the previous period: a positive rankChange moved up (3rd → 1st is +2). */
export const BulletinChangeSchema = z.object({
  subjectId: IdSchema,
  subjectName: z.string(),
  rank: z.number().int().nullable(),
  previousRank: z.number().int().nullable(),
  rankChange: z.number().int().nullable(),
  total: z.number().nullable(),
  previousTotal: z.number().nullable(),
  totalChange: z.number().nullable(),
});
export type BulletinChange = z.infer<typeof BulletinChangeSchema>;

export const BulletinDiffSchema = z.object({
  /** What the comparison was made with: the previous period's published bulletin, or its results as they stand. */
  source: z.enum(['bulletin', 'results']),
  cycleId: IdSchema,
  cycleName: z.string(),
  periodKey: z.string(),
  bulletinId: IdSchema.nullable(),
  changes: z.array(BulletinChangeSchema),
  added: z.array(BulletinChangeSchema),
  gone: z.array(BulletinChangeSchema),
});
export type BulletinDiff = z.infer<typeof BulletinDiffSchema>;

/** Rectification items from responsibility (point 7) will ride here; empty until that registry exists. */
export const BulletinActionSchema = z.object({
  title: z.string(),
  dueOn: z.string().nullable(),
  done: z.boolean(),
});
export type BulletinAction = z.infer<typeof BulletinActionSchema>;

export const BulletinLowestSchema = z.object({
  subjectId: IdSchema,
  subjectName: z.string(),
  rank: z.number().int().nullable(),
  total: z.number().nullable(),
  /** What is being done about it, in the officer's words. */
  note: z.string(),
  actions: z.array(BulletinActionSchema),
});
export type BulletinLowest = z.infer<typeof BulletinLowestSchema>;

export const BulletinContentSchema = z.object({
  title: z.string(),
  cycleId: IdSchema,
  cycleName: z.string(),
  periodKey: z.string(),
  periodLabel: z.string(),
  unitName: z.string(),
  summary: z.string(),
  rows: z.array(BulletinRowSchema),
  moversUp: z.array(BulletinChangeSchema),
  moversDown: z.array(BulletinChangeSchema),
  lowest: z.array(BulletinLowestSchema),
  /** Null when there is no previous comparable cycle (the first period assessed). */
  diff: BulletinDiffSchema.nullable(),
  /** When the results were computed (the draft's live content) or frozen (a published bulletin). */
  asOf: z.string(),
});
export type BulletinContent = z.infer<typeof BulletinContentSchema>;

export const BulletinSummarySchema = z.object({
  id: IdSchema,
  unitId: IdSchema,
  cycleId: IdSchema,
  cycleName: z.string(),
  periodKey: z.string(),
  title: z.string(),
  status: z.enum(BULLETIN_STATUSES),
  publishedAt: z.string().nullable(),
  publishedByName: z.string().nullable(),
  version: z.number().int(),
});
export type BulletinSummary = z.infer<typeof BulletinSummarySchema>;

export const BulletinSchema = BulletinSummarySchema.extend({
  summary: z.string(),
  /** The officer's note per lowest subject, by subject id (the draft's editable part). */
  notes: z.record(z.string(), z.string()),
  content: BulletinContentSchema,
  /** The share key, shown only to whoever runs the organ's assessments; null when none is live. */
  shareKey: z.string().nullable(),
  can: z.object({ edit: z.boolean(), publish: z.boolean(), share: z.boolean() }),
});
export type Bulletin = z.infer<typeof BulletinSchema>;

export const SharedBulletinSchema = z.object({
  id: IdSchema,
  publishedAt: z.string(),
  publishedByName: z.string().nullable(),
  content: BulletinContentSchema,
});
export type SharedBulletin = z.infer<typeof SharedBulletinSchema>;

export const CreateBulletinBodySchema = z.strictObject({
  cycleId: IdSchema,
  title: TrimmedText(100).optional(),
});

// Text areas that may be emptied again: no minimum, but no control or broken characters either (a NUL would fail
// inside PostgreSQL as a 500 rather than as this field's 400).
const NoteText = MultilineTextSchema.max(1000, '不能超过 1000 个字符');
export const PatchBulletinBodySchema = z.strictObject({
  title: TrimmedText(100).optional(),
  summary: MultilineTextSchema.max(4000, '不能超过 4000 个字符').optional(),
  notes: z.record(IdSchema, NoteText).optional(),
  version: VersionSchema,
});

export const BulletinListQuerySchema = z.strictObject({ unitId: IdSchema });
/** Share keys are 32 random bytes in base64url (43 characters). */
export const ShareKeySchema = z.string().regex(/^[A-Za-z0-9_-]{43}$/, '分享链接无效');
export const ShareKeyParamsSchema = z.strictObject({ key: ShareKeySchema });
export const ShareSchema = z.object({ shareKey: z.string().nullable() });
