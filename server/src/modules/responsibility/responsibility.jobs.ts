// The responsibility module's scheduled jobs (core/jobs.ts, ADR 22).
import { inTransaction } from '../../core/context.ts';
import { chinaDate, type JobDefinition } from '../../core/jobs.ts';
import { settleItems } from './responsibility.obligations.ts';
import { ensureOrganPeriods, organsWithLists } from './responsibility.periods.repository.ts';

export const responsibilityJobs: readonly JobDefinition[] = [
  {
    // At each period boundary (the 1st of a month, a quarter, a half-year, a year) the next period of every
    // recurring duty begins; a daily run makes them on the day they begin, and settles the obligations among them
    // against records that already exist. Runs before the digest (07:30), so the digest sees today's periods. One
    // short transaction per organ: the embedded database's one session is never held for the whole province.
    name: 'responsibility.periods',
    schedule: { daily: '00:20' },
    run: async (ctx, dueAt) => {
      const today = chinaDate(dueAt);
      const year = Number(today.slice(0, 4));
      const jobCtx = { ...ctx, now: () => dueAt };
      let duties = 0;
      const organs = await organsWithLists(jobCtx, year);
      for (const unitId of organs) {
        duties += await inTransaction(jobCtx, async (tx) => {
          const made = await ensureOrganPeriods(tx, unitId, year);
          await settleItems(tx, made.itemIds);
          return made.itemIds.length;
        });
      }
      return `new periods for ${duties} duties in ${organs.length} organs (${today})`;
    },
  },
];
