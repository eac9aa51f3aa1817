// The fusion index (融合度) and graded early warning (预警 绿/黄/橙/红, issue 13, ADR 31), shared by server and web.
// An index is a weighted composite of parts a work committee chooses (versioned formulas); a warning names the rule,
// the data, the deadline and what returns the organisation to green; the ladder says who hears of it, and when.
import { z } from 'zod';
import { IdSchema, IsoDateSchema, MultilineTextSchema, TrimmedText, VersionSchema } from './common.ts';

type Label = { zh: string; en: string };

export const LEVELS = ['green', 'yellow', 'orange', 'red'] as const;
export const LevelSchema = z.enum(LEVELS, { message: '预警等级应为绿、黄、橙、红之一' });
export type Level = z.infer<typeof LevelSchema>;
export const LEVEL_LABELS: Record<Level, Label> = {
  green: { zh: '绿色', en: 'Green' },
  yellow: { zh: '黄色', en: 'Yellow' },
  orange: { zh: '橙色', en: 'Orange' },
  red: { zh: '红色', en: 'Red' },
};
export const LEVEL_RANK: Record<Level, number> = { green: 0, yellow: 1, orange: 2, red: 3 };

// ——— The index formula ———

/** A part of the index: a measure of the assessment catalogue, or the gap between the Party and business scores. */
export const IndexPartSchema = z.strictObject({
  key: z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, '组成项标识应为小写字母、数字和下划线'),
  label: TrimmedText(40),
  source: z.discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('measure'), measureKey: z.string().min(1).max(80) }),
    /** 100 − factor × |Party score − business score| of the organisation's assessment result in the period. */
    z.strictObject({ kind: z.literal('gap') }),
  ]),
  /** Measures: the value scoring 0 and the value scoring 100, linear between (floor > target: lower is better). */
  floor: z.number().finite(),
  target: z.number().finite(),
  weight: z.number().min(0, '权重不能为负').max(100, '权重不能超过 100'),
});
export type IndexPart = z.infer<typeof IndexPartSchema>;

export const IndexFormulaBodySchema = z
  .strictObject({
    name: TrimmedText(60),
    parts: z.array(IndexPartSchema).min(1, '至少需要一个组成项').max(12, '组成项不能超过 12 个'),
    note: TrimmedText(500, { multiline: true }).nullable().optional(),
  })
  .superRefine((body, ctx) => {
    const keys = new Set<string>();
    body.parts.forEach((p, i) => {
      if (keys.has(p.key))
        ctx.addIssue({ code: 'custom', path: ['parts', i, 'key'], message: '组成项标识重复' });
      keys.add(p.key);
      if (p.source.kind === 'measure' && p.floor === p.target)
        ctx.addIssue({ code: 'custom', path: ['parts', i, 'target'], message: '满分值不能等于零分值' });
      if (p.source.kind === 'gap' && !(p.target > p.floor && p.floor >= 0))
        ctx.addIssue({
          code: 'custom',
          path: ['parts', i, 'target'],
          message: '差距项的满分差距（零分值）应大于 0：差距达到该值即得 0 分',
        });
    });
    const total = body.parts.reduce((s, p) => s + p.weight, 0);
    if (Math.abs(total - 100) > 0.001)
      ctx.addIssue({ code: 'custom', path: ['parts'], message: `各组成项权重之和应为 100，现为 ${total}` });
  });
export type IndexFormulaBody = z.infer<typeof IndexFormulaBodySchema>;

export const IndexFormulaSchema = z.object({
  id: IdSchema,
  familyId: IdSchema,
  edition: z.number().int(),
  name: z.string(),
  status: z.enum(['draft', 'published', 'retired']),
  parts: z.array(IndexPartSchema),
  note: z.string().nullable(),
  ownerUnitId: IdSchema,
  publishedAt: z.string().nullable(),
  version: z.number().int(),
});
export type IndexFormula = z.infer<typeof IndexFormulaSchema>;

export const PutIndexFormulaSchema = z.strictObject({
  formula: IndexFormulaBodySchema,
  version: VersionSchema,
});

// ——— Index values, explained ———

export const IndexBasisSchema = z.object({
  kind: z.string(),
  kindLabel: z.string(),
  id: z.string(),
  title: z.string(),
  date: z.string().nullable(),
  state: z.string(),
  href: z.string().nullable(),
});
export type IndexBasis = z.infer<typeof IndexBasisSchema>;

export const IndexPartValueSchema = z.object({
  key: z.string(),
  label: z.string(),
  weight: z.number(),
  /** The raw value (a share, a count, a gap in points); null when there is no data. */
  raw: z.number().nullable(),
  /** 0–100; null drops the part out of the average (and says so in `detail`). */
  score: z.number().nullable(),
  detail: z.string(),
  /** Where the raw value came from: an assessment result, a measure of the catalogue. */
  href: z.string().nullable(),
});
export type IndexPartValue = z.infer<typeof IndexPartValueSchema>;

export const IndexValueSchema = z.object({
  partyOrgId: IdSchema,
  partyOrgName: z.string(),
  periodKey: z.string(),
  value: z.number().nullable(),
  formulaId: IdSchema,
  formulaName: z.string(),
  formulaEdition: z.number().int(),
  parts: z.array(IndexPartValueSchema),
  computedAt: z.string(),
});
export type IndexValue = z.infer<typeof IndexValueSchema>;

export const IndexPartBasisSchema = z.object({
  part: IndexPartValueSchema,
  basis: z.array(IndexBasisSchema),
});

// ——— Rules and the ladder ———

export const RULE_KINDS = [
  'index_below',
  'score_below',
  'index_falling',
  'party_business_gap',
  'obligations_missed',
  'duties_overdue',
  'no_activity',
  'rectification_overdue',
  'indicator_below',
] as const;
export const RuleKindSchema = z.enum(RULE_KINDS, { message: '规则类型不正确' });
export type RuleKind = z.infer<typeof RuleKindSchema>;
export const RULE_KIND_LABELS: Record<RuleKind, Label> = {
  index_below: { zh: '融合度偏低', en: 'Fusion index low' },
  score_below: { zh: '考核得分偏低', en: 'Assessment score low' },
  index_falling: { zh: '融合度连续下降', en: 'Fusion index falling' },
  party_business_gap: { zh: '党建与业务“两张皮”', en: 'Party and business apart' },
  obligations_missed: { zh: '规定动作缺项', en: 'Obligations missed' },
  duties_overdue: { zh: '责任事项逾期', en: 'Duties overdue' },
  no_activity: { zh: '支部活动长期空白', en: 'No branch activity' },
  rectification_overdue: { zh: '整改逾期', en: 'Rectification overdue' },
  indicator_below: { zh: '重点指标得分偏低', en: 'Chosen indicators low' },
};

/**
 * A rule and its thresholds: `yellow`, `orange`, `red` are the values at which each level starts (any may be null:
 * that level is never reached). For "below" rules the level starts when the value is below it; for the others when
 * it is at or above it. `periods` is the run length of index_falling; `days` the silence of no_activity.
 */
export const RuleSchema = z
  .strictObject({
    kind: RuleKindSchema,
    enabled: z.boolean(),
    yellow: z.number().finite().nullable(),
    orange: z.number().finite().nullable(),
    red: z.number().finite().nullable(),
    /** Days a condition must last before the warning is raised (a late record, a slow import). */
    graceDays: z.number().int().min(0, '宽限天数不能为负').max(90, '宽限天数不能超过 90 天'),
    /** Days from raising to the deadline the warning states. */
    deadlineDays: z.number().int().min(1, '整改期限至少 1 天').max(180, '整改期限不能超过 180 天'),
    /**
     * indicator_below only: the indicators (keys of the assessment's indicator system, a leaf or a group) whose
     * score (0–100) the thresholds apply to, each on its own; the worst of them sets the level.
     */
    indicators: z
      .array(z.string().trim().min(1, '指标不能为空').max(100, '指标标识过长'))
      .max(10, '重点指标最多选 10 项')
      .optional(),
  })
  .superRefine((r, ctx) => {
    if (r.kind === 'indicator_below' && r.enabled && (r.indicators?.length ?? 0) === 0)
      ctx.addIssue({ code: 'custom', path: ['indicators'], message: '请至少选择一项重点指标' });
    if (r.indicators && new Set(r.indicators).size !== r.indicators.length)
      ctx.addIssue({ code: 'custom', path: ['indicators'], message: '同一指标只能选一次' });
    if (r.yellow === null && r.orange === null && r.red === null)
      ctx.addIssue({ code: 'custom', path: ['yellow'], message: '至少设置一个等级的阈值' });
    const below = r.kind === 'index_below' || r.kind === 'score_below' || r.kind === 'indicator_below';
    const set = (['yellow', 'orange', 'red'] as const).filter((l) => r[l] !== null);
    for (let i = 1; i < set.length; i++) {
      const a = r[set[i - 1] as 'yellow'] as number;
      const b = r[set[i] as 'yellow'] as number;
      if (below ? b > a : b < a)
        ctx.addIssue({
          code: 'custom',
          path: [set[i] as string],
          message: below ? '等级越高，阈值应越低' : '等级越高，阈值应越高',
        });
    }
  });
export type Rule = z.infer<typeof RuleSchema>;

export const LADDER_ROLES = ['branch_secretary', 'organ_committee_officer', 'leading_group_member'] as const;
export const LadderRoleSchema = z.enum(LADDER_ROLES, { message: '层级应为支部书记、机关党委或党组' });
export type LadderRole = z.infer<typeof LadderRoleSchema>;
export const LADDER_ROLE_LABELS: Record<LadderRole, Label> = {
  branch_secretary: { zh: '支部书记', en: 'Branch secretary' },
  organ_committee_officer: { zh: '机关党委', en: 'Organ committee' },
  leading_group_member: { zh: '党组', en: 'Leading group' },
};
/** A step of the ladder: who hears of an unanswered warning, `afterDays` after the previous step. */
export const LadderStepSchema = z.strictObject({
  role: LadderRoleSchema,
  afterDays: z.number().int().min(0, '间隔天数不能为负').max(60, '间隔天数不能超过 60 天'),
});
export type LadderStep = z.infer<typeof LadderStepSchema>;

/** An indicator a work committee may choose for indicator_below: of its published systems (or the default one). */
export const IndicatorChoiceSchema = z.object({
  key: z.string(),
  name: z.string(),
  /** The groups above it, for telling apart indicators of the same name. */
  path: z.string(),
});
export type IndicatorChoice = z.infer<typeof IndicatorChoiceSchema>;

export const WarningConfigSchema = z.object({
  rules: z.array(RuleSchema),
  ladder: z.array(LadderStepSchema),
  /** What indicator_below may choose from. */
  indicatorChoices: z.array(IndicatorChoiceSchema),
  /** Whether this is the work committee's own configuration, or the defaults nobody has changed yet. */
  isDefault: z.boolean(),
  version: z.number().int(),
});
export type WarningConfig = z.infer<typeof WarningConfigSchema>;

export const PutWarningConfigSchema = z
  .strictObject({
    rules: z.array(RuleSchema).max(RULE_KINDS.length),
    ladder: z.array(LadderStepSchema).min(1, '升级链至少一级').max(6, '升级链不能超过 6 级'),
    version: z.number().int().min(0),
  })
  .superRefine((b, ctx) => {
    const seen = new Set<string>();
    b.rules.forEach((r, i) => {
      if (seen.has(r.kind))
        ctx.addIssue({ code: 'custom', path: ['rules', i, 'kind'], message: '同一类规则只能设置一条' });
      seen.add(r.kind);
    });
  });

// ——— Warnings ———

export const WARNING_STATUSES = ['pending', 'open', 'excepted', 'cleared'] as const;
export type WarningStatus = (typeof WARNING_STATUSES)[number];
export const WARNING_STATUS_LABELS: Record<WarningStatus, Label> = {
  pending: { zh: '宽限期内', en: 'In grace' },
  open: { zh: '预警中', en: 'Open' },
  excepted: { zh: '已批准例外', en: 'Excepted' },
  cleared: { zh: '已解除', en: 'Cleared' },
};

/** One concrete thing that would return the organisation to green: a record to make, an item to finish, a value. */
export const ReturnStepSchema = z.object({
  text: z.string(),
  href: z.string().nullable(),
});
export type ReturnStep = z.infer<typeof ReturnStepSchema>;

export const ANSWER_KINDS = ['note', 'plan', 'rectification'] as const;
export const AnswerKindSchema = z.enum(ANSWER_KINDS, { message: '答复方式应为说明、整改计划或整改事项' });
export type AnswerKind = z.infer<typeof AnswerKindSchema>;

export const WarningEventSchema = z.object({
  at: z.string(),
  kind: z.string(),
  level: LevelSchema.nullable(),
  step: z.number().int().nullable(),
  text: z.string(),
  actorName: z.string().nullable(),
});

export const WarningSchema = z.object({
  id: IdSchema,
  unitId: IdSchema,
  partyOrgId: IdSchema,
  partyOrgName: z.string(),
  kind: RuleKindSchema,
  level: LevelSchema,
  status: z.enum(WARNING_STATUSES),
  /** The rule in words, with its thresholds. */
  rule: z.string(),
  /** The data that triggered it, in words. */
  data: z.string(),
  deadline: z.string().nullable(),
  returns: z.array(ReturnStepSchema),
  firstSeenOn: z.string(),
  raisedOn: z.string().nullable(),
  clearedOn: z.string().nullable(),
  /** The ladder step reached (0 = the first) and who that is. */
  step: z.number().int(),
  stepLabel: z.string(),
  nextStepOn: z.string().nullable(),
  answer: z
    .object({
      kind: AnswerKindSchema,
      note: z.string(),
      planDue: z.string().nullable(),
      href: z.string().nullable(),
      byName: z.string().nullable(),
      on: z.string(),
      lapsed: z.boolean(),
    })
    .nullable(),
  exception: z.object({ reason: z.string(), until: z.string(), byName: z.string().nullable() }).nullable(),
  version: z.number().int(),
});
export type Warning = z.infer<typeof WarningSchema>;

export const WarningDetailSchema = WarningSchema.extend({
  history: z.array(WarningEventSchema),
});
export type WarningDetail = z.infer<typeof WarningDetailSchema>;

export const AnswerWarningSchema = z
  .strictObject({
    kind: AnswerKindSchema,
    note: TrimmedText(1000, { multiline: true }).pipe(z.string().min(1, '请写明答复内容')),
    planDue: IsoDateSchema.nullable().optional(),
    version: VersionSchema,
  })
  .superRefine((b, ctx) => {
    if (b.kind === 'plan' && !b.planDue)
      ctx.addIssue({ code: 'custom', path: ['planDue'], message: '整改计划须写明完成日期' });
  });

export const CreateExceptionSchema = z.strictObject({
  partyOrgId: IdSchema,
  kind: RuleKindSchema,
  reason: MultilineTextSchema.pipe(z.string().min(2, '请写明例外的理由').max(500, '理由不能超过 500 字')),
  until: IsoDateSchema,
});

export const ExceptionSchema = z.object({
  id: IdSchema,
  partyOrgId: IdSchema,
  partyOrgName: z.string(),
  kind: RuleKindSchema,
  reason: z.string(),
  until: z.string(),
  byName: z.string().nullable(),
  createdAt: z.string(),
  revokedAt: z.string().nullable(),
});
export type WarningException = z.infer<typeof ExceptionSchema>;

export const WarningListQuerySchema = z.strictObject({
  unitId: IdSchema.optional(),
  partyOrgId: IdSchema.optional(),
  status: z.enum(['active', 'cleared', 'all']).default('active'),
});

// ——— The overview (一张图) ———

export const OverviewOrgSchema = z.object({
  partyOrgId: IdSchema,
  unitId: IdSchema,
  name: z.string(),
  kind: z.string(),
  parentId: IdSchema.nullable(),
  level: LevelSchema,
  index: z.number().nullable(),
  /** The index of the previous periods, oldest first (the trend). */
  trend: z.array(z.object({ periodKey: z.string(), value: z.number().nullable() })),
  openWarnings: z.number().int(),
  answered: z.number().int(),
});
export type OverviewOrg = z.infer<typeof OverviewOrgSchema>;

export const OverviewSchema = z.object({
  periodKey: z.string(),
  scope: z.enum(['committee', 'organ']),
  orgs: z.array(OverviewOrgSchema),
  counts: z.record(LevelSchema, z.number().int()),
  warnings: z.array(WarningSchema),
  evaluatedAt: z.string().nullable(),
});
export type Overview = z.infer<typeof OverviewSchema>;

export const LevelChangeSchema = z.object({
  at: z.string(),
  from: LevelSchema,
  to: LevelSchema,
  reason: z.string(),
});
