import { z } from 'zod';
import { IdSchema } from './common.ts';

// The obligations roll-up (held / due / exempt / missing per branch, month and quarter, from the responsibility
// registry) and the burden meter (fields typed vs prefilled, reused or imported) of issue 10.

export const RollupQuerySchema = z.strictObject({
  partyOrgId: IdSchema,
  year: z.coerce.number().int().min(2000, '年份须在 2000–2099 之间').max(2099, '年份须在 2000–2099 之间'),
});
export type RollupQuery = z.infer<typeof RollupQuerySchema>;

const Tally = z.object({
  held: z.number().int(),
  due: z.number().int(),
  exempt: z.number().int(),
  missing: z.number().int(),
});
export type ObligationTally = z.infer<typeof Tally>;

export const ObligationEntrySchema = z.object({
  recordKind: z.string(),
  kindLabel: z.string(),
  itemId: IdSchema,
  itemTitle: z.string(),
  periodKey: z.string(),
  dueOn: z.string(),
  state: z.enum(['held', 'due', 'exempt', 'missing']),
  /** The record that met it: the link down to what produced the tally. */
  recordId: z.string().nullable(),
  recordTitle: z.string().nullable(),
});

export const ObligationRollupSchema = z.object({
  year: z.number().int(),
  branches: z.array(
    z.object({
      partyOrgId: IdSchema,
      name: z.string(),
      /** Index 0 = January. */
      months: z.array(Tally),
      quarters: z.array(Tally),
      total: Tally,
      entries: z.array(ObligationEntrySchema),
    }),
  ),
});
export type ObligationRollup = z.infer<typeof ObligationRollupSchema>;

const Counts = z.object({
  records: z.number().int(),
  typed: z.number().int(),
  prefilled: z.number().int(),
  reused: z.number().int(),
  imported: z.number().int(),
  /** Share of fields nobody typed, 0–1 (null without any field). */
  untypedShare: z.number().nullable(),
});
export type BurdenCounts = z.infer<typeof Counts>;

export const BurdenMeterSchema = z.object({
  year: z.number().int(),
  total: Counts,
  branches: z.array(
    z.object({ partyOrgId: IdSchema, name: z.string(), total: Counts, months: z.array(Counts) }),
  ),
});
export type BurdenMeter = z.infer<typeof BurdenMeterSchema>;

/** Kinds whose attended time counts as study (学习时长): 党课, 学用融, and the theory of 主题党日. */
export const STUDY_KINDS = ['party_lecture', 'study', 'theme_day'] as const;

export const StudyHoursSchema = z.object({
  year: z.number().int(),
  members: z.array(
    z.object({
      memberId: IdSchema,
      name: z.string(),
      partyOrgName: z.string(),
      /** Minutes attended of records that give a duration. */
      minutes: z.number().int(),
      /** Study records attended (with or without a duration). */
      records: z.number().int(),
    }),
  ),
});
export type StudyHours = z.infer<typeof StudyHoursSchema>;
