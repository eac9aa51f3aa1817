// Business KPIs (issue 12 point 2, "imported"): the organ's catalogue of KPIs, the values per department and period
// that a file import or a business system's push brings in once, the saved import mappings and the push tokens.
// Values feed the imported leaves of indicator systems (a leaf names its kpiCode).
import { z } from 'zod';
import { PeriodKeySchema } from './assessment.ts';
import { IdSchema, TextSchema, TrimmedText, VersionSchema } from './common.ts';

type Label = { zh: string; en: string };

export const KpiCodeSchema = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,39}$/, '业务指标代码由字母、数字、点、横线或下划线组成，不超过 40 位');

export const PERIOD_ROLLUPS = ['sum', 'mean', 'last'] as const;
export const PeriodRollupSchema = z.enum(PERIOD_ROLLUPS, { message: '请选择“累计”“平均”或“取最新”' });
export type PeriodRollup = z.infer<typeof PeriodRollupSchema>;
export const PERIOD_ROLLUP_LABELS: Record<PeriodRollup, Label> = {
  sum: { zh: '累计（各期相加）', en: 'Sum of the periods' },
  mean: { zh: '平均（各期平均）', en: 'Mean of the periods' },
  last: { zh: '取最新一期', en: 'Latest period' },
};
export const DEPT_COMBINES = ['sum', 'mean'] as const;
export const DeptCombineSchema = z.enum(DEPT_COMBINES, { message: '请选择“相加”或“平均”' });
export type DeptCombine = z.infer<typeof DeptCombineSchema>;
export const DEPT_COMBINE_LABELS: Record<DeptCombine, Label> = {
  sum: { zh: '各部门相加', en: 'Sum of the departments' },
  mean: { zh: '各部门平均', en: 'Mean of the departments' },
};
export const KPI_SOURCES = ['import', 'push'] as const;
export type KpiSource = (typeof KPI_SOURCES)[number];
export const KPI_SOURCE_LABELS: Record<KpiSource, Label> = {
  import: { zh: '导入', en: 'Imported' },
  push: { zh: '推送', en: 'Pushed' },
};

/**
 * A period key of a year the periods module keeps (1000–9999, server assessment.periods.ts): '0076' matches the
 * shared pattern but is no period a value can be dated in, and must be the field's 400, not a failed write.
 */
export const KpiPeriodKeySchema = PeriodKeySchema.refine((key) => !key.startsWith('0'), {
  message: '期间的年份应在 1000 至 9999 年之间，格式如 2026-03、2026-Q1、2026-H1 或 2026',
});

export const KpiSchema = z.object({
  id: z.string(),
  unitId: z.string(),
  code: z.string(),
  name: z.string(),
  /** 件 / % / 天 …; a '%' KPI enters as 96.5 and reaches a leaf as the ratio 0.965. */
  measureUnit: z.string(),
  periodRollup: PeriodRollupSchema,
  deptCombine: DeptCombineSchema,
  note: z.string().nullable(),
  active: z.boolean(),
  values: z.number().int(),
  version: z.number().int(),
});
export type Kpi = z.infer<typeof KpiSchema>;

export const CreateKpiBodySchema = z.strictObject({
  unitId: IdSchema,
  code: KpiCodeSchema,
  name: TrimmedText(60),
  measureUnit: TrimmedText(10),
  periodRollup: PeriodRollupSchema,
  deptCombine: DeptCombineSchema,
  note: TrimmedText(500, { multiline: true }).nullable().optional(),
});
export const PatchKpiBodySchema = z.strictObject({
  name: TrimmedText(60).optional(),
  measureUnit: TrimmedText(10).optional(),
  periodRollup: PeriodRollupSchema.optional(),
  deptCombine: DeptCombineSchema.optional(),
  note: TrimmedText(500, { multiline: true }).nullable().optional(),
  active: z.boolean().optional(),
  version: VersionSchema,
});

export const KpiValueSchema = z.object({
  id: z.string(),
  departmentId: z.string(),
  departmentCode: z.string(),
  departmentName: z.string(),
  kpiCode: z.string(),
  kpiName: z.string(),
  measureUnit: z.string(),
  periodKey: z.string(),
  value: z.number(),
  source: z.enum(KPI_SOURCES),
  recordedByName: z.string(),
  recordedAt: z.string(),
  version: z.number().int(),
});
export type KpiValue = z.infer<typeof KpiValueSchema>;

export const KpiValuesQuerySchema = z.strictObject({
  unitId: IdSchema,
  /** A period: its own values and those of the periods inside it (a quarter lists its months too). */
  period: KpiPeriodKeySchema.optional(),
  kpiCode: KpiCodeSchema.optional(),
  departmentId: IdSchema.optional(),
});

/** One value as a business system pushes it. */
export const PushValueSchema = z.strictObject({
  // TextSchema: a control character or a lone surrogate is the field's 400, not a lookup of a code no one has.
  departmentCode: TextSchema.min(1, '请填写部门编码').max(40),
  kpiCode: KpiCodeSchema,
  periodKey: KpiPeriodKeySchema,
  value: z.number({ message: '数值必须是数字' }).finite('数值必须是有限的数字'),
});
export const MAX_PUSH_VALUES = 1_000;
export const PushBodySchema = z.strictObject({
  values: z
    .array(PushValueSchema)
    .min(1, '请至少推送一条数值')
    .max(MAX_PUSH_VALUES, `一次最多推送 ${MAX_PUSH_VALUES} 条，请分批推送`),
});
export const PushResultSchema = z.object({
  received: z.number().int(),
  created: z.number().int(),
  updated: z.number().int(),
  rescored: z.object({ cycles: z.number().int(), subjects: z.number().int() }),
});
export type PushResult = z.infer<typeof PushResultSchema>;

/**
 * A column's field in an import: who (department), when (period), and either a long layout (a KPI code column and a
 * value column) or a wide one (each KPI its own column, named `kpi:<code>`).
 */
export const MAPPING_FIELDS = ['department', 'period', 'kpiCode', 'value'] as const;
export const MappingFieldSchema = z.union([
  z.enum(MAPPING_FIELDS),
  z.string().regex(/^kpi:[A-Za-z0-9][A-Za-z0-9_.-]{0,39}$/, '请选择导入到哪一项业务指标'),
]);
// Headers are kept in a saved mapping (JSONB, which takes no NUL or lone surrogate): text like any other field.
export const MappingColumnsSchema = z.record(TextSchema.max(100), MappingFieldSchema.nullable());

export const KpiMappingSchema = z.object({
  id: z.string(),
  name: z.string(),
  columns: z.record(z.string(), z.string().nullable()),
  createdByName: z.string().nullable(),
  updatedAt: z.string(),
});
export type KpiMapping = z.infer<typeof KpiMappingSchema>;
export const SaveMappingBodySchema = z.strictObject({
  unitId: IdSchema,
  name: TrimmedText(40),
  columns: MappingColumnsSchema,
});

export const ImportQuerySchema = z.strictObject({
  unitId: IdSchema,
  /** A saved mapping to apply. */
  mappingId: IdSchema.optional(),
  /** The mapping as chosen in the wizard (JSON of header → field), over the saved one. */
  columns: z
    .string()
    .max(8_000)
    .optional()
    .transform((s, ctx) => {
      if (s === undefined) return undefined;
      try {
        const parsed = MappingColumnsSchema.safeParse(JSON.parse(s));
        if (parsed.success) return parsed.data;
      } catch {
        // fall through to the issue below
      }
      ctx.addIssue({ code: 'custom', message: '列的对应关系有误，请重新选择' });
      return z.NEVER;
    }),
});

export const ImportColumnSchema = z.object({
  column: z.number().int(),
  header: z.string(),
  field: z.string().nullable(),
  source: z.enum(['chosen', 'saved', 'synonym']).nullable(),
});
export const ImportIssueSchema = z.object({ row: z.number().int(), column: z.string(), message: z.string() });
export const ImportPreviewSchema = z.object({
  fileKind: z.enum(['xlsx', 'csv']),
  sheet: z.string(),
  headerRow: z.number().int(),
  layout: z.enum(['long', 'wide']).nullable(),
  /** The saved mapping applied (chosen, or the one that fits the file's headers best). */
  mapping: z.object({ id: z.string(), name: z.string() }).nullable(),
  columns: z.array(ImportColumnSchema),
  /** Headers of the columns that will not be imported. */
  ignoredColumns: z.array(z.string()),
  /** What stops the mapping (a required field without a column …). */
  mappingProblems: z.array(z.object({ field: z.string(), message: z.string() })),
  rows: z.number().int(),
  values: z.number().int(),
  replaces: z.number().int(),
  sample: z.array(
    z.object({
      row: z.number().int(),
      department: z.string(),
      kpiCode: z.string(),
      periodKey: z.string(),
      value: z.number(),
    }),
  ),
  issues: z.array(ImportIssueSchema),
  unknownDepartments: z.array(z.string()),
  unknownKpis: z.array(z.string()),
});
export type ImportPreview = z.infer<typeof ImportPreviewSchema>;
export const ImportResultSchema = z.object({
  created: z.number().int(),
  updated: z.number().int(),
  rescored: z.object({ cycles: z.number().int(), subjects: z.number().int() }),
});

export const PushTokenSchema = z.object({
  id: z.string(),
  systemName: z.string(),
  /** The token's first characters, so an officer can tell tokens apart; never the token. */
  hint: z.string(),
  createdByName: z.string().nullable(),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
  revokedByName: z.string().nullable(),
});
export type PushToken = z.infer<typeof PushTokenSchema>;
export const CreatePushTokenBodySchema = z.strictObject({ unitId: IdSchema, systemName: TrimmedText(40) });
/** Shown once: the token itself is kept only as a hash. */
export const CreatedPushTokenSchema = PushTokenSchema.extend({ token: z.string() });
