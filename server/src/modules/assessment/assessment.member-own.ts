// A member's own results (issue 12 point 4: "results shown to the member themselves"): every computed member cycle
// of their organ that scored them, their row ranked within their branch, and the explanation of their score — for
// the account linked to a member record, whatever its roles. Nobody else's row is ever shown here.
import type { MyResult, ResultDetail } from '#contracts/assessment';
import type { Ctx } from '../../core/context.ts';
import { notFound } from '../../core/errors.ts';
import { requireActor } from './assessment.access.ts';
import { cycleView, selectCycles } from './assessment.cycles.ts';
import { detailOf, ownRow } from './assessment.results.ts';

const NO_RESULT = '没有找到您在该考核中的结果';

function memberOf(ctx: Ctx): string {
  requireActor(ctx);
  const memberId = ctx.actor?.memberId;
  if (!memberId) throw notFound('assessment.no_own_record', '您的账号尚未关联党员信息，请联系所在党支部');
  return memberId;
}

/** The member cycles that scored the actor's member, newest first (a cycle still open is shown as provisional). */
async function ownCycles(ctx: Ctx, memberId: string, cycleId?: string) {
  let q = selectCycles(ctx)
    .where('c.level', '=', 'member')
    .where('c.computedAt', 'is not', null)
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('assessmentResult as r')
          .select('r.subjectId')
          .whereRef('r.cycleId', '=', 'c.id')
          .where('r.subjectId', '=', memberId),
      ),
    );
  if (cycleId) q = q.where('c.id', '=', cycleId);
  return q.orderBy('c.startsOn', 'desc').execute();
}

/** An account not linked to a member has no results of its own: an empty list (the page says how to link it). */
export async function myResults(ctx: Ctx): Promise<MyResult[]> {
  requireActor(ctx);
  const memberId = ctx.actor?.memberId;
  if (!memberId) return [];
  const out: MyResult[] = [];
  // A member is scored by a handful of cycles a year: one ranking per cycle.
  for (const c of await ownCycles(ctx, memberId)) {
    const hit = await ownRow(ctx, c, memberId);
    if (!hit) continue;
    const { order: _o, ...result } = hit.view;
    out.push({ cycle: await cycleView(ctx, c), result });
  }
  return out;
}

export async function myResult(ctx: Ctx, cycleId: string): Promise<ResultDetail> {
  const memberId = memberOf(ctx);
  const [c] = await ownCycles(ctx, memberId, cycleId);
  const hit = c ? await ownRow(ctx, c, memberId) : null;
  if (!c || !hit) throw notFound('assessment.result_not_found', NO_RESULT);
  return detailOf(ctx, c, hit);
}
