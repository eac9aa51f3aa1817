// Rated indicators (issue 12 point 2 "Rated", point 10 "rating forms"): a cycle's rating round covers some rated
// leaves of its system; raters in groups 上级 / 同级 / 群众 answer for the subjects they were given, a score 0–100
// or a choice 好 / 较好 / 一般 / 差. When the round is anonymous nothing a reader or a rated subject reaches names who
// gave which answer, and the organiser sees per rater only "answered / not yet".
import { z } from 'zod';
import { IndicatorKeySchema } from './assessment.ts';
import { IdSchema, IsoDateSchema, TrimmedText, VersionSchema } from './common.ts';

type Label = { zh: string; en: string };

export const RATER_GROUPS = ['superior', 'peer', 'public'] as const;
export const RaterGroupSchema = z.enum(RATER_GROUPS, { message: '请选择评价组：上级、同级或群众' });
export type RaterGroupKey = z.infer<typeof RaterGroupSchema>;
export const RATER_GROUP_NAMES: Record<RaterGroupKey, Label> = {
  superior: { zh: '上级', en: 'Superiors' },
  peer: { zh: '同级', en: 'Peers' },
  public: { zh: '群众', en: 'The masses' },
};

export const RATING_CHOICES = ['good', 'fair', 'average', 'poor'] as const;
export const RatingChoiceSchema = z.enum(RATING_CHOICES, { message: '请选择好、较好、一般或差' });
export type RatingChoice = z.infer<typeof RatingChoiceSchema>;
/** The score a choice counts as (issue 12: 好 100, 较好 85, 一般 70, 差 50). */
export const CHOICE_SCORES: Record<RatingChoice, number> = { good: 100, fair: 85, average: 70, poor: 50 };
export const RATING_CHOICE_NAMES: Record<RatingChoice, Label> = {
  good: { zh: '好', en: 'Good' },
  fair: { zh: '较好', en: 'Fairly good' },
  average: { zh: '一般', en: 'Average' },
  poor: { zh: '差', en: 'Poor' },
};

/** Fewer raters in a group than this and one rater's score could be read back from the group's mean. */
export const MIN_ANONYMOUS_RATERS = 3;

export const ROUND_STATUSES = ['draft', 'open', 'closed'] as const;
export type RoundStatus = (typeof ROUND_STATUSES)[number];

const Weight = z.number({ message: '请填写权重' }).finite().min(0, '权重不能为负').max(100, '权重不超过 100');
export const GroupWeightsSchema = z.strictObject({ superior: Weight, peer: Weight, public: Weight });
export type GroupWeights = z.infer<typeof GroupWeightsSchema>;

const roundFields = {
  leafKeys: z.array(IndicatorKeySchema).min(1, '请至少选择一项评价类指标').max(30),
  weights: GroupWeightsSchema,
  minRaters: z
    .number({ message: '请填写每组最少评价人数' })
    .int('每组最少评价人数应为整数')
    .min(1, '每组最少评价人数至少为 1')
    .max(100, '每组最少评价人数不超过 100'),
  anonymous: z.boolean(),
  opensOn: IsoDateSchema,
  closesOn: IsoDateSchema,
};

const weightsAddUp = (
  b: { weights?: GroupWeights | undefined; opensOn?: string | undefined; closesOn?: string | undefined },
  ctx: z.RefinementCtx,
) => {
  if (b.weights) {
    const sum = b.weights.superior + b.weights.peer + b.weights.public;
    if (Math.abs(sum - 100) > 1e-6)
      ctx.addIssue({
        code: 'custom',
        path: ['weights'],
        message: `上级、同级、群众三组权重合计 ${Math.round(sum * 100) / 100}，应为 100，请调整`,
      });
  }
  if (b.opensOn && b.closesOn && b.closesOn < b.opensOn)
    ctx.addIssue({ code: 'custom', path: ['closesOn'], message: '截止日期不能早于开始日期' });
};

export const CreateRoundBodySchema = z.strictObject(roundFields).superRefine(weightsAddUp);
export type CreateRoundBody = z.infer<typeof CreateRoundBodySchema>;

export const EditRoundBodySchema = z
  .strictObject({
    leafKeys: roundFields.leafKeys.optional(),
    weights: roundFields.weights.optional(),
    minRaters: roundFields.minRaters.optional(),
    anonymous: roundFields.anonymous.optional(),
    opensOn: roundFields.opensOn.optional(),
    closesOn: roundFields.closesOn.optional(),
    version: VersionSchema,
  })
  .superRefine(weightsAddUp);
export type EditRoundBody = z.infer<typeof EditRoundBodySchema>;

export const RatedLeafSchema = z.object({ key: z.string(), name: z.string(), note: z.string().nullable() });
export type RatedLeaf = z.infer<typeof RatedLeafSchema>;

export const GroupProgressSchema = z.object({
  group: RaterGroupSchema,
  raters: z.number().int(),
  submitted: z.number().int(),
  /** Fewer raters than the minimum: the group's mean counts as a band. */
  thin: z.boolean(),
});

export const RatingRoundSchema = z.object({
  id: IdSchema,
  unitId: IdSchema,
  cycleId: IdSchema,
  cycleName: z.string(),
  leafKeys: z.array(z.string()),
  /** The cycle's rated leaves (those the round covers and those it could). */
  ratedLeaves: z.array(RatedLeafSchema),
  weights: GroupWeightsSchema,
  minRaters: z.number().int(),
  anonymous: z.boolean(),
  opensOn: IsoDateSchema,
  closesOn: IsoDateSchema,
  status: z.enum(ROUND_STATUSES),
  /** Some rater has saved an answer: anonymity can no longer be switched off. */
  answered: z.boolean(),
  groups: z.array(GroupProgressSchema),
  version: z.number().int(),
});
export type RatingRound = z.infer<typeof RatingRoundSchema>;

/** The cycle's round, or null with the rated leaves one could cover. */
export const CycleRatingSchema = z.object({
  round: RatingRoundSchema.nullable(),
  ratedLeaves: z.array(RatedLeafSchema),
});
export type CycleRating = z.infer<typeof CycleRatingSchema>;

export const AddRatersBodySchema = z.strictObject({
  group: RaterGroupSchema,
  userIds: z.array(IdSchema).min(1, '请至少选择一位评价人').max(500, '一次最多添加 500 位评价人'),
  /** Absent: every subject of the cycle except the rater's own organisation. */
  subjectIds: z.array(IdSchema).min(1, '请至少选择一个评价对象').max(500).optional(),
});
export type AddRatersBody = z.infer<typeof AddRatersBodySchema>;

/** A rater as the organiser sees them: answered or not, never what they answered. */
export const RaterProgressSchema = z.object({
  id: IdSchema,
  name: z.string(),
  group: RaterGroupSchema,
  subjects: z.number().int(),
  submitted: z.boolean(),
  remindedAt: z.string().nullable(),
});
export type RaterProgress = z.infer<typeof RaterProgressSchema>;

export const RatingProgressSchema = z.object({
  round: RatingRoundSchema,
  raters: z.array(RaterProgressSchema),
});
export type RatingProgress = z.infer<typeof RatingProgressSchema>;

export const RaterCandidateSchema = z.object({
  userId: IdSchema,
  name: z.string(),
  orgName: z.string().nullable(),
  alreadyIn: RaterGroupSchema.nullable(),
});
export type RaterCandidate = z.infer<typeof RaterCandidateSchema>;
export const CandidateQuerySchema = z.strictObject({ q: TrimmedText(40).optional() });

export const RemindResultSchema = z.object({ reminded: z.number().int() });

/** "我的待评价": one invitation of the signed-in account. */
export const MyRatingSchema = z.object({
  id: IdSchema,
  cycleName: z.string(),
  group: RaterGroupSchema,
  status: z.enum(ROUND_STATUSES),
  opensOn: IsoDateSchema,
  closesOn: IsoDateSchema,
  anonymous: z.boolean(),
  subjects: z.number().int(),
  /** Answers to give = subjects × leaves; answered counts the ones saved. */
  toGive: z.number().int(),
  answered: z.number().int(),
  submittedAt: z.string().nullable(),
});
export type MyRating = z.infer<typeof MyRatingSchema>;

export const RatingAnswerSchema = z.object({
  subjectId: IdSchema,
  leafKey: IndicatorKeySchema,
  score: z.number().finite().min(0, '分数应在 0 到 100 之间').max(100, '分数应在 0 到 100 之间').optional(),
  choice: RatingChoiceSchema.optional(),
  comment: TrimmedText(500, { multiline: true }).optional(),
});
export type RatingAnswer = z.infer<typeof RatingAnswerSchema>;

export const RatingFormSchema = MyRatingSchema.extend({
  leaves: z.array(RatedLeafSchema),
  subjectList: z.array(z.object({ id: IdSchema, name: z.string() })),
  answers: z.array(
    z.object({
      subjectId: IdSchema,
      leafKey: z.string(),
      score: z.number(),
      choice: RatingChoiceSchema.nullable(),
      comment: z.string().nullable(),
    }),
  ),
});
export type RatingForm = z.infer<typeof RatingFormSchema>;

export const SaveAnswersBodySchema = z.strictObject({
  answers: z.array(RatingAnswerSchema).max(5000),
});
export type SaveAnswersBody = z.infer<typeof SaveAnswersBodySchema>;
