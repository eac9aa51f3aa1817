// Scheduled jobs (core/jobs.ts) on both databases: two instances tick at the same moment and the job runs once; a
// later due time runs again; a failure is kept with its reason; a run whose instance died is taken over after its
// lease. On PostgreSQL the two instances have pools of their own, as two processes would.
import { randomBytes } from 'node:crypto';
import pino from 'pino';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { cliActor } from '../server/src/cli/cli-context.ts';
import type { Ctx } from '../server/src/core/context.ts';
import { type Database, openServerDatabase } from '../server/src/core/db.ts';
import { type JobDefinition, startScheduler } from '../server/src/core/jobs.ts';
import { secretsFromKey } from '../server/src/core/secrets.ts';
import { createServerTestDatabase, createTestDatabase, testDbKind } from './db.ts';

const opened: Database[] = [];
let drop = async () => {};
let a: Ctx;
let b: Ctx;
beforeAll(async () => {
  const secrets = secretsFromKey(randomBytes(32));
  const ctxOf = (database: Database): Ctx => ({
    db: database.db,
    actor: cliActor(),
    ip: '',
    log: pino({ level: 'silent' }),
    secrets,
  });
  if (testDbKind === 'postgres') {
    const created = await createServerTestDatabase();
    drop = created.drop;
    opened.push(openServerDatabase(created.url, { max: 2 }), openServerDatabase(created.url, { max: 2 }));
  } else {
    const database = await createTestDatabase();
    opened.push(database, database);
  }
  a = ctxOf(opened[0] as Database);
  b = ctxOf(opened[1] as Database);
});
afterAll(async () => {
  for (const d of new Set(opened)) await d.close();
  await drop();
});

it('runs a job once per due time across instances, keeps failures, and takes over a dead instance’s run', async () => {
  let clock = new Date('2026-12-07T01:00:00Z'); // 09:00 in Beijing
  const now = () => clock;
  const calls: string[] = [];
  let failNext = false;
  const job: JobDefinition = {
    name: 'test.digest',
    schedule: { daily: '08:00' },
    run: async (_ctx, dueAt) => {
      calls.push(dueAt.toISOString());
      // Long enough that the other instance's tick overlaps it.
      await new Promise((r) => setTimeout(r, 50));
      if (failNext) throw new Error('邮件服务器不可达');
      return 'sent 3 digests';
    },
  };
  const one = startScheduler({ ctx: a, jobs: [job], now, tickMs: 0, instance: 'A' });
  const two = startScheduler({ ctx: b, jobs: [job], now, tickMs: 0, instance: 'B' });

  const [ranA, ranB] = await Promise.all([one.tick(), two.tick()]);
  expect(calls).toEqual(['2026-12-07T00:00:00.000Z']);
  expect([...ranA, ...ranB]).toEqual([
    {
      job: 'test.digest',
      dueAt: new Date('2026-12-07T00:00:00Z'),
      status: 'done',
      outcome: 'sent 3 digests',
    },
  ]);
  // Later the same day: nothing is due that has not run.
  clock = new Date('2026-12-07T09:00:00Z');
  expect([...(await one.tick()), ...(await two.tick())]).toEqual([]);

  // The next morning, the job fails: the run says why, and the day after it runs again.
  clock = new Date('2026-12-08T00:30:00Z');
  failNext = true;
  await Promise.all([one.tick(), two.tick()]);
  const failed = await a.db
    .selectFrom('jobRun')
    .selectAll()
    .where('dueAt', '=', new Date('2026-12-08T00:00:00Z'))
    .executeTakeFirstOrThrow();
  expect(failed).toMatchObject({ status: 'failed', outcome: '邮件服务器不可达', attempts: 1 });
  expect(failed.finishedAt).not.toBeNull();

  // An instance died while running the 9 December run: the other takes it over once the lease has passed, not before.
  failNext = false;
  await a.db
    .insertInto('jobRun')
    .values({
      job: 'test.digest',
      dueAt: new Date('2026-12-09T00:00:00Z'),
      status: 'running',
      instance: 'C',
      startedAt: new Date('2026-12-09T00:00:05Z'),
    })
    .execute();
  clock = new Date('2026-12-09T00:10:00Z');
  expect(await two.tick()).toEqual([]);
  clock = new Date('2026-12-09T00:20:00Z');
  expect((await two.tick()).map((r) => r.status)).toEqual(['done']);
  const retaken = await b.db
    .selectFrom('jobRun')
    .selectAll()
    .where('dueAt', '=', new Date('2026-12-09T00:00:00Z'))
    .executeTakeFirstOrThrow();
  expect(retaken).toMatchObject({ status: 'done', instance: 'B', attempts: 2 });
  expect(calls).toHaveLength(3);
  await Promise.all([one.stop(), two.stop()]);
});

it('refuses a job registered twice or a schedule it cannot keep', () => {
  const job: JobDefinition = { name: 'x', schedule: { daily: '08:00' }, run: async () => undefined };
  expect(() => startScheduler({ ctx: a, jobs: [job, job], tickMs: 0 })).toThrow(/registered twice/);
  expect(() =>
    startScheduler({ ctx: a, jobs: [{ ...job, schedule: { everyMinutes: 7 } }], tickMs: 0 }),
  ).toThrow(RangeError);
});
