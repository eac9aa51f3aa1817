// A year of assessments for an organ (the demo's, issue 12 point 9): the default system (the 六个是否) published by
// the organ, and its branches assessed for each quarter and half-year that has begun and for the year — the periods
// already over computed and closed, the current ones computed and open, so that a record written today moves them.
import { type Ctx, todayOf } from '../../core/context.ts';
import { computeCycle } from './assessment.cycles.ts';
import { DEFAULT_PARTY_WEIGHT, defaultTree } from './assessment.default-system.ts';
import { type PeriodKind, periodsOf, periodWindow } from './assessment.periods.ts';

export type AssessmentLoadResult = { loaded: boolean; cycles: number };

export async function hasAssessments(ctx: Ctx, unitId: string): Promise<boolean> {
  const row = await ctx.db
    .selectFrom('indicatorSystem')
    .select('id')
    .where('ownerUnitId', '=', unitId)
    .limit(1)
    .executeTakeFirst();
  return !!row;
}

/**
 * level 'branch': the organ's branches (the organ committee's own system); 'organ': the work committee's organs, with
 * the committee's system (its Party/business split fixed for the organs that adopt it).
 */
export async function loadAssessmentYear(
  ctx: Ctx,
  q: { unitId: string; byName: string; level?: 'branch' | 'organ' },
): Promise<AssessmentLoadResult> {
  const level = q.level ?? 'branch';
  const whom = level === 'branch' ? '党支部' : '市直机关';
  if (await hasAssessments(ctx, q.unitId)) return { loaded: false, cycles: 0 };
  const today = todayOf(ctx);
  const year = Number(today.slice(0, 4));
  const now = new Date();
  const system = await ctx.db
    .insertInto('indicatorSystem')
    .values({
      ownerUnitId: q.unitId,
      familyId: crypto.randomUUID(),
      edition: 1,
      name: `${year}年度${whom}党建和业务工作考核指标体系`,
      subject: 'org',
      status: 'published',
      partyWeight: DEFAULT_PARTY_WEIGHT,
      tree: JSON.stringify(defaultTree()),
      note: '顶层为“六个是否”，党建与业务同权重（各占 40 分），融合 20 分。',
      lockedAt: now,
      publishedAt: now,
      publishedByName: q.byName,
      createdByName: q.byName,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  let cycles = 0;
  const kinds: PeriodKind[] = ['quarter', 'half', 'year'];
  for (const kind of kinds)
    for (const key of periodsOf(kind, year)) {
      const w = periodWindow(kind, key);
      if (!w || w.from > today) continue;
      const over = w.to < today;
      const cycle = await ctx.db
        .insertInto('assessmentCycle')
        .values({
          ownerUnitId: q.unitId,
          systemId: system.id,
          level,
          periodKind: kind,
          periodKey: key,
          startsOn: w.from,
          endsOn: w.to,
          name: `${w.label}${whom}党建和业务工作考核`,
          createdByName: q.byName,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await computeCycle(ctx, cycle.id);
      if (over)
        await ctx.db
          .updateTable('assessmentCycle')
          .set({ status: 'closed' })
          .where('id', '=', cycle.id)
          .execute();
      cycles++;
    }
  return { loaded: true, cycles };
}
