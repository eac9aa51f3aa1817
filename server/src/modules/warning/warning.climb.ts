// Running the ladder (issue 13 point 3) over an organ's open warnings: a newly open one is told to its first step,
// an unanswered one climbs when its next step is due (warning.escalation.ts decides; warning.tell.ts tells).
import { sql } from 'kysely';
import type { LadderStep } from '#contracts/warning';
import { chunked } from '../../core/chunked.ts';
import { type Ctx, inTransaction, nowOf, todayOf } from '../../core/context.ts';
import { configOf, ownerUnitOf } from './warning.config.ts';
import { climbs } from './warning.escalation.ts';
import type { Subject } from './warning.facts.ts';
import { subjectsOf } from './warning.subjects.ts';
import { type Telling, tellSteps } from './warning.tell.ts';

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
  const fresh = new Set(newlyOpen);
  const tellings: (Telling & { climbs: boolean })[] = [];
  for (const w of open) {
    const s = pathOf.get(w.partyOrgId);
    if (!s) continue;
    const first = fresh.has(w.id) && w.stepAt === null;
    if (!first && !climbs(w, ladder, now, today)) continue;
    tellings.push({
      warning: w,
      org: s,
      from: first ? 0 : w.step + 1,
      lapsed: !first && w.answerKind !== null,
      climbs: !first,
    });
  }
  const reached = await tellSteps(ctx, { unitId, tellings, ladder, today });
  const steps = tellings.map((t, i) => sql`(${t.warning.id}::uuid, ${reached[i] as number}::integer)`);
  for (const chunk of chunked(steps, 1000))
    await sql`
      update warning as w set step = v.step, step_at = ${now}, version = w.version + 1, updated_at = ${now}
      from (values ${sql.join(chunk)}) as v(id, step)
      where w.unit_id = ${unitId} and w.id = v.id`.execute(ctx.db);
  const climbed = tellings.filter((t) => t.climbs).length;
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
