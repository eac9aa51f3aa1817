// The demo's follow-ups (issue 12 point 7): the organ's year cycle gets a rule that its lowest branches fall below —
// the line an officer would draw just above the third-lowest score — and its 限期整改 items are opened through the
// same path as the officer's button. Closing one is the responsibility module's (its progress report).
import { type Ctx, todayOf } from '../../core/context.ts';
import { selectCycles } from './assessment.cycles.ts';
import { openBelow } from './assessment.follow-up.ts';
import { defaultFollowUpKind } from './assessment.follow-ups.ts';

/** How many of the lowest branches the demo's line catches (ties at the line may add one). */
const LOWEST = 3;

export async function loadFollowUpDemo(
  ctx: Ctx,
  q: { unitId: string; byName: string },
): Promise<{ opened: number }> {
  const cycle = await selectCycles(ctx)
    .where('c.ownerUnitId', '=', q.unitId)
    .where('c.level', '=', 'branch')
    .where('c.periodKind', '=', 'year')
    .where('c.computedAt', 'is not', null)
    .orderBy('c.startsOn', 'desc')
    .executeTakeFirst();
  if (!cycle) return { opened: 0 };
  const ruled = await ctx.db
    .selectFrom('assessmentFollowUpRule')
    .select('cycleId')
    .where('unitId', '=', q.unitId)
    .where('cycleId', '=', cycle.id)
    .executeTakeFirst();
  if (ruled) return { opened: 0 };
  const totals = (
    await ctx.db
      .selectFrom('assessmentResult')
      .select('total')
      .where('cycleId', '=', cycle.id)
      .where('total', 'is not', null)
      .where('bandLow', 'is', null)
      .orderBy('total')
      .limit(LOWEST)
      .execute()
  ).map((r) => r.total as number);
  const edge = totals.at(-1);
  if (edge === undefined) return { opened: 0 };
  const threshold = Math.min(100, Math.floor(edge) + 1);
  // Within this year where it can: the secretaries' duties list this year's items (a later deadline lands next year).
  const today = todayOf(ctx);
  const left = Math.round((Date.parse(`${today.slice(0, 4)}-12-31`) - Date.parse(today)) / 86_400_000);
  const deadlineDays = Math.max(7, Math.min(30, left));
  const rule = {
    cycleId: cycle.id,
    threshold,
    deadlineDays,
    kind: defaultFollowUpKind(),
    version: 1,
    updatedByName: q.byName,
  };
  await ctx.db
    .insertInto('assessmentFollowUpRule')
    .values({
      unitId: q.unitId,
      cycleId: cycle.id,
      threshold,
      deadlineDays,
      kind: rule.kind,
      updatedByName: q.byName,
    })
    .execute();
  return { opened: await openBelow(ctx, cycle, rule) };
}
