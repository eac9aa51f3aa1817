// The warning module's scheduled jobs (core/jobs.ts, ADR 22): every organ evaluated in full each night after the
// assessment's recompute (01:10), so the index and the levels stand on the night's scores before the digest (07:30);
// the ladder checked every hour, so a step falls due within the hour it is due; the organisations a change marked,
// every minute (warning.incremental.ts). One transaction per organ.
import type { JobDefinition } from '../../core/jobs.ts';
import { organRoots } from '../org/index.ts';
import { escalateOrgan } from './warning.climb.ts';
import { evaluateOrgan } from './warning.evaluate.ts';
import { incrementalJob } from './warning.incremental.ts';

export const warningJobs: readonly JobDefinition[] = [
  incrementalJob,
  {
    name: 'warning.evaluate',
    schedule: { daily: '02:10' },
    run: async (ctx, dueAt) => {
      const jobCtx = { ...ctx, now: () => dueAt };
      let raised = 0;
      let cleared = 0;
      const organs = await organRoots(ctx.db);
      for (const o of organs) {
        const e = await evaluateOrgan(jobCtx, o.unitId);
        raised += e.raised;
        cleared += e.cleared;
      }
      return `evaluated ${organs.length} organs: ${raised} warnings raised, ${cleared} cleared`;
    },
  },
  {
    name: 'warning.escalate',
    schedule: { everyMinutes: 60 },
    run: async (ctx, dueAt) => {
      const jobCtx = { ...ctx, now: () => dueAt };
      const units = await ctx.db
        .selectFrom('warning')
        .select('unitId')
        .distinct()
        .where('status', '=', 'open')
        .execute();
      let climbed = 0;
      for (const u of units) climbed += await escalateOrgan(jobCtx, u.unitId);
      return `${climbed} warnings climbed the ladder`;
    },
  },
];
