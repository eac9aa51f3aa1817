// The demo organ's grades and calibrations (issue 12 points 5 and 7): its branch scale as 年度考核 rules usually set
// it (优秀 ≥ 90, 良好 ≥ 80, 一般 ≥ 60, 较差; 优秀 at most 20% of the ranked branches), and two calibrations on this
// year's cycle with the reasons an organ committee would record — one up for an award the indicators do not count,
// one down for a discipline matter. Chosen by rank, so the same seed gives the same demo; two writes in all.
import { type Ctx, todayOf } from '../../core/context.ts';
import { selectCycles } from './assessment.cycles.ts';
import { DEFAULT_GRADES } from './assessment.ranking.ts';

export type OutcomeDemoResult = { scale: boolean; calibrations: number };

const UP = '该支部牵头的“政务服务一网通办”攻坚项目获省级表彰，指标未计入，经机关党委会议研究加 2 分';
const DOWN = '支部一名党员年内受党纪处分，按考核办法经机关党委会议研究扣 3 分';

export async function loadOutcomeDemo(
  ctx: Ctx,
  q: { unitId: string; byName: string },
): Promise<OutcomeDemoResult> {
  const inserted = await ctx.db
    .insertInto('assessmentGradeScale')
    .values({
      unitId: q.unitId,
      level: 'branch',
      steps: JSON.stringify(DEFAULT_GRADES),
      topQuota: 20,
      updatedByName: q.byName,
    })
    .onConflict((oc) => oc.columns(['unitId', 'level']).doNothing())
    .returning('unitId')
    .executeTakeFirst();
  const c = await selectCycles(ctx)
    .where('c.ownerUnitId', '=', q.unitId)
    .where('c.level', '=', 'branch')
    .where('c.periodKind', '=', 'year')
    .where('c.periodKey', '=', todayOf(ctx).slice(0, 4))
    .where('c.status', '=', 'open')
    .executeTakeFirst();
  if (!c) return { scale: !!inserted, calibrations: 0 };
  // Precise scores only (a band is the raters' to settle), best first.
  const ranked = await ctx.db
    .selectFrom('assessmentResult')
    .select(['unitId', 'subjectId', 'total'])
    .where('unitId', '=', q.unitId)
    .where('cycleId', '=', c.id)
    .where('total', 'is not', null)
    .where('bandLow', 'is', null)
    .orderBy('total', 'desc')
    .orderBy('subjectId')
    .execute();
  if (ranked.length < 4) return { scale: !!inserted, calibrations: 0 };
  // The third best goes up (it may pass the second), the second lowest down.
  const picks = [
    { r: ranked[2], by: 2, reason: UP },
    { r: ranked[ranked.length - 2], by: -3, reason: DOWN },
  ].filter((p) => p.r && p.r.total !== null);
  const rows = picks.map(({ r, by, reason }) => {
    const from = r?.total as number;
    return {
      unitId: r?.unitId as string,
      cycleId: c.id,
      subjectId: r?.subjectId as string,
      score: Math.min(120, Math.max(0, Math.round((from + by) * 100) / 100)),
      fromScore: from,
      reason,
      setByName: q.byName,
    };
  });
  const written = await ctx.db
    .insertInto('assessmentCalibration')
    .values(rows)
    .onConflict((oc) => oc.columns(['unitId', 'cycleId', 'subjectId']).doNothing())
    .returning('subjectId')
    .execute();
  return { scale: !!inserted, calibrations: written.length };
}
