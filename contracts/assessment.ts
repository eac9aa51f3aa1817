// One assessment for Party and business work (同考核、同权重, issue 12). An indicator system is a tree in tiers
// (宏观 / 中观 / 微观), each indicator with a domain (Party / business / fusion), a weight among its siblings, a source
// (computed from records through the catalogue of measures, imported business KPIs, or rated by groups) and a
// scoring rule. Systems have editions: a published edition is frozen, and a new one is derived from it. A cycle
// assesses branches within an organ (or organs within the work committee) for one period with one edition.
import { z } from 'zod';
import { FollowUpStateSchema } from './assessment-follow-up.ts';
import { ResultOutcomeSchema } from './assessment-outcome.ts';
import { IdSchema, IsoDateSchema, TrimmedText, VersionSchema } from './common.ts';

type Label = { zh: string; en: string };

export const DOMAINS = ['party', 'business', 'fusion'] as const;
export const DomainSchema = z.enum(DOMAINS);
export type Domain = z.infer<typeof DomainSchema>;
export const DOMAIN_LABELS: Record<Domain, Label> = {
  party: { zh: '党建', en: 'Party' },
  business: { zh: '业务', en: 'Business' },
  fusion: { zh: '融合', en: 'Fusion' },
};

export const TIERS = ['macro', 'meso', 'micro'] as const;
export const TierSchema = z.enum(TIERS);
export type Tier = z.infer<typeof TierSchema>;
export const TIER_LABELS: Record<Tier, Label> = {
  macro: { zh: '宏观', en: 'Macro' },
  meso: { zh: '中观', en: 'Meso' },
  micro: { zh: '微观', en: 'Micro' },
};

/** group: an indicator made of others; the rest are leaves with a rule. */
export const SOURCES = ['group', 'computed', 'imported', 'rated'] as const;
export const SourceSchema = z.enum(SOURCES);
export type Source = z.infer<typeof SourceSchema>;
export const SOURCE_LABELS: Record<Source, Label> = {
  group: { zh: '由下级指标汇总', en: 'Rolled up from below' },
  computed: { zh: '平台记录自动计算', en: 'Computed from records' },
  imported: { zh: '业务系统导入或推送', en: 'Imported or pushed' },
  rated: { zh: '分组评价', en: 'Rated by groups' },
};

const Num = z.number().finite();
export const RuleSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('linear'), floor: Num, target: Num }),
  z.strictObject({
    kind: z.literal('thresholds'),
    direction: z.enum(['higher', 'lower']),
    steps: z
      .array(z.strictObject({ at: Num, score: Num.min(0).max(100) }))
      .min(1, '请至少设置一档')
      .max(10, '最多设置 10 档'),
  }),
  z.strictObject({
    kind: z.literal('deduction'),
    base: Num.min(0).max(100),
    per: Num.positive(),
    cap: Num.min(0).max(100),
  }),
  z.strictObject({ kind: z.literal('bonus'), per: Num.positive(), cap: Num.min(0).max(20) }),
  z.strictObject({ kind: z.literal('ratio') }),
  z.strictObject({ kind: z.literal('direct') }),
]);
export type RuleBody = z.infer<typeof RuleSchema>;
export const RULE_KIND_LABELS: Record<RuleBody['kind'], Label> = {
  linear: { zh: '线性计分', en: 'Linear to target' },
  thresholds: { zh: '分档计分', en: 'Thresholds' },
  deduction: { zh: '扣分', en: 'Deduction' },
  bonus: { zh: '加分', en: 'Bonus' },
  ratio: { zh: '按比例', en: 'Ratio' },
  direct: { zh: '直接得分', en: 'Direct score' },
};

export const IndicatorKeySchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9_.-]{0,39}$/, '指标代码由小写字母、数字、点、横线或下划线组成，不超过 40 位');

/** 2026-03 (month), 2026-Q1, 2026-H1, 2026 (year). */
export const PeriodKeySchema = z
  .string()
  .regex(/^\d{4}(-(0[1-9]|1[0-2]|Q[1-4]|H[12]))?$/, '期间格式如 2026-03、2026-Q1、2026-H1 或 2026');

export type IndicatorBody = {
  /** Stable across editions (results and the differences between editions name indicators by it). */
  key: string;
  name: string;
  tier: Tier;
  domain: Domain;
  weight: number;
  source: Source;
  measureKey?: string | undefined;
  kpiCode?: string | undefined;
  rule?: RuleBody | undefined;
  note?: string | undefined;
  children: IndicatorBody[];
};
export const IndicatorSchema: z.ZodType<IndicatorBody> = z.lazy(() =>
  z.strictObject({
    key: IndicatorKeySchema,
    name: TrimmedText(60),
    tier: TierSchema,
    domain: DomainSchema,
    weight: Num.min(0, '权重不能为负').max(100, '权重不超过 100'),
    source: SourceSchema,
    measureKey: z
      .string()
      .regex(/^[a-z][a-z0-9_]*(\.[a-z0-9_]+)+$/, '请从平台计算的度量中选择')
      .max(80)
      .optional(),
    kpiCode: z
      .string()
      .regex(
        /^[A-Za-z0-9][A-Za-z0-9_.-]{0,39}$/,
        '业务指标代码由字母、数字、点、横线或下划线组成，不超过 40 位',
      )
      .optional(),
    rule: RuleSchema.optional(),
    note: TrimmedText(500, { multiline: true }).optional(),
    children: z.array(IndicatorSchema).max(20, '同一指标下最多 20 项'),
  }),
);

export const SYSTEM_STATUSES = ['draft', 'published', 'retired'] as const;
export type SystemStatus = (typeof SYSTEM_STATUSES)[number];
export const SYSTEM_SUBJECTS = ['org', 'member'] as const;
export type SystemSubject = (typeof SYSTEM_SUBJECTS)[number];

export const SystemIssueSchema = z.object({ key: z.string().nullable(), message: z.string() });

export const SystemSummarySchema = z.object({
  id: IdSchema,
  familyId: IdSchema,
  ownerUnitId: IdSchema,
  ownerUnitName: z.string(),
  /** The work committee's, offered to every organ below it. */
  fromWorkCommittee: z.boolean(),
  edition: z.number().int(),
  name: z.string(),
  subject: z.enum(SYSTEM_SUBJECTS),
  status: z.enum(SYSTEM_STATUSES),
  normalise: z.boolean(),
  /** 同权重: the Party share of Party + business weight the work committee fixed (null: not fixed). */
  partyWeight: z.number().nullable(),
  locked: z.boolean(),
  publishedAt: z.string().nullable(),
  derivedFromId: IdSchema.nullable(),
  version: z.number().int(),
});
export type SystemSummary = z.infer<typeof SystemSummarySchema>;

export const SystemSchema = SystemSummarySchema.extend({
  tree: z.array(IndicatorSchema),
  note: z.string().nullable(),
  /** The live check: every problem that keeps the edition from being published, at its indicator. */
  issues: z.array(SystemIssueSchema),
  /** The effective share of each domain in the total (the product of weights down to each leaf). */
  shares: z.object({ party: z.number(), business: z.number(), fusion: z.number() }),
  can: z.object({ edit: z.boolean(), publish: z.boolean(), derive: z.boolean() }),
});
export type IndicatorSystem = z.infer<typeof SystemSchema>;

export const CreateSystemBodySchema = z.strictObject({
  ownerUnitId: IdSchema,
  name: TrimmedText(100),
  subject: z.enum(SYSTEM_SUBJECTS).default('org'),
  /** Start from the default system (the 六个是否 at the top) instead of an empty tree. */
  fromDefault: z.boolean().default(true),
  normalise: z.boolean().default(false),
  partyWeight: Num.min(0).max(100).nullable().optional(),
});
/** How deep a tree nests (without recursion: a body nested thousands deep must be refused, not overflow the stack). */
export function treeDepth(value: unknown): number {
  let deepest = 0;
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length) {
    const [v, d] = stack.pop() as [unknown, number];
    if (!Array.isArray(v)) continue;
    deepest = Math.max(deepest, d + (v.length ? 1 : 0));
    for (const n of v)
      if (n && typeof n === 'object' && 'children' in n)
        stack.push([(n as { children: unknown }).children, d + 1]);
  }
  return deepest;
}
/** Levels a designer may nest (the tiers, with room for a group of groups). */
export const MAX_TREE_DEPTH = 6;

export const SaveSystemBodySchema = z.strictObject({
  name: TrimmedText(100).optional(),
  note: TrimmedText(2000, { multiline: true }).nullable().optional(),
  normalise: z.boolean().optional(),
  partyWeight: Num.min(0).max(100).nullable().optional(),
  tree: z
    .custom<unknown>((v) => treeDepth(v) <= MAX_TREE_DEPTH, { message: `指标最多 ${MAX_TREE_DEPTH} 级` })
    .pipe(z.array(IndicatorSchema).max(12, '顶层指标最多 12 项'))
    .optional(),
  version: VersionSchema,
});
export const VersionBodySchema = z.strictObject({ version: VersionSchema });

export const MeasureSchema = z.object({
  key: z.string(),
  label: z.string(),
  description: z.string(),
  domain: DomainSchema,
  subject: z.enum(SYSTEM_SUBJECTS),
  unit: z.enum(['ratio', 'count', 'score']),
  suggestedRule: RuleSchema,
  module: z.string(),
});
export type Measure = z.infer<typeof MeasureSchema>;

export const PERIOD_KINDS = ['month', 'quarter', 'half', 'year'] as const;
export const PeriodKindSchema = z.enum(PERIOD_KINDS);
export const CYCLE_LEVELS = ['branch', 'organ', 'member'] as const;
export const CycleLevelSchema = z.enum(CYCLE_LEVELS);
export type CycleLevel = z.infer<typeof CycleLevelSchema>;
export const CYCLE_LEVEL_LABELS: Record<CycleLevel, Label> = {
  branch: { zh: '本单位各党支部', en: "The organ's branches" },
  organ: { zh: '工委所属各单位', en: "The work committee's organs" },
  member: { zh: '本单位党员（支部内排名）', en: "The organ's members (ranked within their branch)" },
};

export const CreateCycleBodySchema = z.strictObject({
  ownerUnitId: IdSchema,
  systemId: IdSchema,
  level: CycleLevelSchema,
  periodKind: PeriodKindSchema,
  // Within the dates the platform keeps (common.ts: 1900-01-01 to 2099-12-31): a cycle's window is shown as dates.
  periodKey: PeriodKeySchema.refine((k) => k >= '1900' && k < '2100', {
    message: '考核期间的年份应在 1900–2099 之间，格式如 2026-Q1、2026-H1 或 2026',
  }),
  name: TrimmedText(100).optional(),
});

export const CycleSchema = z.object({
  id: IdSchema,
  ownerUnitId: IdSchema,
  systemId: IdSchema,
  systemName: z.string(),
  systemEdition: z.number().int(),
  level: CycleLevelSchema,
  periodKind: PeriodKindSchema,
  periodKey: z.string(),
  startsOn: IsoDateSchema,
  endsOn: IsoDateSchema,
  name: z.string(),
  status: z.enum(['open', 'closed']),
  computedAt: z.string().nullable(),
  subjects: z.number().int(),
  version: z.number().int(),
});
export type Cycle = z.infer<typeof CycleSchema>;

export const BandSchema = z.object({ low: z.number(), high: z.number() }).nullable();

export const ResultRowSchema = z.object({
  subjectId: IdSchema,
  subjectName: z.string(),
  unitId: IdSchema,
  total: z.number().nullable(),
  band: BandSchema,
  party: z.number().nullable(),
  business: z.number().nullable(),
  fusion: z.number().nullable(),
  rank: z.number().int().nullable(),
  /** How many subjects of the cycle are ranked ("第 rank 名 / 共 outOf"), whoever reads the row. */
  outOf: z.number().int(),
  /** A member cycle ranks members within their branch: the branch (rank and outOf are within it). */
  group: z.object({ id: IdSchema, name: z.string() }).nullable().optional(),
  tiedWith: z.array(z.string()),
  range: z.object({ best: z.number(), worst: z.number() }).nullable(),
  grade: z.object({ grade: z.string(), label: z.string() }).nullable(),
  note: z.string().nullable(),
  /** The follow-up (限期整改) opened for a result below the cycle's rule, as it stands (assessment-follow-up.ts). */
  followUp: FollowUpStateSchema.nullable().optional(),
  /** Why the grade is what it is, and the officer's calibration (assessment-outcome.ts). */
  outcome: ResultOutcomeSchema.optional(),
});
export type ResultRow = z.infer<typeof ResultRowSchema>;

export type ScoredIndicator = {
  key: string;
  name: string;
  tier: Tier;
  domain: Domain;
  source: Source;
  weight: number;
  effectiveWeight: number | null;
  value: number | null;
  score: number | null;
  contribution: number | null;
  bonus: number | null;
  dropped: boolean;
  rule: string | null;
  applied: string | null;
  /** What the number is, in words ('应开 12 次，已开 11 次'), or why there is none. */
  detail: string | null;
  note: string | null;
  children: ScoredIndicator[];
};
export const ScoredIndicatorSchema: z.ZodType<ScoredIndicator> = z.lazy(() =>
  z.object({
    key: z.string(),
    name: z.string(),
    tier: TierSchema,
    domain: DomainSchema,
    source: SourceSchema,
    weight: z.number(),
    effectiveWeight: z.number().nullable(),
    value: z.number().nullable(),
    score: z.number().nullable(),
    contribution: z.number().nullable(),
    bonus: z.number().nullable(),
    dropped: z.boolean(),
    rule: z.string().nullable(),
    applied: z.string().nullable(),
    detail: z.string().nullable(),
    note: z.string().nullable(),
    children: z.array(ScoredIndicatorSchema),
  }),
);

export const ResultDetailSchema = ResultRowSchema.extend({
  cycle: CycleSchema,
  tree: z.array(ScoredIndicatorSchema),
  computedAt: z.string(),
});
export type ResultDetail = z.infer<typeof ResultDetailSchema>;

/** A record behind a number: the drill-down's last step. */
export const BasisSchema = z.object({
  kind: z.string(),
  kindLabel: z.string(),
  id: z.string().nullable(),
  title: z.string(),
  date: z.string().nullable(),
  /** e.g. 已开展 / 未开展 / 按期完成 / 逾期 */
  state: z.string(),
  counted: z.boolean(),
  /** Where the web app shows it. */
  href: z.string().nullable(),
});
export type Basis = z.infer<typeof BasisSchema>;

export const IndicatorBasisSchema = z.object({
  key: z.string(),
  name: z.string(),
  measure: MeasureSchema.nullable(),
  value: z.number().nullable(),
  detail: z.string().nullable(),
  basis: z.array(BasisSchema),
});
export type IndicatorBasis = z.infer<typeof IndicatorBasisSchema>;

/** A member's own result in a member cycle (述评): the cycle and their row, ranked within their branch. */
export const MyResultSchema = z.object({ cycle: CycleSchema, result: ResultRowSchema });
export type MyResult = z.infer<typeof MyResultSchema>;
