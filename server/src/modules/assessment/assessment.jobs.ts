// The assessment module's scheduled job (core/jobs.ts, ADR 22): every open cycle computed in full each night, after
// the day's periods begin (00:20) and before the digest (07:30). The incremental path rescores what a change
// announces; the night catches what nobody announces — a duty or a milestone whose day has passed, a business
// figure that moved, a brand reviewed. One transaction per cycle: the embedded database's one session is never held
// for the whole province.
import { inTransaction } from '../../core/context.ts';
import type { JobDefinition } from '../../core/jobs.ts';
import { computeCycle } from './assessment.cycles.ts';

export const assessmentJobs: readonly JobDefinition[] = [
  {
    name: 'assessment.recompute',
    schedule: { daily: '01:10' },
    run: async (ctx, dueAt) => {
      const jobCtx = { ...ctx, now: () => dueAt };
      const open = await ctx.db
        .selectFrom('assessmentCycle')
        .select('id')
        .where('status', '=', 'open')
        .where('computedAt', 'is not', null)
        .orderBy('startsOn')
        .execute();
      let subjects = 0;
      for (const c of open)
        subjects += (await inTransaction(jobCtx, (tx) => computeCycle(tx, c.id))).subjects;
      return `recomputed ${open.length} open cycles, ${subjects} subjects`;
    },
  },
];
