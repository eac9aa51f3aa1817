// Results that are used (issue 12 points 5 and 7): the owner's grade scale per cycle level (steps and a quota on the
// top grade, as 年度考核 rules set one), the officer's calibrations of a cycle's scores (each with its reason, who and
// when), and what a result row says about both.
import { z } from 'zod';
import { IdSchema, MultilineTextSchema, TextSchema, VersionSchema } from './common.ts';

/** The levels a scale is kept for: the cycle levels (members too: member cycles rank members within a branch). */
export const OUTCOME_LEVELS = ['branch', 'organ', 'member'] as const;
export const OutcomeLevelSchema = z.enum(OUTCOME_LEVELS);
export type OutcomeLevel = z.infer<typeof OutcomeLevelSchema>;

/** The highest score a calibration or a bar may set (bonuses lift a score past 100): the engine's CALIBRATION_MAX. */
export const OUTCOME_MAX = 120;

export const GradeStepSchema = z.strictObject({
  grade: z
    .string()
    .regex(/^[a-z][a-z0-9_]{0,19}$/, '等次代码由小写字母、数字或下划线组成，以字母开头，不超过 20 位'),
  label: TextSchema.min(1, '请填写等次名称，如“优秀”').max(10, '等次名称不超过 10 个字'),
  atLeast: z
    .number()
    .finite()
    .min(0, `分数线应在 0 到 ${OUTCOME_MAX} 之间`)
    .max(OUTCOME_MAX, `分数线应在 0 到 ${OUTCOME_MAX} 之间`),
});
export type GradeStepBody = z.infer<typeof GradeStepSchema>;

export const GradeScaleSchema = z.object({
  unitId: IdSchema,
  level: OutcomeLevelSchema,
  /** Highest bar first. */
  steps: z.array(GradeStepSchema),
  /** The top grade goes to at most this percentage of the ranked subjects (null: no quota). */
  topQuota: z.number().nullable(),
  /** false: nothing saved, the default scale (优秀 ≥ 90, 良好 ≥ 80, 一般 ≥ 60, 较差) is in force. */
  saved: z.boolean(),
  /** 0 while nothing is saved. */
  version: z.number().int(),
  updatedByName: z.string().nullable(),
  updatedAt: z.string().nullable(),
});
export type GradeScale = z.infer<typeof GradeScaleSchema>;

export const GradeScaleQuerySchema = z.strictObject({ unitId: IdSchema });

export const SaveGradeScaleBodySchema = z.strictObject({
  unitId: IdSchema,
  level: OutcomeLevelSchema,
  steps: z.array(GradeStepSchema).min(1, '请至少设置一个等次').max(8, '最多设置 8 个等次'),
  topQuota: z
    .number()
    .finite()
    // Kept to two decimals (numeric(5,2)): a smaller share would be stored as 0, which the column refuses.
    .min(0.01, '优秀比例至少 0.01%，不限比例请留空')
    .max(100, '优秀比例不超过 100%')
    .nullable(),
  /** The saved scale's version; left out for the first save. */
  version: VersionSchema.optional(),
});

export const CalibrationReasonSchema = MultilineTextSchema.min(
  1,
  '请写明校准理由，如“获市级表彰，经党委会研究上调”',
).max(500, '校准理由不超过 500 个字');

export const SetCalibrationBodySchema = z.strictObject({
  score: z
    .number()
    .finite()
    .min(0, `校准后的得分应在 0 到 ${OUTCOME_MAX} 之间`)
    .max(OUTCOME_MAX, `校准后的得分应在 0 到 ${OUTCOME_MAX} 之间`),
  reason: CalibrationReasonSchema,
  /** The calibration's version when changing one; left out when calibrating the subject for the first time. */
  version: VersionSchema.optional(),
});
export const CalibrationParamsSchema = z.strictObject({ id: IdSchema, subjectId: IdSchema });
export const RemoveCalibrationQuerySchema = z.strictObject({
  version: z.coerce.number().pipe(VersionSchema),
});

export const CalibrationSchema = z.object({
  cycleId: IdSchema,
  subjectId: IdSchema,
  score: z.number(),
  /** The computed score when the officer calibrated. */
  fromScore: z.number().nullable(),
  reason: z.string(),
  byName: z.string().nullable(),
  at: z.string(),
  version: z.number().int(),
});
export type Calibration = z.infer<typeof CalibrationSchema>;

/** What a result row says about its grade and calibration. */
export const ResultOutcomeSchema = z.object({
  /** Why the grade is what it is when a rule moved it (the quota), or why there is none yet (待定: a band). */
  gradeNote: z.string().nullable(),
  calibration: CalibrationSchema.extend({
    /** The score computed now (it may have moved since the calibration: see stale). */
    computed: z.number().nullable(),
    /** The computed score is no longer the one the officer calibrated from: the calibration wants a second look. */
    stale: z.boolean(),
  }).nullable(),
});
export type ResultOutcome = z.infer<typeof ResultOutcomeSchema>;
