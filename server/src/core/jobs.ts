// Scheduled jobs (定时任务): work that runs at set times whatever anyone does — closing temporary organisations whose
// term ended, generating the next period's obligations, the daily digest of reminders. Modules define their jobs and
// export them from their index; the server starts one scheduler with all of them (a registry, so a new module's jobs
// plug in without editing another module).
//
// - Exactly once per due time: a run is a row keyed (job, due_at); the instance whose insert creates it runs the job,
//   every other instance's insert meets the key (several instances on one server, or the embedded database). A run
//   whose instance died is taken over once its lease has passed.
// - Missed times are caught up once: after a stop, a job runs for its latest due time, not for every one it missed
//   (each job works "as of now": the digest of today, the organisations whose term has ended by today).
// - Times are China Standard Time (UTC+8, no daylight saving): "daily at 00:10" is 00:10 in Beijing.
// - The clock is a parameter, so tests move time instead of waiting for it.
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { Ctx } from './context.ts';
import type { Db } from './db.ts';

export type JobSchedule =
  /** Every day at HH:MM, China time. */
  | { daily: string }
  /** Every n minutes from midnight China time (n divides a day into equal parts). */
  | { everyMinutes: number };

export type JobDefinition = {
  /** Namespaced, e.g. 'org.close_ended_temporary'; the key of its runs. */
  name: string;
  schedule: JobSchedule;
  /** Runs for `dueAt`; what it returns is kept as the run's outcome (a line for the operator). */
  run: (ctx: Ctx, dueAt: Date) => Promise<string | undefined>;
};

const CHINA_OFFSET_MS = 8 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

/** The latest due time of `schedule` at or before `now`. */
export function latestDueTime(schedule: JobSchedule, now: Date): Date {
  const local = now.getTime() + CHINA_OFFSET_MS;
  const midnight = Math.floor(local / DAY_MS) * DAY_MS;
  if ('daily' in schedule) {
    const match = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(schedule.daily);
    if (!match) throw new RangeError(`daily time must be HH:MM, not ${schedule.daily}`);
    const at = midnight + (Number(match[1]) * 60 + Number(match[2])) * 60_000;
    return new Date((at <= local ? at : at - DAY_MS) - CHINA_OFFSET_MS);
  }
  const step = schedule.everyMinutes * 60_000;
  if (!Number.isInteger(schedule.everyMinutes) || schedule.everyMinutes < 1 || DAY_MS % step !== 0)
    throw new RangeError(`everyMinutes must divide a day, not ${schedule.everyMinutes}`);
  return new Date(midnight + Math.floor((local - midnight) / step) * step - CHINA_OFFSET_MS);
}

/** The China date (YYYY-MM-DD) of an instant: what "today" means for a job due then. */
export function chinaDate(at: Date): string {
  return new Date(at.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 10);
}

export type SchedulerOptions = {
  /** The context jobs run with (its actor is who their audit entries name). */
  ctx: Ctx;
  jobs: readonly JobDefinition[];
  now?: () => Date;
  /** How often the scheduler looks for due jobs; default one minute. */
  tickMs?: number;
  /** After this long a run still marked running is taken to be dead and may be taken over; default 15 minutes. */
  leaseMs?: number;
  /** Names this instance in its runs; default a random id. */
  instance?: string;
};

export type TickResult = { job: string; dueAt: Date; status: 'done' | 'failed'; outcome: string | null }[];

export type Scheduler = {
  /** Looks for due jobs now and runs those this instance claims; what it ran. */
  tick: () => Promise<TickResult>;
  /** Stops ticking and waits for a tick under way. */
  stop: () => Promise<void>;
};

/** Claims the run of `job` at `dueAt` for `instance`: true when this instance is to run it. */
async function claim(db: Db, job: string, dueAt: Date, instance: string, now: Date, leaseMs: number) {
  const inserted = await db
    .insertInto('jobRun')
    .values({ job, dueAt, status: 'running', instance, startedAt: now })
    .onConflict((oc) => oc.columns(['job', 'dueAt']).doNothing())
    .returning('job')
    .executeTakeFirst();
  if (inserted) return true;
  // Taken over only when the run is still marked running long after it started: its instance is gone.
  const retaken = await db
    .updateTable('jobRun')
    .set({ instance, startedAt: now, attempts: sql`attempts + 1` })
    .where('job', '=', job)
    .where('dueAt', '=', dueAt)
    .where('status', '=', 'running')
    .where('startedAt', '<', new Date(now.getTime() - leaseMs))
    .returning('job')
    .executeTakeFirst();
  return retaken !== undefined;
}

/** Starts a scheduler over `options.jobs` (call `tick` yourself with tickMs 0: tests). */
export function startScheduler(options: SchedulerOptions): Scheduler {
  const now = options.now ?? (() => new Date());
  const leaseMs = options.leaseMs ?? 15 * 60_000;
  const instance = options.instance ?? randomUUID();
  const names = new Set<string>();
  for (const job of options.jobs) {
    if (names.has(job.name)) throw new Error(`job ${job.name} is registered twice`);
    names.add(job.name);
    latestDueTime(job.schedule, new Date()); // refuses a malformed schedule at start, not at its first due time
  }
  const { ctx } = options;

  const tick = async (): Promise<TickResult> => {
    const ran: TickResult = [];
    for (const job of options.jobs) {
      const at = now();
      const dueAt = latestDueTime(job.schedule, at);
      if (!(await claim(ctx.db, job.name, dueAt, instance, at, leaseMs))) continue;
      let status: 'done' | 'failed' = 'done';
      let outcome: string | null = null;
      try {
        outcome = (await job.run(ctx, dueAt)) ?? null;
      } catch (error) {
        status = 'failed';
        outcome = error instanceof Error ? error.message : String(error);
        ctx.log.error({ job: job.name, dueAt, err: error }, 'scheduled job failed');
      }
      await ctx.db
        .updateTable('jobRun')
        .set({ status, outcome: outcome?.slice(0, 2000) ?? null, finishedAt: now() })
        .where('job', '=', job.name)
        .where('dueAt', '=', dueAt)
        .where('instance', '=', instance)
        .execute();
      ran.push({ job: job.name, dueAt, status, outcome });
    }
    return ran;
  };

  let running: Promise<unknown> = Promise.resolve();
  let timer: NodeJS.Timeout | null = null;
  if ((options.tickMs ?? 60_000) > 0) {
    const every = options.tickMs ?? 60_000;
    const loop = () => {
      running = tick()
        .catch((error: unknown) => ctx.log.error({ err: error }, 'scheduler tick failed'))
        .finally(() => {
          if (timer !== null) timer = setTimeout(loop, every);
        });
    };
    timer = setTimeout(loop, 0);
  }
  return {
    tick,
    stop: async () => {
      if (timer !== null) clearTimeout(timer);
      timer = null;
      await running;
    },
  };
}
