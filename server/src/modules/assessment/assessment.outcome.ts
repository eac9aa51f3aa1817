// Results that are used (issue 12 points 5 and 7): the owner's grade scale per cycle level, the officer's
// calibrations of a cycle's scores, and — for the results code — one call that applies both to a cycle's rows.
//
// A scale is kept by whoever runs the owner's cycles (assessment.run at its top); a cycle grades by its owner's scale
// for its level, the default scale otherwise. A calibration is that officer's decision on one subject while the cycle
// is open, always with a reason; recomputing keeps it, and the row shows the new computed score beside it, so a
// calibration made against an older figure stands out.
import type { z } from 'zod';
import type {
  Calibration,
  GradeScale,
  OutcomeLevel,
  ResultOutcome,
  SaveGradeScaleBodySchema,
  SetCalibrationBodySchema,
} from '#contracts/assessment-outcome';
import type { Ctx } from '../../core/context.ts';
import { conflict, invalid, notFound, staleVersion } from '../../core/errors.ts';
import { recordAudit } from '../audit/index.ts';
import { keptUnit, readableUnit, workCommitteeUnitId } from './assessment.access.ts';
import { type CycleRow, loadCycle, lockCycle } from './assessment.cycles.ts';
import { type GradeRule, type RankedAndGraded, rankAndGrade } from './assessment.outcome-grades.ts';
import {
  applyCalibrations,
  DEFAULT_GRADES,
  type GradeStep,
  gradeIssues,
  type RankEntry,
} from './assessment.ranking.ts';

type ScaleRow = {
  unitId: string;
  level: string;
  steps: unknown;
  topQuota: number | null;
  version: number;
  updatedByName: string | null;
  updatedAt: Date;
};

const byBar = (steps: readonly GradeStep[]) => [...steps].sort((a, b) => b.atLeast - a.atLeast);

function scaleView(unitId: string, level: OutcomeLevel, row: ScaleRow | undefined): GradeScale {
  return row
    ? {
        unitId,
        level,
        steps: byBar(row.steps as GradeStep[]),
        topQuota: row.topQuota,
        saved: true,
        version: row.version,
        updatedByName: row.updatedByName,
        updatedAt: row.updatedAt.toISOString(),
      }
    : {
        unitId,
        level,
        steps: byBar(DEFAULT_GRADES),
        topQuota: null,
        saved: false,
        version: 0,
        updatedByName: null,
        updatedAt: null,
      };
}

/** The levels a unit runs cycles at: the work committee its organs; an organ its branches and its members. */
async function levelsOf(ctx: Ctx, unitId: string): Promise<OutcomeLevel[]> {
  return (await workCommitteeUnitId(ctx)) === unitId ? ['organ'] : ['branch', 'member'];
}

function findScale(ctx: Ctx, unitId: string, level: string, lock = false) {
  const q = ctx.db
    .selectFrom('assessmentGradeScale')
    .selectAll()
    .where('unitId', '=', unitId)
    .where('level', '=', level);
  return (lock ? q.forUpdate() : q).executeTakeFirst();
}

export async function listScales(ctx: Ctx, unitId: string): Promise<GradeScale[]> {
  await readableUnit(ctx, unitId);
  const rows = await ctx.db
    .selectFrom('assessmentGradeScale')
    .selectAll()
    .where('unitId', '=', unitId)
    .execute();
  return (await levelsOf(ctx, unitId)).map((level) =>
    scaleView(
      unitId,
      level,
      rows.find((r) => r.level === level),
    ),
  );
}

export async function saveScale(
  ctx: Ctx,
  body: z.output<typeof SaveGradeScaleBodySchema>,
): Promise<GradeScale> {
  await keptUnit(ctx, body.unitId, 'assessment.run');
  const levels = await levelsOf(ctx, body.unitId);
  if (!levels.includes(body.level))
    throw invalid('assessment.grade_scale_invalid', '该单位不组织这一层级的考核', [
      {
        field: 'body.level',
        message: levels.includes('organ')
          ? '机关工委只考核所属各单位，请选择“工委所属各单位”'
          : '本单位考核党支部或党员，请选择其一',
      },
    ]);
  const issues = gradeIssues(body.steps).map((i) => ({ field: `body.${i.path}`, message: i.message }));
  if (body.topQuota !== null && body.steps.length < 2)
    issues.push({ field: 'body.topQuota', message: '只有一个等次时无从顺延，请再设一个等次或不限优秀比例' });
  if (issues.length) throw invalid('assessment.grade_scale_invalid', '等次设置有误，请按提示修改', issues);
  const before = await findScale(ctx, body.unitId, body.level, true);
  if ((before?.version ?? 0) !== (body.version ?? 0))
    throw staleVersion(scaleView(body.unitId, body.level, before));
  const values = {
    steps: JSON.stringify(byBar(body.steps)),
    topQuota: body.topQuota,
    updatedByName: ctx.actor?.displayName ?? null,
    updatedAt: new Date(),
  };
  const written = before
    ? await ctx.db
        .updateTable('assessmentGradeScale')
        .set({ ...values, version: before.version + 1 })
        .where('unitId', '=', body.unitId)
        .where('level', '=', body.level)
        .where('version', '=', before.version)
        .executeTakeFirst()
        .then((r) => Number(r.numUpdatedRows))
    : await ctx.db
        .insertInto('assessmentGradeScale')
        .values({ unitId: body.unitId, level: body.level, ...values })
        // Two officers saving the first scale at once: the second is told it is stale, as if it had read first.
        .onConflict((oc) => oc.columns(['unitId', 'level']).doNothing())
        .returning('unitId')
        .executeTakeFirst()
        .then((r) => (r ? 1 : 0));
  if (written !== 1) throw staleVersion(null);
  const after = scaleView(body.unitId, body.level, await findScale(ctx, body.unitId, body.level));
  await recordAudit(ctx, {
    action: 'assessment.grade_scale_save',
    entityType: 'assessment_grade_scale',
    entityId: body.unitId,
    before: before ? { steps: before.steps, topQuota: before.topQuota } : null,
    after: { steps: after.steps, topQuota: after.topQuota },
    details: { level: body.level },
  });
  return after;
}

// Calibrations ---------------------------------------------------------------------------------------------------

type CalibrationRow = {
  unitId: string;
  cycleId: string;
  subjectId: string;
  score: number;
  fromScore: number | null;
  reason: string;
  setByName: string | null;
  setAt: Date;
  version: number;
};

const calibrationView = (r: CalibrationRow): Calibration => ({
  cycleId: r.cycleId,
  subjectId: r.subjectId,
  score: r.score,
  fromScore: r.fromScore,
  reason: r.reason,
  byName: r.setByName,
  at: r.setAt.toISOString(),
  version: r.version,
});

/** The cycle and the subject's result when the actor runs the cycle and it is still open. */
async function calibratable(ctx: Ctx, cycleId: string, subjectId: string) {
  const seen = await loadCycle(ctx, cycleId);
  await keptUnit(ctx, seen.ownerUnitId, 'assessment.run');
  // Under the cycle's lock, read again: a close that committed meanwhile is seen, and no calibration lands after it.
  await lockCycle(ctx, seen.id);
  const c = await loadCycle(ctx, cycleId);
  if (c.status === 'closed') throw conflict('assessment.cycle_closed', '该考核已结束，得分不能再校准');
  const result = await ctx.db
    .selectFrom('assessmentResult')
    .select(['unitId', 'total'])
    .where('cycleId', '=', c.id)
    .where('subjectId', '=', subjectId)
    .executeTakeFirst();
  if (!result)
    throw notFound('assessment.result_not_found', '该对象在本次考核中还没有得分，请先计算考核结果');
  const existing = await ctx.db
    .selectFrom('assessmentCalibration')
    .selectAll()
    .where('unitId', '=', result.unitId)
    .where('cycleId', '=', c.id)
    .where('subjectId', '=', subjectId)
    .forUpdate()
    .executeTakeFirst();
  return { c, result, existing };
}

export async function setCalibration(
  ctx: Ctx,
  cycleId: string,
  subjectId: string,
  body: z.output<typeof SetCalibrationBodySchema>,
): Promise<Calibration> {
  const { c, result, existing } = await calibratable(ctx, cycleId, subjectId);
  if ((existing?.version ?? 0) !== (body.version ?? 0))
    throw staleVersion(existing ? calibrationView(existing) : null);
  const values = {
    score: Math.round(body.score * 100) / 100,
    fromScore: result.total,
    reason: body.reason,
    setBy: ctx.actor?.userId ?? null,
    setByName: ctx.actor?.displayName ?? null,
    setAt: new Date(),
  };
  const written = existing
    ? await ctx.db
        .updateTable('assessmentCalibration')
        .set({ ...values, version: existing.version + 1 })
        .where('unitId', '=', result.unitId)
        .where('cycleId', '=', c.id)
        .where('subjectId', '=', subjectId)
        .where('version', '=', existing.version)
        .returningAll()
        .executeTakeFirst()
    : await ctx.db
        .insertInto('assessmentCalibration')
        .values({ unitId: result.unitId, cycleId: c.id, subjectId, ...values })
        .onConflict((oc) => oc.columns(['unitId', 'cycleId', 'subjectId']).doNothing())
        .returningAll()
        .executeTakeFirst();
  if (!written) throw staleVersion(null);
  await recordAudit(ctx, {
    action: 'assessment.calibration_set',
    entityType: 'assessment_cycle',
    entityId: c.id,
    before: existing ? { score: existing.score, reason: existing.reason } : { score: result.total },
    after: { score: written.score, reason: written.reason },
    details: { subjectId, computed: result.total },
  });
  return calibrationView(written);
}

export async function removeCalibration(
  ctx: Ctx,
  cycleId: string,
  subjectId: string,
  version: number,
): Promise<{ removed: true }> {
  const { c, result, existing } = await calibratable(ctx, cycleId, subjectId);
  if (!existing) throw notFound('assessment.calibration_not_found', '该对象的得分没有校准过，无需撤销');
  if (existing.version !== version) throw staleVersion(calibrationView(existing));
  await ctx.db
    .deleteFrom('assessmentCalibration')
    .where('unitId', '=', result.unitId)
    .where('cycleId', '=', c.id)
    .where('subjectId', '=', subjectId)
    .execute();
  await recordAudit(ctx, {
    action: 'assessment.calibration_remove',
    entityType: 'assessment_cycle',
    entityId: c.id,
    before: { score: existing.score, reason: existing.reason },
    after: { score: result.total },
    details: { subjectId },
  });
  return { removed: true };
}

// Applying both to a cycle's rows -----------------------------------------------------------------------------------

export type OutcomeEntry = RankEntry & { group?: string | null };
export type OutcomeRow = RankedAndGraded & { outcome: ResultOutcome };

/**
 * The cycle's rows ranked and graded as its owner's scale and the officer's calibrations say: two queries (the scale,
 * the calibrations), whatever the cycle's size. A calibrated row ranks and grades on the calibrated score; its
 * outcome keeps the computed one beside it. Calibrations of subjects the cycle no longer scores are left out.
 */
export async function gradeAndCalibrate(
  ctx: Ctx,
  c: Pick<CycleRow, 'id' | 'ownerUnitId' | 'level'>,
  entries: readonly OutcomeEntry[],
): Promise<OutcomeRow[]> {
  const scale = await findScale(ctx, c.ownerUnitId, c.level);
  const calibrations = await ctx.db
    .selectFrom('assessmentCalibration')
    .selectAll()
    .where('cycleId', '=', c.id)
    .execute();
  const rule: GradeRule = scale
    ? { steps: scale.steps as GradeStep[], topQuota: scale.topQuota }
    : { steps: DEFAULT_GRADES, topQuota: null };
  const present = new Set(entries.map((e) => e.id));
  const kept = calibrations.filter((k) => present.has(k.subjectId));
  const calibrated = applyCalibrations(
    entries,
    kept.map((k) => ({ id: k.subjectId, to: k.score, reason: k.reason })),
  );
  const groups = new Map(entries.map((e) => [e.id, e.group ?? null]));
  const byId = new Map(kept.map((k) => [k.subjectId, k]));
  const computed = new Map(entries.map((e) => [e.id, e.score]));
  return rankAndGrade(
    calibrated.map((e) => ({
      id: e.id,
      score: e.score,
      band: e.band ?? null,
      group: groups.get(e.id) ?? null,
    })),
    rule,
  ).map((r) => {
    const k = byId.get(r.id);
    const now = computed.get(r.id) ?? null;
    return {
      ...r,
      outcome: {
        gradeNote: r.gradeNote,
        calibration: k
          ? {
              ...calibrationView(k),
              computed: now,
              // Compared in hundredths, as scores are shown.
              stale: Math.round((now ?? -1) * 100) !== Math.round((k.fromScore ?? -1) * 100),
            }
          : null,
      },
    };
  });
}
