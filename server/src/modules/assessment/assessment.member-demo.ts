// The demo organ's member 述评 (issue 12 point 4): the default member system published by the organ, and every member
// assessed for each half-year of the year that has begun — the first half computed and closed, the current one
// computed and open, so that a record written today moves the members it concerns. Everything is counted from what
// the demo already holds (民主评议 grades, duties, project milestones, the departments' KPIs): nothing is invented.
import { type Ctx, todayOf } from '../../core/context.ts';
import { computeCycle } from './assessment.cycles.ts';
import { DEFAULT_PARTY_WEIGHT } from './assessment.default-system.ts';
import { defaultMemberTree } from './assessment.member-default.ts';
import { periodsOf, periodWindow } from './assessment.periods.ts';

export async function loadMemberYear(
  ctx: Ctx,
  q: { unitId: string; byName: string },
): Promise<{ cycles: number }> {
  const already = await ctx.db
    .selectFrom('indicatorSystem')
    .select('id')
    .where('ownerUnitId', '=', q.unitId)
    .where('subject', '=', 'member')
    .executeTakeFirst();
  if (already) return { cycles: 0 };
  const today = todayOf(ctx);
  const year = Number(today.slice(0, 4));
  const now = new Date();
  const system = await ctx.db
    .insertInto('indicatorSystem')
    .values({
      ownerUnitId: q.unitId,
      familyId: crypto.randomUUID(),
      edition: 1,
      name: `${year}年度党员履职述评指标体系`,
      subject: 'member',
      status: 'published',
      partyWeight: DEFAULT_PARTY_WEIGHT,
      tree: JSON.stringify(defaultMemberTree()),
      note: '党建与业务同权重（各占 40 分），融合 20 分；得分全部取自已有记录，党员无需另行填报。',
      lockedAt: now,
      publishedAt: now,
      publishedByName: q.byName,
      createdByName: q.byName,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  let cycles = 0;
  for (const key of periodsOf('half', year)) {
    const w = periodWindow('half', key);
    if (!w || w.from > today) continue;
    const cycle = await ctx.db
      .insertInto('assessmentCycle')
      .values({
        ownerUnitId: q.unitId,
        systemId: system.id,
        level: 'member',
        periodKind: 'half',
        periodKey: key,
        startsOn: w.from,
        endsOn: w.to,
        name: `${w.label}党员履职述评`,
        createdByName: q.byName,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await computeCycle(ctx, cycle.id);
    if (w.to < today)
      await ctx.db
        .updateTable('assessmentCycle')
        .set({ status: 'closed' })
        .where('id', '=', cycle.id)
        .execute();
    cycles++;
  }
  return { cycles };
}
