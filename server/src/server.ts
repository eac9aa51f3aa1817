import type { FastifyInstance } from 'fastify';
import pino from 'pino';
import { buildApp } from './app.ts';
import type { Config } from './core/config.ts';
import { type Database, openDatabase, refreshStatistics } from './core/db.ts';
import { type JobDefinition, type Scheduler, startScheduler } from './core/jobs.ts';
import { migrateToLatest } from './core/migrate.ts';
import { loadSecrets, type Secrets } from './core/secrets.ts';
import { assessmentJobs } from './modules/assessment/index.ts';
import { ensureAuditHead } from './modules/audit/index.ts';
import { developmentDigest } from './modules/branch/index.ts';
import { deliveryJobs } from './modules/delivery/index.ts';
import { fusionDigest } from './modules/fusion/index.ts';
import { finishCommittedImports } from './modules/member/index.ts';
import { type DigestSource, digestJobs } from './modules/notification/index.ts';
import { orgJobs } from './modules/org/index.ts';
import {
  ensureDefaultTemplate,
  responsibilityDigest,
  responsibilityJobs,
} from './modules/responsibility/index.ts';
import { warningDigest, warningJobs } from './modules/warning/index.ts';

export type Runtime = { config: Config; database: Database; secrets: Secrets };

/**
 * Opens (and on first start creates and migrates) the database the configuration names, and loads the keys (created
 * on first start unless `createKeys` is false: a restore must bring the backup's keys). A trail written before the
 * audit chain was keyed gets keyed here, at the first start after the upgrade (ADR 12), and an import cut short in
 * its publication is finished (ADR 19).
 */
export async function openRuntime(config: Config, options: { createKeys?: boolean } = {}): Promise<Runtime> {
  const database = await openDatabase(config);
  try {
    await migrateToLatest(database.db);
    const secrets = loadSecrets({
      encryptionKey: config.encryptionKey,
      auditKey: config.auditKey,
      dataDir: config.dataDir,
      create: options.createKeys ?? true,
    });
    const ctx = { db: database.db, actor: null, ip: '', log: pino({ level: 'silent' }), secrets };
    await ensureAuditHead(ctx);
    // An import committed but not fully published when the process stopped is finished before anything else runs.
    await finishCommittedImports(ctx);
    // The work committee starts from the standard responsibility list (ADR 23) until it publishes its own.
    await ensureDefaultTemplate(ctx);
    return { config, database, secrets };
  } catch (error) {
    await database.close();
    throw error;
  }
}

export async function startServer(runtime: Runtime): Promise<FastifyInstance> {
  // The embedded database runs no autovacuum: statistics are brought up to date at each start (a server keeps its
  // own current).
  if (runtime.database.kind === 'embedded') await refreshStatistics(runtime.database.db);
  const app = await buildApp({
    config: runtime.config,
    services: { db: runtime.database.db, secrets: runtime.secrets, kind: runtime.database.kind },
  });
  await app.listen({ port: runtime.config.port, host: runtime.config.host });
  return app;
}

/**
 * What each module has to remind people of in the daily digest (ADR 24): a module exports its source from its index
 * and is named here once.
 */
export const DIGEST_SOURCES: readonly DigestSource[] = [
  responsibilityDigest,
  developmentDigest,
  fusionDigest,
  warningDigest,
];

/** Every module's scheduled jobs (core/jobs.ts): a module exports its list from its index and is named here once. */
export const SCHEDULED_JOBS: readonly JobDefinition[] = [
  ...orgJobs,
  ...responsibilityJobs,
  ...assessmentJobs,
  ...warningJobs,
  ...digestJobs(DIGEST_SOURCES),
];

/**
 * Starts the scheduler of this instance. Every instance runs one; each job still runs once per due time. Their
 * audit entries name the scheduler, with the console's whole-tree scope.
 */
export function startJobs(
  runtime: Runtime,
  actor: NonNullable<import('./core/context.ts').Ctx['actor']>,
): Scheduler {
  return startScheduler({
    ctx: {
      db: runtime.database.db,
      actor: { ...actor, username: 'system:scheduler', displayName: '定时任务 (scheduler)' },
      ip: '',
      log: pino({ level: runtime.config.logLevel === 'silent' ? 'silent' : 'warn' }),
      secrets: runtime.secrets,
    },
    // The sender needs the installation's mail server, which only the runtime's configuration knows.
    jobs: [...SCHEDULED_JOBS, ...deliveryJobs({ smtp: runtime.config.smtp })],
  });
}
