// Incremental evaluation (issue 13 point 6): the assessment tells its change listeners what changed (which organ,
// which organisations); the warning module marks them, in the changer's transaction, and a job every minute
// evaluates the marked organisations with their organ's root — taking the marks in the same transaction, so a failed
// evaluation leaves them for the next minute. A request never waits for an evaluation.
import { sql } from 'kysely';
import { type Ctx, inTransaction } from '../../core/context.ts';
import type { JobDefinition } from '../../core/jobs.ts';
import type { ChangeListener } from '../assessment/index.ts';
import { evaluateOrgan } from './warning.evaluate.ts';

export const WARNING_CHANGE_LISTENER: ChangeListener = {
  key: 'warning.mark',
  changed: async (ctx, change) => {
    if (change.orgIds.length === 0) return;
    // Only organisations of the changed organ (a joint guest of another organ is told by its own change).
    await ctx.db
      .insertInto('warningDirty')
      .columns(['unitId', 'partyOrgId'])
      .expression((eb) =>
        eb
          .selectFrom('partyOrg')
          .select([sql.lit(change.unitId).as('unitId'), 'id'])
          .where('unitId', '=', change.unitId)
          .where('id', 'in', [...new Set(change.orgIds)]),
      )
      .onConflict((oc) => oc.columns(['unitId', 'partyOrgId']).doNothing())
      .execute();
  },
};

/** Evaluates every organ's marked organisations; answers how many organs and organisations were evaluated. */
export async function evaluateMarked(ctx: Ctx): Promise<{ organs: number; organisations: number }> {
  const units = await ctx.db.selectFrom('warningDirty').select('unitId').distinct().execute();
  let organisations = 0;
  for (const { unitId } of units)
    organisations += await inTransaction(ctx, async (tx) => {
      const marked = await tx.db
        .deleteFrom('warningDirty')
        .where('unitId', '=', unitId)
        .returning('partyOrgId')
        .execute();
      if (marked.length === 0) return 0;
      const e = await evaluateOrgan(tx, unitId, undefined, new Set(marked.map((m) => m.partyOrgId)));
      return e.organisations;
    });
  return { organs: units.length, organisations };
}

export const incrementalJob: JobDefinition = {
  name: 'warning.incremental',
  schedule: { everyMinutes: 1 },
  run: async (ctx, dueAt) => {
    const done = await evaluateMarked({ ...ctx, now: () => dueAt });
    return `evaluated ${done.organisations} marked organisations in ${done.organs} organs`;
  },
};
