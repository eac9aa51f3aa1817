// Running the ladder (issue 13 point 3) over an organ's open warnings: a newly open one is told to its first step,
// an unanswered one climbs when its next step is due (warning.escalation.ts decides; warning.tell.ts tells).
import { sql } from 'kysely';
import type { LadderStep } from '#contracts/warning';
import { type Ctx, inTransaction, nowOf, todayOf } from '../../core/context.ts';
import { configOf, ownerUnitOf } from './warning.config.ts';
import { climbs } from './warning.escalation.ts';
import type { Subject } from './warning.facts.ts';
import { subjectsOf } from './warning.subjects.ts';
import { tellStep } from './warning.tell.ts';

/**
 * The ladder: a newly open warning is told to its first step that has someone to tell; an open, unanswered one
 * climbs when the next step's delay has passed. Answers the number of climbs.
 */
export async function escalate(
  ctx: Ctx,
  unitId: string,
  ladder: readonly LadderStep[],
  newlyOpen: readonly string[],
  subjects: readonly Subject[],
  today: string,
): Promise<number> {
  const now = nowOf(ctx);
  const open = await ctx.db
    .selectFrom('warning')
    .select([
      'id',
      'partyOrgId',
      'kind',
      'level',
      'status',
      'step',
      'stepAt',
      'answerKind',
      'answerPlanDue',
      'dataText',
      'deadline',
    ])
    .where('unitId', '=', unitId)
    .where('status', '=', 'open')
    .execute();
  const pathOf = new Map(subjects.map((s) => [s.id, s]));
  let climbed = 0;
  for (const w of open) {
    const s = pathOf.get(w.partyOrgId);
    if (!s) continue;
    const fresh = newlyOpen.includes(w.id) && w.stepAt === null;
    if (!fresh && !climbs(w, ladder, now, today)) continue;
    const from = fresh ? 0 : w.step + 1;
    const reached = await tellStep(ctx, {
      unitId,
      warning: w,
      org: s,
      ladder,
      from,
      today,
      lapsed: !fresh && w.answerKind !== null,
    });
    if (!fresh) climbed++;
    await ctx.db
      .updateTable('warning')
      .set({ step: reached, stepAt: now, version: sql`version + 1`, updatedAt: now })
      .where('unitId', '=', unitId)
      .where('id', '=', w.id)
      .execute();
  }
  return climbed;
}

/** The ladder alone, for the hourly job: warnings whose next step is due climb; nothing is judged again. */
export async function escalateOrgan(ctx: Ctx, unitId: string): Promise<number> {
  return inTransaction(ctx, async (tx) => {
    await sql`select pg_advisory_xact_lock(hashtextextended(${unitId}, 31))`.execute(tx.db);
    const config = await configOf(tx, await ownerUnitOf(tx, unitId));
    return escalate(tx, unitId, config.ladder, [], await subjectsOf(tx, unitId), todayOf(tx));
  });
}
