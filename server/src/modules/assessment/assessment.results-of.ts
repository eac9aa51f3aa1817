// What other modules may read of the results (issue 13): an organisation's Party, business and fusion scores in a
// period, for the warning module's two-skins signal and its thresholds on the total. Read through this door, never
// from assessment_result.
import type { Ctx } from '../../core/context.ts';

export type PeriodResult = {
  subjectId: string;
  cycleId: string;
  cycleName: string;
  total: number | null;
  party: number | null;
  business: number | null;
  fusion: number | null;
  /** Where the result explains itself, down to the records. */
  href: string;
};

/**
 * Each organisation's result in the cycles of one period (`periodKind` and `periodKey`, e.g. 'quarter', '2026-Q3'):
 * a branch's in its organ's branch cycle, an organ's root in the work committee's organ cycle. When several systems
 * ran a cycle for the same period, the one computed last answers.
 */
export async function resultsOfPeriod(
  ctx: Ctx,
  q: { unitId: string; orgIds: readonly string[]; periodKind: string; periodKey: string },
): Promise<Map<string, PeriodResult>> {
  const out = new Map<string, PeriodResult>();
  if (q.orgIds.length === 0) return out;
  const rows = await ctx.db
    .selectFrom('assessmentResult as r')
    .innerJoin('assessmentCycle as c', 'c.id', 'r.cycleId')
    .select([
      'r.subjectId',
      'r.cycleId',
      'c.name',
      'r.total',
      'r.partyScore',
      'r.businessScore',
      'r.fusionScore',
      'c.computedAt',
    ])
    .where('r.unitId', '=', q.unitId)
    .where('r.subjectId', 'in', [...new Set(q.orgIds)])
    .where('c.periodKind', '=', q.periodKind)
    .where('c.periodKey', '=', q.periodKey)
    .where('c.computedAt', 'is not', null)
    .orderBy('c.computedAt', 'desc')
    .execute();
  for (const r of rows) {
    if (out.has(r.subjectId)) continue;
    out.set(r.subjectId, {
      subjectId: r.subjectId,
      cycleId: r.cycleId,
      cycleName: r.name,
      total: num(r.total),
      party: num(r.partyScore),
      business: num(r.businessScore),
      fusion: num(r.fusionScore),
      href: `/assessment/cycles/${r.cycleId}/results/${r.subjectId}`,
    });
  }
  return out;
}

const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));
