// The organ's business KPI catalogue, its values by period and department, and the saved import mappings (issue 12
// point 2). Read by whoever reads the organ's assessments; kept by the organ's committee (assessment.run at its top),
// the officers who "import business data" (BRIEF.md).
import type { z } from 'zod';
import type {
  CreateKpiBodySchema,
  Kpi,
  KpiMapping,
  KpiValue,
  KpiValuesQuerySchema,
  PatchKpiBodySchema,
  SaveMappingBodySchema,
} from '#contracts/assessment-kpi';
import type { Ctx } from '../../core/context.ts';
import { conflict, invalid, notFound, staleVersion } from '../../core/errors.ts';
import { recordAudit } from '../audit/index.ts';
import { keptUnit, readableUnit } from './assessment.access.ts';
import { periodOfKey } from './assessment.kpi-rollup.ts';
import { kpiRuleChanged } from './assessment.kpi-store.ts';

export const KPI_NOT_FOUND = '该业务指标不存在或不在您的管辖范围内';

const kpiView = (r: {
  id: string;
  unitId: string;
  code: string;
  name: string;
  measureUnit: string;
  periodRollup: string;
  deptCombine: string;
  note: string | null;
  active: boolean;
  version: number;
  values?: number | string | bigint | null;
}): Kpi => ({
  id: r.id,
  unitId: r.unitId,
  code: r.code,
  name: r.name,
  measureUnit: r.measureUnit,
  periodRollup: r.periodRollup as Kpi['periodRollup'],
  deptCombine: r.deptCombine as Kpi['deptCombine'],
  note: r.note,
  active: r.active,
  values: Number(r.values ?? 0),
  version: r.version,
});

export async function listKpis(ctx: Ctx, unitId: string): Promise<Kpi[]> {
  await readableUnit(ctx, unitId);
  const rows = await ctx.db
    .selectFrom('businessKpi as k')
    .selectAll('k')
    .select((eb) =>
      eb
        .selectFrom('businessKpiValue as v')
        .select((e) => e.fn.countAll<number>().as('n'))
        .whereRef('v.unitId', '=', 'k.unitId')
        .whereRef('v.kpiCode', '=', 'k.code')
        .as('values'),
    )
    .where('k.unitId', '=', unitId)
    .orderBy('k.active', 'desc')
    .orderBy('k.code')
    .execute();
  return rows.map(kpiView);
}

async function loadKpi(ctx: Ctx, id: string) {
  const row = await ctx.db.selectFrom('businessKpi').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('assessment.kpi_not_found', KPI_NOT_FOUND);
  await readableUnit(ctx, row.unitId).catch(() => {
    throw notFound('assessment.kpi_not_found', KPI_NOT_FOUND);
  });
  return row;
}

export async function createKpi(ctx: Ctx, body: z.output<typeof CreateKpiBodySchema>): Promise<Kpi> {
  await keptUnit(ctx, body.unitId, 'assessment.run');
  const row = await ctx.db
    .insertInto('businessKpi')
    .values({
      unitId: body.unitId,
      code: body.code,
      name: body.name,
      measureUnit: body.measureUnit,
      periodRollup: body.periodRollup,
      deptCombine: body.deptCombine,
      note: body.note ?? null,
    })
    .onConflict((oc) => oc.columns(['unitId', 'code']).doNothing())
    .returningAll()
    .executeTakeFirst();
  if (!row)
    throw conflict(
      'assessment.kpi_exists',
      `本单位已有代码为“${body.code}”的业务指标，请换一个代码或修改原指标`,
    );
  await recordAudit(ctx, {
    action: 'assessment.kpi_create',
    entityType: 'business_kpi',
    entityId: row.id,
    after: { code: row.code, name: row.name, unit: row.measureUnit },
  });
  return kpiView(row);
}

export async function patchKpi(
  ctx: Ctx,
  id: string,
  body: z.output<typeof PatchKpiBodySchema>,
): Promise<Kpi> {
  const was = await loadKpi(ctx, id);
  await keptUnit(ctx, was.unitId, 'assessment.run');
  const { version, ...changes } = body;
  const row = await ctx.db
    .updateTable('businessKpi')
    .set({ ...changes, version: was.version + 1, updatedAt: new Date() })
    .where('unitId', '=', was.unitId)
    .where('id', '=', id)
    .where('version', '=', version)
    .returningAll()
    .executeTakeFirst();
  if (!row) throw staleVersion(kpiView(was));
  // The figures the leaves hold were rolled up by the old rules (and their words name the KPI): score them again now.
  const scoring = ['name', 'measureUnit', 'periodRollup', 'deptCombine', 'active'] as const;
  const rescored = scoring.some((k) => was[k] !== row[k])
    ? await kpiRuleChanged(ctx, was.unitId, row.code)
    : { cycles: 0, subjects: 0 };
  await recordAudit(ctx, {
    action: 'assessment.kpi_update',
    entityType: 'business_kpi',
    entityId: id,
    before: { name: was.name, unit: was.measureUnit, rollup: was.periodRollup, combine: was.deptCombine },
    after: { name: row.name, unit: row.measureUnit, rollup: row.periodRollup, combine: row.deptCombine },
    details: { active: row.active, rescored },
  });
  return kpiView(row);
}

/** Values of the organ, filtered; a period lists the values of the periods inside it too (a quarter, its months). */
export async function listKpiValues(ctx: Ctx, q: z.output<typeof KpiValuesQuerySchema>): Promise<KpiValue[]> {
  await readableUnit(ctx, q.unitId);
  const window = q.period ? periodOfKey(q.period) : null;
  let query = ctx.db
    .selectFrom('businessKpiValue as v')
    .innerJoin('businessKpi as k', (j) =>
      j.onRef('k.unitId', '=', 'v.unitId').onRef('k.code', '=', 'v.kpiCode'),
    )
    .innerJoin('department as d', (j) =>
      j.onRef('d.unitId', '=', 'v.unitId').onRef('d.id', '=', 'v.departmentId'),
    )
    .select([
      'v.id',
      'v.departmentId',
      'd.code as departmentCode',
      'd.name as departmentName',
      'v.kpiCode',
      'k.name as kpiName',
      'k.measureUnit',
      'v.periodKey',
      'v.value',
      'v.source',
      'v.recordedByName',
      'v.recordedAt',
      'v.version',
    ])
    .where('v.unitId', '=', q.unitId);
  if (window) query = query.where('v.periodFrom', '>=', window.from).where('v.periodTo', '<=', window.to);
  if (q.kpiCode) query = query.where('v.kpiCode', '=', q.kpiCode);
  if (q.departmentId) query = query.where('v.departmentId', '=', q.departmentId);
  const rows = await query
    .orderBy('v.periodFrom', 'desc')
    .orderBy('v.kpiCode')
    .orderBy('d.sortOrder')
    .limit(5_000)
    .execute();
  return rows.map((r) => ({
    ...r,
    source: r.source as KpiValue['source'],
    recordedAt: r.recordedAt.toISOString(),
  }));
}

const mappingView = (r: {
  id: string;
  name: string;
  columns: unknown;
  createdByName: string | null;
  updatedAt: Date;
}): KpiMapping => ({
  id: r.id,
  name: r.name,
  columns: r.columns as Record<string, string | null>,
  createdByName: r.createdByName,
  updatedAt: r.updatedAt.toISOString(),
});

export async function listMappings(ctx: Ctx, unitId: string): Promise<KpiMapping[]> {
  await keptUnit(ctx, unitId, 'assessment.run');
  const rows = await ctx.db
    .selectFrom('businessKpiMapping')
    .selectAll()
    .where('unitId', '=', unitId)
    .orderBy('name')
    .execute();
  return rows.map(mappingView);
}

/** A saved mapping of the organ, or 404. */
export async function mappingOf(ctx: Ctx, unitId: string, id: string): Promise<KpiMapping> {
  const row = await ctx.db
    .selectFrom('businessKpiMapping')
    .selectAll()
    .where('unitId', '=', unitId)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) throw notFound('assessment.kpi_mapping_not_found', '该导入映射不存在或已删除');
  return mappingView(row);
}

/** Saves a mapping by name: the same name again replaces it (the wizard's "save for next time"). */
export async function saveMapping(
  ctx: Ctx,
  body: z.output<typeof SaveMappingBodySchema>,
): Promise<KpiMapping> {
  await keptUnit(ctx, body.unitId, 'assessment.run');
  // One column per field: a mapping that reads the department (or one KPI) from two columns could never be applied.
  const taken = new Map<string, string>();
  const issues: { field: string; message: string }[] = [];
  for (const [header, field] of Object.entries(body.columns)) {
    if (!field) continue;
    const first = taken.get(field);
    if (first === undefined) taken.set(field, header);
    else
      issues.push({
        field: `body.columns.${header}`,
        message: `「${first}」列已对应到同一项，一项只能对应一列，请改选或设为不导入`,
      });
  }
  if (issues.length) throw invalid('assessment.kpi_mapping_invalid', '导入列的对应关系有重复', issues);
  const row = await ctx.db
    .insertInto('businessKpiMapping')
    .values({
      unitId: body.unitId,
      name: body.name,
      columns: JSON.stringify(body.columns),
      createdByName: ctx.actor?.displayName ?? null,
    })
    .onConflict((oc) =>
      oc.columns(['unitId', 'name']).doUpdateSet((eb) => ({
        columns: eb.ref('excluded.columns'),
        createdByName: eb.ref('excluded.createdByName'),
        updatedAt: new Date(),
      })),
    )
    .returningAll()
    .executeTakeFirstOrThrow();
  await recordAudit(ctx, {
    action: 'assessment.kpi_mapping_save',
    entityType: 'business_kpi_mapping',
    entityId: row.id,
    after: { name: row.name, columns: body.columns },
  });
  return mappingView(row);
}

export async function deleteMapping(ctx: Ctx, id: string): Promise<void> {
  const row = await ctx.db
    .selectFrom('businessKpiMapping')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst();
  if (
    !row ||
    !(await readableUnit(ctx, row.unitId).then(
      () => true,
      () => false,
    ))
  )
    throw notFound('assessment.kpi_mapping_not_found', '该导入映射不存在或已删除');
  await keptUnit(ctx, row.unitId, 'assessment.run');
  await ctx.db
    .deleteFrom('businessKpiMapping')
    .where('unitId', '=', row.unitId)
    .where('id', '=', id)
    .execute();
  await recordAudit(ctx, {
    action: 'assessment.kpi_mapping_delete',
    entityType: 'business_kpi_mapping',
    entityId: id,
    before: { name: row.name, columns: row.columns },
  });
}
