// The org module's scheduled jobs (core/jobs.ts).
import { inTransaction } from '../../core/context.ts';
import { chinaDate, type JobDefinition } from '../../core/jobs.ts';
import { closeEndedTemporaryOrgs } from './org.lifecycle.ts';

export const orgJobs: readonly JobDefinition[] = [
  {
    // A temporary organisation closes on its end date; at start-up too, for a server that was down at 00:10.
    name: 'org.close_ended_temporary',
    schedule: { daily: '00:10' },
    run: async (ctx, dueAt) => {
      const { closed, kept } = await inTransaction(ctx, (tx) =>
        closeEndedTemporaryOrgs(tx, chinaDate(dueAt)),
      );
      return `closed ${closed.length}${closed.length ? ` (${closed.join(', ')})` : ''}; kept ${kept.length}${kept.length ? ` (${kept.join(', ')})` : ''}`;
    },
  },
];
